import { compileSurvey, coarseCount, hasFreeText, type PrivacySettings, type SurveyDetail, type SurveySummary } from '@candor/shared';
import type { SurveyVersionEntity } from './survey-version.entity';
import type { SurveyEntity } from './survey.entity';

export function toPrivacySettings(survey: SurveyEntity): PrivacySettings {
  return {
    k: survey.k,
    minResponses: survey.minResponses,
    minGroup: survey.minGroup,
    timeGranularity: survey.timeGranularity,
    retentionDays: survey.retentionDays,
    crosstabs: survey.crosstabs,
    perturbation: survey.perturbation,
    requiresOutreachCode: survey.requiresOutreachCode,
  };
}

/** Staff see a coarse count (P4): never the exact number of responses, which would time each one. */
export function toSurveySummary(survey: SurveyEntity, currentVersion: number, responseCount: number): SurveySummary {
  return {
    id: survey.id,
    slug: survey.slug,
    title: survey.title,
    status: survey.status,
    locales: survey.locales,
    languageNames: survey.languageNames ?? {},
    currentVersion,
    responseCount: coarseCount(responseCount, survey.k, survey.minResponses),
    openedAt: survey.openedAt ? survey.openedAt.toISOString() : null,
    closedAt: survey.closedAt ? survey.closedAt.toISOString() : null,
    updatedAt: survey.updatedAt.toISOString(),
  };
}

export function toSurveyDetail(survey: SurveyEntity, version: SurveyVersionEntity, responseCount: number): SurveyDetail {
  return {
    ...toSurveySummary(survey, version.number, responseCount),
    privacy: toPrivacySettings(survey),
    settingsLocked: survey.status !== 'draft',
    definition: version.definition,
    versionId: version.id,
    researchPublicKey: survey.researchPublicKey,
    hasFreeText: asksForFreeText(version),
  };
}

/** Whether the version asks for free text; a definition saved before a newer rule (which no longer compiles) asks for none that can be answered. */
function asksForFreeText(version: SurveyVersionEntity): boolean {
  try {
    return hasFreeText(compileSurvey(version.definition));
  } catch {
    return false;
  }
}
