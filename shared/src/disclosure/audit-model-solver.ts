import { createModelCache, type ModelCache } from './audit-model-cache';
import type { BoundHints, EnoughBy, IntervalProblem, IntervalSolver, LinearTerm, SettledBy, StartPoint } from './interval-audit';
import {
  INFEASIBLE,
  OPTIMAL,
  STATUS_NAMES,
  UNBOUNDED,
  satisfies,
  side,
  type Entry,
  type MipEvent,
  type PersistentHighs,
  type Side,
} from './highs-model';

export type { MipEvent, PersistentHighs, PersistentHighsModel } from './highs-model';

/** How many bounds each way of answering settled (for benchmarks). */
export interface PersistentSolverStats {
  relaxations: number;
  integralRelaxations: number;
  closedByWitness: number;
  integerPrograms: number;
  /** Bounds the relaxation settled for the caller, with no integer program. */
  settledByRelaxation?: number;
  /** Integer programs stopped early: by a solution good enough, or by a bound that settles the caller. */
  stoppedBySolution?: number;
  stoppedByBound?: number;
  /** Integer programs on a restriction (see fromRestriction), and the bounds their solutions settled. */
  restrictedPrograms?: number;
  settledByRestriction?: number;
  /** Harvesting: relaxations, integer programs stopped early, and the feasible points they gave. */
  sampleRelaxations?: number;
  sampleIntegerPrograms?: number;
  samplePoints?: number;
}

/** Improving solutions a harvesting integer program looks for before it stops. */
const SAMPLE_SOLUTIONS = 2;
/** Branch-and-bound nodes a harvesting integer program may take. */
const SAMPLE_NODES = 200;

/** The bound solver's state: its models, the integer solutions it has seen, and the last one. */
interface BoundSolver {
  readonly highs: PersistentHighs;
  readonly fallback: IntervalSolver;
  readonly models: ModelCache;
  readonly stats: PersistentSolverStats | undefined;
  /** Integer solutions found so far (by variable, NaN where not known): feasible wherever they satisfy the rows. */
  readonly witnesses: Float64Array[];
  last: Map<number, number> | undefined;
}

/** One bound asked of the solver, with the cached model that answers it and the variables it mentions. */
interface Bound {
  readonly sense: 'Minimize' | 'Maximize';
  readonly problem: IntervalProblem;
  readonly objective: readonly LinearTerm[];
  readonly settled: SettledBy | undefined;
  readonly enough: EnoughBy | undefined;
  readonly entry: Entry;
  readonly used: ReadonlySet<number>;
  readonly start: StartPoint | undefined;
}

/**
 * The audit's solver on HiGHS's persistent models: a cache of models (see audit-model-cache.ts),
 * each bound answered by the relaxation when it can be, else by an integer program; `fallback`
 * answers what the relaxation cannot (neither optimal nor infeasible).
 */
export function createPersistentHighsIntervalSolver(
  highs: PersistentHighs,
  fallback: IntervalSolver,
  capacity = 6,
  stats?: PersistentSolverStats,
): IntervalSolver {
  const solver: BoundSolver = {
    highs,
    fallback,
    models: createModelCache(highs, capacity),
    stats,
    witnesses: [],
    last: undefined,
  };
  return {
    lastSolution: () => solver.last,
    sample: (problem, objective, sense, start) => sample(solver, problem, objective, sense, start),
    minimum: (problem, objective, settled, enough, hints) => solveOne(solver, 'Minimize', problem, objective, settled, enough, hints),
    maximum: (problem, objective, settled, enough, hints) => solveOne(solver, 'Maximize', problem, objective, settled, enough, hints),
  };
}

/** The variables a problem and objective mention: what the text path's model holds. */
function mentioned(problem: IntervalProblem, objective: readonly LinearTerm[]): Set<number> {
  const used = new Set<number>(objective.map((t) => t.variable));
  for (const constraint of problem.constraints) for (const term of constraint.terms) used.add(term.variable);
  return used;
}

/** Keeps an integer solution as a witness, and as the last solution (over the problem's variables). */
function remember(solver: BoundSolver, entry: Entry, values: Float64Array, used: ReadonlySet<number>, variableCount: number): void {
  const witness = new Float64Array(Math.max(variableCount, ...used) + 1).fill(Number.NaN);
  for (const variable of used) witness[variable] = Math.round(values[entry.columnOf.get(variable) as number] as number);
  solver.witnesses.unshift(witness);
  if (solver.witnesses.length > 64) solver.witnesses.pop();
  solver.last = new Map([...used].map((variable) => [variable, witness[variable] as number]));
}

async function solveOne(
  solver: BoundSolver,
  sense: 'Minimize' | 'Maximize',
  problem: IntervalProblem,
  objective: readonly LinearTerm[],
  settled?: SettledBy,
  enough?: EnoughBy,
  hints?: BoundHints,
): Promise<number> {
  const { stats, fallback } = solver;
  solver.last = undefined;
  const entry = solver.models.find(problem, objective);
  const used = mentioned(problem, objective);
  const lp = entry.lp;
  solver.models.prepare(lp, entry, problem, sense, objective);
  const relaxed = lp.model.run().modelStatus;
  if (stats) stats.relaxations++;
  if (relaxed === UNBOUNDED) return Number.POSITIVE_INFINITY;
  if (relaxed !== OPTIMAL && relaxed !== INFEASIBLE) {
    const value = await (sense === 'Minimize' ? fallback.minimum(problem, objective) : fallback.maximum(problem, objective));
    solver.last = fallback.lastSolution?.() ? new Map(fallback.lastSolution()) : undefined;
    return value;
  }
  const bound: Bound = { sense, problem, objective, settled, enough, entry, used, start: hints?.start };
  if (relaxed === OPTIMAL) {
    const answer = fromRelaxation(solver, bound);
    if (answer !== undefined) return answer;
  }
  if (enough && hints?.restricted && hints.restricted.constraints.length < problem.constraints.length) {
    const answer = fromRestriction(solver, bound, hints.restricted);
    if (answer !== undefined) return answer;
    // The restriction's model may have pushed this one out of the cache (and disposed of it).
    return solveInteger(solver, { ...bound, entry: solver.models.find(problem, objective) });
  }
  return solveInteger(solver, bound);
}

/**
 * The bound from an optimal relaxation, when it settles it: an integral optimum, a known
 * integer solution that reaches it, or a relaxation bound that already answers the caller.
 */
function fromRelaxation(solver: BoundSolver, bound: Bound): number | undefined {
  const { stats } = solver;
  const { sense, problem, objective, settled, enough, entry, used } = bound;
  const lp = entry.lp;
  const values = lp.model.getSolution().colValue;
  let integral = true;
  for (const variable of used) {
    const value = values[entry.columnOf.get(variable) as number] as number;
    if (Math.abs(value - Math.round(value)) >= 1e-7) {
      integral = false;
      break;
    }
  }
  if (integral) {
    if (stats) stats.integralRelaxations++;
    remember(solver, entry, values, used, problem.variableCount);
    return lp.model.getObjectiveValue();
  }
  // The relaxation bounds the integer optimum; an integer solution already known that
  // reaches that bound (rounded, for an integer objective) is the integer optimum.
  if (objective.every((t) => Number.isInteger(t.coefficient))) {
    const optimum = lp.model.getObjectiveValue();
    const rounded = sense === 'Maximize' ? Math.floor(optimum + 1e-7) : Math.ceil(optimum - 1e-7);
    const known = solver.witnesses.map((witness) => ({
      witness,
      value: objective.reduce((sum, term) => sum + term.coefficient * (witness[term.variable] ?? Number.NaN), 0),
    }));
    for (const { witness, value } of known) {
      // One at the bound is the optimum; one that is good enough answers the caller.
      if ((value !== rounded && !(enough?.(value) ?? false)) || !satisfies(witness, problem)) continue;
      if (stats) stats.closedByWitness++;
      solver.last = new Map([...used].map((variable) => [variable, witness[variable] as number]));
      return value;
    }
    // The relaxation's bound already answers the caller's question: no integer program.
    if (settled?.(rounded)) {
      if (stats) stats.settledByRelaxation = (stats.settledByRelaxation ?? 0) + 1;
      return rounded;
    }
    // … or does with a known integer solution between it and the optimum.
    for (const { witness, value } of settled ? known : []) {
      if (Number.isNaN(value) || !settled?.(rounded, value) || !satisfies(witness, problem)) continue;
      if (stats) stats.settledByRelaxation = (stats.settledByRelaxation ?? 0) + 1;
      return rounded;
    }
  }
  return undefined;
}

/** Branch-and-bound nodes an integer program on a restriction may take before the whole problem is solved instead. */
const RESTRICTED_NODES = 500;

/**
 * A solution good enough for the caller, looked for in a restriction of the problem (see
 * {@link BoundHints}): a smaller integer program, stopped as soon as its incumbent is enough,
 * or after a few hundred nodes. Its solutions solve the problem too (completed by the values
 * the restriction held), so one that is enough answers the caller; undefined when none was found.
 */
function fromRestriction(solver: BoundSolver, bound: Bound, restricted: IntervalProblem): number | undefined {
  const { highs, stats, models } = solver;
  const { sense, objective, enough } = bound;
  if (!enough) return undefined;
  const entry = models.find(restricted, objective);
  const used = mentioned(restricted, objective);
  const limited = (entry.limited ??= side(highs, entry.data, entry.rows.length, true, { mip_max_nodes: RESTRICTED_NODES }));
  models.prepare(limited, entry, restricted, sense, objective);
  startFrom(limited, entry, bound.start);
  const early: EarlyStop = { stop: undefined, stopAt: Number.NaN };
  const callbacks = interruptions(highs, { ...bound, settled: undefined }, early);
  const status = (callbacks ? limited.model.run(callbacks) : limited.model.run()).modelStatus;
  if (stats) stats.restrictedPrograms = (stats.restrictedPrograms ?? 0) + 1;
  if (status !== OPTIMAL && early.stop !== 'solution') return undefined;
  const found = point(solver, entry, limited.model.getSolution().colValue, used, restricted);
  if (!found) return undefined;
  const value = objective.reduce((sum, t) => sum + t.coefficient * (found.get(t.variable) as number), 0);
  if (!enough(value)) return undefined;
  if (stats) stats.settledByRestriction = (stats.settledByRestriction ?? 0) + 1;
  solver.last = found;
  return value;
}

/** Where an integer program was stopped early, and why. */
interface EarlyStop {
  stop: 'solution' | 'bound' | undefined;
  stopAt: number;
}

/** The bound from the integer program, stopped early once its incumbent or proven bound answers the caller. */
async function solveInteger(solver: BoundSolver, bound: Bound): Promise<number> {
  const { highs, stats } = solver;
  const { sense, problem, objective, enough, entry, used } = bound;
  const mip = (entry.mip ??= side(highs, entry.data, entry.rows.length, true));
  solver.models.prepare(mip, entry, problem, sense, objective);
  // The best point known for this objective is the first incumbent: the search prunes from it at once.
  startFrom(mip, entry, bound.start);
  const early: EarlyStop = { stop: undefined, stopAt: Number.NaN };
  const callbacks = interruptions(highs, bound, early);
  const status = (callbacks ? mip.model.run(callbacks) : mip.model.run()).modelStatus;
  if (status === UNBOUNDED) return Number.POSITIVE_INFINITY;
  if (status !== OPTIMAL && early.stop === 'solution' && enough) {
    // The incumbent, rounded and checked against every row, and its exact value.
    const found = point(solver, entry, mip.model.getSolution().colValue, used, problem);
    if (found) {
      const value = objective.reduce((sum, t) => sum + t.coefficient * (found.get(t.variable) as number), 0);
      if (enough(value)) {
        if (stats) stats.stoppedBySolution = (stats.stoppedBySolution ?? 0) + 1;
        solver.last = found;
        return value;
      }
    }
  }
  if (status !== OPTIMAL && early.stop === 'bound') {
    if (stats) stats.stoppedByBound = (stats.stoppedByBound ?? 0) + 1;
    return early.stopAt;
  }
  if (status !== OPTIMAL) throw new Error(`the audit's integer program did not solve: ${STATUS_NAMES[status] ?? `status ${status}`}`);
  if (stats) stats.integerPrograms++;
  remember(solver, entry, mip.model.getSolution().colValue, used, problem.variableCount);
  return mip.model.getObjectiveValue();
}

/**
 * The callbacks that stop an integer program as soon as the incumbent or the proven bound
 * answers the caller (then checked by the caller), noting why in `early`; none when the
 * module has no callback channel, the caller asked nothing, or the objective is not integer.
 */
function interruptions(
  highs: PersistentHighs,
  { sense, objective, settled, enough }: Bound,
  early: EarlyStop,
): Readonly<Record<number, (event: MipEvent) => undefined>> | undefined {
  const rounded = (value: number) => (sense === 'Maximize' ? Math.floor(value + 1e-7) : Math.ceil(value - 1e-7));
  const channel = highs.constants.callbackType?.mipInterrupt;
  return channel !== undefined && (enough || settled) && objective.every((t) => Number.isInteger(t.coefficient))
    ? {
        [channel]: (event: MipEvent) => {
          const primal = event.data.mip_primal_bound;
          const dual = event.data.mip_dual_bound;
          const incumbent = primal !== undefined && Number.isFinite(primal) ? Math.round(primal) : undefined;
          if (enough && incumbent !== undefined && enough(incumbent)) early.stop = 'solution';
          else if (settled && dual !== undefined && Number.isFinite(dual) && settled(rounded(dual), incumbent)) {
            early.stop = 'bound';
            early.stopAt = rounded(dual);
          }
          if (early.stop) event.interrupt?.();
          return undefined;
        },
      }
    : undefined;
}

/** The side's current solution as a feasible integer point of the problem, if it is one. */
function point(
  solver: BoundSolver,
  entry: Entry,
  values: Float64Array,
  used: ReadonlySet<number>,
  problem: IntervalProblem,
): Map<number, number> | undefined {
  const witness = new Float64Array(Math.max(problem.variableCount, ...used) + 1).fill(Number.NaN);
  for (const variable of used) {
    const value = values[entry.columnOf.get(variable) as number] as number;
    if (!(Math.abs(value - Math.round(value)) < 1e-6) || Math.round(value) < 0) return undefined;
    witness[variable] = Math.round(value);
  }
  // Checked here, rounded, against every row: the solver's tolerances are not trusted.
  if (!satisfies(witness, problem)) return undefined;
  solver.witnesses.unshift(witness);
  if (solver.witnesses.length > 64) solver.witnesses.pop();
  return new Map([...used].map((variable) => [variable, witness[variable] as number]));
}

/** Hands an integer program a known feasible point (by variable) as its first incumbent. */
function startFrom(integer: Side, entry: Entry, start: StartPoint | undefined): void {
  if (!start || !integer.model.setSolution) return;
  const colValue = new Float64Array(entry.data.numCols);
  for (const [variable, column] of entry.columnOf) colValue[column] = start[variable] ?? 0;
  integer.model.setSolution({ colValue });
}

/**
 * A feasible integer point good for the objective: the relaxation's when integral, else a
 * MIP's first improving solutions, from the known point when there is one, within a few
 * hundred nodes (a point not found is no loss: the targets are bounded exactly).
 */
async function sample(
  solver: BoundSolver,
  problem: IntervalProblem,
  objective: readonly LinearTerm[],
  sense: 'minimize' | 'maximize',
  start?: StartPoint,
): Promise<Map<number, number> | undefined> {
  const { highs, stats, models } = solver;
  const direction = sense === 'minimize' ? 'Minimize' : 'Maximize';
  const entry = models.find(problem, objective);
  const used = mentioned(problem, objective);
  models.prepare(entry.lp, entry, problem, direction, objective);
  const relaxed = entry.lp.model.run().modelStatus;
  if (stats) stats.sampleRelaxations = (stats.sampleRelaxations ?? 0) + 1;
  if (relaxed !== OPTIMAL) return undefined;
  let found = point(solver, entry, entry.lp.model.getSolution().colValue, used, problem);
  if (!found) {
    const sampler = (entry.sampler ??= side(highs, entry.data, entry.rows.length, true, {
      mip_max_improving_sols: SAMPLE_SOLUTIONS,
      mip_max_nodes: SAMPLE_NODES,
    }));
    models.prepare(sampler, entry, problem, direction, objective);
    startFrom(sampler, entry, start);
    sampler.model.run();
    if (stats) stats.sampleIntegerPrograms = (stats.sampleIntegerPrograms ?? 0) + 1;
    found = point(solver, entry, sampler.model.getSolution().colValue, used, problem);
  }
  if (found && stats) stats.samplePoints = (stats.samplePoints ?? 0) + 1;
  return found;
}
