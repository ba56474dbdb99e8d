import { AuditSolveError, fixPinnedVariables, type LinearConstraint, type LinearTerm } from '../disclosure/interval-audit';
import type { JointSpace } from './joint-space';
import type { QuantityModel } from './quantities';
import type { AuditTargetInTable, LedgerEntry, ReleaseInput } from './release-types';

/** The ledger cannot be read under today's counts: no history of added respondents explains both. */
export class InconsistentHistoryError extends AuditSolveError {
  constructor(reason: string) {
    super('ledger', reason);
    this.name = 'InconsistentHistoryError';
  }
}

/** The earlier releases as audit input: their constraints and targets, and a solution consistent with today. */
export interface History {
  readonly constraints: LinearConstraint[];
  readonly targets: AuditTargetInTable[];
  readonly variableCount: number;
  readonly warnings: string[];
  readonly solution: ReadonlyMap<number, number>;
}

/** One earlier release's block of variables: the joint cells as they were then. */
interface Block {
  readonly entry: LedgerEntry;
  /** Its index among the variable blocks (today's joint is block 0). */
  readonly block: number;
  /** The block it is held below: the next release's, or today's (0) for the last one. */
  readonly next: number;
  readonly jointVariables: number;
}

/**
 * D5 and D6 against every earlier release (withdrawn ones included): each earlier release
 * is a copy of the joint cells, held to exactly what it published, and each cell only grows
 * from one release to the next (x_earlier ≤ x_later, respondents are only ever added).
 * What an earlier release hid stays protected: its hidden numbers are audit targets again
 * (today's numbers narrow them), and may not be pinned to 1 … k − 1. Earlier releases are passed in as plain ledger entries
 * (what was shown, to whom does not matter), so previews shown to staff can be fed in too.
 * The catalogue is the fielding version's (D1) and respondents are only ever added, so the
 * history is always consistent with today's counts; if it is not (a defect, a damaged
 * ledger), the release is refused: comparing by "counts only grow" alone would let a reader
 * who holds the exact earlier numbers know more than the audit.
 */
export async function earlierReleases(model: QuantityModel, input: ReleaseInput, space: JointSpace): Promise<History> {
  const jointVariables = space.variableCount;
  const ledger = inShownOrder(input.ledger);
  if (ledger.length === 0) return { constraints: [], targets: [], variableCount: jointVariables, warnings: [], solution: new Map() };
  const constraints: LinearConstraint[] = [];
  const targets: AuditTargetInTable[] = [];
  ledger.forEach((entry, index) => {
    const block = index + 1;
    const next = index + 1 < ledger.length ? block + 1 : 0;
    const at: Block = { entry, block, next, jointVariables };
    constraints.push(...publishedThen(model, input, at));
    targets.push(...hiddenThen(model, at));
    constraints.push(...onlyGrowing(at));
  });
  const variableCount = jointVariables * (ledger.length + 1);
  const solution = await consistentHistory(input, space, constraints, variableCount);
  return { constraints, targets, variableCount, warnings: [], solution };
}

/**
 * The ledger in the order its releases were shown. Published releases and previews shown to
 * staff are numbered apart (1, 2, … each), so their numbers do not order them; their exact
 * totals do: respondents are only ever added, and every release keeps its total ('N', never
 * perturbed). Equal totals are the same responses, in whatever order. A release that showed
 * nothing (no total) constrains nothing and goes first.
 */
export function inShownOrder(ledger: readonly LedgerEntry[]): LedgerEntry[] {
  const total = (entry: LedgerEntry) => entry.values.get('N')?.value ?? -1;
  return [...ledger].sort((a, b) => total(a) - total(b) || a.number - b.number);
}

/** The block of the ledger's earliest release of this exact total (as `earlierReleases` lays them out), if any. */
export function ledgerBlockOfTotal(ledger: readonly LedgerEntry[], total: number): number | undefined {
  const index = inShownOrder(ledger).findIndex((entry) => entry.values.get('N')?.value === total);
  return index < 0 ? undefined : index + 1;
}

/** The blocks of the ledger's latest release with a smaller total and its earliest with a larger one, if any. */
export function ledgerBlocksAround(ledger: readonly LedgerEntry[], total: number): { before?: number; after?: number } {
  const ordered = inShownOrder(ledger);
  const totalOf = (entry: LedgerEntry) => entry.values.get('N')?.value;
  const before = ordered.findLastIndex((entry) => (totalOf(entry) ?? Number.POSITIVE_INFINITY) < total);
  const after = ordered.findIndex((entry) => (totalOf(entry) ?? Number.NEGATIVE_INFINITY) > total);
  return { ...(before >= 0 ? { before: before + 1 } : {}), ...(after >= 0 ? { after: after + 1 } : {}) };
}

/** Terms over today's joint cells moved to an earlier release's block. */
function shift(terms: readonly LinearTerm[], at: Block): LinearTerm[] {
  return terms.map((t) => ({ variable: t.variable + at.block * at.jointVariables, coefficient: t.coefficient }));
}

/** What an earlier release is held to: the structure every attacker knows, and exactly what it published. */
function publishedThen(model: QuantityModel, input: ReleaseInput, at: Block): LinearConstraint[] {
  const constraints: LinearConstraint[] = [];
  const total = at.entry.values.get('N');
  for (const constraint of model.structure) {
    const bounds = model.totals.has(constraint)
      ? total
        ? { lower: total.lower, upper: total.upper }
        : { lower: 0, upper: input.responses }
      : constraint;
    constraints.push({ terms: shift(constraint.terms, at), lower: bounds.lower, upper: bounds.upper });
  }
  for (const [id, value] of at.entry.values) {
    const quantity = model.quantities.get(id);
    if (quantity) constraints.push({ terms: shift(quantity.terms, at), lower: value.lower, upper: value.upper });
  }
  return constraints;
}

/** What an earlier release hid, each an audit target again. */
function hiddenThen(model: QuantityModel, at: Block): AuditTargetInTable[] {
  const targets: AuditTargetInTable[] = [];
  for (const quantity of model.quantities.values()) {
    // Nobody today means nobody then: an empty quantity cannot have held 1 … k − 1 people.
    if (quantity.role === 'total' || at.entry.values.has(quantity.id) || quantity.value === 0) continue;
    // Not re-judged by D5's width rule (that release is out; nothing today can widen it),
    // but today's numbers must not pin it to 1 … k − 1.
    targets.push({
      id: `${quantity.id}@${at.entry.number}`,
      terms: shift(quantity.terms, at),
      rule: 'derived',
      value: Number.NaN,
      table: quantity.table,
      row: quantity.row,
    });
  }
  // So may its groups that were never numbers (not answering included), empty today meaning empty then.
  for (const cell of model.derived) {
    if (cell.value !== 0)
      targets.push({
        id: `${cell.id}@${at.entry.number}`,
        terms: shift(cell.terms, at),
        rule: 'derived',
        value: Number.NaN,
        table: cell.table,
        row: cell.row,
      });
  }
  return targets;
}

/** Each cell holds at most what it holds in the next release (the last one: today). */
function onlyGrowing(at: Block): LinearConstraint[] {
  const constraints: LinearConstraint[] = [];
  for (let variable = 0; variable < at.jointVariables; variable++) {
    constraints.push({
      terms: [
        { variable: variable + at.block * at.jointVariables, coefficient: 1 },
        { variable: variable + at.next * at.jointVariables, coefficient: -1 },
      ],
      lower: Number.NEGATIVE_INFINITY,
      upper: 0,
    });
  }
  return constraints;
}

/**
 * Is this history readable under today's catalogue? Feasibility with today's true counts
 * fixed; a solution of it when it is, an {@link InconsistentHistoryError} when it is not.
 */
async function consistentHistory(
  input: ReleaseInput,
  space: JointSpace,
  constraints: readonly LinearConstraint[],
  variableCount: number,
): Promise<ReadonlyMap<number, number>> {
  const today = new Map(Array.from({ length: space.variableCount }, (_, variable) => [variable, space.cellValue(variable)] as const));
  return consistentSolution(input, constraints, variableCount, today);
}

/**
 * A solution of `constraints` with the variables of `known` at their known (true) values; an
 * {@link InconsistentHistoryError} when there is none (the ledgers disagree with today's counts).
 */
export async function consistentSolution(
  input: ReleaseInput,
  constraints: readonly LinearConstraint[],
  variableCount: number,
  known: ReadonlyMap<number, number>,
): Promise<ReadonlyMap<number, number>> {
  const feasibility = [
    ...constraints,
    ...[...known].map(([variable, value]) => ({ terms: [{ variable, coefficient: 1 }], lower: value, upper: value })),
  ];
  try {
    // Today's counts pin most of it: substitute what is pinned, check what that settles, solve the rest.
    const { fixed, constraints: rest } = fixPinnedVariables({ variableCount, constraints: feasibility });
    for (const constraint of feasibility) {
      if (!constraint.terms.every((t) => fixed.has(t.variable))) continue;
      const value = constraint.terms.reduce((sum, t) => sum + t.coefficient * (fixed.get(t.variable) as number), 0);
      if (value < constraint.lower - 1e-7 || value > constraint.upper + 1e-7)
        throw new Error("the earlier releases disagree with today's counts");
    }
    const solution = new Map(fixed);
    const first = rest[0]?.terms[0];
    if (first) {
      await input.solver.minimum({ variableCount, constraints: rest }, [first]);
      for (const [variable, value] of input.solver.lastSolution?.() ?? []) solution.set(variable, value);
    }
    return solution;
  } catch (error) {
    throw new InconsistentHistoryError(error instanceof Error ? error.message : String(error));
  }
}
