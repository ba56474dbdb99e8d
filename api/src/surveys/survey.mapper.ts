import type { PublicSurvey } from '@candor/shared';
import type { SurveyVersionEntity } from './survey-version.entity';
import type { SurveyEntity } from './survey.entity';

export function toPublicSurvey(survey: SurveyEntity, version: SurveyVersionEntity, proofOfWork: boolean): PublicSurvey {
  return {
    slug: survey.slug,
    versionId: version.id,
    definition: version.definition,
    locales: survey.locales,
    languageNames: survey.languageNames ?? {},
    privacy: {
      timeGranularity: survey.timeGranularity,
      retentionDays: survey.retentionDays,
      k: survey.k,
      minResponses: survey.minResponses,
    },
    protection: { proofOfWork, outreachCode: survey.requiresOutreachCode },
    ...(survey.researchPublicKey ? { researchKey: survey.researchPublicKey } : {}),
  };
}
