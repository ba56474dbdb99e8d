/**
 * The subset of SurveyJS JSON that Candor stores, renders and validates.
 * Strings may be plain or localized (`{ default: 'Yes', es: 'Sí' }`).
 */
export type LocalizableString = string | Readonly<Record<string, string>>;

export type ChoiceValue = string | number;

export interface ChoiceItemJson {
  readonly value: ChoiceValue;
  readonly text?: LocalizableString;
  readonly visibleIf?: string;
}

export type ChoiceJson = ChoiceValue | ChoiceItemJson;

export interface ValidatorJson {
  readonly type: string;
  readonly [key: string]: unknown;
}

/** A question, panel or display element. Unknown properties are kept but not interpreted. */
export interface ElementJson {
  readonly type: string;
  readonly name?: string;
  readonly title?: LocalizableString;
  readonly description?: LocalizableString;
  readonly visible?: boolean;
  readonly visibleIf?: string;
  readonly isRequired?: boolean;
  readonly requiredIf?: string;
  readonly elements?: readonly ElementJson[];
  readonly choices?: readonly ChoiceJson[];
  readonly rows?: readonly ChoiceJson[];
  readonly columns?: readonly ChoiceJson[];
  readonly rateValues?: readonly ChoiceJson[];
  readonly validators?: readonly ValidatorJson[];
  readonly [key: string]: unknown;
}

export interface PageJson {
  readonly name?: string;
  readonly title?: LocalizableString;
  readonly visible?: boolean;
  readonly visibleIf?: string;
  readonly elements?: readonly ElementJson[];
  readonly [key: string]: unknown;
}

export interface SurveyDefinition {
  readonly title?: LocalizableString;
  readonly description?: LocalizableString;
  readonly locale?: string;
  readonly pages?: readonly PageJson[];
  /** Single-page surveys may list elements at the top level. */
  readonly elements?: readonly ElementJson[];
  readonly [key: string]: unknown;
}

/** SurveyJS's values for its special choice items; Candor relies on them in aggregation. */
export const SPECIAL_VALUES = {
  /** "Prefer not to say" (SurveyJS `showRefuseItem`). */
  refused: 'refused',
  /** "Don't know" (SurveyJS `showDontKnowItem`). */
  dontKnow: 'dontknow',
  /** "None of these" (SurveyJS `showNoneItem`). */
  none: 'none',
  /** "Other (please say)" (SurveyJS `showOtherItem`), with its text under `<name>-Comment`. */
  other: 'other',
} as const;

/** SurveyJS stores the text of "Other" and comment boxes under this suffix. */
export const COMMENT_SUFFIX = '-Comment';

/** Resolves a localizable string for a locale, falling back to the default text. */
export function localize(value: LocalizableString | undefined, locale: string, fallback = ''): string {
  if (typeof value === 'string') return value;
  // A saved definition is the researcher's JSON: a translation may be anything, and must not break a page.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fallback;
  const map = value as Readonly<Record<string, unknown>>;
  for (const candidate of [map[locale], map['default'], map['en'], ...Object.values(map)]) {
    if (typeof candidate === 'string') return candidate;
  }
  return fallback;
}
