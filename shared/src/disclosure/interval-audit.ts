import { isSmallCount } from './small-counts';

/**
 * D5 — the attacker's interval audit. Everything published (this release and the whole
 * ledger) becomes linear constraints on non-negative integer cell counts; for every
 * protected quantity the audit asks a solver for the smallest and largest value those
 * constraints allow. The release passes only if no protected quantity is pinned down.
 */
export interface LinearTerm {
  readonly variable: number;
  readonly coefficient: number;
}

/** lower ≤ Σ coefficient · variable ≤ upper (equal bounds: an exactly published number). */
export interface LinearConstraint {
  readonly terms: readonly LinearTerm[];
  readonly lower: number;
  readonly upper: number;
}

export interface IntervalProblem {
  readonly variableCount: number;
  readonly constraints: readonly LinearConstraint[];
}

/**
 * A verdict the caller can reach from a bound alone: given a bound on the integer optimum
 * that the linear relaxation proves (≤ the minimum, ≥ the maximum, rounded to an integer
 * on the safe side), whether the caller needs nothing more exact.
 */
export type SettledBy = (bound: number) => boolean;

/**
 * Smallest or largest feasible value of an objective over non-negative integers. With
 * `settled`, a solver may return a bound the relaxation proves instead of the optimum when
 * that bound settles the caller's question (and then reports no solution).
 */
export interface IntervalSolver {
  minimum(problem: IntervalProblem, objective: readonly LinearTerm[], settled?: SettledBy): Promise<number>;
  maximum(problem: IntervalProblem, objective: readonly LinearTerm[], settled?: SettledBy): Promise<number>;
  /** The variable values of the optimum last found, when the solver reports them. */
  lastSolution?(): ReadonlyMap<number, number> | undefined;
}

/**
 * Feasible integer solutions already known (the true counts, and every optimum the solver
 * found): a cheap sufficient check before any integer program. If two known solutions give
 * a target values k apart, its interval is at least that wide whatever the solver would say.
 * Every solution stays feasible while the audit only removes constraints (more suppression).
 */
export class SolutionPool {
  private readonly vectors: Float64Array[];

  constructor(
    private readonly base: Float64Array,
    private readonly capacity = 64,
  ) {
    this.vectors = [base];
  }

  /** Learns a solution of one part of the problem: the base everywhere else. */
  learn(part: ReadonlyMap<number, number>, fixed: ReadonlyMap<number, number>): void {
    const vector = Float64Array.from(this.base);
    for (const [variable, value] of fixed) vector[variable] = value;
    for (const [variable, value] of part) vector[variable] = Math.round(value);
    if (this.vectors.length >= this.capacity) this.vectors.splice(1, 1);
    this.vectors.push(vector);
  }

  range(terms: readonly LinearTerm[]): { min: number; max: number } {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const vector of this.vectors) {
      let value = 0;
      for (const term of terms) value += term.coefficient * (vector[term.variable] as number);
      if (value < min) min = value;
      if (value > max) max = value;
    }
    return { min, max };
  }
}

/** Whether known solutions already prove a target safe (its true interval contains [min, max]). */
function provedByPool(rule: AuditTarget['rule'], min: number, max: number, k: number): boolean {
  if (rule === 'suppressed') return max - min >= k && max >= k;
  return min <= 0 || max - min >= k;
}

/**
 * What is protected:
 *  - `suppressed`: a number that was not published. It must stay uncertain by at least k
 *    and could be at least k: upper − lower ≥ k and upper ≥ k (cases S2–S6) — unless it
 *    can only be 0 (a structural zero, such as people who were never asked): an empty
 *    cell singles nobody out, and D3 publishes zeros anyway.
 *  - `derived`: a group that was never a published number (a complement, an inner cell).
 *    It fails only if the attacker learns it holds 1 to k − 1 people within less than k:
 *    1 ≤ lower ≤ k − 1 and upper − lower < k.
 */
export interface AuditTarget {
  readonly id: string;
  readonly terms: readonly LinearTerm[];
  readonly rule: 'suppressed' | 'derived';
  /** The true value, used only to skip targets that cannot fail. */
  readonly value: number;
}

export interface TargetResult {
  readonly id: string;
  readonly rule: AuditTarget['rule'];
  readonly lower: number;
  readonly upper: number;
  readonly passes: boolean;
}

/** The solver gave no answer for a target (an infeasible or failed integer program): never a crash. */
export class AuditSolveError extends Error {
  constructor(
    readonly targetId: string,
    readonly reason: string,
  ) {
    super(`the audit could not bound ${targetId}: ${reason}`);
    this.name = 'AuditSolveError';
  }
}

export function targetPasses(rule: AuditTarget['rule'], lower: number, upper: number, k: number): boolean {
  // A hidden number the attacker can only place at 0 says "nobody", which D3 lets any release publish.
  if (rule === 'suppressed') return (upper - lower >= k && upper >= k) || upper === 0;
  return !(lower >= 1 && lower <= k - 1 && upper - lower < k);
}

/** Groups constraints into independent parts, so each target's LP holds only what touches it. */
export function components(problem: IntervalProblem): { of: (variable: number) => number; constraintsOf: Map<number, LinearConstraint[]> } {
  const parent = Array.from({ length: problem.variableCount }, (_, i) => i);
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[x] !== root) {
      const next = parent[x] as number;
      parent[x] = root;
      x = next;
    }
    return root;
  };
  for (const constraint of problem.constraints) {
    const first = constraint.terms[0];
    if (!first) continue;
    for (const term of constraint.terms) parent[find(term.variable)] = find(first.variable);
  }
  const constraintsOf = new Map<number, LinearConstraint[]>();
  for (const constraint of problem.constraints) {
    const first = constraint.terms[0];
    if (!first) continue;
    const root = find(first.variable);
    const list = constraintsOf.get(root) ?? [];
    list.push(constraint);
    constraintsOf.set(root, list);
  }
  return { of: find, constraintsOf };
}

/**
 * Substitutes every variable an equality pins down on its own (x = c, usually a cell
 * published exactly), and repeats while that pins down more. What is left couples far
 * fewer variables: a cross-tab no longer links to every other cross-tab through group
 * counts that are published anyway. The result is the same problem, smaller.
 */
export function fixPinnedVariables(problem: IntervalProblem): { fixed: Map<number, number>; constraints: LinearConstraint[] } {
  const fixed = new Map<number, number>();
  let constraints: LinearConstraint[] = problem.constraints.map((c) => ({ terms: [...c.terms], lower: c.lower, upper: c.upper }));
  let changed = true;
  while (changed) {
    changed = false;
    const next: LinearConstraint[] = [];
    for (const constraint of constraints) {
      let offset = 0;
      const terms: LinearTerm[] = [];
      for (const term of constraint.terms) {
        const value = fixed.get(term.variable);
        if (value === undefined) terms.push(term);
        else offset += term.coefficient * value;
      }
      const lower = constraint.lower - offset;
      const upper = constraint.upper - offset;
      if (terms.length === 0) continue;
      const only = terms[0] as LinearTerm;
      if (terms.length === 1 && lower === upper && Number.isFinite(lower)) {
        fixed.set(only.variable, lower / only.coefficient);
        changed = true;
        continue;
      }
      // Variables are non-negative: a sum with positive coefficients capped at 0 (a published
      // 0, a structural zero, a cell that cannot have grown) holds only zeros — and so does
      // one with negative coefficients held at or above 0.
      if ((upper === 0 && terms.every((t) => t.coefficient > 0)) || (lower === 0 && terms.every((t) => t.coefficient < 0))) {
        for (const term of terms) fixed.set(term.variable, 0);
        changed = true;
        continue;
      }
      next.push({ terms, lower, upper });
    }
    constraints = next;
  }
  return { fixed, constraints };
}

/**
 * Feasible interval of each target. Targets that cannot fail (derived groups that are
 * empty or hold at least 2k − 1 people) are reported as passing without solving, and
 * the second bound is skipped when the first settles the verdict — unless `complete`
 * asks for every interval in full (NaN marks a bound that was not needed). Otherwise a bound
 * the linear relaxation proves is enough when it settles the verdict (no integer program).
 */
export async function auditIntervals(
  problem: IntervalProblem,
  targets: readonly AuditTarget[],
  k: number,
  solver: IntervalSolver,
  options: { readonly complete?: boolean; readonly pool?: SolutionPool; readonly learn?: boolean } = {},
): Promise<TargetResult[]> {
  const pool = options.complete ? undefined : options.pool;
  const simplified = fixPinnedVariables(problem);
  const parts = components({ variableCount: problem.variableCount, constraints: simplified.constraints });
  const results: TargetResult[] = [];
  for (const target of targets) {
    if (!options.complete && target.rule === 'derived' && (target.value === 0 || target.value >= 2 * k - 1)) {
      results.push({ id: target.id, rule: target.rule, lower: Number.NaN, upper: Number.NaN, passes: true });
      continue;
    }
    if (pool) {
      const known = pool.range(target.terms);
      if (provedByPool(target.rule, known.min, known.max, k)) {
        results.push({ id: target.id, rule: target.rule, lower: Math.max(0, known.min), upper: known.max, passes: true });
        continue;
      }
    }
    let offset = 0;
    const free: LinearTerm[] = [];
    for (const term of target.terms) {
      const value = simplified.fixed.get(term.variable);
      if (value === undefined) free.push(term);
      else offset += term.coefficient * value;
    }
    if (free.length === 0) {
      results.push({
        id: target.id,
        rule: target.rule,
        lower: offset,
        upper: offset,
        passes: targetPasses(target.rule, offset, offset, k),
      });
      continue;
    }
    const roots = new Set(free.map((term) => parts.of(term.variable)));
    const part = { variableCount: problem.variableCount, constraints: [...roots].flatMap((root) => parts.constraintsOf.get(root) ?? []) };
    const solve = async (bound: (p: IntervalProblem, o: readonly LinearTerm[]) => Promise<number>) => {
      let value: number;
      try {
        value = await bound(part, free);
      } catch (error) {
        throw new AuditSolveError(target.id, error instanceof Error ? error.message : String(error));
      }
      const solution = pool && options.learn ? solver.lastSolution?.() : undefined;
      if (pool && solution && Number.isFinite(value)) pool.learn(solution, simplified.fixed);
      return value;
    };
    const settledBy = (verdict: (value: number) => boolean): SettledBy | undefined =>
      options.complete ? undefined : (bound) => verdict(offset + bound);
    const low = async (settled?: SettledBy) => Math.ceil(offset + (await solve((p, o) => solver.minimum(p, o, settled))) - 1e-7) + 0; // + 0 turns -0 into 0
    const high = async (settled?: SettledBy) => Math.floor(offset + (await solve((p, o) => solver.maximum(p, o, settled))) + 1e-7);
    // Solve the bound that can settle the verdict first; skip the other when it is settled.
    if (target.rule === 'suppressed') {
      // The true value is feasible: a maximum below k over a non-empty cell fails, as does a minimum within k of it.
      const upper = await high(settledBy((bound) => bound < k && target.value >= 1));
      if (upper < k && !options.complete) {
        results.push({ id: target.id, rule: target.rule, lower: Number.NaN, upper, passes: upper === 0 });
        continue;
      }
      const lower = await low(settledBy((bound) => upper - bound < k));
      results.push({ id: target.id, rule: target.rule, lower, upper, passes: targetPasses(target.rule, lower, upper, k) });
    } else {
      // A minimum proven at least k passes; a maximum proven within k of the exact minimum fails.
      const lower = await low(settledBy((bound) => bound >= k));
      if ((lower < 1 || lower > k - 1) && !options.complete) {
        results.push({ id: target.id, rule: target.rule, lower, upper: Number.NaN, passes: true });
        continue;
      }
      const upper = await high(settledBy((bound) => bound - lower < k));
      results.push({ id: target.id, rule: target.rule, lower, upper, passes: targetPasses(target.rule, lower, upper, k) });
    }
  }
  return results;
}

export { isSmallCount };
