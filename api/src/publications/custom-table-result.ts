import { customTableNoise, type CustomTableHold, type CustomTableResult } from '@candor/shared';
import type { EligibleQuestion } from './custom-table-checks';

/** Why a table is held, for staff: k and the floor in words, never the count that tripped the rule. */
export const HOLD_MESSAGES: Readonly<Record<CustomTableHold, (k: number, minimum: number) => string>> = {
  BELOW_RELEASE_FLOOR: (_, minimum) =>
    `Custom tables open at ${minimum} responses, like publishing; this survey has fewer. (The exact count is not shown.)`,
  HELD_BY_TIME_RULE: (k) =>
    `Held by the time rule: some numbers of this table moved by less than ${k} plus the noise since a custom table already shown to staff, so comparing the two would describe the few people who answered in between. Wait for more responses, or ask again once fielding has closed.`,
  BASE_TOO_SMALL: (_, minimum) =>
    `The filter keeps fewer than ${minimum} responses (the smallest group a table may describe); no number is shown.`,
  AUDIT_FAILED: () =>
    'Combined with the custom tables already shown for this survey and the exact numbers of its releases, this table would let someone work out a count of fewer than k people. It is not shown; tables built from the questions already used remain available.',
};

/** What a table says whatever its outcome: its questions with their answers, the filter, the noise and k. */
export type TableFrame = Pick<CustomTableResult, 'dimensions' | 'filter' | 'noise' | 'k'>;

export function tableFrame(
  questions: readonly string[],
  filter: { question: string; values: string[] } | null,
  eligible: ReadonlyMap<string, EligibleQuestion>,
  k: number,
): TableFrame {
  const describe = (question: string) => {
    const q = eligible.get(question) as EligibleQuestion;
    return { question, title: q.title, categories: q.categories };
  };
  return {
    dimensions: questions.map(describe),
    filter: filter
      ? {
          question: filter.question,
          title: describe(filter.question).title,
          values: describe(filter.question).categories.filter((c) => filter.values.includes(c.value)),
        }
      : null,
    noise: customTableNoise(k),
    k,
  };
}

/** A held table: no number at all, only the reason. */
export function heldTable(frame: TableFrame, code: CustomTableHold, message: string): CustomTableResult {
  return tableResult(frame, { status: 'held', hold: { code, message }, cells: [], totals: [] });
}

export function tableResult(
  frame: TableFrame,
  outcome: Pick<CustomTableResult, 'status' | 'hold' | 'cells' | 'totals'>,
): CustomTableResult {
  return { dimensions: frame.dimensions, filter: frame.filter, ...outcome, noise: frame.noise, k: frame.k };
}
