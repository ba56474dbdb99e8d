/** Sent by the SurveyJS page once its first question is on screen (it loads hidden behind the server-rendered page). */
export const SURVEYJS_READY = 'candor:surveyjs-ready';
