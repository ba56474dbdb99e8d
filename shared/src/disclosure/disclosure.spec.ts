import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import loadHighs from 'highs';
import { createHighsIntervalSolver, createHighsTextIntervalSolver, type HighsModule } from './highs-solver';
import { auditIntervals, targetPasses, type IntervalSolver } from './interval-audit';
import { cellKeyOf, cellKeyPerturb, ons105Range, randomRoundBase5, roundOns105 } from './perturbation';
import { isSmallCount, proportionPublishable } from './small-counts';
import { smallChanges } from './time-rule';
import { twoWayTableProblem } from './two-way-table';

/** Reference cases (shared/reference/disclosure-vectors.json), computed with HiGHS and brute force. */
const vectors = JSON.parse(readFileSync(join(__dirname, '../../reference/disclosure-vectors.json'), 'utf8'));
const base = vectors.base_table;
const rowIndex = (name: string) => base.rows.indexOf(name) as number;
const colIndex = (name: string) => base.cols.indexOf(name) as number;

let solver: IntervalSolver;
beforeAll(async () => {
  solver = createHighsIntervalSolver((await loadHighs()) as HighsModule);
});

describe('S1: primary suppression of counts 1 … k − 1', () => {
  const s1 = vectors.cases.find((c: { id: string }) => c.id === 'S1');
  for (const [k, expected] of Object.entries(s1.primary as Record<string, string[][]>)) {
    it(`k = ${k}`, () => {
      const primary: string[][] = [];
      base.cells.forEach((row: number[], r: number) =>
        row.forEach((value, c) => {
          if (isSmallCount(value, Number(k))) primary.push([base.rows[r], base.cols[c]]);
        }),
      );
      expect(primary).toEqual(expected);
    });
  }
});

describe('S2–S6: the attacker’s feasible intervals', () => {
  for (const testCase of vectors.cases.filter((c: { id: string; audit?: unknown }) => c.audit)) {
    it(`${testCase.id}: ${testCase.expected}`, async () => {
      const cells: number[][] = testCase.cells ?? base.cells;
      const suppressed = (testCase.suppressed as string[][]).map(([r, c]) => [rowIndex(r as string), colIndex(c as string)] as const);
      const { problem, targets } = twoWayTableProblem({ cells, suppressed, marginsPublished: testCase.margins_published });
      const results = await auditIntervals(problem, targets, testCase.k, solver, { complete: true });
      const intervals = Object.fromEntries(
        results.map((result) => {
          const [r, c] = result.id.split(',').map(Number) as [number, number];
          return [`${base.rows[r]}/${base.cols[c]}`, [result.lower, result.upper]];
        }),
      );
      expect(intervals).toEqual(testCase.audit);
      const passes = results.every((result) => result.passes);
      expect(passes).toBe(String(testCase.expected).startsWith('pass'));
    });
  }
});

describe('structural zeros', () => {
  it('lets a hidden number be pinned at 0 (nobody is singled out) but not at 1 … k − 1 or anything narrower than k', () => {
    expect(targetPasses('suppressed', 0, 0, 11)).toBe(true);
    expect(targetPasses('suppressed', 3, 3, 11)).toBe(false);
    expect(targetPasses('suppressed', 0, 7, 11)).toBe(false);
    expect(targetPasses('suppressed', 20, 25, 11)).toBe(false);
    expect(targetPasses('suppressed', 0, 11, 11)).toBe(true);
  });

  it('audits a group nobody could be in (x0 + x1 = 0) as safe, and a group of 4 hidden beside a published 0 as unsafe', async () => {
    const problem = {
      variableCount: 3,
      constraints: [
        {
          terms: [
            { variable: 0, coefficient: 1 },
            { variable: 1, coefficient: 1 },
          ],
          lower: 0,
          upper: 0,
        },
        {
          terms: [
            { variable: 1, coefficient: 1 },
            { variable: 2, coefficient: 1 },
          ],
          lower: 4,
          upper: 4,
        },
        { terms: [{ variable: 1, coefficient: 1 }], lower: 0, upper: 0 },
      ],
    };
    const [empty, four] = await auditIntervals(
      problem,
      [
        { id: 'empty', terms: [{ variable: 0, coefficient: 1 }], rule: 'suppressed', value: 0 },
        { id: 'four', terms: [{ variable: 2, coefficient: 1 }], rule: 'suppressed', value: 4 },
      ],
      11,
      solver,
    );
    expect(empty?.passes).toBe(true);
    expect(four?.passes).toBe(false);
  });
});

describe('S7: snapshot differencing (D6)', () => {
  const s7 = vectors.cases.find((c: { id: string }) => c.id === 'S7');
  const snapshot = (t: number) => {
    const s = s7.snapshots.find((x: { t: number }) => x.t === t);
    return new Map<string, number>([
      ['Yes', s.Yes],
      ['No', s.No],
    ]);
  };

  it('publishes t1, holds t2 (a new batch of 2 and 1 would show by subtraction)', () => {
    expect(smallChanges(snapshot(1), snapshot(2), s7.k).map((c) => c.id)).toEqual(['Yes', 'No']);
  });

  it('compares t3 with the last published snapshot (t1), not the held one: deltas 5 and 6 pass', () => {
    expect(smallChanges(snapshot(1), snapshot(3), s7.k)).toEqual([]);
    expect(smallChanges(snapshot(2), snapshot(3), s7.k).length).toBeGreaterThan(0);
  });
});

describe('D3: numerators, complements and denominators', () => {
  it('hides a proportion whose numerator, complement or denominator is small', () => {
    expect(proportionPublishable(95, 100, 11)).toBe(false);
    expect(proportionPublishable(5, 100, 11)).toBe(false);
    expect(proportionPublishable(8, 8, 11)).toBe(false);
    expect(proportionPublishable(0, 60, 11)).toBe(true);
    expect(proportionPublishable(60, 60, 11)).toBe(true);
    expect(proportionPublishable(40, 60, 11)).toBe(true);
  });
});

describe('D8: perturbation', () => {
  it('ONS 10-5 rounding matches the reference table', () => {
    const { in: inputs, out } = vectors.rounding.ons_10_5;
    expect(inputs.map((x: number) => roundOns105(x) ?? 'c')).toEqual(out);
  });

  it('ONS 10-5 ranges contain the true count', () => {
    for (let x = 10; x < 300; x++) {
      const published = roundOns105(x) as number;
      const { lower, upper } = ons105Range(published);
      expect(x).toBeGreaterThanOrEqual(lower);
      expect(x).toBeLessThanOrEqual(upper);
    }
  });

  it('random base-5 rounding is unbiased (mean within 3 standard errors)', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (const x of [1, 7, 13, 22, 44]) {
      const draws = Array.from({ length: 20000 }, () => randomRoundBase5(x, random));
      const mean = draws.reduce((s, v) => s + v, 0) / draws.length;
      const sd = Math.sqrt(draws.reduce((s, v) => s + (v - mean) ** 2, 0) / (draws.length - 1));
      expect(Math.abs(mean - x)).toBeLessThan(3 * (sd / Math.sqrt(draws.length)) + 1e-9);
      expect(draws.every((v) => v % 5 === 0)).toBe(true);
    }
  });

  it('the cell-key method reproduces the ESS handbook example', () => {
    const { record_keys, count, cell_key, published } = vectors.cell_key_method.example;
    expect(cellKeyOf(record_keys)).toBeCloseTo(cell_key, 12);
    expect(cellKeyPerturb(count, cellKeyOf(record_keys))).toBe(published);
  });
});

describe("the text path's integer programs", () => {
  it('solves a feasible program that HiGHS presolve called infeasible (two releases of 12 cells)', async () => {
    // Found by the two-release property test (earlier-blocks.spec.ts, seed 4): today's cells
    // 0 … 11 and an earlier release's 12 … 23, each at most today's, both partly published.
    const sum = (variables: number[], value: number) => ({
      terms: variables.map((variable) => ({ variable, coefficient: 1 })),
      lower: value,
      upper: value,
    });
    const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
    const constraints = [
      sum(range(0, 12), 93),
      sum([2, 4, 6, 8], 26),
      sum([0, 1, 4, 7], 15),
      sum(range(12, 24), 41),
      sum([12, 14, 17, 18, 22], 18),
      sum([15, 18, 21, 23], 22),
      sum([15, 16, 17, 18, 20], 11),
      sum([12, 13, 16, 23], 14),
      sum([14, 15, 17, 20], 6),
      sum([13, 15, 21, 22], 10),
      sum([13, 14, 16, 18, 21], 8),
      ...range(0, 12).map((v) => ({
        terms: [
          { variable: v + 12, coefficient: 1 },
          { variable: v, coefficient: -1 },
        ],
        lower: Number.NEGATIVE_INFINITY,
        upper: 0,
      })),
    ];
    const highs = (await loadHighs()) as HighsModule;
    const text = createHighsTextIntervalSolver(highs);
    const objective = [4, 11].map((variable) => ({ variable, coefficient: 1 }));
    await expect(text.minimum({ variableCount: 24, constraints }, objective)).resolves.toBe(13);
    await expect(createHighsIntervalSolver(highs).minimum({ variableCount: 24, constraints }, objective)).resolves.toBe(13);
  });
});
