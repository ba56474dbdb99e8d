import type { EnoughBy, IntervalProblem, IntervalSolver, LinearConstraint, LinearTerm, SettledBy } from './interval-audit';
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
  /** Harvesting: relaxations, integer programs stopped early, and the feasible points they gave. */
  sampleRelaxations?: number;
  sampleIntegerPrograms?: number;
  samplePoints?: number;
}

/** Improving solutions a harvesting integer program looks for before it stops. */
const SAMPLE_SOLUTIONS = 2;

export function createPersistentHighsIntervalSolver(
  highs: PersistentHighs,
  fallback: IntervalSolver,
  capacity = 6,
  stats?: PersistentSolverStats,
): IntervalSolver {
  const cache: Entry[] = [];
  /** Integer solutions found so far (by variable, NaN where not known): feasible wherever they satisfy the rows. */
  const witnesses: Float64Array[] = [];
  let last: Map<number, number> | undefined;
  const infinity = highs.infinity;

  const build = (problem: IntervalProblem, objective: readonly LinearTerm[]): Entry => {
    const columnOf = new Map<number, number>();
    const column = (variable: number) => {
      let index = columnOf.get(variable);
      if (index === undefined) {
        index = columnOf.size;
        columnOf.set(variable, index);
      }
      return index;
    };
    for (const term of objective) column(term.variable);
    const rows = problem.constraints;
    const starts = new Int32Array(rows.length + 1);
    const indices: number[] = [];
    const values: number[] = [];
    const rowLower = new Float64Array(rows.length);
    const rowUpper = new Float64Array(rows.length);
    const rowOf = new Map<LinearConstraint, number>();
    rows.forEach((constraint, row) => {
      rowOf.set(constraint, row);
      const merged = new Map<number, number>();
      for (const term of constraint.terms) {
        const index = column(term.variable);
        merged.set(index, (merged.get(index) ?? 0) + term.coefficient);
      }
      for (const [index, value] of [...merged].sort((a, b) => a[0] - b[0])) {
        if (value === 0) continue;
        indices.push(index);
        values.push(value);
      }
      starts[row + 1] = indices.length;
      rowLower[row] = Number.isFinite(constraint.lower) ? constraint.lower : -infinity;
      rowUpper[row] = Number.isFinite(constraint.upper) ? constraint.upper : infinity;
    });
    const matrix = {
      format: 'csr' as const,
      numRows: rows.length,
      numCols: columnOf.size,
      starts,
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    };
    const data = {
      numCols: columnOf.size,
      numRows: rows.length,
      colCost: new Float64Array(columnOf.size),
      colLower: new Float64Array(columnOf.size),
      colUpper: new Float64Array(columnOf.size).fill(infinity),
      rowLower,
      rowUpper,
      matrix,
    };
    const entry: Entry = { rowOf, rows, columnOf, data, lp: side(highs, data, rows.length, false) };
    return entry;
  };

  /** A cached model holding every constraint of the problem and every objective variable. */
  const find = (problem: IntervalProblem, objective: readonly LinearTerm[]): Entry => {
    for (let i = 0; i < cache.length; i++) {
      const entry = cache[i] as Entry;
      if (!objective.every((t) => entry.columnOf.has(t.variable))) continue;
      // A model far larger than the problem would cost more to solve than a new one.
      if (entry.rows.length > 2 * problem.constraints.length + 64) continue;
      if (!problem.constraints.every((c) => entry.rowOf.has(c))) continue;
      if (i > 0) cache.unshift(...cache.splice(i, 1));
      return entry;
    }
    const entry = build(problem, objective);
    cache.unshift(entry);
    while (cache.length > capacity) {
      const evicted = cache.pop() as Entry;
      evicted.lp.model.dispose();
      evicted.mip?.model.dispose();
      evicted.sampler?.model.dispose();
    }
    return entry;
  };

  /** Switches the side's rows to exactly the problem's, and its objective to this one. */
  const prepare = (
    side: Side,
    entry: Entry,
    problem: IntervalProblem,
    sense: 'Minimize' | 'Maximize',
    objective: readonly LinearTerm[],
  ) => {
    const wanted = new Uint8Array(entry.rows.length);
    for (const constraint of problem.constraints) wanted[entry.rowOf.get(constraint) as number] = 1;
    const changed: number[] = [];
    for (let row = 0; row < wanted.length; row++) if (wanted[row] !== side.active[row]) changed.push(row);
    if (changed.length > 0) {
      const lower = new Float64Array(changed.length);
      const upper = new Float64Array(changed.length);
      changed.forEach((row, i) => {
        const constraint = entry.rows[row] as LinearConstraint;
        lower[i] = wanted[row] ? (Number.isFinite(constraint.lower) ? constraint.lower : -infinity) : -infinity;
        upper[i] = wanted[row] ? (Number.isFinite(constraint.upper) ? constraint.upper : infinity) : infinity;
        side.active[row] = wanted[row] as number;
      });
      side.model.changeRowsBounds({ kind: 'set', indices: Int32Array.from(changed) }, lower, upper);
    }
    const wantedCosts = new Map<number, number>();
    for (const term of objective) {
      const index = entry.columnOf.get(term.variable) as number;
      wantedCosts.set(index, (wantedCosts.get(index) ?? 0) + term.coefficient);
    }
    const costs = new Map<number, number>();
    for (const index of side.costed) costs.set(index, 0);
    for (const [index, cost] of wantedCosts) costs.set(index, cost);
    const order = [...costs.keys()].sort((a, b) => a - b);
    side.model.changeColsCost(
      { kind: 'set', indices: Int32Array.from(order) },
      Float64Array.from(order.map((index) => costs.get(index) as number)),
    );
    side.costed = Int32Array.from(order.filter((index) => costs.get(index) !== 0));
    if (side.sense !== sense) {
      side.model.changeObjectiveSense(
        (sense === 'Minimize' ? highs.constants.objectiveSense.minimize : highs.constants.objectiveSense.maximize) as never,
      );
      side.sense = sense;
    }
  };

  /** The variables a problem and objective mention: what the text path's model holds. */
  const mentioned = (problem: IntervalProblem, objective: readonly LinearTerm[]) => {
    const used = new Set<number>(objective.map((t) => t.variable));
    for (const constraint of problem.constraints) for (const term of constraint.terms) used.add(term.variable);
    return used;
  };

  /** Keeps an integer solution as a witness, and as the last solution (over the problem's variables). */
  const remember = (entry: Entry, values: Float64Array, used: ReadonlySet<number>, variableCount: number) => {
    const witness = new Float64Array(Math.max(variableCount, ...used) + 1).fill(Number.NaN);
    for (const variable of used) witness[variable] = Math.round(values[entry.columnOf.get(variable) as number] as number);
    witnesses.unshift(witness);
    if (witnesses.length > 64) witnesses.pop();
    last = new Map([...used].map((variable) => [variable, witness[variable] as number]));
  };

  const solveOne = async (
    sense: 'Minimize' | 'Maximize',
    problem: IntervalProblem,
    objective: readonly LinearTerm[],
    settled?: SettledBy,
    enough?: EnoughBy,
  ): Promise<number> => {
    last = undefined;
    const entry = find(problem, objective);
    const used = mentioned(problem, objective);
    const lp = entry.lp;
    prepare(lp, entry, problem, sense, objective);
    const relaxed = lp.model.run().modelStatus;
    if (stats) stats.relaxations++;
    if (relaxed === UNBOUNDED) return Number.POSITIVE_INFINITY;
    if (relaxed !== OPTIMAL && relaxed !== INFEASIBLE) {
      const value = await (sense === 'Minimize' ? fallback.minimum(problem, objective) : fallback.maximum(problem, objective));
      last = fallback.lastSolution?.() ? new Map(fallback.lastSolution()) : undefined;
      return value;
    }
    if (relaxed === OPTIMAL) {
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
        remember(entry, values, used, problem.variableCount);
        return lp.model.getObjectiveValue();
      }
      // The relaxation bounds the integer optimum; an integer solution already known that
      // reaches that bound (rounded, for an integer objective) is the integer optimum.
      if (objective.every((t) => Number.isInteger(t.coefficient))) {
        const optimum = lp.model.getObjectiveValue();
        const bound = sense === 'Maximize' ? Math.floor(optimum + 1e-7) : Math.ceil(optimum - 1e-7);
        for (const witness of witnesses) {
          let value = 0;
          for (const term of objective) value += term.coefficient * (witness[term.variable] ?? Number.NaN);
          // One at the bound is the optimum; one that is good enough answers the caller.
          if ((value !== bound && !(enough?.(value) ?? false)) || !satisfies(witness, problem)) continue;
          if (stats) stats.closedByWitness++;
          last = new Map([...used].map((variable) => [variable, witness[variable] as number]));
          return value;
        }
        // The relaxation's bound already answers the caller's question: no integer program.
        if (settled?.(bound)) {
          if (stats) stats.settledByRelaxation = (stats.settledByRelaxation ?? 0) + 1;
          return bound;
        }
      }
    }
    const mip = (entry.mip ??= side(highs, entry.data, entry.rows.length, true));
    prepare(mip, entry, problem, sense, objective);
    // Stops as soon as the incumbent or the proven bound answers the caller (then checked below).
    const rounded = (value: number) => (sense === 'Maximize' ? Math.floor(value + 1e-7) : Math.ceil(value - 1e-7));
    let stop: 'solution' | 'bound' | undefined;
    let stopAt = Number.NaN;
    const channel = highs.constants.callbackType?.mipInterrupt;
    const callbacks =
      channel !== undefined && (enough || settled) && objective.every((t) => Number.isInteger(t.coefficient))
        ? {
            [channel]: (event: MipEvent) => {
              const primal = event.data.mip_primal_bound;
              const dual = event.data.mip_dual_bound;
              if (enough && primal !== undefined && Number.isFinite(primal) && enough(Math.round(primal))) stop = 'solution';
              else if (settled && dual !== undefined && Number.isFinite(dual) && settled(rounded(dual))) {
                stop = 'bound';
                stopAt = rounded(dual);
              }
              if (stop) event.interrupt?.();
              return undefined;
            },
          }
        : undefined;
    const status = (callbacks ? mip.model.run(callbacks) : mip.model.run()).modelStatus;
    if (status === UNBOUNDED) return Number.POSITIVE_INFINITY;
    if (status !== OPTIMAL && stop === 'solution' && enough) {
      // The incumbent, rounded and checked against every row, and its exact value.
      const found = point(entry, mip.model.getSolution().colValue, used, problem);
      if (found) {
        const value = objective.reduce((sum, t) => sum + t.coefficient * (found.get(t.variable) as number), 0);
        if (enough(value)) {
          if (stats) stats.stoppedBySolution = (stats.stoppedBySolution ?? 0) + 1;
          last = found;
          return value;
        }
      }
    }
    if (status !== OPTIMAL && stop === 'bound') {
      if (stats) stats.stoppedByBound = (stats.stoppedByBound ?? 0) + 1;
      return stopAt;
    }
    if (status !== OPTIMAL) throw new Error(`the audit's integer program did not solve: ${STATUS_NAMES[status] ?? `status ${status}`}`);
    if (stats) stats.integerPrograms++;
    remember(entry, mip.model.getSolution().colValue, used, problem.variableCount);
    return mip.model.getObjectiveValue();
  };

  /** The side's current solution as a feasible integer point of the problem, if it is one. */
  const point = (entry: Entry, values: Float64Array, used: ReadonlySet<number>, problem: IntervalProblem) => {
    const witness = new Float64Array(Math.max(problem.variableCount, ...used) + 1).fill(Number.NaN);
    for (const variable of used) {
      const value = values[entry.columnOf.get(variable) as number] as number;
      if (!(Math.abs(value - Math.round(value)) < 1e-6) || Math.round(value) < 0) return undefined;
      witness[variable] = Math.round(value);
    }
    // Checked here, rounded, against every row: the solver's tolerances are not trusted.
    if (!satisfies(witness, problem)) return undefined;
    witnesses.unshift(witness);
    if (witnesses.length > 64) witnesses.pop();
    return new Map([...used].map((variable) => [variable, witness[variable] as number]));
  };

  /** A feasible integer point good for the objective: the relaxation's when integral, else a MIP's first solutions. */
  const sample = async (problem: IntervalProblem, objective: readonly LinearTerm[], sense: 'minimize' | 'maximize') => {
    const direction = sense === 'minimize' ? 'Minimize' : 'Maximize';
    const entry = find(problem, objective);
    const used = mentioned(problem, objective);
    prepare(entry.lp, entry, problem, direction, objective);
    const relaxed = entry.lp.model.run().modelStatus;
    if (stats) stats.sampleRelaxations = (stats.sampleRelaxations ?? 0) + 1;
    if (relaxed !== OPTIMAL) return undefined;
    let found = point(entry, entry.lp.model.getSolution().colValue, used, problem);
    if (!found) {
      const sampler = (entry.sampler ??= side(highs, entry.data, entry.rows.length, true, { mip_max_improving_sols: SAMPLE_SOLUTIONS }));
      prepare(sampler, entry, problem, direction, objective);
      sampler.model.run();
      if (stats) stats.sampleIntegerPrograms = (stats.sampleIntegerPrograms ?? 0) + 1;
      found = point(entry, sampler.model.getSolution().colValue, used, problem);
    }
    if (found && stats) stats.samplePoints = (stats.samplePoints ?? 0) + 1;
    return found;
  };

  return {
    lastSolution: () => last,
    sample,
    minimum: (problem, objective, settled, enough) => solveOne('Minimize', problem, objective, settled, enough),
    maximum: (problem, objective, settled, enough) => solveOne('Maximize', problem, objective, settled, enough),
  };
}
