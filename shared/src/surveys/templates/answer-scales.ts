import type { ChoiceItemJson, LocalizableString } from '../definition/survey-definition';

/**
 * Answer texts written once for everything Candor ships: "Prefer not to say" (Candor's own
 * surveys, the designer, the no-JS form, published tables) and the answer scales the
 * policy-impact template and the demo survey share, in English and Spanish.
 */

/** "Prefer not to say" in each language Candor ships. */
export const REFUSE_TEXT = { en: 'Prefer not to say', es: 'Prefiero no decirlo' } as const;

/** "Prefer not to say" as SurveyJS reads a label (`default` is English); a new object each time, so no caller shares it. */
export function refuseText(): LocalizableString {
  return { default: REFUSE_TEXT.en, es: REFUSE_TEXT.es };
}

/** The properties that give a question its "Prefer not to say" item, with the item's texts. */
export function refuseItem(): { readonly showRefuseItem: true; readonly refuseText: LocalizableString } {
  return { showRefuseItem: true, refuseText: refuseText() };
}

function choice(value: string, en: string, es: string): ChoiceItemJson {
  return { value, text: { default: en, es } };
}

export const YES_NO_SCALE: readonly ChoiceItemJson[] = [choice('yes', 'Yes', 'Sí'), choice('no', 'No', 'No')];

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
