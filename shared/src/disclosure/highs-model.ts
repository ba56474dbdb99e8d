import type { IntervalProblem, LinearConstraint } from './interval-audit';

/**
 * The parts of HiGHS's persistent model API (highs ≥ 1.15) the audit uses: a model is
 * built once from arrays, and each bound changes only the objective, the sense and the
 * bounds of rows that are switched off — no LP text is written or parsed, and the simplex
 * starts from the previous basis (a hot start).
 */
export interface PersistentHighsModel {
  passModel(model: {
    numCols: number;
    numRows: number;
    colCost: Float64Array;
    colLower: Float64Array;
    colUpper: Float64Array;
    rowLower: Float64Array;
    rowUpper: Float64Array;
    matrix: { format: 'csr'; numRows: number; numCols: number; starts: Int32Array; indices: Int32Array; values: Float64Array };
    integrality?: Int32Array;
  }): unknown;
  readonly options: { set(values: Readonly<Record<string, boolean | number | string>>): unknown };
  changeObjectiveSense(sense: never): unknown;
  changeColsCost(selection: { kind: 'set'; indices: Int32Array }, costs: Float64Array): unknown;
  changeRowsBounds(selection: { kind: 'set'; indices: Int32Array }, lower: Float64Array, upper: Float64Array): unknown;
  run(callbacks?: Readonly<Record<number, (event: MipEvent) => undefined>>): { modelStatus: number };
  getSolution(): { colValue: Float64Array };
  /** A start for the next run (highs ≥ 1.15): an integer program checks it and takes it as its incumbent. */
  setSolution?(solution: { colValue: Float64Array }): unknown;
  getObjectiveValue(): number;
  dispose(): void;
}

/** What a MIP callback of HiGHS reports (the parts used here). */
export interface MipEvent {
  readonly data: { readonly mip_primal_bound?: number; readonly mip_dual_bound?: number };
  interrupt?(): void;
}

export interface PersistentHighs {
  readonly infinity: number;
  readonly constants: {
    readonly objectiveSense: { readonly minimize: unknown; readonly maximize: unknown };
    /** Callback channels (highs ≥ 1.15); without them integer programs run to the optimum. */
    readonly callbackType?: { readonly mipInterrupt: number };
  };
  createModel(): PersistentHighsModel;
}

export const OPTIMAL = 7;
export const INFEASIBLE = 8;
export const UNBOUNDED = 10;
export const STATUS_NAMES: Record<number, string> = {
  0: 'NotSet',
  1: 'LoadError',
  2: 'ModelError',
  4: 'SolveError',
  8: 'Infeasible',
  9: 'UnboundedOrInfeasible',
  13: 'TimeLimit',
  14: 'IterationLimit',
};

export interface Side {
  readonly model: PersistentHighsModel;
  /** Which rows are switched on now (1) or relaxed to −∞ … +∞ (0). */
  readonly active: Uint8Array;
  /** Columns whose cost is not 0 now. */
  costed: Int32Array;
  sense: 'Minimize' | 'Maximize' | null;
}

export type ModelData = Parameters<PersistentHighsModel['passModel']>[0];

export interface Entry {
  readonly rowOf: Map<LinearConstraint, number>;
  readonly rows: readonly LinearConstraint[];
  readonly columnOf: Map<number, number>;
  readonly data: ModelData;
  readonly lp: Side;
  mip?: Side;
  /** An integer model that stops at its first improving solutions (for harvesting). */
  sampler?: Side;
  /** An integer model with a node limit (for solutions looked for in a restriction). */
  limited?: Side;
  /** An integer model with presolve, tried first where an answer short of the optimum is safe. */
  presolved?: Side;
}

/** Whether a vector (by column) satisfies every constraint of the problem. */
export function satisfies(witness: Float64Array, problem: IntervalProblem): boolean {
  for (const constraint of problem.constraints) {
    let value = 0;
    for (const term of constraint.terms) value += term.coefficient * (witness[term.variable] ?? Number.NaN);
    // NaN (a variable the witness does not know) fails both comparisons below.
    if (!(value >= constraint.lower - 1e-9 && value <= constraint.upper + 1e-9)) return false;
  }
  return true;
}

export function side(
  highs: PersistentHighs,
  data: ModelData,
  rows: number,
  integer: boolean,
  extra: Readonly<Record<string, number | string>> = {},
): Side {
  const model = highs.createModel();
  // Presolve costs more than it saves on the relaxations (measured on the text path: 2.5 ms → 0.35 ms).
  // Integer programs run without it unless `extra` turns it on: its reductions are not re-derived here,
  // so only sides whose answers are checked (see `PRESOLVED` in audit-model-programs.ts) use it.
  model.options.set(
    integer
      ? { output_flag: false, mip_rel_gap: 0, presolve: 'off', ...extra }
      : // Primal simplex: a changed objective or a dropped row leaves the last basis primal
        // feasible, so the hot start goes on from it (relaxation time 24 s → 9 s in the audit
        // profile's 150-response release; more of its optima are fractional, 30.6 → 24.9 s of CPU overall).
        { output_flag: false, presolve: 'off', solver: 'simplex', simplex_strategy: 4 },
  );
  model.passModel(integer ? { ...data, integrality: new Int32Array(data.numCols).fill(1) } : data);
  return { model, active: new Uint8Array(rows).fill(1), costed: new Int32Array(0), sense: null };
}
