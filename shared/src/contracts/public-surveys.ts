import type { SurveyDefinition } from '../surveys/definition/survey-definition';

/** Limits on what a respondent may send; the API enforces them, the web app respects them. */
export const SUBMISSION_LIMITS = {
  /** Largest accepted request body, in bytes. */
  maxBodyBytes: 64 * 1024,
  /** Deepest accepted JSON nesting (the body object is depth 1). */
  maxDepth: 6,
  /** Longest free-text answer a definition may allow (`maxLength`), in characters; fits the body limit. */
  maxTextLength: 16000,
  /** Free-text cap where the definition sets no `maxLength` (SurveyJS itself has none). */
  defaultTextLength: 10000,
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
  /** Names for the language switch, where the researcher gave one (else the language's own name). */
  readonly languageNames: Readonly<Record<string, string>>;
  /** The privacy settings in force, so the respondent's notice is generated from the real ones. */
  readonly privacy: PublicPrivacySettings;
  /** What a submission must carry besides the answers (P7). */
  readonly protection: SubmissionProtection;
  /**
   * The research team's public key (issue 17): every free-text answer is sealed to it in the
   * browser before it is sent (see `sealFreeText`). Absent when the survey has none.
   */
  readonly researchKey?: string;
}

export interface SubmissionProtection {
  /** A solved challenge from `GET /api/public/surveys/:slug/challenge` is required. */
  readonly proofOfWork: boolean;
  /** A single-use outreach code, handed out on a printed card, is required. */
  readonly outreachCode: boolean;
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
  /** base64 of the JSON `{ challenge, solution }` (altcha v2) when proof of work is on. */
  readonly proofOfWork?: string;
  /** The code from an outreach card, when the survey requires one. */
  readonly outreachCode?: string;
}

/** Outreach codes: 10 characters from an alphabet without look-alikes, printed in two groups of five. */
export const OUTREACH_CODE = {
  alphabet: '23456789ABCDEFGHJKLMNPQRSTUVWXYZ',
  length: 10,
  maxBatch: 1000,
} as const;

/** Upper-cases and strips spaces and dashes, so "abcde-23456" and "ABCDE 23456" are one code. */
export function normalizeOutreachCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** The 201 body: deliberately nothing that could identify or track the respondent. */
export interface SubmitResponseResult {
  readonly status: 'received';
}
