/** What the form carries from page to page, in one hidden field: no cookie, no server session. */
export interface FormState {
  /** Answers so far. */
  readonly answers: Record<string, unknown>;
  /** Pages visited, oldest first; the last is the one on screen. */
  readonly pages: number[];
  /** Questions shown on the current page (to notice ones that skip logic has just revealed). */
  readonly shown: string[];
  /** The submission's idempotency key: a second send of the same form stores once. */
  readonly idempotencyKey: string;
  /** The signed no-JS ticket from the first page (the stand-in for proof of work). */
  readonly ticket: string;
  readonly lang: string;
  readonly versionId: string;
  /** The page on which the respondent was told there are no more questions for them. */
  readonly endedOn?: number;
  /** Identifying-details warnings already shown (question and kinds), so a second send keeps the text. */
  readonly warned?: string[];
  /** A proof of work the page's script solved (checked when it arrived): with it the answers need not wait for the ticket. */
  readonly proof?: string;
}

/**
 * The hidden field keeps its one-letter keys: a form open in a browser when the server is
 * updated still posts them, and they keep the field (and every page) small.
 */
const WIRE_KEYS = {
  answers: 'a',
  pages: 'p',
  shown: 's',
  idempotencyKey: 'k',
  ticket: 't',
  lang: 'l',
  versionId: 'v',
  endedOn: 'e',
  warned: 'w',
  proof: 'j',
} as const satisfies Record<keyof FormState, string>;

/** Longer than any altcha payload this server issues: anything longer is not kept. */
export const MAX_PROOF_LENGTH = 2_000;

export function encodeState(state: FormState): string {
  const wire = Object.fromEntries(
    (Object.keys(WIRE_KEYS) as (keyof FormState)[]).filter((key) => state[key] !== undefined).map((key) => [WIRE_KEYS[key], state[key]]),
  );
  return Buffer.from(JSON.stringify(wire)).toString('base64url');
}

export function decodeState(value: unknown): FormState | null {
  if (typeof value !== 'string' || value.length > 60_000) return null;
  try {
    const wire = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown;
    if (typeof wire !== 'object' || wire === null || Array.isArray(wire)) return null;
    const read = (key: keyof FormState): unknown =>
      Object.prototype.hasOwnProperty.call(wire, WIRE_KEYS[key]) ? (wire as Record<string, unknown>)[WIRE_KEYS[key]] : undefined;
    const state = Object.fromEntries(
      (Object.keys(WIRE_KEYS) as (keyof FormState)[]).map((key) => [key, read(key)]),
    ) as unknown as FormState;
    return isValidState(state) ? { ...state, answers: Object.assign(Object.create(null) as Record<string, unknown>, state.answers) } : null;
  } catch {
    return null;
  }
}

/** Whether a decoded hidden field has every part of a form's state, each of the right shape. */
function isValidState(state: FormState): boolean {
  return (
    typeof state.answers === 'object' &&
    state.answers !== null &&
    !Array.isArray(state.answers) &&
    Array.isArray(state.pages) &&
    state.pages.length > 0 &&
    state.pages.every((n) => Number.isInteger(n) && n >= 0 && n < 1000) &&
    Array.isArray(state.shown) &&
    typeof state.idempotencyKey === 'string' &&
    /^[A-Za-z0-9_-]{16,128}$/.test(state.idempotencyKey) &&
    typeof state.ticket === 'string' &&
    typeof state.lang === 'string' &&
    typeof state.versionId === 'string' &&
    (state.endedOn === undefined || Number.isInteger(state.endedOn)) &&
    (state.warned === undefined ||
      (Array.isArray(state.warned) && state.warned.length <= 200 && state.warned.every((w) => typeof w === 'string'))) &&
    (state.proof === undefined || (typeof state.proof === 'string' && state.proof.length <= MAX_PROOF_LENGTH))
  );
}
