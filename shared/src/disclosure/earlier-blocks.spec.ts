import loadHighs from 'highs';
import { createPersistentHighsIntervalSolver, type PersistentHighs, type PersistentSolverStats } from './audit-model-solver';
import { createHighsTextIntervalSolver, type HighsModule } from './highs-solver';
import {
  SolutionPool,
  auditIntervals,
  type AuditStats,
  type AuditTarget,
  type IntervalProblem,
  type LinearConstraint,
  type LinearTerm,
} from './interval-audit';
import { seededRandom } from '../surveys/templates/synthetic-policy-impact';

/*
 * With earlier releases in the ledger (issue 10, point 6), the audit looks for solutions with
 * the earlier blocks held at the pool's history (`anchor`): points that fill today's empty
 * hidden cells, and solutions good enough for a bound, in a smaller problem. Each is completed
 * by that history, so each is feasible — the verdicts stay those of the exact path.
 */
const term = (variable: number, coefficient = 1): LinearTerm => ({ variable, coefficient });
/** lower ≤ Σ terms ≤ upper (= lower unless given). */
const row = (terms: LinearTerm[], lower: number, upper = lower): LinearConstraint => ({ terms, lower, upper });

/** Each earlier cell (n + v) at most today's (v): respondents are only ever added. */
const growthRows = (n: number): LinearConstraint[] =>
  Array.from({ length: n }, (_, v) => row([term(v + n), term(v, -1)], Number.NEGATIVE_INFINITY, 0));

/** A random sum of block `block`'s cells (n per block), never empty; some terms negative when `signed`. */
const blockSubset = (random: () => number, n: number, block: number, signed = false): LinearTerm[] => {
  const terms = Array.from({ length: n }, (_, v) => v)
    .filter(() => random() < 0.4)
    .map((v) => term(v + block * n, signed && random() < 0.4 ? -1 : 1));
  return terms.length > 0 ? terms : [term(block * n + Math.floor(random() * n))];
};

/** The value of a sum of cells at `truth`. */
const valueAt = (truth: readonly number[]) => (terms: readonly LinearTerm[]) =>
  terms.reduce((sum, t) => sum + t.coefficient * (truth[t.variable] as number), 0);

describe('the audit with earlier blocks held at a known history', () => {
  let highs: HighsModule & PersistentHighs;
  beforeAll(async () => {
    highs = (await loadHighs()) as unknown as HighsModule & PersistentHighs;
  });

  /** Today's cells 0 … n − 1, an earlier release's n … 2n − 1 (each at most today's), both published in part. */
  const twoBlocks = (seed: number) => {
    const random = seededRandom(seed);
    const n = 5 + Math.floor(random() * 8);
    const today = Array.from({ length: n }, () => (random() < 0.35 ? 0 : Math.floor(random() * 20)));
    const then = today.map((value) => Math.floor(value * random()));
    const truth = [...today, ...then];
    const value = valueAt(truth);
    const subset = (block: number) => blockSubset(random, n, block);
    const constraints: LinearConstraint[] = [];
    for (const block of [0, 1]) {
      const all = Array.from({ length: n }, (_, v) => term(v + block * n));
      constraints.push(row(all, value(all)));
      const published = 2 + Math.floor(random() * 6);
      for (let i = 0; i < published; i++) {
        const terms = subset(block);
        constraints.push(row(terms, value(terms)));
      }
    }
    constraints.push(...growthRows(n));
    const targets: AuditTarget[] = Array.from({ length: 8 }, (_, i) => {
      const terms = i < 2 ? subset(1) : random() < 0.5 ? [term(Math.floor(random() * n))] : subset(0);
      return { id: `t${i}`, terms, rule: i < 2 || random() < 0.3 ? 'derived' : 'suppressed', value: value(terms) };
    });
    return { n, truth, constraints, targets, random };
  };

  it('reaches the exact verdicts, round after round, on 60 random two-release problems', async () => {
    const text = createHighsTextIntervalSolver(highs);
    const solverStats: PersistentSolverStats = { relaxations: 0, integralRelaxations: 0, closedByWitness: 0, integerPrograms: 0 };
    const fast = createPersistentHighsIntervalSolver(highs, text, 3, solverStats);
    const stats: AuditStats = { trivial: 0, pooled: 0, halfPooled: 0, bounded: 0, samples: 0, learned: 0 };
    let compared = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const { n, truth, constraints, targets, random } = twoBlocks(seed);
      for (const k of [3, 5, 11]) {
        const pool = new SolutionPool(Float64Array.from(truth));
        let kept = constraints;
        for (let round = 0; round < 3 && kept.length > 0; round++) {
          const problem: IntervalProblem = { variableCount: 2 * n, constraints: kept };
          const expected = (await auditIntervals(problem, targets, k, text, { complete: true })).map((r) => [r.id, r.passes]);
          const actual = (await auditIntervals(problem, targets, k, fast, { pool, learn: true, stats, anchor: n })).map((r) => [
            r.id,
            r.passes,
          ]);
          expect({ seed, round, k, actual }).toEqual({ seed, round, k, actual: expected });
          compared += expected.length;
          // Suppression only drops constraints: the growth rows stay (they are structure).
          kept = kept.filter((c) => (c.terms.length === 2 && c.upper === 0 ? true : random() < 0.75));
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
    // Both ways of looking in the held problem ran and settled something.
    expect(solverStats.restrictedPrograms ?? 0).toBeGreaterThan(0);
    expect(solverStats.settledByRestriction ?? 0).toBeGreaterThan(0);
    expect(stats.learned).toBeGreaterThan(0);
  });

  it('holds the rows of earlier blocks at the base, the same row objects each time', () => {
    const pool = new SolutionPool(Float64Array.from([4, 0, 3, 2]));
    const growth = row([term(2), term(0, -1)], Number.NEGATIVE_INFINITY, 0);
    const earlier = row([term(2), term(3)], 5);
    const todays = row([term(0), term(1)], 4);
    const problem = { variableCount: 4, constraints: [growth, earlier, todays] };
    const held = pool.holdFrom(problem, 2);
    // x0 ≥ 3 (the earlier cell held at 3), the earlier-only row dropped, today's row unchanged.
    expect(held.constraints).toEqual([row([term(0, -1)], Number.NEGATIVE_INFINITY, -3), todays]);
    expect(held.constraints[1]).toBe(todays);
    const again = pool.holdFrom({ variableCount: 4, constraints: [growth] }, 2);
    expect(again.constraints[0]).toBe(held.constraints[0]);
  });

  it('bounds on a live model after a restriction was looked at, with a model cache of one', async () => {
    // Review finding: building the restriction's model evicted (and disposed of) the problem's own.
    const text = createHighsTextIntervalSolver(highs);
    const fast = createPersistentHighsIntervalSolver(highs, text, 1);
    const rows = [row([term(0, 2), term(1, 2)], 0, 3), row([term(1), term(2, -1)], Number.NEGATIVE_INFINITY, 0), row([term(2)], 0, 1)];
    const problem: IntervalProblem = { variableCount: 3, constraints: rows };
    const pool = new SolutionPool(Float64Array.from([0, 0, 1]));
    expect(await fast.maximum(problem, [term(0)])).toBe(1);
    const restricted = pool.holdFrom(problem, 2);
    expect(restricted.constraints.length).toBeLessThan(rows.length);
    const objective = [term(1)];
    const exact = await text.maximum(problem, objective);
    const got = await fast.maximum(problem, objective, undefined, (value) => value >= 5, {
      start: pool.best(objective, 'maximize'),
      restricted,
    });
    expect(got).toBe(exact);
  });

  /** The review's harder cases: signed terms, published ranges, pinned cells, empty cells, a solver-found history. */
  const harder = (seed: number) => {
    const random = seededRandom(seed);
    const n = 4 + Math.floor(random() * 6);
    const today = Array.from({ length: n }, () => (random() < 0.5 ? 0 : Math.floor(random() * 6)));
    const then = today.map((v) => Math.floor(v * random()));
    const truth = [...today, ...then];
    const value = valueAt(truth);
    const subset = (block: number, signed = false) => blockSubset(random, n, block, signed);
    const constraints: LinearConstraint[] = [];
    for (const block of [0, 1]) {
      const all = Array.from({ length: n }, (_, v) => term(v + block * n));
      constraints.push(row(all, value(all)));
      for (let i = 0, published = 2 + Math.floor(random() * 6); i < published; i++) {
        const terms = subset(block, random() < 0.3);
        const slack = random() < 0.3 ? Math.floor(random() * 3) : 0;
        constraints.push({ terms, lower: value(terms) - slack, upper: value(terms) + slack });
      }
      if (random() < 0.5) {
        const v = block * n + Math.floor(random() * n);
        constraints.push(row([term(v)], truth[v] as number));
      }
    }
    constraints.push(...growthRows(n));
    const targets: AuditTarget[] = Array.from({ length: 10 }, (_, i) => {
      let terms: LinearTerm[];
      if (i < 2) terms = subset(1, true);
      else if (i < 6) {
        const empty = today.map((x, v) => (x === 0 ? v : -1)).filter((v) => v >= 0);
        const v = empty.length > 0 && random() < 0.7 ? (empty[Math.floor(random() * empty.length)] as number) : Math.floor(random() * n);
        terms = [term(v)];
      } else terms = subset(0, random() < 0.5);
      return { id: `t${i}`, terms, rule: i < 2 || random() < 0.25 ? 'derived' : 'suppressed', value: value(terms) };
    });
    return { n, truth, constraints, targets, random };
  };

  it('reaches the exact verdicts with signed terms, ranges and a solver-found history, in rounds and trials', async () => {
    const text = createHighsTextIntervalSolver(highs);
    const fast = createPersistentHighsIntervalSolver(highs, text, 3);
    let compared = 0;
    for (let seed = 1; seed <= 24; seed++) {
      const { n, truth, constraints, targets, random } = harder(seed);
      for (const k of [2, 3, 5]) {
        // The pool's history is one the solver finds consistent with today, not the true one.
        const today = Array.from({ length: n }, (_, v) => row([term(v)], truth[v] as number));
        await text.minimum(
          { variableCount: 2 * n, constraints: [...constraints, ...today] },
          Array.from({ length: n }, (_, v) => term(n + v, seed % 2 === 0 ? 1 : -1)),
        );
        const base = Float64Array.from(truth);
        for (const [v, x] of text.lastSolution?.() ?? []) base[v] = Math.round(x);
        const pool = new SolutionPool(base);
        let kept = constraints;
        for (let round = 0; round < 3; round++) {
          const problem = { variableCount: 2 * n, constraints: kept };
          const expected = (await auditIntervals(problem, targets, k, text, { complete: true })).map((r) => [r.id, r.passes]);
          const actual = (await auditIntervals(problem, targets, k, fast, { pool, learn: true, anchor: n })).map((r) => [r.id, r.passes]);
          expect({ seed, round, k, actual }).toEqual({ seed, round, k, actual: expected });
          compared += expected.length;
          // Trial suppressions: one target on a problem with more rows dropped, without learning.
          for (const target of targets.slice(2, 6)) {
            const trial = { variableCount: 2 * n, constraints: kept.filter((c) => c.terms.length === n || random() < 0.85) };
            const [want] = await auditIntervals(trial, [target], k, text, { complete: true });
            const [got] = await auditIntervals(trial, [target], k, fast, { pool, anchor: n });
            expect({ seed, round, k, id: target.id, passes: got?.passes }).toEqual({ seed, round, k, id: target.id, passes: want?.passes });
            compared++;
          }
          // The growth rows and the totals stay (every cell bounded, as in a release).
          kept = kept.filter((c) => (c.terms.length === 2 && c.upper === 0) || c.terms.length === n || random() < 0.75);
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  }, 300000);
});
