/**
 * Safe HTML by construction for the server-rendered pages (issue 15 point 6). Markup is a
 * `SafeHtml`, made only by the `html` tagged template: every interpolation is escaped for
 * text and for quoted attribute values alike (`& < > " '`), unless it is already `SafeHtml`
 * (arrays of `SafeHtml` are joined). `null`, `undefined` and `false` print nothing, so
 * `${cond && html`…`}` reads naturally. A value after `=` with no quote is refused when the
 * template is first used: an unquoted attribute could be ended by a space.
 *
 * Researcher HTML enters a page only through `trustedSanitizedHtml`, after the allow-list
 * sanitizer has cleaned it: `grep -rn trustedSanitizedHtml api/src` lists every place raw
 * HTML is allowed.
 */
const MARKUP: unique symbol = Symbol('SafeHtml');

/** Markup made here: its symbol key is not exported, so no other module can make one. */
export interface SafeHtml {
  readonly [MARKUP]: string;
  toString(): string;
}

function safe(markup: string): SafeHtml {
  return Object.freeze({ [MARKUP]: markup, toString: () => markup });
}

function isSafeHtml(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && MARKUP in value;
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an element's content or a quoted attribute value. */
function escapeText(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

/** What may be interpolated into `html`: plain values are escaped, `SafeHtml` is kept. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (isSafeHtml(value)) return value[MARKUP];
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escapeText(String(value));
}

/** Templates already checked for unquoted attribute values (the strings array is reused per call site). */
const checked = new WeakSet<TemplateStringsArray>();

/**
 * Reads the template's own text as the browser will (inside a tag or not, inside a quoted value
 * or not) and refuses an interpolation right after `=` outside quotes: `title=${x}`.
 */
function checkTemplate(strings: TemplateStringsArray): void {
  if (checked.has(strings)) return;
  let inTag = false;
  let quote = '';
  strings.forEach((part, index) => {
    for (const c of part) {
      if (quote) quote = c === quote ? '' : quote;
      else if (inTag && (c === '"' || c === "'")) quote = c;
      else if (c === '<') inTag = true;
      else if (c === '>') inTag = false;
    }
    if (index < strings.length - 1 && inTag && !quote && /=\s*$/.test(part))
      throw new Error(`html: an interpolated attribute value must be quoted (after "${part.slice(-40)}")`);
  });
  checked.add(strings);
}

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  checkTemplate(strings);
  let out = strings[0] as string;
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] as string);
  });
  return safe(out);
}

/** Joins markup with a separator (itself markup, e.g. a newline). */
export function joinHtml(parts: readonly SafeHtml[], separator = ''): SafeHtml {
  return safe(parts.map((part) => part[MARKUP]).join(separator));
}

/**
 * Researcher HTML the allow-list sanitizer (`sanitizeResearcherHtml`) has cleaned, as markup.
 * Never pass anything else: this is the one way raw HTML reaches a page.
 */
export function trustedSanitizedHtml(sanitized: string): SafeHtml {
  return safe(sanitized);
}
