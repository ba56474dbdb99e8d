import type { ReleasedSum } from '../disclosure/cell-key-table';
import { NOT_ANSWERED, REFUSED } from './catalogue';
import type { LedgerEntry } from './release';

/**
 * What the releases shown so far (published, or previewed to staff) say exactly about the
 * questions of a custom table's audit (issue 17): the survey's total, and each one-way table's
 * published cells, `n` and "prefer not to say" (ids `q:<question>:c:<category>`, `q:<question>:n`,
 * `q:<question>:refused`). A custom table is audited against them, so perturbed cells beside an
 * exact margin cannot pin a count. Cross-tabs of the release are not included yet (see README).
 *
 * A release counted the responses of its day: when the survey has had responses since (its
 * total `N` differs from `responses`, today's count), its numbers are only lower bounds of
 * today's (counts only grow); the same total means the same responses, and its numbers hold exactly.
 */
export function releasedSumsFor(
  questions: readonly string[],
  categories: readonly (readonly string[])[],
  ledger: readonly LedgerEntry[],
  responses: number,
): ReleasedSum[] {
  const sums: ReleasedSum[] = [];
  const seen = new Set<string>();
  const push = (id: string, where: readonly Record<string, string>[], lower: number, upper: number) => {
    const key = `${id}:${lower}:${upper}`;
    if (seen.has(key) || where.length === 0) return;
    seen.add(key);
    sums.push({ id, where, lower, upper });
  };
  for (const entry of ledger) {
    const current = entry.values.get('N')?.value === responses;
    for (const [id, value] of entry.values) {
      const upper = current ? value.upper : Number.POSITIVE_INFINITY;
      if (id === 'N') {
        push(id, [{}], value.lower, upper);
        continue;
      }
      const match = /^q:(.+):(c:(.*)|n|refused)$/s.exec(id);
      if (!match) continue;
      const question = match[1] as string;
      const position = questions.indexOf(question);
      if (position < 0) continue;
      const own = categories[position] ?? [];
      const chosen =
        match[2] === 'n'
          ? own.filter((category) => category !== NOT_ANSWERED && category !== REFUSED)
          : match[2] === 'refused'
            ? own.filter((category) => category === REFUSED)
            : own.filter((category) => category === match[3]);
      push(
        id,
        chosen.map((category) => ({ [question]: category })),
        value.lower,
        upper,
      );
    }
  }
  return sums;
}
