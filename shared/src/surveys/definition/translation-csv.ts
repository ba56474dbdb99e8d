import { csvField, looksLikeFormula } from '../../publishing/snapshot-csv';
import { editableTextToHtml, htmlToEditableText } from './rich-text';
import type { TranslatableString } from './translations';

/**
 * A survey's strings for one target language as CSV, for translators working in a
 * spreadsheet or a translation tool: `key, context, format, source, translation_<code>`.
 * Rich text (format `rich`) is written as editable text (paragraphs, `[links](/address)`,
 * lists: see rich-text.ts) and turned back into HTML on import; `html` strings stay HTML.
 */
const COLUMNS = ['key', 'context', 'format', 'source'] as const;

export function translationColumn(locale: string): string {
  return `translation_${locale}`;
}

function editable(entry: TranslatableString, text: string): string {
  return entry.format === 'rich' ? htmlToEditableText(text) : text;
}

export function translationsToCsv(strings: readonly TranslatableString[], locale: string): string {
  const rows = [[...COLUMNS, translationColumn(locale)].join(',')];
  for (const entry of strings) {
    const translated = entry.translations[locale] ?? '';
    rows.push(
      [entry.path, entry.context, entry.format, editable(entry, entry.source), translated ? editable(entry, translated) : '']
        .map(csvField)
        .join(','),
    );
  }
  // A byte order mark, so spreadsheets open accented text as UTF-8.
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

export interface TranslationImportProblem {
  /** 1-based line of the file (a quoted field may span lines: the line it starts on). */
  readonly line: number;
  readonly code: 'MALFORMED' | 'HEADER' | 'FIELDS' | 'UNKNOWN_KEY' | 'DUPLICATE_KEY' | 'FORMAT';
  readonly message: string;
}

export class TranslationImportError extends Error {
  constructor(readonly problems: readonly TranslationImportProblem[]) {
    super(
      problems.length === 1 ? (problems[0]?.message ?? 'invalid file') : `${problems.length} problems in the file; nothing was imported`,
    );
    this.name = 'TranslationImportError';
  }
}

/** RFC 4180 records with the line each starts on; throws on an unterminated quote or a stray one. */
export function parseCsvRecords(csv: string): Array<{ line: number; fields: string[] }> {
  const text = csv.replace(/^\uFEFF/, '');
  const records: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new TranslationImportError([
            { line, code: 'MALFORMED', message: `line ${line}: text after a closing quote (a quote inside a field is written "")` },
          ]);
        }
        continue;
      }
      if (ch === '\n') line += 1;
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      i += 1;
      continue;
    }
    if (ch === '"')
      throw new TranslationImportError([
        { line, code: 'MALFORMED', message: `line ${line}: a quote inside a field that does not start with one` },
      ]);
    if (ch === ',') {
      fields.push(field);
      field = '';
      fieldStarted = false;
      i += 1;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
      start = line;
      continue;
    }
    field += ch;
    fieldStarted = true;
    i += 1;
  }
  if (quoted)
    throw new TranslationImportError([{ line: start, code: 'MALFORMED', message: `line ${start}: a quoted field is never closed` }]);
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

/** Undoes the export's protection against spreadsheet formulas (a leading `'`). */
function unprotect(text: string): string {
  return text.startsWith("'") && looksLikeFormula(text.slice(1)) ? text.slice(1) : text;
}

export interface TranslationImport {
  /** path → translated text, as stored (rich text turned back into HTML). */
  readonly texts: Record<string, string>;
  /** path → the source text the translator had (as stored), to flag it stale if it changed since. */
  readonly madeFrom: Record<string, string>;
  /** Rows with an empty translation: left as they are in the survey. */
  readonly skipped: number;
}

/**
 * Reads a translator's CSV for `locale` against today's strings. Anything malformed, a
 * header for another language, an unknown or repeated key, or an unknown format refuses the
 * whole file with every problem found (nothing half-imported). An empty translation cell
 * leaves that string as it is.
 */
export function parseTranslationCsv(csv: string, locale: string, strings: readonly TranslatableString[]): TranslationImport {
  const records = parseCsvRecords(csv);
  const header = records[0];
  const expected = [...COLUMNS, translationColumn(locale)];
  if (!header || header.fields.length !== expected.length || header.fields.some((name, index) => name.trim() !== expected[index])) {
    const found = header?.fields.join(',') ?? '(empty file)';
    const other = header?.fields[4]?.startsWith('translation_')
      ? ` (this file is for "${header.fields[4].slice('translation_'.length)}")`
      : '';
    throw new TranslationImportError([
      { line: 1, code: 'HEADER', message: `the first line must be "${expected.join(',')}", found "${found.slice(0, 200)}"${other}` },
    ]);
  }
  const known = new Map(strings.map((s) => [s.path, s]));
  const problems: TranslationImportProblem[] = [];
  const seen = new Set<string>();
  const texts: Record<string, string> = {};
  const madeFrom: Record<string, string> = {};
  let skipped = 0;
  for (const { line, fields } of records.slice(1)) {
    if (problems.length >= 50) break;
    if (fields.length !== expected.length) {
      problems.push({ line, code: 'FIELDS', message: `line ${line}: ${fields.length} fields, expected ${expected.length}` });
      continue;
    }
    const [key = '', , format = '', rawSource = '', rawTranslation = ''] = fields;
    const entry = known.get(key);
    if (!entry) {
      problems.push({ line, code: 'UNKNOWN_KEY', message: `line ${line}: "${key.slice(0, 120)}" is not a string of this survey` });
      continue;
    }
    if (seen.has(key)) {
      problems.push({ line, code: 'DUPLICATE_KEY', message: `line ${line}: "${key}" appears twice` });
      continue;
    }
    seen.add(key);
    if (format !== 'text' && format !== 'rich' && format !== 'html') {
      problems.push({ line, code: 'FORMAT', message: `line ${line}: format must be text, rich or html, found "${format.slice(0, 20)}"` });
      continue;
    }
    const translation = unprotect(rawTranslation);
    if (translation.trim() === '') {
      skipped += 1;
      continue;
    }
    const source = unprotect(rawSource);
    // Rich text travels as editable text: compare and store it as the survey holds it.
    const asStored = (text: string) => (format === 'rich' ? editableTextToHtml(text) : text);
    texts[key] = entry.format === 'text' && format === 'text' ? translation : asStored(translation);
    madeFrom[key] = editable(entry, entry.source) === source ? entry.source : asStored(source);
  }
  if (problems.length > 0) throw new TranslationImportError(problems);
  return { texts, madeFrom, skipped };
}
