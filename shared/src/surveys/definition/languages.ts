import { ISO_639_1 } from './iso-639-1';

/** The languages Candor's own screens (staff app, respondent pages' buttons and notices) speak. */
export const UI_LOCALES = ['en', 'es'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];

/** A survey language: an ISO 639-1 code and the name respondents see in the language switch. */
export interface SurveyLanguage {
  readonly code: string;
  readonly name: string;
}

/** Longest language name a researcher may give. */
export const LANGUAGE_NAME_MAX = 60;

/** Is this a two-letter ISO 639-1 language code (lower case)? */
export function isIsoLanguage(code: unknown): code is string {
  return typeof code === 'string' && /^[a-z]{2}$/.test(code) && Object.prototype.hasOwnProperty.call(ISO_639_1, code);
}

/** Does Candor have its own words in this language, or do its buttons and notices fall back to English? */
export function hasUiStrings(code: string): code is UiLocale {
  return (UI_LOCALES as readonly string[]).includes(code);
}

/** The UI language for a survey language: itself where Candor speaks it, English otherwise. */
export function uiLocaleFor(code: string): UiLocale {
  return hasUiStrings(code) ? code : 'en';
}

/**
 * The name to show for a survey language: the researcher's own name for it, else the
 * language's name in itself (CLDR), else the code.
 */
export function languageName(code: string, names?: Readonly<Record<string, string>>): string {
  const given = names?.[code];
  if (typeof given === 'string' && given.trim() !== '') return given;
  return ISO_639_1[code]?.[1] ?? code;
}

/** The English name of an ISO 639-1 language (for staff screens), or the code. */
export function languageEnglishName(code: string): string {
  return ISO_639_1[code]?.[0] ?? code;
}

/** Every ISO 639-1 language, for pickers: code, English name, own name. */
export function isoLanguages(): Array<{ code: string; english: string; own: string }> {
  return Object.entries(ISO_639_1).map(([code, [english, own]]) => ({ code, english, own }));
}

/**
 * Checks a language name a researcher typed: 1–60 characters, no control characters and no
 * markup (names are shown to respondents as text, but nothing that looks like HTML is kept).
 * Returns the problem, or null when the name is fine.
 */
export function languageNameProblem(name: unknown): string | null {
  if (typeof name !== 'string') return 'must be text';
  const trimmed = name.trim();
  if (trimmed === '') return 'must not be empty';
  if (trimmed.length > LANGUAGE_NAME_MAX) return `must be at most ${LANGUAGE_NAME_MAX} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f<>]/.test(trimmed)) return 'must not hold control characters or < >';
  return null;
}
