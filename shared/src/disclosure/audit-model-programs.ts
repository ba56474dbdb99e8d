import type { ModelCache } from './audit-model-cache';
import type { EnoughBy, IntervalProblem, IntervalSolver, LinearTerm, SettledBy, StartPoint } from './interval-audit';
import { OPTIMAL, satisfies, side, type Entry, type MipEvent, type PersistentHighs, type Side } from './highs-model';

/*
 * The integer programs beside the exact one (audit-model-solver.ts): harvesting points, looking
 * in a restriction, and presolved programs — and what they share with it: the solver's state,
 * starting points, early stops, and points checked against every row.
 */

/** How many bounds each way of answering settled (for benchmarks). */
export interface PersistentSolverStats {
  relaxations: number;
  integralRelaxations: number;
  closedByWitness: number;
  integerPrograms: number;
  /** Bounds the relaxation settled for the caller, with no integer program. */
  settledByRelaxation?: number;
  /** Bounds a relaxation gave where the caller said one is enough (BoundHints.relaxationIsEnough). */
  guidedByRelaxation?: number;
  /** Integer programs stopped early: by a solution good enough, or by a bound that settles the caller. */
  stoppedBySolution?: number;
  stoppedByBound?: number;
  /** Runs of integer programs with presolve for a bound (see PRESOLVED), whatever came of them. */
  presolvedPrograms?: number;
  /** Integer programs on a restriction (see fromRestriction), and the bounds their solutions settled. */
  restrictedPrograms?: number;
  settledByRestriction?: number;
  /** Harvesting: relaxations, integer programs stopped early, and the feasible points they gave. */
  sampleRelaxations?: number;
  sampleIntegerPrograms?: number;
  samplePoints?: number;
}

/**
 * HiGHS's presolve, for integer programs whose answers are checked here: several times faster on
 * the audit's larger parts (in the 1,000-response profile, a harvesting program of 946 rows:
 * 2.3 s → 0.12 s; a maximum of one hidden cell: 3.0 s → 1.0 s). Its reductions are not re-derived,
 * and HiGHS 1.15.3's once called a feasible problem of the audit's shape infeasible
 * (disclosure.spec.ts), so what it says is taken only where it cannot pass a target it should not:
 * a point it finds counts once checked against every row (harvesting, restrictions, a solution
 * good enough); an optimum or a bound only where the caller says that one short of the true
 * optimum can only hide more (`BoundHints.shortIsSafe`) and no known solution does better (a
 * proven bound only where it settles a failure). Any other outcome — infeasible, an error thrown,
 * a point that breaks a row, an answer contradicted — goes to the integer program without
 * presolve. No time limit (answers must not depend on the machine's speed): a run that never
 * ends is stopped with the whole release by RELEASE_TIMEOUT_SECONDS.
 */
const PRESOLVED = { presolve: 'on' } as const;

/** Improving solutions a harvesting integer program looks for before it stops. */
const SAMPLE_SOLUTIONS = 2;
/** Branch-and-bound nodes a harvesting integer program may take. */
const SAMPLE_NODES = 200;

/** The bound solver's state: its models, the integer solutions it has seen, and the last one. */
export interface BoundSolver {
  readonly highs: PersistentHighs;
  readonly fallback: IntervalSolver;
  readonly models: ModelCache;
  readonly stats: PersistentSolverStats | undefined;
  /** Integer solutions found so far (by variable, NaN where not known): feasible wherever they satisfy the rows. */
  readonly witnesses: Float64Array[];
  last: Map<number, number> | undefined;
}

/** One bound asked of the solver, with the cached model that answers it and the variables it mentions. */
export interface Bound {
  readonly sense: 'Minimize' | 'Maximize';
  readonly problem: IntervalProblem;
  readonly objective: readonly LinearTerm[];
  readonly settled: SettledBy | undefined;
  readonly enough: EnoughBy | undefined;
  readonly entry: Entry;
  readonly used: ReadonlySet<number>;
  readonly start: StartPoint | undefined;
  readonly shortIsSafe: ((value: number) => boolean) | undefined;
}

/** The variables a problem and objective mention: what the text path's model holds. */
export function mentioned(problem: IntervalProblem, objective: readonly LinearTerm[]): Set<number> {
  const used = new Set<number>(objective.map((t) => t.variable));
  for (const constraint of problem.constraints) for (const term of constraint.terms) used.add(term.variable);
  return used;
}

/** Branch-and-bound nodes an integer program on a restriction may take before the whole problem is solved instead. */
const RESTRICTED_NODES = 500;

/**
 * A solution good enough for the caller, looked for in a restriction of the problem (see
 * {@link BoundHints}): a smaller integer program, stopped as soon as its incumbent is enough,
 * or after a few hundred nodes. Its solutions solve the problem too (completed by the values
 * the restriction held), so one that is enough answers the caller; undefined when none was found.
 */
export function fromRestriction(solver: BoundSolver, bound: Bound, restricted: IntervalProblem): number | undefined {
  const { highs, stats, models } = solver;
  const { sense, objective, enough } = bound;
  if (!enough) return undefined;
  const entry = models.find(restricted, objective);
  const used = mentioned(restricted, objective);
  const limited = (entry.limited ??= side(highs, entry.data, entry.rows.length, true, { mip_max_nodes: RESTRICTED_NODES, ...PRESOLVED }));
  models.prepare(limited, entry, restricted, sense, objective);
  startFrom(limited, entry, bound.start);
  const early: EarlyStop = { stop: undefined, stopAt: Number.NaN };
  const callbacks = interruptions(highs, { ...bound, settled: undefined }, early);
  const status = runChecked(limited, callbacks);
  if (stats) stats.restrictedPrograms = (stats.restrictedPrograms ?? 0) + 1;
  if (status === undefined || (status !== OPTIMAL && early.stop !== 'solution')) return undefined;
  const found = point(solver, entry, limited.model.getSolution().colValue, used, restricted);
  if (!found) return undefined;
  const value = objectiveAt(objective, (variable) => found.get(variable));
  if (!enough(value)) return undefined;
  if (stats) stats.settledByRestriction = (stats.settledByRestriction ?? 0) + 1;
  solver.last = found;
  return value;
}

/**
 * Runs a presolved integer program; undefined when HiGHS ends it with an error (the highs wrapper
 * throws on an error status, as in a failed presolve or postsolve): its caller then has no answer
 * from it, and the program without presolve answers instead.
 */
function runChecked(presolved: Side, callbacks?: Readonly<Record<number, (event: MipEvent) => undefined>>): number | undefined {
  try {
    return (callbacks ? presolved.model.run(callbacks) : presolved.model.run()).modelStatus;
  } catch {
    return undefined;
  }
}

/** The objective's value at a point (NaN where the point does not know a variable). */
export function objectiveAt(objective: readonly LinearTerm[], valueOf: (variable: number) => number | undefined): number {
  return objective.reduce((sum, t) => sum + t.coefficient * (valueOf(t.variable) ?? Number.NaN), 0);
}

/** A bound on an integer objective, rounded to the safe side (down for a maximum, up for a minimum). */
export function roundedBound(sense: 'Minimize' | 'Maximize', value: number): number {
  return sense === 'Maximize' ? Math.floor(value + 1e-7) : Math.ceil(value - 1e-7);
}

/** Where an integer program was stopped early, and why. */
export interface EarlyStop {
  stop: 'solution' | 'bound' | undefined;
  stopAt: number;
}

/**
 * The bound from an integer program with presolve, when the caller may take it (see
 * {@link PRESOLVED}); undefined when the program without presolve must answer.
 */
export function fromPresolved(solver: BoundSolver, bound: Bound): number | undefined {
  const { highs, stats, models } = solver;
  const { sense, problem, objective, enough, entry, used, start, shortIsSafe } = bound;
  if (!shortIsSafe) return undefined;
  const presolved = (entry.presolved ??= side(highs, entry.data, entry.rows.length, true, PRESOLVED));
  models.prepare(presolved, entry, problem, sense, objective);
  startFrom(presolved, entry, start);
  const early: EarlyStop = { stop: undefined, stopAt: Number.NaN };
  const callbacks = interruptions(highs, bound, early);
  const status = runChecked(presolved, callbacks);
  if (stats) stats.presolvedPrograms = (stats.presolvedPrograms ?? 0) + 1;
  if (status === undefined) return undefined;
  // A known feasible solution better than the answer proves the answer wrong.
  const known = start ? objectiveAt(objective, (variable) => start[variable]) : undefined;
  const trusted = (value: number) =>
    shortIsSafe(value) && (known === undefined || Number.isNaN(known) || (sense === 'Maximize' ? value >= known : value <= known));
  if (early.stop === 'bound') {
    if (!trusted(early.stopAt)) return undefined;
    if (stats) stats.stoppedByBound = (stats.stoppedByBound ?? 0) + 1;
    return early.stopAt;
  }
  if (status !== OPTIMAL && early.stop !== 'solution') return undefined;
  const found = point(solver, entry, presolved.model.getSolution().colValue, used, problem);
  if (!found) return undefined;
  const value = objectiveAt(objective, (variable) => found.get(variable));
  if (early.stop === 'solution' ? !enough?.(value) : !trusted(value)) return undefined;
  // Counted as the program without presolve counts its own (presolvedPrograms counts every run).
  if (stats) {
    if (early.stop === 'solution') stats.stoppedBySolution = (stats.stoppedBySolution ?? 0) + 1;
    else stats.integerPrograms++;
  }
  solver.last = found;
  return value;
}

/**
 * The callbacks that stop an integer program as soon as the incumbent or the proven bound
 * answers the caller (then checked by the caller), noting why in `early`; none when the
 * module has no callback channel, the caller asked nothing, or the objective is not integer.
 */
export function interruptions(
  highs: PersistentHighs,
  { sense, objective, settled, enough }: Bound,
  early: EarlyStop,
): Readonly<Record<number, (event: MipEvent) => undefined>> | undefined {
  const rounded = (value: number) => roundedBound(sense, value);
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
export function point(
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
export function startFrom(integer: Side, entry: Entry, start: StartPoint | undefined): void {
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
export async function sample(
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
      ...PRESOLVED,
    }));
    models.prepare(sampler, entry, problem, direction, objective);
    startFrom(sampler, entry, start);
    if (runChecked(sampler) === undefined) return undefined;
    if (stats) stats.sampleIntegerPrograms = (stats.sampleIntegerPrograms ?? 0) + 1;
    found = point(solver, entry, sampler.model.getSolution().colValue, used, problem);
  }
  if (found && stats) stats.samplePoints = (stats.samplePoints ?? 0) + 1;
  return found;
}
