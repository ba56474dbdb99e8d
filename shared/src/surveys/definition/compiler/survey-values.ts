/**
 * How survey-core 3.0.0 reads values, reproduced for the compiled validator: what counts as
 * a number (`Helpers.getNumber`), as an e-mail address (`EmailValidator`), as empty
 * (`Helpers.isValueEmpty` with strings trimmed) and as the same value (`Helpers.isTwoValueEquals`:
 * trimmed, case-insensitive, numbers equal to their text).
 */

/** survey-core's `EmailValidator` pattern, also applied to `inputType: 'email'`. */
export const SURVEYJS_EMAIL_PATTERN =
  /^(([^<>()[\].,;:\s@"]+(\.[^<>()[\].,;:\s@"]+)*)|(".+"))@(([^<>()=[\].,;:\s@"]+\.)+[^<>()=[\].,;:\s@"]{2,})$/i;

/** A value as survey-core's numeric validator and value expressions read it, or NaN. */
export function toSurveyNumber(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value !== 'string') return NaN;
  let text = value.trim();
  if (text === '') return NaN;
  if (text.startsWith('0x')) return text.length > 32 ? NaN : parseInt(text, 16);
  if (text.length > 15 && /^\d+$/.test(text)) return NaN;
  if (!(text.lastIndexOf('-') > 0 || text.lastIndexOf('+') > 0) && /[*^/%]/.test(text)) return NaN;
  const comma = text.indexOf(',');
  if (comma > -1 && text.indexOf(',', comma + 1) < 0) text = text.replace(',', '.');
  const parsed = parseFloat(text);
  return Number.isNaN(parsed) || !Number.isFinite(Number(text)) ? NaN : parsed;
}

/** Whether survey-core sees no answer (a required question then fails): strings are trimmed. */
export function isBlankAnswer(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).every(isBlankAnswer);
  return false;
}
