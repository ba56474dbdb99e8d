import type { LinearConstraint } from './interval-audit';

/** How many cells one custom audit may model over all days (the joint × (earlier days + 1)), for the audit to stay quick. */
export const CUSTOM_AUDIT_DAY_CELL_LIMIT = 16_384;

/** The audit would exceed {@link CUSTOM_AUDIT_DAY_CELL_LIMIT} (the API refuses such a table first, with the reason). */
export class CustomAuditTooLargeError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CustomAuditTooLargeError';
  }
}

/**
 * The earlier days of a custom audit (issue 17, part 2): block 0 is today's copy of the
 * union's `size` cells, block b ≥ 1 the b-th earlier day's (in the order of `day`: larger is
 * later), each cell at most the next day's and the last at most today's — respondents are only
 * added. Returns the block of each day, how many blocks there are, and those links.
 */
export function earlierDayBlocks(
  released: readonly { readonly day?: number }[],
  size: number,
): { blockOf: ReadonlyMap<number, number>; blocks: number; links: LinearConstraint[] } {
  const days = [...new Set(released.map((sum) => sum.day ?? 0).filter((day) => day > 0))].sort((a, b) => a - b);
  if (size * (days.length + 1) > CUSTOM_AUDIT_DAY_CELL_LIMIT)
    throw new CustomAuditTooLargeError(
      `${days.length} earlier release day(s) over ${size} combinations exceed the audit's ${CUSTOM_AUDIT_DAY_CELL_LIMIT} cells`,
    );
  const links: LinearConstraint[] = [];
  days.forEach((_, i) => {
    const next = i + 1 < days.length ? i + 2 : 0;
    for (let variable = 0; variable < size; variable++)
      links.push({
        terms: [
          { variable: variable + (i + 1) * size, coefficient: 1 },
          { variable: variable + next * size, coefficient: -1 },
        ],
        lower: Number.NEGATIVE_INFINITY,
        upper: 0,
      });
  });
  return { blockOf: new Map(days.map((day, i) => [day, i + 1])), blocks: days.length + 1, links };
}
