import { SPECIAL_VALUES, type ChoiceItemJson, type LocalizableString } from '../definition/survey-definition';

/**
 * Answer texts written once for everything Candor ships: "Prefer not to say" (Candor's own
 * surveys, the designer, the no-JS form, published tables), the other special answers and
 * "Yes"/"No" (the no-JS form, published tables) and the answer scales the
 * policy-impact template and the demo survey share, in English and Spanish.
 */

/** A text in each language Candor ships. */
export interface ShippedText {
  readonly en: string;
  readonly es: string;
}

/** "Prefer not to say" in each language Candor ships. */
export const REFUSE_TEXT = { en: 'Prefer not to say', es: 'Prefiero no decirlo' } as const;

/** "Yes" and "No": the yes/no scale, and a boolean question's labels when it sets none. */
export const YES_TEXT: ShippedText = { en: 'Yes', es: 'Sí' };
export const NO_TEXT: ShippedText = { en: 'No', es: 'No' };

/** A special answer (see `SPECIAL_VALUES`): the SurveyJS property a question may set its text in, and the text when it does not. */
export interface SpecialAnswer {
  readonly textProperty: string;
  readonly text: ShippedText;
}

/**
 * The special answers by value, so that the published tables and the no-JS form label them
 * alike (and as SurveyJS does). A map, so a choice named like an object's property
 * (`constructor`) is never taken for one.
 */
export const SPECIAL_ANSWERS: ReadonlyMap<string, SpecialAnswer> = new Map([
  [SPECIAL_VALUES.refused, { textProperty: 'refuseText', text: REFUSE_TEXT }],
  [SPECIAL_VALUES.none, { textProperty: 'noneText', text: { en: 'None of these', es: 'Ninguna de estas' } }],
  [SPECIAL_VALUES.dontKnow, { textProperty: 'dontKnowText', text: { en: 'Don’t know', es: 'No sé' } }],
  [SPECIAL_VALUES.other, { textProperty: 'otherText', text: { en: 'Other', es: 'Otro' } }],
]);

/** A shipped text as SurveyJS reads a label (`default` is English); a new object each time, so no caller shares it. */
export function localizableText(text: ShippedText): LocalizableString {
  return { default: text.en, es: text.es };
}

/** A shipped text in one language: Spanish for `es`, English for every other. */
export function shippedTextIn(text: ShippedText, lang: string): string {
  return lang === 'es' ? text.es : text.en;
}

/** "Prefer not to say" as SurveyJS reads a label (`default` is English); a new object each time, so no caller shares it. */
export function refuseText(): LocalizableString {
  return localizableText(REFUSE_TEXT);
}

/** The properties that give a question its "Prefer not to say" item, with the item's texts. */
export function refuseItem(): { readonly showRefuseItem: true; readonly refuseText: LocalizableString } {
  return { showRefuseItem: true, refuseText: refuseText() };
}

function choice(value: string, en: string, es: string): ChoiceItemJson {
  return { value, text: { default: en, es } };
}

export const YES_NO_SCALE: readonly ChoiceItemJson[] = [choice('yes', YES_TEXT.en, YES_TEXT.es), choice('no', NO_TEXT.en, NO_TEXT.es)];

/** Ordered from least to most: aggregation reads choice order as the ordinal scale. */
export const FREQUENCY_SCALE: readonly ChoiceItemJson[] = [
  choice('never', 'Never', 'Nunca'),
  choice('rarely', 'Rarely', 'Casi nunca'),
  choice('sometimes', 'Sometimes', 'A veces'),
  choice('often', 'Often', 'Seguido'),
  choice('always', 'Always', 'Siempre'),
];

/** How often the respondent was able to do something, from least to most. */
export const ABILITY_SCALE: readonly ChoiceItemJson[] = [
  choice('never', 'Never able to', 'Nunca podía'),
  choice('rarely', 'Rarely able to', 'Casi nunca podía'),
  choice('sometimes', 'Sometimes able to', 'A veces podía'),
  choice('usually', 'Usually able to', 'Casi siempre podía'),
  choice('always', 'Always able to', 'Siempre podía'),
];
