import type {
  AuditSummary,
  PairStatistics,
  PublicationPreview,
  PublicationSnapshot,
  PublishedCount,
  ReleaseBlock,
  SnapshotCell,
  SnapshotPair,
  SnapshotRow,
  SnapshotTable,
  SuppressionNote,
} from '../contracts/publications';
import { auditIntervals, components, type AuditTarget, type IntervalSolver, type LinearConstraint, type TargetResult } from '../disclosure/interval-audit';
import { cellKeyPerturb, cellKeyRange, ons105Range, roundOns105, type Perturbation } from '../disclosure/perturbation';
import { isSmallCount, proportionPublishable } from '../disclosure/small-counts';
import { smallChanges } from '../disclosure/time-rule';
import { mcnemarTest, newcombePairedInterval, tangoPairedInterval } from '../statistics/paired-binary';
import { stuartMaxwellTest } from '../statistics/paired-ordinal';
import { wilsonInterval } from '../statistics/proportions';
import { wilcoxonSignedRank } from '../statistics/wilcoxon';
import type { LocalizableString } from '../surveys/survey-definition';
import { NOT_ANSWERED, REFUSED, type Catalogue, type PairTable } from './catalogue';
import { JointSpace, type JointCounts } from './joint-space';
import { buildQuantities, groupCombinations, type DerivedCell, type Quantity, type QuantityModel } from './quantities';

export interface LedgerValue {
  readonly value: number;
  readonly lower: number;
  readonly upper: number;
}

/** One earlier release: what it published (the ledger keeps withdrawn releases too). */
export interface LedgerEntry {
  readonly number: number;
  readonly values: ReadonlyMap<string, LedgerValue>;
}

export interface ReleaseSettings {
  readonly k: number;
  readonly minResponses: number;
  readonly minGroup: number;
  readonly perturbation: Perturbation;
}

export interface ReleaseInput {
  readonly catalogue: Catalogue;
  readonly counts: JointCounts;
  readonly responses: number;
  readonly settings: ReleaseSettings;
  readonly survey: { readonly slug: string; readonly title: LocalizableString; readonly locales: readonly string[] };
  readonly number: number;
  readonly publishedOn: string;
  readonly window: { readonly from: string; readonly to: string };
  /** Earlier releases of this survey, oldest first. */
  readonly ledger: readonly LedgerEntry[];
  readonly solver: IntervalSolver;
  /** Upper limit on complementary-suppression rounds before the release is refused. */
  readonly maxRounds?: number;
}

export interface ReleaseResult {
  readonly preview: PublicationPreview;
  /** What this release adds to the ledger if it is published. */
  readonly ledgerValues: ReadonlyMap<string, LedgerValue>;
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const round4 = (value: number) => Math.round(value * 1e4) / 1e4;

/**
 * Builds a release from counts: the catalogue's tables (D1), the release floor and group
 * floor (D2), primary suppression (D3), perturbation (D8), complementary suppression
 * driven by the interval audit over this release and the ledger (D4, D5), the time rule
 * (D6) and gated statistics (D7). The same function computes the preview and what is
 * published, so the organizer sees exactly what will go out.
 */
export async function buildRelease(input: ReleaseInput): Promise<ReleaseResult> {
  const { catalogue, settings } = input;
  const k = settings.k;
  const blocks: ReleaseBlock[] = [];
  const warnings = [...catalogue.warnings];
  const emptyAudit: AuditSummary = { targets: 0, solved: 0, iterations: 0, passed: true, failures: [] };
  const lastRelease = input.ledger.at(-1);

  if (input.responses < settings.minResponses) {
    blocks.push({
      code: 'BELOW_RELEASE_FLOOR',
      message: `Nothing can be published below ${settings.minResponses} responses; this survey has fewer. (The exact count is not shown.)`,
    });
    return {
      preview: { snapshot: null, canPublish: false, blocks, held: [], suppressions: [], audit: emptyAudit, warnings, comparedWith: lastRelease?.number ?? null },
      ledgerValues: new Map(),
    };
  }

  const space = new JointSpace(catalogue, input.counts);
  const model = buildQuantities(catalogue, space, input.responses);
  const primaryK = settings.perturbation === 'ons_10_5' ? Math.max(k, 10) : k;
  applyFloors(model, primaryK, settings.minGroup);
  const audit = await suppressUntilSafe(model, input, primaryK, space.variableCount);
  if (!audit.passed) {
    blocks.push({
      code: 'AUDIT_FAILED',
      message: `The disclosure audit still finds ${audit.failures.length} number(s) an attacker could work out after ${audit.iterations} rounds of suppression; nothing can be published.`,
    });
  }

  const ledgerValues = new Map<string, LedgerValue>();
  for (const quantity of model.quantities.values()) {
    if (quantity.state === 'published' && quantity.published) ledgerValues.set(quantity.id, quantity.published);
  }
  const held = lastRelease
    ? smallChanges(
        new Map([...lastRelease.values].map(([id, v]) => [id, v.value])),
        new Map([...ledgerValues].map(([id, v]) => [id, v.value])),
        k,
      )
    : [];
  if (held.length > 0) {
    blocks.push({
      code: 'HELD_BY_TIME_RULE',
      message: `${held.length} published number(s) changed by less than ${k} since release ${lastRelease?.number}: subtracting the two would describe the few people who answered in between. Wait for more responses.`,
    });
  }
  if (ledgerValues.size <= 1) blocks.push({ code: 'NOTHING_TO_PUBLISH', message: 'Every table would be suppressed; there is nothing to publish yet.' });

  const snapshot = assembleSnapshot(input, model, space);
  const suppressions: SuppressionNote[] = [...model.quantities.values()]
    .filter((q) => q.state !== 'published')
    .map((q) => ({ id: q.id, table: q.table, reason: q.state as SuppressionNote['reason'] }));
  return {
    preview: {
      snapshot,
      canPublish: blocks.length === 0,
      blocks,
      held,
      suppressions,
      audit,
      warnings,
      comparedWith: lastRelease?.number ?? null,
    },
    ledgerValues,
  };
}

/** D2 and D3: the group floor, then primary suppression of small counts and complements. */
function applyFloors(model: QuantityModel, primaryK: number, minGroup: number): void {
  for (const quantity of model.quantities.values()) {
    if (quantity.role === 'n' && quantity.row !== '' && quantity.value < minGroup) {
      for (const other of model.quantities.values()) {
        if (other.table === quantity.table && other.row === quantity.row) other.state = 'group-too-small';
      }
    }
    if (quantity.role === 'n' && quantity.table.startsWith('p:') && quantity.value < minGroup) {
      for (const other of model.quantities.values()) if (other.table === quantity.table) other.state = 'group-too-small';
    }
  }
  for (const quantity of model.quantities.values()) {
    if (quantity.state !== 'published' || quantity.role === 'total') continue;
    const complement = quantity.complementOf ? (model.quantities.get(quantity.complementOf)?.value ?? 0) - quantity.value : 0;
    if (isSmallCount(quantity.value, primaryK) || (quantity.complementOf && isSmallCount(complement, primaryK))) quantity.state = 'primary';
  }
}

function publishValue(quantity: Quantity, perturbation: Perturbation): void {
  if (quantity.role === 'total' || perturbation === 'none') {
    quantity.published = { value: quantity.value, lower: quantity.value, upper: quantity.value };
    return;
  }
  if (perturbation === 'ons_10_5') {
    const rounded = roundOns105(quantity.value) ?? 0;
    quantity.published = { value: rounded, ...ons105Range(rounded) };
    return;
  }
  const perturbed = cellKeyPerturb(quantity.value, quantity.keySum - Math.floor(quantity.keySum));
  quantity.published = { value: perturbed, ...cellKeyRange(perturbed) };
}

/**
 * D4 and D5: audit, and while something can be worked out, hide one more number for it
 * and audit again. Each round fixes at most one failing target per table row (one hidden
 * number often rescues several), primary suppressions first, and tries the candidates in
 * order of how little a reader loses, taking the first that on its own makes the target
 * safe. Only parts of the problem touched by a new suppression are solved again.
 */
async function suppressUntilSafe(model: QuantityModel, input: ReleaseInput, primaryK: number, variableCount: number): Promise<AuditSummary> {
  const k = input.settings.k;
  const maxRounds = input.maxRounds ?? 200;
  const ledgerBounds: LinearConstraint[] = [];
  for (const entry of input.ledger) {
    for (const [id, value] of entry.values) {
      const quantity = model.quantities.get(id);
      // Counts only grow: each earlier release bounds today's true value from below.
      if (quantity && value.lower > 0) ledgerBounds.push({ terms: quantity.terms, lower: value.lower, upper: Number.POSITIVE_INFINITY });
    }
  }
  let solved = 0;
  let results = new Map<string, TargetResult>();
  let dirty: Set<number> | null = null;
  let previousParts: ReturnType<typeof components> | null = null;
  for (let round = 1; round <= maxRounds; round++) {
    const constraintOf = new Map<string, LinearConstraint>();
    for (const quantity of model.quantities.values()) {
      if (quantity.state !== 'published') continue;
      publishValue(quantity, input.settings.perturbation);
      const range = quantity.published ?? { lower: 0, upper: 0 };
      constraintOf.set(quantity.id, { terms: quantity.terms, lower: range.lower, upper: range.upper });
    }
    const problem = { variableCount, constraints: [...model.structure, ...constraintOf.values(), ...ledgerBounds] };
    const targets: AuditTargetInTable[] = [
      ...[...model.quantities.values()]
        .filter((q) => q.state !== 'published' && q.role !== 'total')
        .map((q) => ({ id: q.id, terms: q.terms, rule: 'suppressed' as const, value: q.value, table: q.table, row: q.row })),
      ...model.derived.map((d: DerivedCell) => ({ id: d.id, terms: d.terms, rule: 'derived' as const, value: d.value, table: d.table, row: d.row })),
    ];
    // Re-solve only targets whose part of the previous round's problem lost a constraint —
    // and of those, only the ones whose verdict can change. Rounds only ever remove
    // constraints, so intervals only widen: a verdict that widening cannot undo stands.
    let todo = targets;
    if (dirty !== null && previousParts !== null) {
      const parts: ReturnType<typeof components> = previousParts;
      const changed = new Set([...dirty].map((v) => parts.of(v)));
      todo = targets.filter((t) => {
        const previous = results.get(t.id);
        if (!previous) return true;
        if (!t.terms.some((term) => changed.has(parts.of(term.variable)))) return false;
        return !passesUnderWidening(previous, k);
      });
    }
    const parts = components(problem);
    previousParts = parts;
    const fresh = await auditIntervals(problem, todo, k, input.solver);
    solved += fresh.filter((r) => !(Number.isNaN(r.lower) && Number.isNaN(r.upper))).length;
    results = new Map([...results].filter(([id]) => targets.some((t) => t.id === id)));
    for (const result of fresh) results.set(result.id, result);
    const failing = targets.filter((t) => results.get(t.id)?.passes === false);
    if (failing.length === 0) return { targets: targets.length, solved, iterations: round, passed: true, failures: [] };

    // One repair per table per round, hidden numbers before derived groups.
    failing.sort((a, b) => (a.rule === b.rule ? 0 : a.rule === 'suppressed' ? -1 : 1));
    const repaired = new Set<string>();
    dirty = new Set<number>();
    for (const target of failing) {
      const key = `${target.table}\u0000${target.row}`;
      if (repaired.has(key)) continue;
      const choice = await chooseComplement(model, target, primaryK, async (candidate) => {
        // Would the target be safe with this candidate hidden too? Only its part of the problem matters.
        const hidden = constraintOf.get(candidate.id);
        const roots = new Set(target.terms.map((term) => parts.of(term.variable)));
        if (!candidate.terms.some((term) => roots.has(parts.of(term.variable)))) return false;
        const constraints = [...roots].flatMap((root) => parts.constraintsOf.get(root) ?? []).filter((c) => c !== hidden);
        const [result] = await auditIntervals({ variableCount, constraints }, [target], k, input.solver);
        return result?.passes === true;
      });
      if (!choice) continue;
      choice.state = 'complementary';
      choice.published = undefined;
      constraintOf.delete(choice.id);
      repaired.add(key);
      for (const term of choice.terms) dirty.add(term.variable);
    }
    if (dirty.size === 0) {
      return {
        targets: targets.length,
        solved,
        iterations: round,
        passed: false,
        failures: failing.map((t) => ({ id: t.id, lower: results.get(t.id)?.lower ?? 0, upper: results.get(t.id)?.upper ?? 0 })),
      };
    }
  }
  const failures = [...results.values()].filter((r) => !r.passes).map((r) => ({ id: r.id, lower: r.lower, upper: r.upper }));
  return { targets: results.size, solved, iterations: maxRounds, passed: failures.length === 0, failures };
}

type AuditTargetInTable = AuditTarget & { readonly table: string; readonly row: string };

/**
 * Whether a passing verdict survives any widening of the interval. A hidden number passes
 * when its interval is at least k wide and reaches k: widening keeps both. A derived group passes when the attacker cannot place it in 1 … k − 1 within less
 * than k: that survives widening if its lower bound is already 0 or its width at least k —
 * but not if it passed only because its lower bound was k or more, which widening can lower.
 */
export function passesUnderWidening(result: TargetResult, k: number): boolean {
  if (!result.passes) return false;
  // A hidden number that passed only as a structural zero (upper bound 0) can widen into 1 … k − 1.
  if (result.rule === 'suppressed') return result.upper !== 0;
  return result.lower < 1 || result.upper - result.lower >= k;
}

/** How many candidates are tried one by one before falling back to the first. */
const TRIALS = 8;

/**
 * The next number to hide for a failing target. Candidates, in order of what a reader
 * loses least: cells in the same row of the same table (the smallest at or above k first),
 * then anywhere in that table, then its n, then cells and n of tables sharing a dimension.
 * Never the survey total. The first candidate that alone makes the target safe wins;
 * when none does, the first one is hidden and the next round goes on from there.
 */
async function chooseComplement(
  model: QuantityModel,
  target: { readonly table: string; readonly row: string },
  primaryK: number,
  fixesAlone: (candidate: Quantity) => Promise<boolean>,
): Promise<Quantity | null> {
  const published = [...model.quantities.values()].filter((q) => q.state === 'published' && q.role !== 'total');
  const byValue = (a: Quantity, b: Quantity) => (a.value >= primaryK ? 0 : 1) - (b.value >= primaryK ? 0 : 1) || a.value - b.value;
  const inner = (q: Quantity) => q.role === 'cell' || q.role === 'refused' || q.role === 'margin' || q.role === 'change';
  const sameTable = published.filter((q) => q.table === target.table);
  const dims = new Set(model.dimensionsOfTable.get(target.table) ?? []);
  const linked = published.filter((q) => q.table !== target.table && (model.dimensionsOfTable.get(q.table) ?? []).some((d) => dims.has(d)));
  const steps: Quantity[][] = [
    sameTable.filter((q) => inner(q) && q.row === target.row && q.value > 0),
    sameTable.filter((q) => inner(q) && q.row !== target.row && q.value > 0),
    sameTable.filter((q) => q.role === 'n' && q.row === target.row),
    sameTable.filter((q) => q.role === 'n' && q.row !== target.row),
    linked.filter((q) => inner(q) && q.value > 0),
    linked.filter((q) => q.role === 'n'),
  ];
  const ordered = steps.flatMap((candidates) => candidates.sort(byValue));
  for (const candidate of ordered.slice(0, TRIALS)) if (await fixesAlone(candidate)) return candidate;
  // Nothing within reach fixes it alone: a margin first (it frees every cell of its row), else the first cell.
  return ordered.slice(0, TRIALS).find((q) => q.role === 'n') ?? ordered[0] ?? null;
}

function countOf(model: QuantityModel, id: string): PublishedCount {
  const quantity = model.quantities.get(id);
  return quantity && quantity.state === 'published' && quantity.published ? quantity.published.value : null;
}

function cell(model: QuantityModel, id: string, category: string, n: PublishedCount, k: number): SnapshotCell {
  const count = countOf(model, id);
  if (count === null || n === null || n <= 0 || !proportionPublishable(count, n, k)) return { category, count, percent: null, ci: null };
  const interval = wilsonInterval(Math.min(count, n), n);
  return { category, count, percent: round1((100 * count) / n), ci: [round1(100 * interval.lower), round1(100 * interval.upper)] };
}

function assembleSnapshot(input: ReleaseInput, model: QuantityModel, space: JointSpace): PublicationSnapshot {
  const k = input.settings.k;
  const tables: SnapshotTable[] = input.catalogue.tables.map((table) => {
    if (table.kind === 'crosstab') {
      const groups = groupCombinations(table.groupDimensions.map((d) => input.catalogue.dimensions.get(d)?.substantive ?? []));
      const rows: SnapshotRow[] = groups.map((group) => {
        const row = group.join('|');
        const n = countOf(model, `${table.id}:n:${row}`);
        const withheld = model.quantities.get(`${table.id}:n:${row}`)?.state === 'group-too-small';
        return {
          group,
          n,
          cells: table.categories.map((c) => cell(model, `${table.id}:c:${c.value}:${row}`, c.value, n, k)),
          ...(withheld ? { withheld: 'group-too-small' as const } : {}),
        };
      });
      return { id: table.id, kind: 'crosstab', question: table.question, title: table.title, ordinal: table.ordinal, categories: table.categories, n: null, groupBy: table.groupBy, rows };
    }
    const n = countOf(model, `${table.id}:n`);
    return {
      id: table.id,
      kind: table.kind,
      question: table.question,
      title: table.title,
      ordinal: table.kind === 'single' ? table.ordinal : false,
      categories: table.categories,
      n,
      ...(table.refusable ? { refused: countOf(model, `${table.id}:refused`) } : {}),
      rows: [{ n, cells: table.categories.map((c) => cell(model, `${table.id}:c:${c.value}`, c.value, n, k)) }],
    };
  });
  const pairs = input.catalogue.pairs.map((pair) => assemblePair(pair, model, space, k));
  return {
    format: 1,
    survey: input.survey,
    number: input.number,
    publishedOn: input.publishedOn,
    window: input.window,
    k,
    perturbation: input.settings.perturbation,
    responses: countOf(model, 'N'),
    tables,
    pairs,
  };
}

function assemblePair(pair: PairTable, model: QuantityModel, space: JointSpace, k: number): SnapshotPair {
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
  const okCount = (value: PublishedCount) => value !== null && !isSmallCount(value, k);
  const margins = [...base.before, ...base.after].map((c) => c.count);
  if (pair.binary) {
    const table = { a: countOf(model, `${id}:cell:a`), b: countOf(model, `${id}:cell:b`), c: countOf(model, `${id}:cell:c`), d: countOf(model, `${id}:cell:d`) };
    // D7: both discordant counts and all four margins at least k.
    const gated = table.b !== null && table.c !== null && table.b >= k && table.c >= k && margins.every(okCount) && table.a !== null && table.d !== null;
    if (!gated) return { ...base, table, statistics: null };
    const counts = { a: table.a as number, b: table.b as number, c: table.c as number, d: table.d as number };
    const test = mcnemarTest(counts);
    const newcombe = newcombePairedInterval(counts);
    const tango = tangoPairedInterval(counts);
    const statistics: PairStatistics = {
      difference: {
        estimate: round1((100 * (counts.b - counts.c)) / (counts.a + counts.b + counts.c + counts.d)),
        newcombe: [round1(100 * newcombe.lower), round1(100 * newcombe.upper)],
        tango: [round1(100 * tango.lower), round1(100 * tango.upper)],
      },
      mcnemar: { pMid: round4(test.pMid), pExact: round4(test.pExact), chiSquare: round4(test.chiSquare), pAsymptotic: round4(test.pAsymptotic) },
    };
    return { ...base, table, statistics };
  }
  const changes = { up: countOf(model, `${id}:up`), same: countOf(model, `${id}:same`), down: countOf(model, `${id}:down`) };
  const gated = changes.up !== null && changes.down !== null && changes.up >= k && changes.down >= k && margins.every((m) => m !== null && !isSmallCount(m, k));
  if (!gated) return { ...base, changes, statistics: null };
  // The tests use the paired table itself; they are shown only when every count behind them passes D7.
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
  return {
    ...base,
    changes,
    statistics: {
      stuartMaxwell: { chiSquare: round4(stuart.chiSquare), df: stuart.df, p: round4(stuart.p) },
      wilcoxon: { statistic: wilcoxon.statistic, p: round4(wilcoxon.p), method: wilcoxon.method },
    },
  };
}
