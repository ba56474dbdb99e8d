import type { PairStatistics, PBand, SnapshotPair } from '../contracts/publications';
import type { Perturbation } from '../disclosure/perturbation';
import { mcnemarTest, newcombePairedInterval, tangoPairedInterval } from '../statistics/paired-binary';
import { stuartMaxwellTest } from '../statistics/paired-ordinal';
import { wilcoxonSignedRank } from '../statistics/wilcoxon';
import { NOT_ANSWERED, REFUSED, type PairTable } from './catalogue';
import type { JointSpace } from './joint-space';
import type { QuantityModel } from './quantities';
import { cell, countOf, round1 } from './release-cells';

/** A pair's margins, shared by its binary and ordinal forms. */
type PairBase = Omit<SnapshotPair, 'table' | 'changes' | 'statistics'>;

/** A before/after pair: its margins, then its 2 × 2 table or its changes, with the statistics D7 lets through. */
export function assemblePair(
  pair: PairTable,
  model: QuantityModel,
  space: JointSpace,
  k: number,
  perturbation: Perturbation,
): SnapshotPair {
  const id = pair.id;
  const n = countOf(model, `${id}:n`);
  const order = pair.categories.map((c) => c.value);
  const base = {
    id,
    stem: pair.stem,
    kind: pair.binary ? ('binary' as const) : ('ordinal' as const),
    titleBefore: pair.titleBefore,
    titleAfter: pair.titleAfter,
    categories: pair.categories,
    n,
    before: order.map((c) => cell(model, `${id}:before:${c}`, c, n, k)),
    after: order.map((c) => cell(model, `${id}:after:${c}`, c, n, k)),
  };
  const perturbed = perturbation !== 'none';
  // A pair below the minimum group size says nothing at all, not even a band.
  const withheld = model.quantities.get(`${id}:n`)?.state === 'group-too-small';
  if (pair.binary) return binaryPair(base, model, withheld, perturbed);
  const changes = { up: countOf(model, `${id}:up`), same: countOf(model, `${id}:same`), down: countOf(model, `${id}:down`) };
  // The ordinal tests are functions of the whole paired table (every off-diagonal cell, every
  // change profile), which is never published: only bands, and none when counts are perturbed.
  if (withheld || perturbed) return { ...base, changes, statistics: null };
  return { ...base, changes, statistics: { bands: ordinalBands(pair, space, order) } };
}

/** A yes/no pair: its 2 × 2 table, and McNemar's test with the paired difference where every count behind them is shown. */
function binaryPair(base: PairBase, model: QuantityModel, withheld: boolean, perturbed: boolean): SnapshotPair {
  const id = base.id;
  const table = {
    a: countOf(model, `${id}:cell:a`),
    b: countOf(model, `${id}:cell:b`),
    c: countOf(model, `${id}:cell:c`),
    d: countOf(model, `${id}:cell:d`),
  };
  if (withheld) return { ...base, table, statistics: null };
  if (table.a !== null && table.b !== null && table.c !== null && table.d !== null && table.a + table.b + table.c + table.d > 0) {
    // D7: every count behind the test is published (a published 0 is nobody), so the test
    // adds nothing a reader cannot compute. Computed from the published (perhaps perturbed)
    // numbers, never from the true table behind them.
    const statistics = binaryStatistics({ a: table.a, b: table.b, c: table.c, d: table.d });
    return { ...base, table, statistics };
  }
  // A hidden count behind the test: an interval endpoint or an exact p would recover it.
  // Only the band of the p-value, and never from a true table whose counts are published perturbed.
  if (perturbed) return { ...base, table, statistics: null };
  const truth = {
    a: countOf(model, `${id}:cell:a`, true) ?? 0,
    b: countOf(model, `${id}:cell:b`, true) ?? 0,
    c: countOf(model, `${id}:cell:c`, true) ?? 0,
    d: countOf(model, `${id}:cell:d`, true) ?? 0,
  };
  return { ...base, table, statistics: { bands: { mcnemar: pBand(mcnemarTest(truth).pMid) } } };
}

/** The paired difference (Newcombe and Tango intervals) and McNemar's test of a published 2 × 2 table. */
function binaryStatistics(counts: { a: number; b: number; c: number; d: number }): PairStatistics {
  const test = mcnemarTest(counts);
  const newcombe = newcombePairedInterval(counts);
  const tango = tangoPairedInterval(counts);
  return {
    difference: {
      estimate: round1((100 * (counts.b - counts.c)) / (counts.a + counts.b + counts.c + counts.d)),
      newcombe: [round1(100 * newcombe.lower), round1(100 * newcombe.upper)],
      tango: [round1(100 * tango.lower), round1(100 * tango.upper)],
    },
    mcnemar: {
      pMid: significant(test.pMid),
      pExact: significant(test.pExact),
      chiSquare: significant(test.chiSquare),
      pAsymptotic: significant(test.pAsymptotic),
    },
  };
}

/** The bands of the Stuart–Maxwell and Wilcoxon tests, from the true paired table of those who qualify. */
function ordinalBands(pair: PairTable, space: JointSpace, order: readonly string[]): { stuartMaxwell: PBand; wilcoxon: PBand } {
  const q = pair.qualifiers.length;
  const inner = order.map(() => order.map(() => 0));
  const before: number[] = [];
  const after: number[] = [];
  for (const { variable, tuple } of space.cells(pair.joint)) {
    if (!tuple.slice(0, q).every((c) => c === 'yes')) continue;
    const b = order.indexOf(tuple[q] as string);
    const a = order.indexOf(tuple[q + 1] as string);
    if (b < 0 || a < 0 || tuple[q] === REFUSED || tuple[q] === NOT_ANSWERED) continue;
    const count = space.cellValue(variable);
    (inner[b] as number[])[a] = ((inner[b] as number[])[a] as number) + count;
    for (let i = 0; i < count; i++) {
      before.push(b);
      after.push(a);
    }
  }
  const stuart = stuartMaxwellTest(inner);
  const wilcoxon = wilcoxonSignedRank(after, before);
  return { stuartMaxwell: pBand(stuart.p), wilcoxon: pBand(wilcoxon.p) };
}

/** At least three significant digits: a p of 1.7e-21 is published as such, not as 0. */
export function significant(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(4));
}

export function pBand(p: number): PBand {
  if (p < 0.001) return '<0.001';
  if (p < 0.01) return '<0.01';
  if (p < 0.05) return '<0.05';
  return '>=0.05';
}
