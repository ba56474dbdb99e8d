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
 * on the safe side), whether the caller needs nothing more exact. `reached`, when given, is
 * the value of a feasible integer solution the solver holds (so the optimum lies between it
 * and the bound).
 */
export type SettledBy = (bound: number, reached?: number) => boolean;

/**
 * The other way to settle a verdict: given the value of a feasible integer solution (so the
 * minimum is at most it, the maximum at least it), whether that answers the caller.
 */
export type EnoughBy = (value: number) => boolean;

/**
 * A feasible integer point known before solving (a value for every variable), the best known
 * for the objective: an integer program may start from it as its first incumbent.
 */
export type StartPoint = ArrayLike<number>;

/** What the caller knows that may make a bound cheaper; never changes its value. */
export interface BoundHints {
  readonly start?: StartPoint;
  /**
   * A restriction of the problem: every solution of it, completed by known values, solves the
   * problem. A solution good `enough` may be looked for there first, in a smaller integer program.
   */
  readonly restricted?: IntervalProblem;
  /**
   * Whether this value, if it were short of the true optimum (a maximum too low, a minimum too
   * high, but attained by a feasible solution), could only make the caller hide more. When it
   * is, the solver may take it from an integer program with presolve, whose reductions it does
   * not re-derive (it checks the solution against every row, not the proof of optimality).
   */
  readonly shortIsSafe?: (value: number) => boolean;
  /**
   * The answer only guides a choice (which number to hide next), never a verdict: a bound the
   * linear relaxation proves (≤ the minimum, ≥ the maximum) may be returned as it is, with no
   * integer program. Solvers without a relaxation ignore it and answer exactly.
   */
  readonly relaxationIsEnough?: boolean;
}

/** One bound of an objective (see {@link IntervalSolver}). */
export type IntervalBound = (
  problem: IntervalProblem,
  objective: readonly LinearTerm[],
  settled?: SettledBy,
  enough?: EnoughBy,
  hints?: BoundHints,
) => Promise<number>;

/**
 * Smallest or largest feasible value of an objective over non-negative integers. With
 * `settled`, a solver may return a bound the relaxation proves instead of the optimum when
 * that bound settles the caller's question (and then reports no solution); with `enough`, the
 * value of a feasible integer solution that settles it (an integer program stopped early).
 */
export interface IntervalSolver {
  minimum: IntervalBound;
  maximum: IntervalBound;
  /** The variable values of the optimum last found, when the solver reports them. */
  lastSolution?(): ReadonlyMap<number, number> | undefined;
  /**
   * A feasible integer point that does well on the objective, not necessarily the best
   * (undefined when none was found cheaply): the audit harvests such points to prove
   * targets safe without bounding them.
   */
  sample?(
    problem: IntervalProblem,
    objective: readonly LinearTerm[],
    sense: 'minimize' | 'maximize',
    start?: StartPoint,
  ): Promise<ReadonlyMap<number, number> | undefined>;
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

/** Groups constraints into independent parts, so each target's LP holds only what touches it. */
export function components(problem: IntervalProblem): { of: (variable: number) => number; constraintsOf: Map<number, LinearConstraint[]> } {
  const parent = new Int32Array(problem.variableCount);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
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
 * counts that are published anyway. The result is the same problem, smaller. (On rows that
 * contradict each other, which pin wins depends on the order; the audit's rows never do: the
 * true counts satisfy them.)
 */
export function fixPinnedVariables(problem: IntervalProblem): Simplified {
  const rows = problem.constraints;
  const fixed = new Map<number, number>();
  const pinning = new Set<LinearConstraint>();
  // Each row is looked at once, and again only when one of its variables is pinned.
  const rowsOf = indexRows(rows);
  const current: Working[] = rows.map((origin) => ({ origin, terms: origin.terms, lower: origin.lower, upper: origin.upper }));
  const done = new Uint8Array(rows.length);
  const queued = new Uint8Array(rows.length).fill(1);
  const queue = rows.map((_, index) => index);
  const fix = (variable: number, value: number) => {
    fixed.set(variable, value);
    const list = rowsOf.get(variable);
    if (!list) return;
    for (const index of list) {
      if (done[index] || queued[index]) continue;
      queued[index] = 1;
      queue.push(index);
    }
  };
  for (let head = 0; head < queue.length; head++) {
    const index = queue[head] as number;
    queued[index] = 0;
    const row = (current[index] = reduce(current[index] as Working, fixed));
    const { terms, lower, upper } = row;
    const only = terms[0];
    if (!only) {
      done[index] = 1;
    } else if (terms.length === 1 && lower === upper && Number.isFinite(lower)) {
      done[index] = 1;
      pinning.add(row.origin);
      fix(only.variable, lower / only.coefficient);
    } else if ((upper === 0 && terms.every((t) => t.coefficient > 0)) || (lower === 0 && terms.every((t) => t.coefficient < 0))) {
      // Variables are non-negative: a sum with positive coefficients capped at 0 (a published
      // 0, a structural zero, a cell that cannot have grown) holds only zeros — and so does
      // one with negative coefficients held at or above 0.
      done[index] = 1;
      pinning.add(row.origin);
      for (const term of terms) fix(term.variable, 0);
    }
  }
  // Every row still open was looked at again after the last pin among its variables.
  const rowOf = new Map<LinearConstraint, LinearConstraint>();
  const constraints: LinearConstraint[] = [];
  current.forEach((row, index) => {
    if (done[index]) return;
    const settled = settle(row);
    rowOf.set(row.origin, settled);
    constraints.push(settled);
  });
  return { fixed, constraints, pinning, rowOf };
}

/** The rows each variable appears in. */
function indexRows(rows: readonly LinearConstraint[]): Map<number, number[]> {
  const rowsOf = new Map<number, number[]>();
  rows.forEach((row, index) => {
    for (const term of row.terms) {
      const list = rowsOf.get(term.variable);
      if (list === undefined) rowsOf.set(term.variable, [index]);
      else if (list[list.length - 1] !== index) list.push(index);
    }
  });
  return rowsOf;
}

/** A row with the fixed variables substituted (the same row when none of its variables is fixed). */
function reduce(row: Working, fixed: ReadonlyMap<number, number>): Working {
  if (!row.terms.some((term) => fixed.has(term.variable))) return row;
  let offset = 0;
  const terms: LinearTerm[] = [];
  for (const term of row.terms) {
    const value = fixed.get(term.variable);
    if (value === undefined) terms.push(term);
    else offset += term.coefficient * value;
  }
  return { origin: row.origin, terms, lower: row.lower - offset, upper: row.upper - offset };
}

/** A problem with its pinned variables substituted (see {@link fixPinnedVariables}). */
export interface Simplified {
  readonly fixed: Map<number, number>;
  readonly constraints: LinearConstraint[];
  /** The rows that pinned a variable. */
  readonly pinning: ReadonlySet<LinearConstraint>;
  /** What each row that is left became. */
  readonly rowOf: ReadonlyMap<LinearConstraint, LinearConstraint>;
}

/**
 * The simplification of the same problem without some of its rows, when none of them pinned a
 * variable (undefined otherwise: simplify again). Every pin still holds without them, and they
 * changed no other row, so what is left is the same, less their simplified rows.
 */
export function withoutRows(simplified: Simplified, rows: Iterable<LinearConstraint | undefined>): Simplified | undefined {
  const dropped = new Set<LinearConstraint>();
  for (const row of rows) {
    if (row === undefined) continue;
    if (simplified.pinning.has(row)) return undefined;
    const settled = simplified.rowOf.get(row);
    if (settled) dropped.add(settled);
  }
  if (dropped.size === 0) return simplified;
  const rowOf = new Map([...simplified.rowOf].filter(([, settled]) => !dropped.has(settled)));
  return { ...simplified, constraints: simplified.constraints.filter((row) => !dropped.has(row)), rowOf };
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
  // Most often the same as last time: found without building its key.
  const last = lastSettled.get(origin);
  if (last && last.lower === row.lower && last.upper === row.upper && sameTerms(last.terms, row.terms)) return last;
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
  lastSettled.set(origin, simplified);
  return simplified;
}

/** The simplified row last handed out for each row. */
const lastSettled = new WeakMap<LinearConstraint, LinearConstraint>();

/** The same terms (the row's own term objects, so compared by identity), in the same order. */
function sameTerms(a: readonly LinearTerm[], b: readonly LinearTerm[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
