import { createModelCache } from './audit-model-cache';
import {
  fromPresolved,
  fromRestriction,
  interruptions,
  mentioned,
  objectiveAt,
  point,
  roundedBound,
  sample,
  startFrom,
  type Bound,
  type BoundSolver,
  type EarlyStop,
  type PersistentSolverStats,
} from './audit-model-programs';
import type { BoundHints, EnoughBy, IntervalProblem, IntervalSolver, LinearTerm, SettledBy } from './interval-audit';
import { INFEASIBLE, OPTIMAL, STATUS_NAMES, UNBOUNDED, satisfies, side, type Entry, type PersistentHighs } from './highs-model';

export type { MipEvent, PersistentHighs, PersistentHighsModel } from './highs-model';
export type { PersistentSolverStats } from './audit-model-programs';

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
  const bound: Bound = { sense, problem, objective, settled, enough, entry, used, start: hints?.start, shortIsSafe: hints?.shortIsSafe };
  if (relaxed === OPTIMAL) {
    const answer = fromRelaxation(solver, bound);
    if (answer !== undefined) return answer;
    if (hints?.relaxationIsEnough) return relaxationBound(solver, bound);
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
    const rounded = roundedBound(sense, optimum);
    const known = solver.witnesses.map((witness) => ({
      witness,
      value: objectiveAt(objective, (variable) => witness[variable]),
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

/** The relaxation's optimum as a bound on the integer one (rounded to the safe side for an integer objective). */
function relaxationBound(solver: BoundSolver, bound: Bound): number {
  if (solver.stats) solver.stats.guidedByRelaxation = (solver.stats.guidedByRelaxation ?? 0) + 1;
  const optimum = bound.entry.lp.model.getObjectiveValue();
  if (!bound.objective.every((t) => Number.isInteger(t.coefficient))) return optimum;
  return roundedBound(bound.sense, optimum);
}

/** The bound from the integer program, stopped early once its incumbent or proven bound answers the caller. */
async function solveInteger(solver: BoundSolver, bound: Bound): Promise<number> {
  const presolved = fromPresolved(solver, bound);
  if (presolved !== undefined) return presolved;
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
      const value = objectiveAt(objective, (variable) => found.get(variable));
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
