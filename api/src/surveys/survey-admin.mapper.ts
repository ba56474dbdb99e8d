import type { PrivacySettings, SurveyDetail, SurveySummary } from '@candor/shared';
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

export function toSurveySummary(survey: SurveyEntity, currentVersion: number, responseCount: number): SurveySummary {
  return {
    id: survey.id,
    slug: survey.slug,
    title: survey.title,
    status: survey.status,
    locales: survey.locales,
    currentVersion,
    responseCount,
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
  };
}
