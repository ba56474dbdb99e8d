import type { ErrorDetail } from '@candor/shared';
import { ApiError } from '../../../lib/api-client';
import type { Translate } from '../../../lib/i18n/i18n';

/** Where the respondent is: one screen at a time, all in one history entry. */
export type Phase =
  | { kind: 'loading' }
  | { kind: 'not-found' }
  | { kind: 'closed' }
  | { kind: 'load-failed' }
  | { kind: 'answering' }
  | { kind: 'code'; error?: string }
  | { kind: 'sending' }
  | { kind: 'send-failed' }
  | { kind: 'rejected'; details: readonly ErrorDetail[] }
  /** The survey's closing content by language (sanitized), so the language switch keeps it. */
  | { kind: 'done'; closing?: Readonly<Record<string, string>> };

export interface PendingSubmission {
  readonly answers: Record<string, unknown>;
  /** What is sent: the answers with free text sealed once, so a retry resends the same ciphertext. */
  readonly sealed: Record<string, unknown>;
  readonly idempotencyKey: string;
}

/** The screen for a survey that could not be loaded. */
export function loadFailurePhase(error: unknown): Phase {
  const code = error instanceof ApiError ? error.code : 'NETWORK';
  return {
    kind: code === 'SURVEY_NOT_FOUND' || code === 'VALIDATION_FAILED' ? 'not-found' : code === 'SURVEY_CLOSED' ? 'closed' : 'load-failed',
  };
}

/**
 * What a failed send leads to: a screen, or one of the two recoveries the page runs itself
 * (a fresh proof of work, or the survey's new version with the answers carried over).
 */
export function sendFailure(error: unknown, t: Translate): Phase | 'retry-proof' | 'new-version' {
  // The puzzle failed or the network did: keep the answers, offer to try again.
  if (!(error instanceof ApiError)) return { kind: 'send-failed' };
  switch (error.code) {
    case 'INVALID_ANSWERS':
      return { kind: 'rejected', details: error.body?.details ?? [] };
    case 'PROOF_OF_WORK_INVALID':
    case 'PROOF_OF_WORK_REQUIRED':
      return 'retry-proof';
    case 'OUTREACH_CODE_INVALID':
    case 'OUTREACH_CODE_REQUIRED':
      return { kind: 'code', error: t(error.code === 'OUTREACH_CODE_INVALID' ? 'outreach.invalid' : 'outreach.required') };
    case 'VERSION_MISMATCH':
      return 'new-version';
    case 'SURVEY_CLOSED':
      return { kind: 'closed' };
    default:
      return { kind: 'send-failed' };
  }
}
