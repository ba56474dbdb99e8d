/**
 * Every error the API returns has this shape. Clients switch on `code`, never on
 * `message` (which is for people and may be translated or reworded).
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'PAYLOAD_TOO_LARGE',
  'PAYLOAD_TOO_DEEP',
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_FOUND',
  'SURVEY_NOT_FOUND',
  'SURVEY_CLOSED',
  'VERSION_MISMATCH',
  'INVALID_ANSWERS',
  'IDEMPOTENCY_CONFLICT',
  'INVALID_DEFINITION',
  'RATE_LIMITED',
  'PROOF_OF_WORK_REQUIRED',
  'PROOF_OF_WORK_INVALID',
  'OUTREACH_CODE_REQUIRED',
  'OUTREACH_CODE_INVALID',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CSRF_FAILED',
  'CONFLICT',
  'SETTINGS_LOCKED',
  'INVALID_TRANSITION',
  'RELEASE_BLOCKED',
  'RELEASE_WITHDRAWN',
  'RESEARCH_KEY_REQUIRED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One precise problem, e.g. one rejected answer or one invalid field. */
export interface ErrorDetail {
  /** What the problem is about: a question name, a DTO field, a JSON path. */
  readonly path?: string;
  readonly code: string;
  readonly message: string;
}

export interface ApiErrorBody {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details: readonly ErrorDetail[];
}

/** The HTTP status for each code; the API's exception filter is the only user. */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  PAYLOAD_TOO_DEEP: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  NOT_FOUND: 404,
  SURVEY_NOT_FOUND: 404,
  SURVEY_CLOSED: 410,
  VERSION_MISMATCH: 409,
  INVALID_ANSWERS: 400,
  IDEMPOTENCY_CONFLICT: 409,
  INVALID_DEFINITION: 400,
  RATE_LIMITED: 429,
  PROOF_OF_WORK_REQUIRED: 400,
  PROOF_OF_WORK_INVALID: 400,
  OUTREACH_CODE_REQUIRED: 403,
  OUTREACH_CODE_INVALID: 403,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  CONFLICT: 409,
  SETTINGS_LOCKED: 409,
  INVALID_TRANSITION: 409,
  RELEASE_BLOCKED: 409,
  RELEASE_WITHDRAWN: 410,
  RESEARCH_KEY_REQUIRED: 409,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return (
    typeof body['code'] === 'string' &&
    (ERROR_CODES as readonly string[]).includes(body['code']) &&
    typeof body['message'] === 'string' &&
    Array.isArray(body['details'])
  );
}
