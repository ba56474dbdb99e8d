/**
 * One free-text field sealed to a research key (issue 17), for the server-rendered page's boot
 * script: only the sealing, so the light page loads the cipher and nothing of the survey compiler.
 */
import { isSealedText, sealText } from '@candor/shared';

/** The text sealed to `researchKey`; an empty or already sealed text is kept as it is. */
export function sealOneText(text: string, researchKey: string): string {
  return text === '' || isSealedText(text) ? text : sealText(text, researchKey);
}
