import type { PageJson, SurveyDefinition, SurveyLanguage } from '@candor/shared';
import type { AnswerValidatorService } from '../responses/answer-validation/answer-validator.service';
import type { toPublicSurvey } from '../surveys/survey.mapper';

/** The survey as the no-JS form needs it: its current version, compiled, in the respondent's language. */
export interface LoadedSurvey {
  readonly slug: string;
  readonly lang: string;
  readonly languages: readonly SurveyLanguage[];
  readonly locales: readonly string[];
  readonly versionId: string;
  readonly definition: SurveyDefinition;
  readonly pages: readonly PageJson[];
  readonly compiled: ReturnType<AnswerValidatorService['entry']>['compiled'];
  readonly evaluate: ReturnType<AnswerValidatorService['entry']>['evaluate'];
  readonly privacy: ReturnType<typeof toPublicSurvey>['privacy'];
  readonly protection: ReturnType<typeof toPublicSurvey>['protection'];
  /** The research public key free text is sealed to (issue 17), or null. */
  readonly researchKey: string | null;
}

export interface LeanResult {
  readonly status: number;
  readonly html: string;
  /** Extra headers (Clear-Site-Data when finished). */
  readonly headers?: Readonly<Record<string, string>>;
}
