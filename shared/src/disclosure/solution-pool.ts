import type {
  AuditStats,
  AuditTarget,
  IntervalProblem,
  IntervalSolver,
  LinearConstraint,
  LinearTerm,
  components,
} from './interval-problem';

/**
 * Feasible integer solutions already known (the true counts, and every optimum the solver
 * found): a cheap sufficient check before any integer program. If two known solutions give
 * a target values k apart, its interval is at least that wide whatever the solver would say.
 * Every solution stays feasible while the audit only removes constraints (more suppression).
 */
export class SolutionPool {
  private readonly vectors: Float64Array[];
  /** A checksum of each vector: a vector already known is found without comparing every entry. */
  private readonly sums: number[];
  /** Rows with the earlier blocks held (see holdFrom), by anchor and the row they came from; the same row each time. */
  private readonly held = new Map<number, WeakMap<LinearConstraint, LinearConstraint | null>>();

  constructor(
    private readonly base: Float64Array,
    private readonly capacity = 256,
  ) {
    this.vectors = [base];
    this.sums = [checksum(base)];
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
    const sum = checksum(vector);
    if (this.vectors.some((known, i) => this.sums[i] === sum && sameVector(known, vector))) return false;
    if (this.vectors.length >= this.capacity) {
      this.vectors.splice(1, 1);
      this.sums.splice(1, 1);
    }
    this.vectors.push(vector);
    this.sums.push(sum);
    return true;
  }

  /**
   * The problem with every variable from `anchor` on held at the base's value: rows left with
   * no variable are dropped (the base satisfies them). Its solutions, completed by the base,
   * solve the problem. A row comes out as the same object every time (solver models are kept by row).
   */
  holdFrom(problem: IntervalProblem, anchor: number): IntervalProblem {
    let rows = this.held.get(anchor);
    if (!rows) {
      rows = new WeakMap();
      this.held.set(anchor, rows);
    }
    const constraints: LinearConstraint[] = [];
    for (const constraint of problem.constraints) {
      let held = rows.get(constraint);
      if (held === undefined) {
        held = this.hold(constraint, anchor);
        rows.set(constraint, held);
      }
      if (held) constraints.push(held);
    }
    return { variableCount: problem.variableCount, constraints };
  }

  /** One row with the variables from `anchor` on held at the base (null: none left). */
  private hold(constraint: LinearConstraint, anchor: number): LinearConstraint | null {
    let offset = 0;
    const terms: LinearTerm[] = [];
    for (const term of constraint.terms) {
      if (term.variable >= anchor) offset += term.coefficient * (this.base[term.variable] as number);
      else terms.push(term);
    }
    if (terms.length === constraint.terms.length) return constraint;
    return terms.length > 0 ? { terms, lower: constraint.lower - offset, upper: constraint.upper - offset } : null;
  }

  /** The known solution that takes the objective furthest this way. */
  best(terms: readonly LinearTerm[], sense: 'minimize' | 'maximize'): Float64Array {
    let best = this.base;
    let bestValue = sense === 'maximize' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    for (const vector of this.vectors) {
      let value = 0;
      for (const term of terms) value += term.coefficient * (vector[term.variable] as number);
      if (sense === 'maximize' ? value > bestValue : value < bestValue) {
        best = vector;
        bestValue = value;
      }
    }
    return best;
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

function checksum(vector: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum = (sum * 31 + (vector[i] as number) * (i + 1)) % 2147483647;
  return sum;
}

function sameVector(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether known solutions already prove a target safe (its true interval contains [min, max]). */
export function provedByPool(rule: AuditTarget['rule'], min: number, max: number, k: number): boolean {
  if (rule === 'suppressed') return max - min >= k && max >= k;
  return min <= 0 || max - min >= k;
}

export interface Pending {
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
export async function harvest(
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
          solution = await sample(part, objective, sense, pool.best(objective, sense));
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

/** Objectives tried to put someone in empty hidden cells. */
const FILL_ATTEMPTS = 4;

/**
 * Feasible points that put someone in empty hidden cells. An empty hidden cell fails once its
 * maximum is proven below k and some feasible point fills it (it then holds 1 … k − 1 at most),
 * so such a point lets the relaxation's bound settle it with no integer program (`boundTarget`).
 * One objective pushes every open empty cell up at once; the cells it filled leave, the rest try
 * again. With `anchor`, the points are looked for first with every variable from `anchor` on (the
 * blocks of earlier releases) held at the pool's base, a history consistent with today: a far
 * smaller problem, and each of its solutions, completed by that history, is feasible; then, for
 * the cells that history leaves no room for, in the whole problem (one integer program for many
 * cells instead of one each).
 */
export async function fillEmpty(
  pending: readonly Pending[],
  problem: IntervalProblem,
  fixed: ReadonlyMap<number, number>,
  pool: SolutionPool,
  solver: IntervalSolver,
  anchor: number | undefined,
  stats: AuditStats | undefined,
): Promise<void> {
  const sample = solver.sample?.bind(solver);
  if (!sample) return;
  const today = (entry: Pending) => anchor === undefined || entry.free.every((term) => term.variable < anchor);
  const empty = (entry: Pending) =>
    entry.target.rule === 'suppressed' && entry.target.value === 0 && today(entry) && pool.range(entry.target.terms).max < 1;
  let open = pending.filter(empty);
  // With earlier releases, the smaller problem first, then the whole one for the cells it could not fill.
  for (const searched of anchor === undefined ? [problem] : [pool.holdFrom(problem, anchor), problem]) {
    for (let attempt = 0; attempt < FILL_ATTEMPTS && open.length > 0; attempt++) {
      const weights = new Map<number, number>();
      for (const entry of open) for (const term of entry.free) if (term.coefficient > 0) weights.set(term.variable, 1);
      if (weights.size === 0) return;
      const objective = [...weights].map(([variable, coefficient]) => ({ variable, coefficient }));
      if (stats) stats.samples++;
      let solution: ReadonlyMap<number, number> | undefined;
      try {
        solution = await sample(searched, objective, 'maximize', pool.best(objective, 'maximize'));
      } catch {
        solution = undefined; // a point not found is no loss: the cells are bounded exactly
      }
      if (!solution || !pool.learn(solution, fixed)) break;
      if (stats) stats.learned++;
      const before = open.length;
      open = open.filter(empty);
      if (open.length === before) break;
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
