import type { LocalizableString } from '@candor/shared';

/** Sets the source-language text of a localizable string, keeping its translations. */
export function setSourceText(current: LocalizableString | undefined, text: string): LocalizableString {
  if (current === undefined || typeof current === 'string') return { default: text };
  return { ...current, default: text };
}

export function sourceText(value: LocalizableString | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return value['default'] ?? value['en'] ?? '';
}

/** Paragraphs of plain text as HTML, escaped (information text is never raw HTML). */
export function textToHtml(text: string): string {
  const escape = (s: string) =>
    s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
  return text
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escape(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}
