import type {
  AuditSummary,
  PairStatistics,
  PBand,
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
import {
  AuditSolveError,
  SolutionPool,
  auditIntervals,
  components,
  failsOnEveryNarrowing,
  fixPinnedVariables,
  type AuditStats,
  type AuditTarget,
  type IntervalSolver,
  type LinearConstraint,
  type LinearTerm,
  type TargetResult,
} from '../disclosure/interval-audit';
import {
  CUSTOM_CELL_SEPARATOR,
  addKeySums,
  customTableKnown,
  perturbCustomCount,
  type CustomTableJoint,
  type KeyedCount,
} from '../disclosure/cell-key-table';
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
  /** Custom tables shown to staff (issue 17): the release is audited against them too. */
  readonly custom?: CustomViewsInput;
  /** Counts what the audit did with its targets (for benchmarks): the main audit and the trial suppressions apart. */
  readonly auditStats?: { readonly audit: AuditStats; readonly trials: AuditStats };
}

/**
 * The custom-table ledger, for the release's audit (issue 17). `union` is the joint of every
 * question the views used, widened like the table builder's own audit (`customAuditQuestions`
 * with a release: the grouping questions of cross-tabs and the qualifying questions of pairs
 * that touch them), with today's counts in `finest` (keyed by its categories, in its order).
 */
export interface CustomViewsInput {
  readonly union: CustomTableJoint;
  readonly finest: ReadonlyMap<string, KeyedCount>;
  /** Every view in the ledger: its joint and the perturbed value of each joint cell by `customCellId`. */
  readonly views: readonly { readonly joint: readonly string[]; readonly values: Readonly<Record<string, number>> }[];
}

export interface ReleaseResult {
  readonly preview: PublicationPreview;
  /** What this release adds to the ledger if it is published. */
  readonly ledgerValues: ReadonlyMap<string, LedgerValue>;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

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
      preview: {
        snapshot: null,
        canPublish: false,
        blocks,
        held: [],
        suppressions: [],
        audit: emptyAudit,
        warnings,
        comparedWith: lastRelease?.number ?? null,
      },
      ledgerValues: new Map(),
    };
  }

  const space = new JointSpace(catalogue, input.counts);
  const model = buildQuantities(catalogue, space, input.responses);
  const primaryK = settings.perturbation === 'ons_10_5' ? Math.max(k, 10) : k;
  applyFloors(model, primaryK, settings.minGroup, settings.perturbation);
  const checked = await suppressUntilSafe(model, input, primaryK, space).catch((error: unknown) => {
    if (!(error instanceof AuditSolveError)) throw error;
    // An unexpected solver answer is a refusal naming the table, never a crash.
    const table =
      model.quantities.get(error.targetId)?.table ?? model.derived.find((d) => d.id === error.targetId)?.table ?? error.targetId;
    blocks.push({
      code: 'AUDIT_FAILED',
      message:
        error instanceof InconsistentHistoryError
          ? `The earlier releases in the ledger disagree with today's counts (${error.reason}), so the audit cannot hold this release to them; nothing can be published. Report this to the maintainers.`
          : `The disclosure audit could not be completed for the table "${table}" (${error.reason}); nothing can be published. The counts for this table may be inconsistent: report this to the maintainers.`,
    });
    for (const quantity of model.quantities.values()) if (quantity.role !== 'total') quantity.state = 'table-withheld';
    const audit: AuditSummary = {
      targets: 0,
      solved: 0,
      iterations: 0,
      passed: false,
      failures: [{ id: error.targetId, lower: 0, upper: 0 }],
    };
    return { audit, warnings: [] as string[] };
  });
  const audit = checked.audit;
  warnings.push(...checked.warnings);
  if (!audit.passed && !blocks.some((b) => b.code === 'AUDIT_FAILED')) {
    blocks.push({
      code: 'AUDIT_FAILED',
      message: `The disclosure audit still finds ${audit.failures.length} number(s) an attacker could work out after ${audit.iterations} rounds of suppression; nothing can be published.`,
    });
  }

  const ledgerValues = new Map<string, LedgerValue>();
  for (const quantity of model.quantities.values()) {
    if (quantity.state === 'published' && quantity.published) ledgerValues.set(quantity.id, quantity.published);
  }
  // D6 against every earlier release still in the ledger, withdrawn ones included.
  const current = new Map([...ledgerValues].map(([id, v]) => [id, v.value]));
  const heldBy = new Map<string, { id: string; previous: number; current: number }>();
  const heldSince: number[] = [];
  for (const entry of [...input.ledger].sort((a, b) => b.number - a.number)) {
    const changes = smallChanges(new Map([...entry.values].map(([id, v]) => [id, v.value])), current, k);
    if (changes.length > 0) heldSince.push(entry.number);
    for (const change of changes) if (!heldBy.has(change.id)) heldBy.set(change.id, change);
  }
  const held = [...heldBy.values()];
  if (held.length > 0) {
    blocks.push({
      code: 'HELD_BY_TIME_RULE',
      message: `${held.length} published number(s) changed by less than ${k} since release ${heldSince.sort((a, b) => a - b).join(', ')}: subtracting the two would describe the few people who answered in between. Wait for more responses.`,
    });
  }
  if (ledgerValues.size <= 1)
    blocks.push({ code: 'NOTHING_TO_PUBLISH', message: 'Every table would be suppressed; there is nothing to publish yet.' });

  const snapshot = assembleSnapshot(input, model, space);
  const suppressions: SuppressionNote[] = [...model.quantities.values()]
    .filter((q) => q.state !== 'published')
    .map((q) => ({
      id: q.id,
      table: q.table,
      reason: q.state as SuppressionNote['reason'],
      ...(q.protects ? { protects: q.protects } : {}),
    }));
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
function applyFloors(model: QuantityModel, primaryK: number, minGroup: number, perturbation: Perturbation): void {
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
  // D8 with D3: a perturbed value below k is never shown (a published 10 with k = 11 could
  // only be a true 11), so it is suppressed like a small true count.
  for (const quantity of model.quantities.values()) {
    if (quantity.state !== 'published' || quantity.role === 'total' || perturbation === 'none') continue;
    publishValue(quantity, perturbation, primaryK);
    if (quantity.published && isSmallCount(quantity.published.value, primaryK)) {
      quantity.state = 'primary';
      quantity.published = undefined;
    }
  }
}

/**
 * The value a quantity is published as, and the true values a reader knows it may stand
 * for: the perturbation's range, narrowed by the suppression rule (a shown non-zero value
 * stands for a true count of at least k, since true counts 1 … k − 1 are always hidden).
 */
function publishValue(quantity: Quantity, perturbation: Perturbation, primaryK: number): void {
  if (quantity.role === 'total' || perturbation === 'none') {
    quantity.published = { value: quantity.value, lower: quantity.value, upper: quantity.value };
    return;
  }
  const value =
    perturbation === 'ons_10_5'
      ? (roundOns105(quantity.value) ?? 0)
      : cellKeyPerturb(quantity.value, quantity.keySum - Math.floor(quantity.keySum));
  const range = perturbation === 'ons_10_5' ? ons105Range(value) : cellKeyRange(value);
  const lower = value > 0 ? Math.max(range.lower, primaryK) : range.lower;
  quantity.published = { value, lower: Math.min(lower, range.upper), upper: range.upper };
}

/**
 * D4 and D5: audit, and while something can be worked out, hide one more number for it
 * and audit again. Each round fixes at most one failing target per table row (one hidden
 * number often rescues several), primary suppressions first, and tries the candidates in
 * order of how little a reader loses, taking the first that on its own makes the target
 * safe. Only parts of the problem touched by a new suppression are solved again.
 */
async function suppressUntilSafe(
  model: QuantityModel,
  input: ReleaseInput,
  primaryK: number,
  space: JointSpace,
): Promise<{ audit: AuditSummary; warnings: string[] }> {
  let variableCount = space.variableCount;
  const k = input.settings.k;
  const maxRounds = input.maxRounds ?? 200;
  const history = await earlierReleases(model, input, space);
  variableCount = history.variableCount;
  const custom = customViews(model, input, space, variableCount);
  const ledgerBounds = [...history.constraints, ...custom.constraints];
  variableCount = custom.variableCount;
  // Known feasible solutions: today's true counts, and a history consistent with them.
  const base = new Float64Array(variableCount);
  for (let variable = 0; variable < space.variableCount; variable++) base[variable] = space.cellValue(variable);
  for (const [variable, value] of history.solution) if (variable < variableCount) base[variable] = Math.round(value);
  for (const [variable, value] of custom.solution) base[variable] = value;
  const pool = new SolutionPool(base);
  const shownBefore = new Set(input.ledger.flatMap((entry) => [...entry.values.keys()]));
  let solved = 0;
  let results = new Map<string, TargetResult>();
  let dirty: Set<number> | null = null;
  let previousParts: ReturnType<typeof components> | null = null;
  for (let round = 1; round <= maxRounds; round++) {
    const constraintOf = new Map<string, LinearConstraint>();
    for (const quantity of model.quantities.values()) {
      if (quantity.state !== 'published') continue;
      publishValue(quantity, input.settings.perturbation, primaryK);
      const range = quantity.published ?? { lower: 0, upper: 0 };
      constraintOf.set(quantity.id, { terms: quantity.terms, lower: range.lower, upper: range.upper });
    }
    const problem = { variableCount, constraints: [...model.structure, ...constraintOf.values(), ...ledgerBounds] };
    const targets: AuditTargetInTable[] = [
      ...[...model.quantities.values()]
        .filter((q) => q.state !== 'published' && q.role !== 'total')
        // A number an earlier release showed is no secret: hiding it now must only keep it
        // from being pinned to 1 … k − 1 (its change since then is the time rule's business).
        .map((q) => ({
          id: q.id,
          terms: q.terms,
          rule: shownBefore.has(q.id) ? ('derived' as const) : ('suppressed' as const),
          value: q.value,
          table: q.table,
          row: q.row,
        })),
      ...model.derived.map((d: DerivedCell) => ({
        id: d.id,
        terms: d.terms,
        rule: 'derived' as const,
        value: d.value,
        table: d.table,
        row: d.row,
      })),
      ...history.targets,
      ...custom.targets,
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
    const fresh = await auditIntervals(problem, todo, k, input.solver, { pool, learn: true, stats: input.auditStats?.audit });
    solved += fresh.filter((r) => !(Number.isNaN(r.lower) && Number.isNaN(r.upper))).length;
    results = new Map([...results].filter(([id]) => targets.some((t) => t.id === id)));
    for (const result of fresh) results.set(result.id, result);
    const failing = targets.filter((t) => results.get(t.id)?.passes === false);
    if (failing.length === 0)
      return { audit: { targets: targets.length, solved, iterations: round, passed: true, failures: [] }, warnings: history.warnings };

    // One repair per table per round, hidden numbers before derived groups.
    failing.sort((a, b) => (a.rule === b.rule ? 0 : a.rule === 'suppressed' ? -1 : 1));
    const repaired = new Set<string>();
    dirty = new Set<number>();
    for (const target of failing) {
      const key = `${target.table}\u0000${target.row}`;
      if (repaired.has(key)) continue;
      const part = (exclude: ReadonlySet<LinearConstraint | undefined>) => {
        const roots = new Set(target.terms.map((term) => parts.of(term.variable)));
        return [...roots].flatMap((root) => parts.constraintsOf.get(root) ?? []).filter((c) => !exclude.has(c));
      };
      const touches = (candidate: Quantity) => {
        const roots = new Set(target.terms.map((term) => parts.of(term.variable)));
        return candidate.terms.some((term) => roots.has(parts.of(term.variable)));
      };
      const choice = await chooseComplement(
        model,
        target,
        primaryK,
        async (candidate) => {
          // Would the target be safe with this candidate hidden too? Only its part of the problem matters.
          if (!touches(candidate)) return false;
          const constraints = part(new Set([constraintOf.get(candidate.id)]));
          const [result] = await auditIntervals({ variableCount, constraints }, [target], k, input.solver, {
            pool,
            stats: input.auditStats?.trials,
          });
          return result?.passes === true;
        },
        async (candidates) => {
          // Could any of them make the target safe? Not if hiding all of them at once does not,
          // for a target whose failure carries over to every narrower problem.
          const touching = candidates.filter(touches);
          if (!failsOnEveryNarrowing(target, k) || touching.length < 2) return true;
          const constraints = part(new Set(touching.map((candidate) => constraintOf.get(candidate.id))));
          const [result] = await auditIntervals({ variableCount, constraints }, [target], k, input.solver, {
            pool,
            stats: input.auditStats?.trials,
          });
          return result?.passes === true;
        },
      );
      if (!choice) continue;
      choice.state = 'complementary';
      choice.protects = target.id;
      choice.published = undefined;
      constraintOf.delete(choice.id);
      repaired.add(key);
      for (const term of choice.terms) dirty.add(term.variable);
    }
    if (dirty.size === 0) {
      return {
        audit: {
          targets: targets.length,
          solved,
          iterations: round,
          passed: false,
          failures: failing.map((t) => ({ id: t.id, lower: results.get(t.id)?.lower ?? 0, upper: results.get(t.id)?.upper ?? 0 })),
        },
        warnings: history.warnings,
      };
    }
  }
  const failures = [...results.values()].filter((r) => !r.passes).map((r) => ({ id: r.id, lower: r.lower, upper: r.upper }));
  return {
    audit: { targets: results.size, solved, iterations: maxRounds, passed: failures.length === 0, failures },
    warnings: history.warnings,
  };
}

/**
 * D5 and D6 against every earlier release (withdrawn ones included): each earlier release
 * is a copy of the joint cells, held to exactly what it published, and each cell only grows
 * from one release to the next (x_earlier ≤ x_later, respondents are only ever added).
 * What an earlier release hid stays protected: its hidden numbers are audit targets again
 * (today's numbers narrow them), and may not be pinned to 1 … k − 1. Earlier releases are passed in as plain ledger entries
 * (what was shown, to whom does not matter), so previews shown to staff can be fed in too.
 * The catalogue is the fielding version's (D1) and respondents are only ever added, so the
 * history is always consistent with today's counts; if it is not (a defect, a damaged
 * ledger), the release is refused: comparing by "counts only grow" alone would let a reader
 * who holds the exact earlier numbers know more than the audit.
 */
async function earlierReleases(
  model: QuantityModel,
  input: ReleaseInput,
  space: JointSpace,
): Promise<{
  constraints: LinearConstraint[];
  targets: AuditTargetInTable[];
  variableCount: number;
  warnings: string[];
  solution: ReadonlyMap<number, number>;
}> {
  const jointVariables = space.variableCount;
  const ledger = [...input.ledger].sort((a, b) => a.number - b.number);
  if (ledger.length === 0) return { constraints: [], targets: [], variableCount: jointVariables, warnings: [], solution: new Map() };
  const shift = (terms: readonly LinearTerm[], block: number) =>
    terms.map((t) => ({ variable: t.variable + block * jointVariables, coefficient: t.coefficient }));
  const constraints: LinearConstraint[] = [];
  const targets: AuditTargetInTable[] = [];
  ledger.forEach((entry, index) => {
    const block = index + 1;
    const total = entry.values.get('N');
    for (const constraint of model.structure) {
      const bounds = model.totals.has(constraint)
        ? total
          ? { lower: total.lower, upper: total.upper }
          : { lower: 0, upper: input.responses }
        : constraint;
      constraints.push({ terms: shift(constraint.terms, block), lower: bounds.lower, upper: bounds.upper });
    }
    for (const [id, value] of entry.values) {
      const quantity = model.quantities.get(id);
      if (quantity) constraints.push({ terms: shift(quantity.terms, block), lower: value.lower, upper: value.upper });
    }
    for (const quantity of model.quantities.values()) {
      // Nobody today means nobody then: an empty quantity cannot have held 1 … k − 1 people.
      if (quantity.role === 'total' || entry.values.has(quantity.id) || quantity.value === 0) continue;
      // Not re-judged by D5's width rule (that release is out; nothing today can widen it),
      // but today's numbers must not pin it to 1 … k − 1.
      targets.push({
        id: `${quantity.id}@${entry.number}`,
        terms: shift(quantity.terms, block),
        rule: 'derived',
        value: Number.NaN,
        table: quantity.table,
        row: quantity.row,
      });
    }
    // So may its groups that were never numbers (not answering included), empty today meaning empty then.
    for (const cell of model.derived) {
      if (cell.value !== 0)
        targets.push({
          id: `${cell.id}@${entry.number}`,
          terms: shift(cell.terms, block),
          rule: 'derived',
          value: Number.NaN,
          table: cell.table,
          row: cell.row,
        });
    }
    // Each cell holds at most what it holds in the next release (the last one: today).
    const next = index + 1 < ledger.length ? block + 1 : 0;
    for (let variable = 0; variable < jointVariables; variable++) {
      constraints.push({
        terms: [
          { variable: variable + block * jointVariables, coefficient: 1 },
          { variable: variable + next * jointVariables, coefficient: -1 },
        ],
        lower: Number.NEGATIVE_INFINITY,
        upper: 0,
      });
    }
  });
  const variableCount = jointVariables * (ledger.length + 1);
  // Is this history readable under today's catalogue? Feasibility with today's true counts fixed.
  const feasibility = [
    ...constraints,
    ...Array.from({ length: jointVariables }, (_, variable) => ({
      terms: [{ variable, coefficient: 1 }],
      lower: space.cellValue(variable),
      upper: space.cellValue(variable),
    })),
  ];
  try {
    // Today's counts pin most of it: substitute what is pinned, check what that settles, solve the rest.
    const { fixed, constraints: rest } = fixPinnedVariables({ variableCount, constraints: feasibility });
    for (const constraint of feasibility) {
      if (!constraint.terms.every((t) => fixed.has(t.variable))) continue;
      const value = constraint.terms.reduce((sum, t) => sum + t.coefficient * (fixed.get(t.variable) as number), 0);
      if (value < constraint.lower - 1e-7 || value > constraint.upper + 1e-7)
        throw new Error("the earlier releases disagree with today's counts");
    }
    const solution = new Map(fixed);
    const first = rest[0]?.terms[0];
    if (first) {
      await input.solver.minimum({ variableCount, constraints: rest }, [first]);
      for (const [variable, value] of input.solver.lastSolution?.() ?? []) solution.set(variable, value);
    }
    return { constraints, targets, variableCount, warnings: [], solution };
  } catch (error) {
    throw new InconsistentHistoryError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * D5 against the custom-table ledger (issue 17). The views' joint (`union`) is one more block
 * of variables, tied to today's joints on every margin they share, so a release's exact
 * numbers and the views' perturbed cells are read together. A view's cell whose people did not
 * change since (today's cell gives the same perturbed value: the value is a function of the
 * count and the people's keys) holds today's count within its bounds; one that changed held an
 * earlier count, at most today's, so today's count is at least its lower bound (for one view
 * that is exactly what it says about today: each of its cells could have been any count up to
 * today's). Every custom cell today holding 1 … k − 1 people is a target like the release's own
 * derived groups: the release hides more until none can be pinned, or is refused.
 */
function customViews(
  model: QuantityModel,
  input: ReleaseInput,
  space: JointSpace,
  offset: number,
): { constraints: LinearConstraint[]; targets: AuditTargetInTable[]; variableCount: number; solution: ReadonlyMap<number, number> } {
  const custom = input.custom;
  if (!custom || custom.views.length === 0) return { constraints: [], targets: [], variableCount: offset, solution: new Map() };
  const k = input.settings.k;
  const { union, finest } = custom;
  const positionOf = (question: string) => {
    const position = union.questions.indexOf(question);
    if (position < 0) throw new AuditSolveError('custom', `the custom tables' joint does not count ${question}`);
    return position;
  };
  const combinations = groupCombinations(union.categories);
  const truth = combinations.map((c) => finest.get(c.join(CUSTOM_CELL_SEPARATOR)) ?? { count: 0, keySum: 0 });
  const solution = new Map(truth.map((cell, i) => [offset + i, cell.count]));
  const constraints: LinearConstraint[] = [];
  // Tied to every joint of the release on the margin they share (the total, at least, through the one-question joints).
  for (const layout of space.layouts.values()) {
    const shared = layout.joint.dimensions.filter((dimension) => union.questions.includes(dimension));
    if (shared.length === 0) continue;
    const margins = new Map<string, LinearTerm[]>();
    const add = (key: string, term: LinearTerm) => margins.set(key, [...(margins.get(key) ?? []), term]);
    for (const cell of space.cells(layout.joint.id))
      add(shared.map((d) => cell.tuple[layout.joint.dimensions.indexOf(d)]).join(CUSTOM_CELL_SEPARATOR), {
        variable: cell.variable,
        coefficient: -1,
      });
    combinations.forEach((c, i) =>
      add(shared.map((d) => c[positionOf(d)]).join(CUSTOM_CELL_SEPARATOR), { variable: offset + i, coefficient: 1 }),
    );
    for (const terms of margins.values()) constraints.push({ terms, lower: 0, upper: 0 });
  }
  const targets: AuditTargetInTable[] = [];
  const seen = new Set<string>();
  const dimensionsOfTable = model.dimensionsOfTable as Map<string, readonly string[]>;
  for (const view of custom.views) {
    const table = `custom:${view.joint.join('×')}`;
    dimensionsOfTable.set(table, view.joint);
    for (const [id, value] of Object.entries(view.values)) {
      if (seen.has(`${id}\u0000${value}`)) continue;
      seen.add(`${id}\u0000${value}`);
      const conditions = (JSON.parse(id) as [string, string[]][]).map(([question, values]) => ({ position: positionOf(question), values }));
      const terms: LinearTerm[] = [];
      let cell: KeyedCount = { count: 0, keySum: 0 };
      combinations.forEach((c, i) => {
        if (!conditions.every(({ position, values }) => values.includes(c[position] as string))) return;
        terms.push({ variable: offset + i, coefficient: 1 });
        const add = truth[i] as KeyedCount;
        cell = { count: cell.count + add.count, keySum: addKeySums(cell.keySum, add.keySum) };
      });
      const known = customTableKnown(value, k);
      const unchanged = perturbCustomCount(cell, k) === value;
      constraints.push({ terms, lower: known.lower, upper: unchanged ? known.upper : Number.POSITIVE_INFINITY });
      if (cell.count >= 1 && cell.count < k && !seen.has(id)) {
        seen.add(id);
        targets.push({ id: `custom:${id}`, terms, rule: 'derived', value: cell.count, table, row: '' });
      }
    }
  }
  return { constraints, targets, variableCount: offset + combinations.length, solution };
}

/** The ledger cannot be read under today's counts: no history of added respondents explains both. */
class InconsistentHistoryError extends AuditSolveError {
  constructor(reason: string) {
    super('ledger', reason);
    this.name = 'InconsistentHistoryError';
  }
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
  /** Whether some of these candidates could fix it alone (false: none can, skip the trials). */
  mayFix: (candidates: readonly Quantity[]) => Promise<boolean> = async () => true,
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
  const trials = ordered.slice(0, TRIALS);
  if (await mayFix(trials)) for (const candidate of trials) if (await fixesAlone(candidate)) return candidate;
  // Nothing within reach fixes it alone: a margin first (it frees every cell of its row), else the first cell.
  return ordered.slice(0, TRIALS).find((q) => q.role === 'n') ?? ordered[0] ?? null;
}

function countOf(model: QuantityModel, id: string, truth = false): PublishedCount {
  const quantity = model.quantities.get(id);
  if (truth) return quantity ? quantity.value : null;
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
      return {
        id: table.id,
        kind: 'crosstab',
        question: table.question,
        title: table.title,
        ordinal: table.ordinal,
        categories: table.categories,
        n: null,
        groupBy: table.groupBy,
        rows,
      };
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
  const pairs = input.catalogue.pairs.map((pair) => assemblePair(pair, model, space, k, input.settings.perturbation));
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

function assemblePair(pair: PairTable, model: QuantityModel, space: JointSpace, k: number, perturbation: Perturbation): SnapshotPair {
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
  if (pair.binary) {
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
      const counts = { a: table.a, b: table.b, c: table.c, d: table.d };
      const test = mcnemarTest(counts);
      const newcombe = newcombePairedInterval(counts);
      const tango = tangoPairedInterval(counts);
      const statistics: PairStatistics = {
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
  const changes = { up: countOf(model, `${id}:up`), same: countOf(model, `${id}:same`), down: countOf(model, `${id}:down`) };
  // The ordinal tests are functions of the whole paired table (every off-diagonal cell, every
  // change profile), which is never published: only bands, and none when counts are perturbed.
  if (withheld || perturbed) return { ...base, changes, statistics: null };
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
  return { ...base, changes, statistics: { bands: { stuartMaxwell: pBand(stuart.p), wilcoxon: pBand(wilcoxon.p) } } };
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
