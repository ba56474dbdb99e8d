import loadHighs from 'highs';
import { createPersistentHighsIntervalSolver, type MipEvent, type PersistentHighs, type PersistentSolverStats } from './audit-model-solver';
import { createHighsTextIntervalSolver, type HighsModule } from './highs-solver';
import {
  SolutionPool,
  auditIntervals,
  failsOnEveryNarrowing,
  fixPinnedVariables,
  withoutRows,
  type AuditStats,
  type AuditTarget,
  type IntervalProblem,
  type LinearConstraint,
  type LinearTerm,
} from './interval-audit';
import { seededRandom } from '../surveys/templates/synthetic-policy-impact';

/*
 * The fast path proves the same intervals as the exact text path (issue 10, point 6): on
 * random small problems shaped like the audit's (non-negative integer cells, sums of cells
 * published exactly or as ranges, "only grows" differences, suppressions that drop
 * constraints round after round), every bound of every target, and so every verdict, is
 * the same — including when one cached model answers a problem with rows switched off.
 */
const LIES = ['infeasible', 'zeros', 'first-solution', 'opposite', 'bound-zero', 'throws'] as const;
type Lie = (typeof LIES)[number];

describe('persistent HiGHS models', () => {
  let highs: HighsModule & PersistentHighs;
  beforeAll(async () => {
    highs = (await loadHighs()) as unknown as HighsModule & PersistentHighs;
  });

  const randomCase = (seed: number) => {
    const random = seededRandom(seed);
    const variables = 4 + Math.floor(random() * 10);
    const truth = Array.from({ length: variables }, () => (random() < 0.3 ? 0 : Math.floor(random() * 25)));
    const subset = (): LinearTerm[] => {
      const terms = Array.from({ length: variables }, (_, variable) => variable)
        .filter(() => random() < 0.4)
        .map((variable) => ({ variable, coefficient: 1 }));
      return terms.length > 0 ? terms : [{ variable: Math.floor(random() * variables), coefficient: 1 }];
    };
    const value = (terms: readonly LinearTerm[]) => terms.reduce((sum, t) => sum + t.coefficient * (truth[t.variable] as number), 0);
    const constraints: LinearConstraint[] = [];
    const count = 2 + Math.floor(random() * 10);
    for (let i = 0; i < count; i++) {
      const terms = subset();
      const kind = random();
      if (kind < 0.6) constraints.push({ terms, lower: value(terms), upper: value(terms) });
      else if (kind < 0.8)
        constraints.push({
          terms,
          lower: Math.max(0, value(terms) - Math.floor(random() * 6)),
          upper: value(terms) + Math.floor(random() * 6),
        });
      else {
        const a = Math.floor(random() * variables);
        const b = Math.floor(random() * variables);
        if (a !== b && (truth[a] as number) <= (truth[b] as number)) {
          constraints.push({
            terms: [
              { variable: a, coefficient: 1 },
              { variable: b, coefficient: -1 },
            ],
            lower: Number.NEGATIVE_INFINITY,
            upper: 0,
          });
        }
      }
    }
    // A total over every cell keeps the problem bounded, as the survey's N does.
    const all = truth.map((_, variable) => ({ variable, coefficient: 1 }));
    constraints.push({ terms: all, lower: value(all), upper: value(all) });
    const targets: AuditTarget[] = Array.from({ length: 6 }, (_, i) => {
      const terms = subset();
      return { id: `t${i}`, terms, rule: random() < 0.5 ? 'suppressed' : 'derived', value: value(terms) };
    });
    return { variables, constraints, targets, random };
  };

  it('proves the same intervals and verdicts as the text path on 60 random problems, round after round', async () => {
    const text = createHighsTextIntervalSolver(highs);
    const fast = createPersistentHighsIntervalSolver(highs, text, 3);
    let compared = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const { variables, constraints, targets, random } = randomCase(seed);
      let kept = constraints;
      // Rounds drop constraints (more suppression): the cached model answers with rows switched off.
      for (let round = 0; round < 3 && kept.length > 0; round++) {
        const problem: IntervalProblem = { variableCount: variables, constraints: kept };
        for (const k of [3, 5, 11]) {
          const expected = await auditIntervals(problem, targets, k, text, { complete: true });
          const actual = await auditIntervals(problem, targets, k, fast, { complete: true });
          expect({ seed, round, k, actual }).toEqual({ seed, round, k, actual: expected });
          compared += expected.length;
        }
        kept = kept.filter(() => random() < 0.75);
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('reaches the same verdicts when the bound of the relaxation settles them, with fewer integer programs', async () => {
    const text = createHighsTextIntervalSolver(highs);
    const stats: PersistentSolverStats = { relaxations: 0, integralRelaxations: 0, closedByWitness: 0, integerPrograms: 0 };
    const fast = createPersistentHighsIntervalSolver(highs, text, 3, stats);
    let compared = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const { variables, constraints, targets } = randomCase(seed);
      const problem: IntervalProblem = { variableCount: variables, constraints };
      for (const k of [3, 5, 11]) {
        const expected = (await auditIntervals(problem, targets, k, text, { complete: true })).map((r) => [r.id, r.passes]);
        const actual = (await auditIntervals(problem, targets, k, fast)).map((r) => [r.id, r.passes]);
        expect({ seed, k, actual }).toEqual({ seed, k, actual: expected });
        compared += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(stats.settledByRelaxation ?? 0).toBeGreaterThan(0);
  });

  const freshStats = (): AuditStats => ({ trivial: 0, pooled: 0, halfPooled: 0, bounded: 0, samples: 0, learned: 0 });

  it('harvests feasible points and reaches the exact verdicts with them, round after round, bounding fewer targets', async () => {
    const text = createHighsTextIntervalSolver(highs);
    const solverStats: PersistentSolverStats = { relaxations: 0, integralRelaxations: 0, closedByWitness: 0, integerPrograms: 0 };
    const fast = createPersistentHighsIntervalSolver(highs, text, 3, solverStats);
    const stats = freshStats();
    let compared = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const { variables, constraints, targets, random } = randomCase(seed);
      // The audit's pool: the true counts, then every point found, kept across rounds (which only drop constraints).
      const truth = new Float64Array(variables);
      const all = constraints[constraints.length - 1] as LinearConstraint;
      const recovered = await text.minimum({ variableCount: variables, constraints }, [all.terms[0] as LinearTerm]);
      expect(Number.isFinite(recovered)).toBe(true);
      for (const [variable, value] of text.lastSolution?.() ?? []) truth[variable] = value;
      for (const k of [3, 5, 11]) {
        const pool = new SolutionPool(Float64Array.from(truth));
        const valued = targets.map((t) => ({
          ...t,
          value: t.terms.reduce((sum, term) => sum + term.coefficient * (truth[term.variable] as number), 0),
        }));
        let kept = constraints;
        for (let round = 0; round < 3 && kept.length > 0; round++) {
          const problem: IntervalProblem = { variableCount: variables, constraints: kept };
          const expected = (await auditIntervals(problem, valued, k, text, { complete: true })).map((r) => [r.id, r.passes]);
          const actual = (await auditIntervals(problem, valued, k, fast, { pool, learn: true, stats })).map((r) => [r.id, r.passes]);
          expect({ seed, round, k, actual }).toEqual({ seed, round, k, actual: expected });
          compared += expected.length;
          kept = kept.filter(() => random() < 0.75);
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
    // The harvest ran, found points, and they settled targets no bound was solved for.
    expect(stats.samples).toBeGreaterThan(0);
    expect(stats.learned).toBeGreaterThan(0);
    expect(solverStats.samplePoints ?? 0).toBeGreaterThan(0);
    expect(stats.pooled).toBeGreaterThan(0);
  });

  it('settles an empty hidden cell by the relaxation once a known solution fills it, with no integer program', async () => {
    // Three cells, every two of them at most 1: the relaxation's maximum of their sum is 1.5
    // (each at 0.5), the integer maximum 1. All three are empty today; a known solution holds
    // one person. So the sum lies in 1 … k − 1 at most, and can be more than 0: it fails —
    // the verdict the exact path reaches — without solving an integer program for it.
    const pair = (a: number, b: number): LinearConstraint => ({
      terms: [
        { variable: a, coefficient: 1 },
        { variable: b, coefficient: 1 },
      ],
      lower: 0,
      upper: 1,
    });
    const problem: IntervalProblem = { variableCount: 3, constraints: [pair(0, 1), pair(1, 2), pair(0, 2)] };
    const target: AuditTarget = {
      id: 'empty',
      rule: 'suppressed',
      value: 0,
      terms: [0, 1, 2].map((variable) => ({ variable, coefficient: 1 })),
    };
    const text = createHighsTextIntervalSolver(highs);
    const [exact] = await auditIntervals(problem, [target], 3, text, { complete: true });
    expect(exact).toMatchObject({ lower: 0, upper: 1, passes: false });

    const stats: PersistentSolverStats = { relaxations: 0, integralRelaxations: 0, closedByWitness: 0, integerPrograms: 0 };
    const fast = createPersistentHighsIntervalSolver(highs, text, 3, stats);
    const pool = new SolutionPool(new Float64Array(3));
    pool.learn(new Map([[0, 1]]), new Map());
    const [result] = await auditIntervals(problem, [target], 3, fast, { pool });
    expect(result?.passes).toBe(false);
    expect(stats.integerPrograms).toBe(0);
    expect(stats.settledByRelaxation).toBe(1);

    // With no solution known that fills it, the integer program decides (it could have been "only 0").
    const alone: PersistentSolverStats = { relaxations: 0, integralRelaxations: 0, closedByWitness: 0, integerPrograms: 0 };
    const [decided] = await auditIntervals(problem, [target], 3, createPersistentHighsIntervalSolver(highs, text, 3, alone), {
      pool: new SolutionPool(new Float64Array(3)),
    });
    expect(decided?.passes).toBe(false);
    expect(alone.integerPrograms + (alone.stoppedByBound ?? 0) + (alone.stoppedBySolution ?? 0)).toBeGreaterThan(0);
  });

  it('only ever harvests feasible integer points', async () => {
    const text = createHighsTextIntervalSolver(highs);
    const fast = createPersistentHighsIntervalSolver(highs, text, 3);
    let points = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { variables, constraints, random } = randomCase(seed);
      const problem: IntervalProblem = { variableCount: variables, constraints };
      for (let i = 0; i < 4; i++) {
        const objective = Array.from({ length: variables }, (_, variable) => ({ variable, coefficient: random() < 0.5 ? -1 : 1 }));
        const point = await fast.sample?.(problem, objective, random() < 0.5 ? 'minimize' : 'maximize');
        if (!point) continue;
        points++;
        for (const value of point.values()) expect(Number.isInteger(value) && value >= 0).toBe(true);
        for (const constraint of constraints) {
          const value = constraint.terms.reduce((sum, t) => sum + t.coefficient * (point.get(t.variable) as number), 0);
          expect(value >= constraint.lower && value <= constraint.upper).toBe(true);
        }
      }
    }
    expect(points).toBeGreaterThan(50);
  });

  it('a target whose failure carries over fails with any one constraint dropped when it fails with several dropped', async () => {
    const text = createHighsTextIntervalSolver(highs);
    let checked = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const { variables, constraints, targets, random } = randomCase(seed);
      const truth = new Float64Array(variables);
      const all = constraints[constraints.length - 1] as LinearConstraint;
      await text.minimum({ variableCount: variables, constraints }, [all.terms[0] as LinearTerm]);
      for (const [variable, value] of text.lastSolution?.() ?? []) truth[variable] = value;
      const valued = targets.map((t) => ({
        ...t,
        value: t.terms.reduce((sum, term) => sum + term.coefficient * (truth[term.variable] as number), 0),
      }));
      const dropped = constraints.filter(() => random() < 0.4);
      if (dropped.length < 2) continue;
      for (const k of [3, 5, 11]) {
        const wide = await auditIntervals(
          { variableCount: variables, constraints: constraints.filter((c) => !dropped.includes(c)) },
          valued,
          k,
          text,
          { complete: true },
        );
        for (const [index, target] of valued.entries()) {
          if (wide[index]?.passes !== false || !failsOnEveryNarrowing(target, k)) continue;
          for (const one of dropped) {
            const [narrow] = await auditIntervals(
              { variableCount: variables, constraints: constraints.filter((c) => c !== one) },
              [target],
              k,
              text,
              { complete: true },
            );
            expect({ seed, k, target: target.id, passes: narrow?.passes }).toEqual({ seed, k, target: target.id, passes: false });
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('fixes at 0 every variable of a sum capped at 0 before solving', () => {
    const { fixed, constraints } = fixPinnedVariables({
      variableCount: 4,
      constraints: [
        {
          terms: [
            { variable: 0, coefficient: 1 },
            { variable: 1, coefficient: 1 },
          ],
          lower: Number.NEGATIVE_INFINITY,
          upper: 0,
        },
        // Once 1 is 0, this says 2 ≤ 0.
        {
          terms: [
            { variable: 2, coefficient: 1 },
            { variable: 1, coefficient: -1 },
          ],
          lower: Number.NEGATIVE_INFINITY,
          upper: 0,
        },
        {
          terms: [
            { variable: 2, coefficient: 1 },
            { variable: 3, coefficient: 1 },
          ],
          lower: 4,
          upper: 4,
        },
      ],
    });
    expect(Object.fromEntries(fixed)).toEqual({ 0: 0, 1: 0, 2: 0, 3: 4 });
    expect(constraints).toEqual([]);
  });

  it('simplifies a problem without rows that pinned nothing exactly as it simplifies it afresh', () => {
    let reused = 0;
    let refused = 0;
    for (let seed = 0; seed < 200; seed++) {
      const { variables, constraints, random } = randomCase(9000 + seed);
      // Single cells published exactly pin variables, and pins cascade through the sums.
      for (let variable = 0; variable < variables; variable++)
        if (random() < 0.3) constraints.push({ terms: [{ variable, coefficient: 1 }], lower: 3, upper: 3 });
      const whole = fixPinnedVariables({ variableCount: variables, constraints });
      const dropped = new Set(constraints.filter(() => random() < 0.3));
      const derived = withoutRows(whole, dropped);
      if ([...dropped].some((row) => whole.pinning.has(row))) {
        // A row that pinned a variable: simplified afresh, never derived.
        expect(derived).toBeUndefined();
        refused++;
        continue;
      }
      const afresh = fixPinnedVariables({ variableCount: variables, constraints: constraints.filter((c) => !dropped.has(c)) });
      expect(derived && Object.fromEntries(derived.fixed)).toEqual(Object.fromEntries(afresh.fixed));
      // The same row objects: the solver's cached models recognise rows by identity.
      expect(derived?.constraints).toStrictEqual(afresh.constraints);
      derived?.constraints.forEach((row, i) => expect(row).toBe(afresh.constraints[i]));
      reused++;
    }
    expect(reused).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(20);
  });

  it('answers a bound that only guides a choice from the relaxation, with no integer program', async () => {
    const text = createHighsTextIntervalSolver(highs);
    const stats: PersistentSolverStats = { relaxations: 0, integralRelaxations: 0, closedByWitness: 0, integerPrograms: 0 };
    const fast = createPersistentHighsIntervalSolver(highs, text, 6, stats);
    // 2x − 2y ≤ 1 and 4y ≤ 7: the relaxation reaches x = 2.25 (y = 1.75), rounded down to 2; integers only x = 1 (y = 1).
    const problem: IntervalProblem = {
      variableCount: 2,
      constraints: [
        {
          terms: [
            { variable: 0, coefficient: 2 },
            { variable: 1, coefficient: -2 },
          ],
          lower: Number.NEGATIVE_INFINITY,
          upper: 1,
        },
        { terms: [{ variable: 1, coefficient: 4 }], lower: 0, upper: 7 },
      ],
    };
    const x = [{ variable: 0, coefficient: 1 }];
    expect(await fast.maximum(problem, x, undefined, undefined, { relaxationIsEnough: true })).toBe(2);
    expect(stats).toMatchObject({ integerPrograms: 0, guidedByRelaxation: 1 });
    // Without the hint, and on the text path (which has no relaxation to offer), the exact optimum.
    expect(await fast.maximum(problem, x)).toBe(1);
    expect(stats.integerPrograms).toBe(1);
    expect(await text.maximum(problem, x, undefined, undefined, { relaxationIsEnough: true })).toBe(1);
  });

  it('pins what a later pin leaves alone in an earlier row', () => {
    // Row 0 pins nothing until row 1 pins x1; then it pins x0, and row 2 pins x2 through it.
    const sum = (a: number, b: number, total: number): LinearConstraint => ({
      terms: [
        { variable: a, coefficient: 1 },
        { variable: b, coefficient: 1 },
      ],
      lower: total,
      upper: total,
    });
    const { fixed, constraints, pinning } = fixPinnedVariables({
      variableCount: 4,
      constraints: [sum(0, 1, 5), { terms: [{ variable: 1, coefficient: 1 }], lower: 2, upper: 2 }, sum(0, 2, 7), sum(2, 3, 9)],
    });
    expect(Object.fromEntries(fixed)).toEqual({ 0: 3, 1: 2, 2: 4, 3: 5 });
    expect(constraints).toEqual([]);
    expect(pinning.size).toBe(4);
  });

  it('reports the same optimum for objectives with coefficients and negative terms, and unbounded maxima', async () => {
    const text = createHighsTextIntervalSolver(highs);
    const fast = createPersistentHighsIntervalSolver(highs, text);
    const problem: IntervalProblem = {
      variableCount: 4,
      constraints: [
        {
          terms: [
            { variable: 0, coefficient: 1 },
            { variable: 1, coefficient: 1 },
          ],
          lower: 7,
          upper: 7,
        },
        {
          terms: [
            { variable: 1, coefficient: 2 },
            { variable: 2, coefficient: 1 },
          ],
          lower: 3,
          upper: 9,
        },
      ],
    };
    const objectives: LinearTerm[][] = [
      [{ variable: 0, coefficient: 2 }],
      [
        { variable: 1, coefficient: 1 },
        { variable: 2, coefficient: -1 },
      ],
      [{ variable: 3, coefficient: 1 }],
    ];
    for (const objective of objectives) {
      expect(await fast.minimum(problem, objective)).toBe(await text.minimum(problem, objective));
      expect(await fast.maximum(problem, objective)).toBe(await text.maximum(problem, objective));
    }
    expect(await fast.maximum(problem, [{ variable: 3, coefficient: 1 }])).toBe(Number.POSITIVE_INFINITY);
  });

  /**
   * A HiGHS whose presolved integer programs lie (see PRESOLVED in audit-model-solver.ts): they
   * call the problem infeasible, report a point that breaks the rows, stop at their first
   * solution and call it optimal (dual bound included), answer with the feasible point that is
   * worst for the objective, tell the early-stop callback a bound of 0 with an incumbent of 1, or
   * throw (as the highs wrapper does when HiGHS returns an error status) — what a wrong reduction
   * or a failing presolve would look like.
   */
  const lyingPresolve = (mode: Lie, lies: { count: number }): PersistentHighs => ({
    infinity: highs.infinity,
    constants: highs.constants,
    createModel() {
      const model = highs.createModel();
      let presolved = false;
      // What the lie says the last run found.
      let told: { colValue: Float64Array; objective: number } | undefined;
      let sense: unknown;
      const { minimize, maximize } = highs.constants.objectiveSense;
      const channel = highs.constants.callbackType?.mipInterrupt as number;
      return new Proxy(model, {
        get(target, key) {
          if (key === 'options')
            return {
              set: (values: Readonly<Record<string, unknown>>) => {
                if (values.presolve === 'on') presolved = true;
                return target.options.set(values as never);
              },
            };
          if (key === 'changeObjectiveSense')
            return (value: never) => {
              sense = value;
              return target.changeObjectiveSense(value);
            };
          if (key === 'run' && presolved && mode === 'opposite')
            return () => {
              lies.count++;
              target.changeObjectiveSense((sense === minimize ? maximize : minimize) as never);
              const status = target.run();
              told = { colValue: Float64Array.from(target.getSolution().colValue), objective: target.getObjectiveValue() };
              target.changeObjectiveSense(sense as never);
              return status;
            };
          if (key === 'run' && presolved)
            return (callbacks?: Readonly<Record<number, (event: MipEvent) => undefined>>) => {
              lies.count++;
              if (mode === 'infeasible') return { modelStatus: 8 };
              if (mode === 'throws') throw new Error('HiGHS run returned error status (presolve)');
              if (mode === 'bound-zero') {
                let interrupted = false;
                const event = { data: { mip_primal_bound: 1, mip_dual_bound: 0 }, interrupt: () => void (interrupted = true) };
                callbacks?.[channel]?.(event);
                return interrupted ? { modelStatus: 17 } : target.run(callbacks);
              }
              if (mode === 'zeros') {
                target.run(callbacks);
                told = { colValue: new Float64Array(target.getSolution().colValue.length), objective: 0 };
                return { modelStatus: 7 };
              }
              let stopped = false;
              target.run({
                [channel]: (event: MipEvent) => {
                  const primal = event.data.mip_primal_bound;
                  if (primal === undefined || !Number.isFinite(primal)) return undefined;
                  callbacks?.[channel]?.({ data: { mip_primal_bound: primal, mip_dual_bound: primal }, interrupt: () => undefined });
                  stopped = true;
                  event.interrupt?.();
                  return undefined;
                },
              });
              return { modelStatus: stopped ? 7 : 8 };
            };
          if (key === 'getSolution' && told) return () => ({ colValue: told?.colValue });
          if (key === 'getObjectiveValue' && told) return () => told?.objective;
          const value = Reflect.get(target, key) as unknown;
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
    },
  });

  const sumOf = (variables: number[], lower: number, upper: number): LinearConstraint => ({
    terms: variables.map((variable) => ({ variable, coefficient: 1 })),
    lower,
    upper,
  });

  it('takes a presolved answer only where the caller allows one short of the optimum and nothing contradicts it', async () => {
    // Three cells, any two of them hold someone, at most three in all: the relaxation's minimum
    // is 1.5 (a half in each), the integer minimum 2 and maximum 3 — an integer program decides.
    const all = sumOf([0, 1, 2], 0, 3).terms;
    const problem: IntervalProblem = {
      variableCount: 3,
      constraints: [sumOf([0, 1], 1, Infinity), sumOf([1, 2], 1, Infinity), sumOf([0, 2], 1, Infinity), sumOf([0, 1, 2], 0, 3)],
    };
    const text = createHighsTextIntervalSolver(highs);
    for (const mode of LIES) {
      const lies = { count: 0 };
      const solver = () => createPersistentHighsIntervalSolver(lyingPresolve(mode, lies), text, 3);
      const start = Float64Array.from([1, 1, 0]);
      // Not allowed by the caller: the integer program without presolve answers.
      await expect(solver().minimum(problem, all)).resolves.toBe(2);
      // Allowed, but a known point (the start, at 2) is better than the lie, or the lie is caught.
      await expect(solver().minimum(problem, all, undefined, undefined, { start, shortIsSafe: () => true })).resolves.toBe(2);
      // Allowed for some values only: the lie's value is not one of them.
      await expect(solver().minimum(problem, all, undefined, undefined, { shortIsSafe: (value) => value <= 2 })).resolves.toBe(2);
      expect({ mode, lied: lies.count >= 2 }).toEqual({ mode, lied: true });
    }
    // The real presolve agrees.
    const real = createPersistentHighsIntervalSolver(highs, text, 3);
    await expect(real.minimum(problem, all, undefined, undefined, { shortIsSafe: () => true })).resolves.toBe(2);
    await expect(real.maximum(problem, all, undefined, undefined, { shortIsSafe: () => true })).resolves.toBe(3);
  });

  it('an empty hidden cell a lying presolve calls structurally empty still fails', async () => {
    // Cell 3 is the sum of three cells of which any two hold at most one person: nobody now, but
    // one at most (the relaxation says 1.5). An exact maximum of 1 fails it; a presolve claiming
    // 0 would pass it as an empty cell nobody can be in.
    const problem: IntervalProblem = {
      variableCount: 4,
      constraints: [
        sumOf([0, 1], 0, 1),
        sumOf([1, 2], 0, 1),
        sumOf([0, 2], 0, 1),
        { terms: [...sumOf([0, 1, 2], 0, 0).terms, { variable: 3, coefficient: -1 }], lower: 0, upper: 0 },
      ],
    };
    const target: AuditTarget = { id: 'cell 3', terms: [{ variable: 3, coefficient: 1 }], rule: 'suppressed', value: 0 };
    const text = createHighsTextIntervalSolver(highs);
    const [exact] = await auditIntervals(problem, [target], 3, text, { complete: true });
    expect(exact).toMatchObject({ upper: 1, passes: false });
    for (const mode of LIES) {
      const lies = { count: 0 };
      // With harvesting (the audit's way) and without (the maximum is then bounded with no point
      // filling the cell), each on a new solver (one keeps the points it has seen).
      for (const learn of [true, false]) {
        const lying = createPersistentHighsIntervalSolver(lyingPresolve(mode, lies), text, 3);
        const [result] = await auditIntervals(problem, [target], 3, lying, { pool: new SolutionPool(new Float64Array(4)), learn });
        expect({ mode, learn, result }).toEqual({ mode, learn, result: { ...exact, lower: Number.NaN } });
      }
      expect({ mode, lied: lies.count > 0 }).toEqual({ mode, lied: true });
    }
  });

  it('a group of k a lying presolve says cannot be smaller still fails', async () => {
    // Three cells, any two of them hold someone, three in all at most: the group of all three
    // (3 people, k = 3) holds 2 or 3 — it fails. A presolve whose minimum stops at the known
    // point (3) would pass it as a group of at least k; a minimum is never taken from presolve.
    const problem: IntervalProblem = {
      variableCount: 3,
      constraints: [sumOf([0, 1], 1, Infinity), sumOf([1, 2], 1, Infinity), sumOf([0, 2], 1, Infinity), sumOf([0, 1, 2], 0, 3)],
    };
    const target: AuditTarget = { id: 'all three', terms: sumOf([0, 1, 2], 0, 0).terms, rule: 'derived', value: 3 };
    const text = createHighsTextIntervalSolver(highs);
    const [exact] = await auditIntervals(problem, [target], 3, text, { complete: true });
    expect(exact).toMatchObject({ lower: 2, upper: 3, passes: false });
    for (const mode of LIES) {
      const lying = createPersistentHighsIntervalSolver(lyingPresolve(mode, { count: 0 }), text, 3);
      const [result] = await auditIntervals(problem, [target], 3, lying, { pool: new SolutionPool(Float64Array.from([1, 1, 1])) });
      expect({ mode, result }).toEqual({ mode, result: exact });
    }
  });

  it('fails an infeasible problem as the text path does, with the same message', async () => {
    const text = createHighsTextIntervalSolver(highs);
    const fast = createPersistentHighsIntervalSolver(highs, text);
    const problem: IntervalProblem = {
      variableCount: 2,
      constraints: [
        {
          terms: [
            { variable: 0, coefficient: 1 },
            { variable: 1, coefficient: 1 },
          ],
          lower: 3,
          upper: 3,
        },
        { terms: [{ variable: 0, coefficient: 1 }], lower: 5, upper: 5 },
      ],
    };
    await expect(text.maximum(problem, [{ variable: 1, coefficient: 1 }])).rejects.toThrow(
      "the audit's integer program did not solve: Infeasible",
    );
    await expect(fast.maximum(problem, [{ variable: 1, coefficient: 1 }])).rejects.toThrow(
      "the audit's integer program did not solve: Infeasible",
    );
  });
});
