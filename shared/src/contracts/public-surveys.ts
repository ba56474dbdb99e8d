import type { SurveyDefinition } from '../surveys/survey-definition';

/** Limits on what a respondent may send; the API enforces them, the web app respects them. */
export const SUBMISSION_LIMITS = {
  /** Largest accepted request body, in bytes. */
  maxBodyBytes: 64 * 1024,
  /** Deepest accepted JSON nesting (the body object is depth 1). */
  maxDepth: 6,
  /** Longest free-text answer, in characters. */
  maxTextLength: 2000,
  /** Idempotency keys: 16–128 characters of [A-Za-z0-9_-]. */
  idempotencyKeyPattern: /^[A-Za-z0-9_-]{16,128}$/,
} as const;

export type TimeGranularity = 'day' | 'week' | 'month';

/** What a respondent's browser receives: the open version, and nothing about other respondents. */
export interface PublicSurvey {
  readonly slug: string;
  readonly versionId: string;
  readonly definition: SurveyDefinition;
  /** Languages the survey is offered in, the first being the default. */
  readonly locales: readonly string[];
  /** The privacy settings in force, so the respondent's notice is generated from the real ones. */
  readonly privacy: PublicPrivacySettings;
}

export interface PublicPrivacySettings {
  readonly timeGranularity: TimeGranularity;
  readonly retentionDays: number;
  readonly k: number;
  readonly minResponses: number;
}

export interface SubmitResponseRequest {
  readonly versionId: string;
  readonly answers: Record<string, unknown>;
  readonly idempotencyKey: string;
  readonly proofOfWork?: string;
}

/** The 201 body: deliberately nothing that could identify or track the respondent. */
export interface SubmitResponseResult {
  readonly status: 'received';
}
