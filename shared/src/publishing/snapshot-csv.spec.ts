import type { PublicationSnapshot } from '../contracts/publications';
import { snapshotToCsv } from './snapshot-csv';

/** Labels a researcher (or a hostile one) could give categories and titles. */
const FORMULA_STRINGS = [
  '=HYPERLINK("https://evil.example","x")',
  '+1+1',
  "-1+cmd|' /C calc'!A0",
  '@SUM(A1:A2)',
  ' =1+1',
  '\n=1+1',
  '\r\n=1+1',
  '\t=1+1',
  '\u00a0=1+1',
  '\u200b=1+1',
  '\ufeff=1+1',
  '\u0000=1+1',
  '\u3000=1+1',
  '  \u00a0\t @A1',
  '\uff1d1+1',
  '|calc',
  '%0A=1',
];

function snapshotWithLabels(labels: readonly string[], counts: readonly number[] = []): PublicationSnapshot {
  return {
    format: 1,
    survey: { slug: 's', title: 'S', locales: ['en'] },
    number: 1,
    publishedOn: '2026-12-01',
    window: { from: '2026-11-01', to: '2026-12-01' },
    k: 11,
    perturbation: 'none',
    responses: 200,
    tables: [
      {
        id: 't1',
        kind: 'single',
        question: 'q',
        title: 'Title',
        ordinal: false,
        categories: labels.map((label, i) => ({ value: `v${i}`, label })),
        n: 200,
        rows: [
          { n: 200, cells: labels.map((_, i) => ({ category: `v${i}`, count: counts[i] ?? 20, percent: 10, ci: [-12.5, 30] as const })) },
        ],
      },
    ],
    pairs: [],
  };
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string, separator = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

/** What a spreadsheet does with a cell's text: skips what it ignores, then looks at the first character. */
function spreadsheetRunsAsFormula(cell: string): boolean {
  // eslint-disable-next-line no-control-regex
  const start = cell.replace(/^[\s\u0000-\u001f\u007f-\u009f\u00a0\u200b-\u200f\u2028-\u202f\u3000\ufeff]+/, '');
  return /^[=+\-@|%\uff1d\uff0b\uff0d\uff20]/.test(start);
}

describe('CSV downloads in spreadsheets', () => {
  const rows = parseCsv(snapshotToCsv(snapshotWithLabels(FORMULA_STRINGS)));
  const categoryCells = rows.slice(2).map((row) => row[4] as string);

  it.each(FORMULA_STRINGS.map((s, i) => [JSON.stringify(s), i] as const))('neutralises %s, keeping the text readable', (_label, index) => {
    const cell = categoryCells[index] as string;
    expect(spreadsheetRunsAsFormula(cell)).toBe(false);
    expect(cell.startsWith("'")).toBe(true);
    expect(cell.slice(1)).toBe(FORMULA_STRINGS[index]);
  });

  it('neutralises a formula after a semicolon, where spreadsheets split cells on it (Spanish, French, German Excel)', () => {
    const labels = ['Yes;=HYPERLINK("https://evil.example","x")', 'a;+1+1', 'b\t=1+1'];
    for (const separator of [';', '\t']) {
      const cells = parseCsv(snapshotToCsv(snapshotWithLabels(labels)), separator).flat();
      expect(cells.filter(spreadsheetRunsAsFormula)).toEqual([]);
    }
  });

  it('keeps numbers numeric, negative ones included', () => {
    const csv = parseCsv(snapshotToCsv(snapshotWithLabels(['yes'], [20])));
    const cell = csv[2] as string[];
    expect(cell.slice(5, 9)).toEqual(['20', '10', '-12.5', '30']);
  });

  it('leaves ordinary text alone', () => {
    const csv = parseCsv(snapshotToCsv(snapshotWithLabels(['Less than $500', 'a-b', '50% or more'])));
    expect(csv.slice(2).map((row) => row[4])).toEqual(['Less than $500', 'a-b', '50% or more']);
  });
});
