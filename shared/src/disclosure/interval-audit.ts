import {
  components,
  fixPinnedVariables,
  type AuditStats,
  type AuditTarget,
  type BoundHints,
  type EnoughBy,
  type IntervalProblem,
  type IntervalSolver,
  type LinearTerm,
  type SettledBy,
  type Simplified,
  type TargetResult,
} from './interval-problem';
import { isSmallCount } from './small-counts';
import { SolutionPool, fillEmpty, harvest, provedByPool, type Pending } from './solution-pool';

/**
 * D5 — the attacker's interval audit. Everything published (this release and the whole
 * ledger) becomes linear constraints on non-negative integer cell counts; for every
 * protected quantity the audit asks a solver for the smallest and largest value those
 * constraints allow. The release passes only if no protected quantity is pinned down.
 */
export * from './interval-problem';
export { SolutionPool } from './solution-pool';

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
  options: AuditOptions = {},
): Promise<TargetResult[]> {
  const simplified = options.simplified ?? fixPinnedVariables(problem);
  const context: AuditContext = {
    problem,
    k,
    solver,
    options,
    pool: options.complete ? undefined : options.pool,
    stats: options.stats,
    simplified,
    parts: components({ variableCount: problem.variableCount, constraints: simplified.constraints }),
  };
  const { pool, stats } = context;
  const results: TargetResult[] = new Array<TargetResult>(targets.length);
  const pending = classify(context, targets, results);
  if (pool && options.learn && options.harvest !== false && solver.sample && pending.length > 0)
    await harvest(
      pending,
      context.parts,
      simplified.fixed,
      problem.variableCount,
      pool,
      solver,
      (t) => pooled(context, t) !== undefined,
      stats,
    );
  if (pool && options.learn && options.harvest !== false)
    await fillEmpty(
      pending,
      { variableCount: problem.variableCount, constraints: simplified.constraints },
      simplified.fixed,
      pool,
      solver,
      options.anchor,
      stats,
    );
  for (const { index, target, offset, free } of pending) {
    const known = pooled(context, target);
    if (known) {
      results[index] = known;
      if (stats) stats.pooled++;
      continue;
    }
    if (stats) stats.bounded++;
    const result = await boundTarget(context, target, offset, free);
    if (stats && !result.passes) stats.failed = (stats.failed ?? 0) + 1;
    results[index] = result;
  }
  return results;
}

export interface AuditOptions {
  readonly complete?: boolean;
  readonly pool?: SolutionPool;
  readonly learn?: boolean;
  /** Harvest solutions before bounding (default: when learning). */
  readonly harvest?: boolean;
  /**
   * The first variable of the earlier releases' blocks, if any: points for today's empty hidden
   * cells are looked for with those blocks held at the pool's base (see `fillEmpty`).
   */
  readonly anchor?: number;
  readonly stats?: AuditStats;
  /** The problem already simplified (fixPinnedVariables or withoutRows of it), to save doing it again. */
  readonly simplified?: Simplified;
  /**
   * The verdicts only guide a choice (a trial suppression), never what is published: bounds the
   * linear relaxation proves are enough (see BoundHints.relaxationIsEnough). A verdict may then
   * pass a target that fails; whatever is hidden because of it is audited exactly after.
   */
  readonly guide?: boolean;
}

interface AuditContext {
  readonly problem: IntervalProblem;
  readonly k: number;
  readonly solver: IntervalSolver;
  readonly options: AuditOptions;
  readonly pool: SolutionPool | undefined;
  readonly stats: AuditStats | undefined;
  readonly simplified: Simplified;
  readonly parts: ReturnType<typeof components>;
}

/** A target the pool already proves safe, as a result. */
function pooled(context: AuditContext, target: AuditTarget): TargetResult | undefined {
  if (!context.pool) return undefined;
  const known = context.pool.range(target.terms);
  if (!provedByPool(target.rule, known.min, known.max, context.k)) return undefined;
  return { id: target.id, rule: target.rule, lower: Math.max(0, known.min), upper: known.max, passes: true };
}

/** Settles what needs no solver (targets that cannot fail, proved by the pool, pinned); returns the rest. */
function classify(context: AuditContext, targets: readonly AuditTarget[], results: TargetResult[]): Pending[] {
  const { k, options, stats, simplified } = context;
  const pending: Pending[] = [];
  targets.forEach((target, index) => {
    if (!options.complete && target.rule === 'derived' && (target.value === 0 || target.value >= 2 * k - 1)) {
      results[index] = { id: target.id, rule: target.rule, lower: Number.NaN, upper: Number.NaN, passes: true };
      if (stats) stats.trivial++;
      return;
    }
    const known = pooled(context, target);
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
      results[index] = {
        id: target.id,
        rule: target.rule,
        lower: offset,
        upper: offset,
        passes: targetPasses(target.rule, offset, offset, k),
      };
      return;
    }
    pending.push({ index, target, offset, free });
  });
  return pending;
}

/**
 * What may make a target's bounds cheaper: every known solution is feasible here (constraints
 * are only ever dropped), so the best one starts the search; with the earlier releases held at a
 * consistent history, a smaller problem may give a solution good enough; and where the caller
 * says so, an answer short of the optimum (see BoundHints.shortIsSafe).
 */
function hintsFor(context: AuditContext, part: IntervalProblem, offset: number, free: readonly LinearTerm[]) {
  const { pool, options } = context;
  const { anchor } = options;
  const restricted = pool && anchor !== undefined && free.every((term) => term.variable < anchor) ? pool.holdFrom(part, anchor) : undefined;
  return (sense: 'minimize' | 'maximize', shortIsSafe?: (value: number) => boolean): BoundHints => ({
    start: pool?.best(free, sense),
    ...(restricted ? { restricted } : {}),
    ...(shortIsSafe && !options.complete ? { shortIsSafe: (value: number) => shortIsSafe(offset + value) } : {}),
    ...(options.guide ? { relaxationIsEnough: true } : {}),
  });
}

/** Bounds one target exactly enough for its verdict (see {@link auditIntervals}). */
async function boundTarget(context: AuditContext, target: AuditTarget, offset: number, free: readonly LinearTerm[]): Promise<TargetResult> {
  const { problem, k, solver, options, pool, stats, simplified, parts } = context;
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
  const settledBy = (verdict: (value: number, reached?: number) => boolean): SettledBy | undefined =>
    options.complete ? undefined : (bound, reached) => verdict(offset + bound, reached);
  // The same shape the other way: a value of a feasible integer solution, offset like a bound.
  const enoughBy: (verdict: (value: number) => boolean) => EnoughBy | undefined = settledBy;
  const hints = hintsFor(context, part, offset, free);
  // `short`: see BoundHints.shortIsSafe — said only where a narrower interval can only fail the target.
  const low = async (settled?: SettledBy, enough?: EnoughBy, short?: (value: number) => boolean) =>
    Math.ceil(offset + (await solve((p, o) => solver.minimum(p, o, settled, enough, hints('minimize', short)))) - 1e-7) + 0; // + 0 turns -0 into 0
  const high = async (settled?: SettledBy, enough?: EnoughBy, short?: (value: number) => boolean) =>
    Math.floor(offset + (await solve((p, o) => solver.maximum(p, o, settled, enough, hints('maximize', short)))) + 1e-7);
  // Solve the bound that can settle the verdict first; skip the other when it is settled.
  if (target.rule === 'suppressed') {
    // The true value is feasible: a maximum below k over a non-empty cell fails, as does a minimum within k of it.
    // So does a maximum below k over an empty cell that a known solution fills (its maximum is then 1 … k − 1):
    // no integer program for it. (A relaxation's bound of 0 does not pass one: only an exact maximum of 0 does.)
    // A solution at least k above a known one (and so at least k) passes: the true interval holds both.
    const before = pool?.range(target.terms);
    const upper = await high(
      settledBy(
        (bound, reached) =>
          bound < k && (target.value >= 1 || Math.max(before?.max ?? 0, reached === undefined ? 0 : offset + reached) >= 1),
      ),
      before ? enoughBy((value) => value >= k && value - before.min >= k) : undefined,
      // A maximum too low fails the cell, or narrows its interval — unless it is 0, which passes it.
      (value) => value >= 1,
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
      // A minimum too high only narrows the interval (the maximum is at least k here).
      () => true,
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
  if ((lower < 1 || lower > k - 1) && !options.complete)
    return { id: target.id, rule: target.rule, lower, upper: Number.NaN, passes: true };
  const known = pool?.range(target.terms);
  if (known && known.max - lower >= k) {
    if (stats) stats.halfPooled++;
    return { id: target.id, rule: target.rule, lower, upper: known.max, passes: true };
  }
  const upper = await high(
    settledBy((bound) => bound - lower < k),
    enoughBy((value) => value - lower >= k),
    // A maximum too low only narrows the interval above an exact minimum. (Not the minimum: one
    // too high could pass the group by reaching k.)
    () => true,
  );
  return { id: target.id, rule: target.rule, lower, upper, passes: targetPasses(target.rule, lower, upper, k) };
}

export { isSmallCount };
