import type { ElementJson } from '../survey-definition';

/** `inputType`s of a text question that send a number. */
export const NUMBER_INPUT_TYPES = new Set(['number', 'range']);
/** `inputType`s of a text question that send text (or a number) the validator can check. */
export const TEXT_INPUT_TYPES = new Set(['text', 'number', 'range', 'email', 'tel', 'url', 'password', 'color']);

/** Masks that make survey-core send a number rather than the text typed (`maskSettings.saveMaskedValue` off). */
export function sendsNumber(element: ElementJson): boolean {
  const maskType = element['maskType'];
  if (maskType !== 'numeric' && maskType !== 'currency') return false;
  const settings = element['maskSettings'];
  return !(typeof settings === 'object' && settings !== null && (settings as Record<string, unknown>)['saveMaskedValue'] === true);
}
