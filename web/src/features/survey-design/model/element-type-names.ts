/** The SurveyJS element types a researcher meets, by the names the designer gives them. */
export const ELEMENT_TYPE_NAMES = {
  radiogroup: 'single',
  dropdown: 'single',
  checkbox: 'multiple',
  tagbox: 'multiple',
  rating: 'ordinal',
  matrix: 'matrix',
  comment: 'freeText',
  text: 'shortText',
  html: 'info',
  panel: 'panel',
  boolean: 'yesNo',
  image: 'image',
  expression: 'computed',
} as const;
export type ElementTypeName = (typeof ELEMENT_TYPE_NAMES)[keyof typeof ELEMENT_TYPE_NAMES];

export function elementTypeName(type: string): ElementTypeName | null {
  return (ELEMENT_TYPE_NAMES as Record<string, ElementTypeName>)[type] ?? null;
}
