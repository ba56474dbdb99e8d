import type { ElementJson, SurveyDefinition } from '../survey-definition';
import { findClockFunctions } from '../../respondent/clock-functions';
import { isSameSiteUrl } from '../same-site-url';
import type { DefinitionProblem } from './types';

/**
 * The SurveyJS features Candor refuses, each with the reason the researcher sees: what would
 * break anonymity, storage or the server-side validation.
 */

/** Question types refused, with the reason the researcher sees. */
const REFUSED_TYPES: Readonly<Record<string, string>> = {
  file: 'uploaded files carry metadata (names, camera, place, time) that can identify the respondent',
  signaturepad: 'a signature identifies the respondent',
  matrixdynamic: 'not supported yet: the server cannot validate or count its rows',
  paneldynamic: 'not supported yet: the server cannot validate or count its repeated panels',
  ranking: 'not supported yet: the server cannot validate or count rankings',
  imagepicker: 'not supported yet: the server cannot validate or count image choices',
};

/** Survey-level settings that would break anonymity, storage or validation. */
const FORBIDDEN_SURVEY_PROPERTIES: Readonly<Record<string, string>> = {
  cookieName: 'SurveyJS cookies would leave a trace on the respondent’s device',
  surveyId: 'the SurveyJS cloud service is a third party',
  surveyPostId: 'the SurveyJS cloud service is a third party',
  navigateToUrl: 'redirects after completion can leak that someone took part',
  navigateToUrlOnCondition: 'redirects after completion can leak that someone took part',
  triggers: 'triggers are not supported by the server-side validator',
  calculatedValues: 'calculated values are not supported by the server-side validator',
  sendResultOnPageNext: 'partial results are never sent; answers are submitted once, at the end',
};

const UNSUPPORTED_ELEMENT_PROPERTIES = [
  'choicesEnableIf',
  'choicesByUrl',
  'choiceValuesFromQuestion',
  'choiceTextsFromQuestion',
  'setValueExpression',
  'setValueIf',
  'resetValueIf',
  'valueName',
] as const;

/** Column properties that depend on the row (`{row.x}`) or store values elsewhere: not validated yet. */
const CELL_PROPERTIES_REFUSED = [
  'visibleIf',
  'enableIf',
  'requiredIf',
  'showOtherItem',
  'hasOther',
  'showCommentArea',
  'hasComment',
  'choicesByUrl',
  'choicesFromQuestion',
  'choicesVisibleIf',
  // A value of the respondent's own in a cell would be typed text the sealing cannot find yet.
  'allowCustomChoices',
] as const;

/** The survey-level settings: third-party services, redirects, kept hidden answers, outside images, clock functions. */
export function checkSurveySettings(definition: SurveyDefinition, problems: DefinitionProblem[]): void {
  for (const [property, reason] of Object.entries(FORBIDDEN_SURVEY_PROPERTIES)) {
    if (definition[property] !== undefined) problems.push({ path: property, message: `not allowed: ${reason}` });
  }
  if (definition['storeOthersAsComment'] === false) {
    problems.push({ path: 'storeOthersAsComment', message: 'must stay true: "Other" text is kept under <name>-Comment' });
  }
  if (definition['clearInvisibleValues'] === 'none') {
    problems.push({ path: 'clearInvisibleValues', message: 'answers to hidden questions must be cleared before submission' });
  }
  checkNoExternalAssets(definition['logo'], 'logo', problems);
  problems.push(...findClockFunctions(definition));
}

/** A question type the compiler does not know: refused, with the reason when there is a known one. */
export function refuseQuestionType(type: string, path: string, problems: DefinitionProblem[]): void {
  const reason = REFUSED_TYPES[type] ?? 'the server cannot validate or count it';
  problems.push({ path: `${path}.type`, message: `question type "${type}" is not supported: ${reason}` });
}

/** Question properties the server-side validator cannot follow. */
export function checkElementProperties(element: ElementJson, path: string, problems: DefinitionProblem[]): void {
  for (const property of UNSUPPORTED_ELEMENT_PROPERTIES) {
    if (element[property] !== undefined) {
      problems.push({ path: `${path}.${property}`, message: `"${property}" is not supported by the server-side validator` });
    }
  }
  if (element['storeOthersAsComment'] === false) {
    problems.push({ path: `${path}.storeOthersAsComment`, message: 'must stay true' });
  }
}

/** Matrix column properties not validated yet. */
export function checkCellProperties(column: Readonly<Record<string, unknown>>, path: string, problems: DefinitionProblem[]): void {
  for (const property of CELL_PROPERTIES_REFUSED) {
    if (column[property] !== undefined)
      problems.push({ path: `${path}.${property}`, message: `"${property}" is not supported in matrix columns yet` });
  }
}

/** An image address must stay on this site (see {@link isSameSiteUrl}), in every language. */
export function checkNoExternalAssets(value: unknown, path: string, problems: DefinitionProblem[]): void {
  if (typeof value === 'object' && value !== null) {
    for (const [language, text] of Object.entries(value)) checkNoExternalAssets(text, `${path}.${language}`, problems);
    return;
  }
  if (typeof value === 'string' && !isSameSiteUrl(value, { allowDataImages: true })) {
    problems.push({ path, message: 'images must not come from another site (they would tell it who is taking the survey)' });
  }
}
