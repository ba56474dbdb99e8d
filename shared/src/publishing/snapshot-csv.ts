import type { PublicationSnapshot, PublishedCount, SnapshotCell, SnapshotPair, SnapshotTable } from '../contracts/publications';
import { localize } from '../surveys/definition/survey-definition';

const HEADER = ['table', 'kind', 'question', 'group', 'category', 'count', 'percent', 'ci_low', 'ci_high', 'n', 'note'];

/**
 * Characters a spreadsheet may read as the start of a formula (ASCII, fullwidth forms and the
 * pipe of old DDE payloads), once it has dropped what it ignores at the start of a cell.
 */
const FORMULA_START = /^[=+\-@|%\uFF1D\uFF0B\uFF0D\uFF20]/;
/** Whitespace, control and invisible characters spreadsheets skip before a formula. */
// eslint-disable-next-line no-control-regex
const IGNORED_LEADING = /^[\s\u0000-\u001F\u007F-\u009F\u00A0\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\uFEFF]+/;

/** True if a spreadsheet could take this text for a formula. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text.replace(IGNORED_LEADING, ''));
}

/**
 * One CSV field. Numbers are written as numbers (a negative count or difference stays
 * numeric); text a spreadsheet could run as a formula gets a leading `'`, so it is shown,
 * never evaluated; fields are quoted when needed (RFC 4180, and around `;` and tabs).
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = looksLikeFormula(value) ? `'${value}` : value;
  // `;` and tab too: spreadsheets set to a semicolon (or tab) list separator split cells there,
  // and the part after it would start a cell of its own — a quoted field stays one cell.
  return /[",;\t\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const note = (count: PublishedCount) => (count === null ? 'suppressed' : '');

type CsvRow = (string | number | null | undefined)[];
/** Localizes a label to the CSV's language. */
type Label = (value: Parameters<typeof localize>[0]) => string;

/**
 * The snapshot as CSV, exactly what was published (suppressed numbers are empty with the
 * note "suppressed"), with labels in the chosen language.
 */
export function snapshotToCsv(snapshot: PublicationSnapshot, locale = 'en'): string {
  const rows: CsvRow[] = [HEADER];
  const label: Label = (value) => localize(value, locale);
  rows.push(['survey', 'total', '', '', 'responses', snapshot.responses, null, null, null, null, note(snapshot.responses)]);
  for (const table of snapshot.tables) rows.push(...tableRows(table, label));
  for (const pair of snapshot.pairs) rows.push(...pairCellRows(pair, label), ...pairCountRows(pair), ...pairStatisticsRows(pair));
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** A table's cells, row by row (a cross-tab's group named by question and answer), then its refusals. */
function tableRows(table: SnapshotTable, label: Label): CsvRow[] {
  const rows: CsvRow[] = [];
  const categoryLabel = (value: string) => label(table.categories.find((c) => c.value === value)?.label ?? value);
  for (const row of table.rows) {
    const group = row.group
      ?.map(
        (value, i) =>
          `${table.groupBy?.[i]?.question ?? ''}=${label(table.groupBy?.[i]?.categories.find((c) => c.value === value)?.label ?? value)}`,
      )
      .join('; ');
    for (const cell of row.cells) {
      rows.push([
        table.id,
        table.kind,
        label(table.title),
        group ?? '',
        categoryLabel(cell.category),
        cell.count,
        cell.percent,
        cell.ci?.[0],
        cell.ci?.[1],
        row.n,
        row.withheld ?? note(cell.count),
      ]);
    }
  }
  if (table.refused !== undefined)
    rows.push([table.id, table.kind, label(table.title), '', 'refused', table.refused, null, null, null, table.n, note(table.refused)]);
  return rows;
}

/** A pair's two margins: before, then after. */
function pairCellRows(pair: SnapshotPair, label: Label): CsvRow[] {
  const rows: CsvRow[] = [];
  const halves: [string, readonly SnapshotCell[]][] = [
    ['before', pair.before],
    ['after', pair.after],
  ];
  for (const [half, cells] of halves) {
    for (const cell of cells) {
      const categoryLabel = label(pair.categories.find((c) => c.value === cell.category)?.label ?? cell.category);
      rows.push([
        pair.id,
        `pair-${half}`,
        label(half === 'before' ? pair.titleBefore : pair.titleAfter),
        '',
        categoryLabel,
        cell.count,
        cell.percent,
        cell.ci?.[0],
        cell.ci?.[1],
        pair.n,
        note(cell.count),
      ]);
    }
  }
  return rows;
}

/** A pair's 2 × 2 table (yes/no pairs) or its changes (ordinal pairs). */
function pairCountRows(pair: SnapshotPair): CsvRow[] {
  const rows: CsvRow[] = [];
  if (pair.table) {
    for (const [name, value] of Object.entries(pair.table))
      rows.push([pair.id, 'pair-table', pair.stem, '', name, value, null, null, null, pair.n, note(value)]);
  }
  if (pair.changes) {
    for (const [name, value] of Object.entries(pair.changes))
      rows.push([pair.id, 'pair-change', pair.stem, '', name, value, null, null, null, pair.n, note(value)]);
  }
  return rows;
}

/** A pair's statistics: the tests D7 let through, their bands, or why there are none. */
function pairStatisticsRows(pair: SnapshotPair): CsvRow[] {
  const rows: CsvRow[] = [];
  const stats = pair.statistics;
  if (stats?.difference)
    rows.push([
      pair.id,
      'difference',
      pair.stem,
      '',
      'p_before - p_after (points)',
      stats.difference.estimate,
      null,
      stats.difference.newcombe[0],
      stats.difference.newcombe[1],
      pair.n,
      'Newcombe 95% interval',
    ]);
  if (stats?.mcnemar) rows.push([pair.id, 'mcnemar', pair.stem, '', 'mid-p', stats.mcnemar.pMid, null, null, null, pair.n, '']);
  if (stats?.stuartMaxwell)
    rows.push([
      pair.id,
      'stuart-maxwell',
      pair.stem,
      '',
      'p',
      stats.stuartMaxwell.p,
      null,
      null,
      null,
      pair.n,
      `chi2=${stats.stuartMaxwell.chiSquare}, df=${stats.stuartMaxwell.df}`,
    ]);
  if (stats?.wilcoxon)
    rows.push([
      pair.id,
      'wilcoxon',
      pair.stem,
      '',
      'p',
      stats.wilcoxon.p,
      null,
      null,
      null,
      pair.n,
      `V=${stats.wilcoxon.statistic} (${stats.wilcoxon.method})`,
    ]);
  for (const [test, band] of Object.entries(stats?.bands ?? {})) {
    rows.push([
      pair.id,
      `${test === 'stuartMaxwell' ? 'stuart-maxwell' : test}-band`,
      pair.stem,
      '',
      'p band',
      band,
      null,
      null,
      null,
      pair.n,
      'only the band: a count behind the test is hidden',
    ]);
  }
  if (!stats)
    rows.push([
      pair.id,
      'statistics',
      pair.stem,
      '',
      '',
      null,
      null,
      null,
      null,
      pair.n,
      'withheld: the counts behind the test are hidden or perturbed',
    ]);
  return rows;
}
