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
 * The other way to settle a verdict: given the value of a feasible integer solution (so the
 * minimum is at most it, the maximum at least it), whether that answers the caller.
 */
export type EnoughBy = (value: number) => boolean;

/**
 * Smallest or largest feasible value of an objective over non-negative integers. With
 * `settled`, a solver may return a bound the relaxation proves instead of the optimum when
 * that bound settles the caller's question (and then reports no solution); with `enough`, the
 * value of a feasible integer solution that settles it (an integer program stopped early).
 */
export interface IntervalSolver {
  minimum(problem: IntervalProblem, objective: readonly LinearTerm[], settled?: SettledBy, enough?: EnoughBy): Promise<number>;
  maximum(problem: IntervalProblem, objective: readonly LinearTerm[], settled?: SettledBy, enough?: EnoughBy): Promise<number>;
  /** The variable values of the optimum last found, when the solver reports them. */
  lastSolution?(): ReadonlyMap<number, number> | undefined;
  /**
   * A feasible integer point that does well on the objective, not necessarily the best
   * (undefined when none was found cheaply): the audit harvests such points to prove
   * targets safe without bounding them.
   */
  sample?(problem: IntervalProblem, objective: readonly LinearTerm[], sense: 'minimize' | 'maximize'): Promise<ReadonlyMap<number, number> | undefined>;
}

/** What the audit did with its targets (for benchmarks). */
export interface AuditStats {
  /** Targets that cannot fail (derived groups that are empty or hold at least 2k − 1). */
  trivial: number;
  /** Targets proved safe by known solutions, before any bound. */
  pooled: number;
  /** Targets settled after one exact bound by known solutions on the other side. */
  halfPooled: number;
  /** Targets bounded by the solver, and how many of them failed. */
  bounded: number;
  failed?: number;
  /** Harvesting calls, and the new solutions they gave. */
  samples: number;
  learned: number;
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
    private readonly capacity = 256,
  ) {
    this.vectors = [base];
  }

  /** How many solutions are known. */
  get size(): number {
    return this.vectors.length;
  }

  /**
   * Learns a solution of one part of the problem: the base everywhere else. Returns
   * whether it was new (a solution already known is not kept twice).
   */
  learn(part: ReadonlyMap<number, number>, fixed: ReadonlyMap<number, number>): boolean {
    const vector = Float64Array.from(this.base);
    for (const [variable, value] of fixed) vector[variable] = value;
    for (const [variable, value] of part) vector[variable] = Math.round(value);
    if (this.vectors.some((known) => sameVector(known, vector))) return false;
    if (this.vectors.length >= this.capacity) this.vectors.splice(1, 1);
    this.vectors.push(vector);
    return true;
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

function sameVector(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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

/**
 * Whether a failing verdict carries over to every narrower problem (more constraints):
 * then a target that fails with several constraints dropped at once fails with any one of
 * them dropped. True for a hidden non-empty number (a narrower interval is narrower still,
 * and cannot become "only 0" while it holds the true value) and for a group whose true size
 * is 1 … k − 1 (its lower bound stays in 1 … k − 1, its width below k). Not for a group of k
 * or more, which can pass on a narrower problem by a lower bound of k, nor for an unknown size.
 */
export function failsOnEveryNarrowing(target: Pick<AuditTarget, 'rule' | 'value'>, k: number): boolean {
  return target.value >= 1 && (target.rule === 'suppressed' || target.value <= k - 1);
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
  let working: Working[] = problem.constraints.map((origin) => ({ origin, terms: origin.terms, lower: origin.lower, upper: origin.upper }));
  let changed = true;
  while (changed) {
    changed = false;
    const next: Working[] = [];
    for (const constraint of working) {
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
      next.push({ origin: constraint.origin, terms, lower, upper });
    }
    working = next;
  }
  return { fixed, constraints: working.map(settle) };
}

interface Working {
  readonly origin: LinearConstraint;
  readonly terms: readonly LinearTerm[];
  readonly lower: number;
  readonly upper: number;
}

/** Simplified rows already handed out, by the row they came from. */
const simplifiedRows = new WeakMap<LinearConstraint, Map<string, LinearConstraint>>();

/**
 * The same simplified row is the same object every time (the row itself when nothing was
 * substituted): the solver's cached models recognise their rows by identity, so a trial
 * suppression or the next round is solved on the model already built, from its last basis.
 */
function settle(row: Working): LinearConstraint {
  const { origin } = row;
  if (row.terms.length === origin.terms.length && row.lower === origin.lower && row.upper === origin.upper) return origin;
  const key = `${row.lower}|${row.upper}|${row.terms.map((t) => `${t.variable}:${t.coefficient}`).join(',')}`;
  let known = simplifiedRows.get(origin);
  if (!known) {
    known = new Map();
    simplifiedRows.set(origin, known);
  }
  let simplified = known.get(key);
  if (!simplified) {
    simplified = { terms: row.terms, lower: row.lower, upper: row.upper };
    known.set(key, simplified);
  }
  return simplified;
}

/**
 * Feasible interval of each target. Targets that cannot fail (derived groups that are
 * empty or hold at least 2k − 1 people) are reported as passing without solving, and
 * the second bound is skipped when the first settles the verdict — unless `complete`
 * asks for every interval in full (NaN marks a bound that was not needed). Otherwise a bound
 * the linear relaxation proves is enough when it settles the verdict (no integer program),
 * and with a pool of known solutions a target is passed without a bound when two of them
 * already place it far enough apart (its true interval holds both), or after one exact
 * bound when a known solution reaches far enough the other way. With `learn`, every optimum
 * found joins the pool, and before any bound the audit harvests solutions (see `harvest`).
 * None of this changes a verdict: a target is passed by known solutions only when it passes.
 */
export async function auditIntervals(
  problem: IntervalProblem,
  targets: readonly AuditTarget[],
  k: number,
  solver: IntervalSolver,
  options: {
    readonly complete?: boolean;
    readonly pool?: SolutionPool;
    readonly learn?: boolean;
    /** Harvest solutions before bounding (default: when learning). */
    readonly harvest?: boolean;
    readonly stats?: AuditStats;
  } = {},
): Promise<TargetResult[]> {
  const pool = options.complete ? undefined : options.pool;
  const stats = options.stats;
  const simplified = fixPinnedVariables(problem);
  const parts = components({ variableCount: problem.variableCount, constraints: simplified.constraints });
  const results: TargetResult[] = new Array<TargetResult>(targets.length);
  const pending: Pending[] = [];
  const pooled = (target: AuditTarget): TargetResult | undefined => {
    if (!pool) return undefined;
    const known = pool.range(target.terms);
    if (!provedByPool(target.rule, known.min, known.max, k)) return undefined;
    return { id: target.id, rule: target.rule, lower: Math.max(0, known.min), upper: known.max, passes: true };
  };
  targets.forEach((target, index) => {
    if (!options.complete && target.rule === 'derived' && (target.value === 0 || target.value >= 2 * k - 1)) {
      results[index] = { id: target.id, rule: target.rule, lower: Number.NaN, upper: Number.NaN, passes: true };
      if (stats) stats.trivial++;
      return;
    }
    const known = pooled(target);
    if (known) {
      results[index] = known;
      if (stats) stats.pooled++;
      return;
    }
    let offset = 0;
    const free: LinearTerm[] = [];
    for (const term of target.terms) {
      const value = simplified.fixed.get(term.variable);
      if (value === undefined) free.push(term);
      else offset += term.coefficient * value;
    }
    if (free.length === 0) {
      results[index] = { id: target.id, rule: target.rule, lower: offset, upper: offset, passes: targetPasses(target.rule, offset, offset, k) };
      return;
    }
    pending.push({ index, target, offset, free });
  });
  if (pool && options.learn && options.harvest !== false && solver.sample && pending.length > 0)
    await harvest(pending, parts, simplified.fixed, problem.variableCount, pool, solver, (target) => pooled(target) !== undefined, stats);

  for (const { index, target, offset, free } of pending) {
    const known = pooled(target);
    if (known) {
      results[index] = known;
      if (stats) stats.pooled++;
      continue;
    }
    if (stats) stats.bounded++;
    const result = await boundTarget(target, offset, free);
    if (stats && !result.passes) stats.failed = (stats.failed ?? 0) + 1;
    results[index] = result;
  }
  return results;

  async function boundTarget(target: AuditTarget, offset: number, free: readonly LinearTerm[]): Promise<TargetResult> {
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
    const enoughBy = settledBy as (verdict: (value: number) => boolean) => EnoughBy | undefined;
    const low = async (settled?: SettledBy, enough?: EnoughBy) =>
      Math.ceil(offset + (await solve((p, o) => solver.minimum(p, o, settled, enough))) - 1e-7) + 0; // + 0 turns -0 into 0
    const high = async (settled?: SettledBy, enough?: EnoughBy) =>
      Math.floor(offset + (await solve((p, o) => solver.maximum(p, o, settled, enough))) + 1e-7);
    // Solve the bound that can settle the verdict first; skip the other when it is settled.
    if (target.rule === 'suppressed') {
      // The true value is feasible: a maximum below k over a non-empty cell fails, as does a minimum within k of it.
      // A solution at least k above a known one (and so at least k) passes: the true interval holds both.
      const before = pool?.range(target.terms);
      const upper = await high(
        settledBy((bound) => bound < k && target.value >= 1),
        before ? enoughBy((value) => value >= k && value - before.min >= k) : undefined,
      );
      if (upper < k && !options.complete) return { id: target.id, rule: target.rule, lower: Number.NaN, upper, passes: upper === 0 };
      // A known solution at least k below the maximum: wide enough (the true minimum is lower still).
      const known = pool?.range(target.terms);
      if (known && upper - known.min >= k) {
        if (stats) stats.halfPooled++;
        return { id: target.id, rule: target.rule, lower: Math.max(0, known.min), upper, passes: true };
      }
      const lower = await low(
        settledBy((bound) => upper - bound < k),
        enoughBy((value) => upper - value >= k),
      );
      return { id: target.id, rule: target.rule, lower, upper, passes: targetPasses(target.rule, lower, upper, k) };
    }
    // A minimum proven at least k passes; a maximum proven within k of the exact minimum fails.
    // A solution at 0 or less passes (the group can be empty), as does one at least k below a known one.
    const before = pool?.range(target.terms);
    const lower = await low(
      settledBy((bound) => bound >= k),
      enoughBy((value) => value <= 0 || (before !== undefined && before.max - value >= k)),
    );
    if ((lower < 1 || lower > k - 1) && !options.complete) return { id: target.id, rule: target.rule, lower, upper: Number.NaN, passes: true };
    const known = pool?.range(target.terms);
    if (known && known.max - lower >= k) {
      if (stats) stats.halfPooled++;
      return { id: target.id, rule: target.rule, lower, upper: known.max, passes: true };
    }
    const upper = await high(
      settledBy((bound) => bound - lower < k),
      enoughBy((value) => value - lower >= k),
    );
    return { id: target.id, rule: target.rule, lower, upper, passes: targetPasses(target.rule, lower, upper, k) };
  }
}

interface Pending {
  readonly index: number;
  readonly target: AuditTarget;
  readonly offset: number;
  readonly free: readonly LinearTerm[];
}

/** Objectives tried per independent part, and how many in a row may teach nothing. */
const HARVEST_ATTEMPTS = 12;
const HARVEST_IDLE = 2;

/**
 * Harvests feasible integer points before any target is bounded: in each independent part,
 * a few solutions of objectives that push many undecided targets at once, each up or down
 * at random (a random half of them, with random signs, maximized and then minimized). Every
 * point is feasible, so it only ever widens what the pool proves: a target whose known values
 * already lie far enough apart needs no bound. Stops in a part when it is decided or when
 * objectives stop deciding anything. Seeded: the same audit harvests the same points.
 */
async function harvest(
  pending: readonly Pending[],
  parts: ReturnType<typeof components>,
  fixed: ReadonlyMap<number, number>,
  variableCount: number,
  pool: SolutionPool,
  solver: IntervalSolver,
  proved: (target: AuditTarget) => boolean,
  stats: AuditStats | undefined,
): Promise<void> {
  const sample = solver.sample?.bind(solver);
  if (!sample) return;
  const byRoot = new Map<number, Pending[]>();
  for (const entry of pending) {
    for (const root of new Set(entry.free.map((term) => parts.of(term.variable)))) {
      const list = byRoot.get(root) ?? [];
      list.push(entry);
      byRoot.set(root, list);
    }
  }
  const random = seeded(pending.length * 7919 + variableCount);
  for (const [root, list] of byRoot) {
    const part = { variableCount, constraints: parts.constraintsOf.get(root) ?? [] };
    if (part.constraints.length === 0) continue;
    let open = list.filter((entry) => !proved(entry.target));
    let idle = 0;
    for (let attempt = 0; attempt < HARVEST_ATTEMPTS && open.length > 0 && idle < HARVEST_IDLE; attempt++) {
      const weights = new Map<number, number>();
      for (const entry of open) {
        if (open.length > 2 && random() < 0.5) continue;
        const sign = random() < 0.5 ? 1 : -1;
        for (const term of entry.free) {
          if (parts.of(term.variable) !== root) continue;
          weights.set(term.variable, (weights.get(term.variable) ?? 0) + sign * term.coefficient);
        }
      }
      const objective = [...weights].filter(([, weight]) => weight !== 0).map(([variable, coefficient]) => ({ variable, coefficient }));
      if (objective.length === 0) {
        idle++;
        continue;
      }
      for (const sense of ['maximize', 'minimize'] as const) {
        if (stats) stats.samples++;
        let solution: ReadonlyMap<number, number> | undefined;
        try {
          solution = await sample(part, objective, sense);
        } catch {
          solution = undefined; // a point not found is no loss: the targets are bounded exactly
        }
        if (solution && pool.learn(solution, fixed) && stats) stats.learned++;
      }
      const before = open.length;
      open = open.filter((entry) => !proved(entry.target));
      idle = open.length < before ? 0 : idle + 1;
    }
  }
}

/** A small deterministic generator (mulberry32). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export { isSmallCount };
