/**
 * Rich text (html elements, closing pages, descriptions holding HTML) edited as text, so a
 * translator never has to read or write tags:
 *
 * - paragraphs are separated by a blank line, a single line break stays a line break;
 * - `[words](/address)` is a link, `**words**` strong, `_words_` emphasis;
 * - lines starting with `- ` make a list, `1. ` a numbered list, `# ` … `###### ` a heading.
 *
 * `richTextFits` says whether an HTML text can make the round trip (only these elements, no
 * attributes but a link's address); where it cannot (tables, images), it is edited as HTML.
 * The HTML made here is cleaned by the server's allow-list on every save, like any HTML.
 */

const BLOCKS = new Set(['p', 'div', 'blockquote', 'pre', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const SUPPORTED = new Set([...BLOCKS, 'br', 'strong', 'b', 'em', 'i', 'a', 'li', 'span']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<!--[\s\S]*?-->/g;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z0-9]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Does the text hold HTML tags at all? */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-zA-Z][a-zA-Z0-9]*(\s[^>]*)?\/?>/.test(text);
}

/** Can this HTML be edited as text and come back the same (only the elements above, no attributes but `href`)? */
export function richTextFits(html: string): boolean {
  for (const match of html.matchAll(TAG)) {
    if (match[0].startsWith('<!--')) return false;
    const name = (match[2] ?? '').toLowerCase();
    if (!SUPPORTED.has(name)) return false;
    const attributes = (match[3] ?? '').replace(/\/\s*$/, '').trim();
    if (attributes === '') continue;
    if (name !== 'a' || !/^href\s*=\s*("[^"]*"|'[^']*')$/i.test(attributes)) return false;
  }
  return true;
}

function hrefOf(attributes: string): string {
  const found = /href\s*=\s*("([^"]*)"|'([^']*)')/i.exec(attributes);
  return decodeEntities(found?.[2] ?? found?.[3] ?? '');
}

/** The words of an HTML text as editable text (see the module comment). */
export function htmlToEditableText(html: string): string {
  let out = '';
  const links: string[] = [];
  const lists: Array<{ ordered: boolean; index: number }> = [];
  let last = 0;
  const text = (raw: string) => {
    const words = decodeEntities(raw.replace(/\s+/g, ' '));
    // No space at the start of a line.
    out += /(^|\n)$/.test(out) ? words.replace(/^ /, '') : words;
  };
  const blockBreak = () => {
    out = out.replace(/[ \t]+$/, '');
    if (out !== '' && !out.endsWith('\n\n')) out += out.endsWith('\n') ? '\n' : '\n\n';
  };
  for (const match of html.matchAll(TAG)) {
    text(html.slice(last, match.index));
    last = (match.index ?? 0) + match[0].length;
    if (match[0].startsWith('<!--')) continue;
    const closing = match[1] === '/';
    const name = (match[2] ?? '').toLowerCase();
    if (name === 'br') {
      out = out.replace(/[ \t]+$/, '') + '\n';
    } else if (name === 'strong' || name === 'b') {
      out += '**';
    } else if (name === 'em' || name === 'i') {
      out += '_';
    } else if (name === 'a') {
      if (closing) out += `](${links.pop() ?? ''})`;
      else {
        links.push(hrefOf(match[3] ?? ''));
        out += '[';
      }
    } else if (name === 'ul' || name === 'ol') {
      if (closing) lists.pop();
      else lists.push({ ordered: name === 'ol', index: 0 });
      blockBreak();
    } else if (name === 'li') {
      if (!closing) {
        const list = lists[lists.length - 1];
        out = out.replace(/[ \t]+$/, '');
        if (out !== '' && !out.endsWith('\n')) out += '\n';
        if (list) list.index += 1;
        out += list?.ordered ? `${list.index}. ` : '- ';
      }
    } else if (/^h[1-6]$/.test(name)) {
      blockBreak();
      if (!closing) out += `${'#'.repeat(Number(name[1]))} `;
    } else if (BLOCKS.has(name)) {
      blockBreak();
    }
  }
  text(html.slice(last));
  return out
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function inline(text: string): string {
  return escapeHtml(text)
    .replace(/\[([^\]\n]+)\]\(([^)\s]*)\)/g, (_, words: string, href: string) => `<a href="${href}">${words}</a>`)
    .replace(/\*\*([^*\n]+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w])_([^_\n]+?)_(?=[^\w]|$)/g, '$1<em>$2</em>');
}

/** Editable text back to HTML (cleaned again by the server's allow-list when saved). */
export function editableTextToHtml(text: string): string {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.replace(/^\n+|\n+$/g, ''))
    .filter((block) => block.trim() !== '');
  return blocks
    .map((block) => {
      const lines = block.split('\n');
      const heading = /^(#{1,6}) (.*)$/.exec(lines[0] ?? '');
      if (heading && lines.length === 1) return `<h${heading[1]?.length}>${inline(heading[2] ?? '')}</h${heading[1]?.length}>`;
      if (lines.every((line) => /^- /.test(line))) return `<ul>${lines.map((line) => `<li>${inline(line.slice(2))}</li>`).join('')}</ul>`;
      if (lines.every((line) => /^\d+\. /.test(line)))
        return `<ol>${lines.map((line) => `<li>${inline(line.replace(/^\d+\. /, ''))}</li>`).join('')}</ol>`;
      return `<p>${lines.map(inline).join('<br>')}</p>`;
    })
    .join('');
}

/**
 * A short fingerprint of a source text (53-bit cyrb53, hex): stored with each translation
 * to tell when the source changed since. Not a security hash; it only detects edits.
 */
export function sourceHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}
