import { findIdentifyingDetails, openSealedText, type IdentifyingKind, type ResearchKeyPair, type SealedTexts } from '@candor/shared';

export interface OpenedTexts {
  readonly key: string;
  readonly texts: readonly { readonly text: string; readonly kinds: readonly IdentifyingKind[] }[];
  readonly unreadable: number;
  /** Responses still in the intake: their texts are shown only once mixed. */
  readonly pending: number;
}

/** Opens each sealed text with the key, noting what looks identifying; those it cannot open are counted. */
export function openTexts(sealed: SealedTexts, keys: ResearchKeyPair): OpenedTexts {
  const texts: { text: string; kinds: IdentifyingKind[] }[] = [];
  let unreadable = 0;
  for (const value of sealed.texts) {
    try {
      const text = openSealedText(value, keys);
      texts.push({ text, kinds: findIdentifyingDetails(text) });
    } catch {
      unreadable++;
    }
  }
  return { key: sealed.key, texts, unreadable, pending: sealed.pending };
}

/** Saves the opened texts to a file on this device (never through the server). */
export function downloadTexts(opened: OpenedTexts, slug: string): void {
  const body = opened.texts.map((entry) => entry.text.replace(/\r\n/g, '\n')).join('\n\n---\n\n');
  const blob = new Blob([body + '\n'], { type: 'text/plain;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${slug}-${opened.key.replace(/[^A-Za-z0-9_-]+/g, '_')}.txt`;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
