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

/** Smallest or largest feasible value of an objective over non-negative integers. */
export interface IntervalSolver {
  minimum(problem: IntervalProblem, objective: readonly LinearTerm[]): Promise<number>;
  maximum(problem: IntervalProblem, objective: readonly LinearTerm[]): Promise<number>;
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
 * asks for every interval in full (NaN marks a bound that was not needed).
 */
export async function auditIntervals(
  problem: IntervalProblem,
  targets: readonly AuditTarget[],
  k: number,
  solver: IntervalSolver,
  options: { readonly complete?: boolean } = {},
): Promise<TargetResult[]> {
  const simplified = fixPinnedVariables(problem);
  const parts = components({ variableCount: problem.variableCount, constraints: simplified.constraints });
  const results: TargetResult[] = [];
  for (const target of targets) {
    if (!options.complete && target.rule === 'derived' && (target.value === 0 || target.value >= 2 * k - 1)) {
      results.push({ id: target.id, rule: target.rule, lower: Number.NaN, upper: Number.NaN, passes: true });
      continue;
    }
    let offset = 0;
    const free: LinearTerm[] = [];
    for (const term of target.terms) {
      const value = simplified.fixed.get(term.variable);
      if (value === undefined) free.push(term);
      else offset += term.coefficient * value;
    }
    if (free.length === 0) {
      results.push({ id: target.id, rule: target.rule, lower: offset, upper: offset, passes: targetPasses(target.rule, offset, offset, k) });
      continue;
    }
    const roots = new Set(free.map((term) => parts.of(term.variable)));
    const part = { variableCount: problem.variableCount, constraints: [...roots].flatMap((root) => parts.constraintsOf.get(root) ?? []) };
    const low = async () => Math.ceil(offset + (await solver.minimum(part, free)) - 1e-7) + 0; // + 0 turns -0 into 0
    const high = async () => Math.floor(offset + (await solver.maximum(part, free)) + 1e-7);
    // Solve the bound that can settle the verdict first; skip the other when it is settled.
    if (target.rule === 'suppressed') {
      const upper = await high();
      if (upper < k && !options.complete) {
        results.push({ id: target.id, rule: target.rule, lower: Number.NaN, upper, passes: upper === 0 });
        continue;
      }
      const lower = await low();
      results.push({ id: target.id, rule: target.rule, lower, upper, passes: targetPasses(target.rule, lower, upper, k) });
    } else {
      const lower = await low();
      if ((lower < 1 || lower > k - 1) && !options.complete) {
        results.push({ id: target.id, rule: target.rule, lower, upper: Number.NaN, passes: true });
        continue;
      }
      const upper = await high();
      results.push({ id: target.id, rule: target.rule, lower, upper, passes: targetPasses(target.rule, lower, upper, k) });
    }
  }
  return results;
}

export { isSmallCount };
