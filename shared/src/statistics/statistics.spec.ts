import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bowkerTest,
  clopperPearsonInterval,
  mcnemarTest,
  newcombePairedInterval,
  pairedDifference,
  stuartMaxwellTest,
  tangoPairedInterval,
  waldPairedInterval,
  wilcoxonSignedRank,
  wilsonCorrectedInterval,
  wilsonInterval,
} from './index';

/** Reference values computed in R 4.2.2 and scipy (shared/reference/statistics-vectors.json). */
const vectors = JSON.parse(readFileSync(join(__dirname, '../../reference/statistics-vectors.json'), 'utf8'));

/** Agreement to 6 significant digits (absolute 5e-7 for values printed with 6 decimals). */
function expectClose(actual: number, expected: number, decimalsPrinted?: number): void {
  if (decimalsPrinted !== undefined) {
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(5 * 10 ** -(decimalsPrinted + 1) + 1e-12);
  } else {
    const scale = Math.max(Math.abs(expected), 1e-300);
    expect(Math.abs(actual - expected) / scale).toBeLessThan(5e-6);
  }
}

const decimals = (value: number) => (String(value).split('.')[1] ?? '').length;
/** The four cells of a 2×2 reference table, refusing a malformed vector instead of reading undefined. */
const table = (rows: readonly (readonly number[])[]) => {
  const cell = (row: number, column: number): number => {
    const value = rows[row]?.[column];
    if (value === undefined) throw new Error(`reference table ${JSON.stringify(rows)} has no cell [${row}][${column}]`);
    return value;
  };
  return { a: cell(0, 0), b: cell(0, 1), c: cell(1, 0), d: cell(1, 1) };
};

describe('McNemar and paired differences (R mcnemar.test, exact2x2, PropCIs)', () => {
  for (const v of vectors.mcnemar) {
    describe(`${v.id} ${JSON.stringify(v.table)}`, () => {
      const result = mcnemarTest(table(v.table));
      if (v.chi2_no_cc !== undefined) it('χ² without continuity correction', () => expectClose(result.chiSquare, v.chi2_no_cc));
      if (v.chi2_cc !== undefined) it('χ² with continuity correction', () => expectClose(result.chiSquareCorrected, v.chi2_cc));
      it('asymptotic p without correction', () => expectClose(result.pAsymptotic, v.p_no_cc));
      it('asymptotic p with correction', () => expectClose(result.pCorrected, v.p_cc));
      it('exact p', () => expectClose(result.pExact, v.p_exact));
      it('mid-p', () => expectClose(result.pMid, v.p_mid));
      it('difference of paired proportions', () => expectClose(pairedDifference(table(v.table)), v.delta, decimals(v.delta)));
      for (const [name, compute] of [
        ['wald', waldPairedInterval],
        ['newcombe10', newcombePairedInterval],
        ['tango', tangoPairedInterval],
      ] as const) {
        const expected = v.ci_delta[name];
        if (!expected) continue;
        it(`${name} interval`, () => {
          const interval = compute(table(v.table));
          expectClose(interval.lower, expected[0], 6);
          expectClose(interval.upper, expected[1], 6);
        });
      }
      if (v.wilson_before) {
        it('Wilson intervals of the before and after proportions', () => {
          const t = table(v.table);
          const n = t.a + t.b + t.c + t.d;
          const before = wilsonInterval(t.a + t.b, n);
          const after = wilsonInterval(t.a + t.c, n);
          expectClose(before.lower, v.wilson_before[0], 6);
          expectClose(before.upper, v.wilson_before[1], 6);
          expectClose(after.lower, v.wilson_after[0], 6);
          expectClose(after.upper, v.wilson_after[1], 6);
        });
      }
    });
  }
});

describe('single proportions (Newcombe 1998)', () => {
  for (const v of vectors.proportion_ci) {
    it(`${v.id}: ${v.x}/${v.n} Wilson, Wilson with correction, Clopper–Pearson`, () => {
      for (const [interval, expected] of [
        [wilsonInterval(v.x, v.n), v.wilson],
        [wilsonCorrectedInterval(v.x, v.n), v.wilson_cc],
        [clopperPearsonInterval(v.x, v.n), v.clopper_pearson],
      ] as const) {
        expectClose(interval.lower, expected[0], 6);
        expectClose(interval.upper, expected[1], 6);
      }
    });
  }
});

describe('Wilcoxon signed-rank (R wilcox.test, scipy)', () => {
  const [tv6, tv7] = vectors.wilcoxon_signed_rank;

  it(`${tv6.id}: exact, without ties`, () => {
    const result = wilcoxonSignedRank(tv6.before, tv6.after);
    expect(result.method).toBe('exact');
    expect(result.statistic).toBe(tv6.V);
    expectClose(result.p, tv6.p_exact_two_sided);
  });

  it(`${tv6.id}: normal approximation with and without continuity correction`, () => {
    expectClose(wilcoxonSignedRank(tv6.before, tv6.after, { method: 'normal' }).p, tv6.p_normal_cc_two_sided);
    expectClose(wilcoxonSignedRank(tv6.before, tv6.after, { method: 'normal', correction: false }).p, tv6.p_normal_no_cc_two_sided);
  });

  it(`${tv7.id}: ties and zero differences use the tie-corrected normal approximation`, () => {
    const result = wilcoxonSignedRank(tv7.after, tv7.before);
    expect(result.method).toBe('normal');
    expect(result.n).toBe(11);
    expect(result.statistic).toBe(tv7.V_plus);
    expect(result.mean).toBe(tv7.mu);
    expectClose(result.variance, tv7.var_tie_corrected);
    expectClose(result.p, tv7.p_normal_cc_two_sided);
    expectClose(wilcoxonSignedRank(tv7.before, tv7.after, { correction: false }).p, tv7.p_normal_no_cc_two_sided);
    expect(wilcoxonSignedRank(tv7.before, tv7.after).statistic).toBe(tv7.V_minus);
  });

  it(`${tv7.id}: Pratt's treatment of zero differences`, () => {
    expectClose(wilcoxonSignedRank(tv7.before, tv7.after, { zeroMethod: 'pratt', correction: false }).p, tv7.p_pratt_no_cc_two_sided);
  });
});

describe('paired ordinal tables (coin::mh_test, R mcnemar.test)', () => {
  const [tv8] = vectors.paired_ordinal;
  it(`${tv8.id}: Stuart–Maxwell marginal homogeneity`, () => {
    const result = stuartMaxwellTest(tv8.table);
    expectClose(result.chiSquare, tv8.stuart_maxwell.chi2);
    expect(result.df).toBe(tv8.stuart_maxwell.df);
    expectClose(result.p, tv8.stuart_maxwell.p);
  });
  it(`${tv8.id}: Bowker symmetry`, () => {
    const result = bowkerTest(tv8.table);
    expectClose(result.chiSquare, tv8.bowker.chi2);
    expect(result.df).toBe(tv8.bowker.df);
    expectClose(result.p, tv8.bowker.p);
  });
});
