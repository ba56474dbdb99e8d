import { localize, type PublicationSnapshot, type SnapshotCategory, type SnapshotGrouping, type SuppressionNote } from '@candor/shared';
import type { StaffTranslate } from '../../../lib/staff/staff-i18n';

/** A table or pair of the snapshot, as far as naming its numbers goes. */
interface Figure {
  readonly id: string;
  readonly title: string;
  readonly kind: 'single' | 'multi' | 'crosstab' | 'pair';
  readonly categories: readonly SnapshotCategory[];
  readonly groupBy?: readonly SnapshotGrouping[];
}

export interface HiddenNumber {
  readonly id: string;
  /** The figure's title, e.g. "Did you screen new clients? (now)". */
  readonly figure: string;
  /** The number within its figure, e.g. "Yes" or "Yes, age 18–24". */
  readonly label: string;
  /** The reason in a few words, shown in place of the number: "below 11". */
  readonly reason: string;
}

export interface HiddenReasons {
  /** The short reason for a hidden number of the preview, by its id. */
  readonly byId: ReadonlyMap<string, HiddenNumber>;
  /** Hidden numbers grouped by figure, in the snapshot's order. */
  readonly byFigure: readonly { readonly figure: string; readonly numbers: readonly HiddenNumber[] }[];
}

function figuresOf(snapshot: PublicationSnapshot, locale: string, t: StaffTranslate): Figure[] {
  return [
    ...snapshot.pairs.map((pair) => ({
      id: pair.id,
      title: t('publish.pairTitle', { title: localize(pair.titleAfter, locale) }),
      kind: 'pair' as const,
      categories: pair.categories,
    })),
    ...snapshot.tables.map((table) => ({
      id: table.id,
      title:
        table.kind === 'crosstab'
          ? `${localize(table.title, locale)} × ${(table.groupBy ?? []).map((g) => localize(g.title, locale)).join(' × ')}`
          : localize(table.title, locale),
      kind: table.kind,
      categories: table.categories,
      ...(table.groupBy ? { groupBy: table.groupBy } : {}),
    })),
  ];
}

/** The figure an id belongs to: the longest figure id that prefixes it. */
function figureOf(figures: readonly Figure[], id: string): Figure | undefined {
  let best: Figure | undefined;
  for (const figure of figures) if (id.startsWith(`${figure.id}:`) && (!best || figure.id.length > best.id.length)) best = figure;
  return best;
}

/**
 * Names a number of the release in words ("Yes, 18–24", "the number who answered"), from
 * its id as built by shared's release (`<table>:c:<category>[:<group>]`, `<table>:n[:<group>]`,
 * `<pair>:before:<category>`, …). Groups the audit protects without publishing them
 * (`…:not:…`, `…:inner:…`, `…:cell:<tuple>`) are named as such.
 */
export function describeNumber(figure: Figure, id: string, locale: string, t: StaffTranslate): string {
  const rest = id.slice(figure.id.length + 1);
  const category = (value: string) => localize(figure.categories.find((c) => c.value === value)?.label ?? value, locale);
  const group = (row: string) =>
    row
      .split('|')
      .map((value, i) => localize(figure.groupBy?.[i]?.categories.find((c) => c.value === value)?.label ?? value, locale))
      .join(' · ');
  const [head = '', ...tail] = rest.split(':');
  const after = tail.join(':');
  if (figure.kind === 'pair') {
    if (head === 'before') return t('publish.number.before', { answer: category(after) });
    if (head === 'after') return t('publish.number.after', { answer: category(after) });
    if (head === 'n') return t('publish.number.pairN');
    if (head === 'up' || head === 'same' || head === 'down') return t(`publish.number.${head}`);
    if (head === 'cell' && ['a', 'b', 'c', 'd'].includes(after)) return t(`publish.number.cell.${after as 'a' | 'b' | 'c' | 'd'}`);
    return t('publish.number.derived');
  }
  if (head === 'c') {
    if (figure.kind !== 'crosstab') return category(after);
    const split = after.indexOf(':');
    return split < 0 ? category(after) : `${category(after.slice(0, split))}, ${group(after.slice(split + 1))}`;
  }
  if (head === 'n') return after ? t('publish.number.groupN', { group: group(after) }) : t('publish.number.n');
  if (head === 'refused' && !after) return t('publish.number.refused');
  return t('publish.number.derived');
}

/**
 * Why each hidden number of a publishable preview is hidden, in words an organizer
 * reads: below k, hidden to protect a named number, its group below the minimum size.
 * Built only from the preview staff were shown (ids and reasons, never values).
 */
export function explainSuppressions(
  snapshot: PublicationSnapshot,
  suppressions: readonly SuppressionNote[],
  settings: { readonly minGroup: number },
  locale: string,
  t: StaffTranslate,
): HiddenReasons {
  const figures = figuresOf(snapshot, locale, t);
  const byId = new Map<string, HiddenNumber>();
  const grouped = new Map<string, HiddenNumber[]>(figures.map((f) => [f.id, []]));
  for (const note of suppressions) {
    const figure = figureOf(figures, note.id);
    if (!figure) continue;
    let reason: string;
    if (note.reason === 'primary')
      reason =
        figure.kind === 'multi' ? t('publish.reason.primaryMulti', { k: snapshot.k }) : t('publish.reason.primary', { k: snapshot.k });
    else if (note.reason === 'group-too-small') reason = t('publish.reason.group', { minGroup: settings.minGroup });
    else if (note.reason === 'complementary') {
      const target = note.protects ? figureOf(figures, note.protects) : undefined;
      const named = target && note.protects ? describeNumber(target, note.protects, locale, t) : t('publish.number.derived');
      reason = t('publish.reason.complementary', { number: target && target.id !== figure.id ? `${named} (${target.title})` : named });
    } else reason = t('publish.reason.withheld');
    const hidden: HiddenNumber = { id: note.id, figure: figure.title, label: describeNumber(figure, note.id, locale, t), reason };
    byId.set(note.id, hidden);
    grouped.get(figure.id)?.push(hidden);
  }
  const byFigure = figures.map((f) => ({ figure: f.title, numbers: grouped.get(f.id) ?? [] })).filter((entry) => entry.numbers.length > 0);
  return { byId, byFigure };
}
