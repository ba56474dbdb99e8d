import type { AuditSummary } from '../contracts/publications';
import {
  SolutionPool,
  auditIntervals,
  components,
  failsOnEveryNarrowing,
  fixPinnedVariables,
  withoutRows,
  type LinearConstraint,
  type Simplified,
  type TargetResult,
} from '../disclosure/interval-audit';
import { satisfies } from '../disclosure/highs-model';
import type { Perturbation } from '../disclosure/perturbation';
import type { JointSpace } from './joint-space';
import type { DerivedCell, Quantity, QuantityModel } from './quantities';
import { chooseComplement } from './release-complement';
import { customViews, type CustomViews } from './release-custom-views';
import { publishValue } from './release-floors';
import { InconsistentHistoryError, consistentSolution, earlierReleases, type History } from './release-ledger';
import type { AuditTargetInTable, ReleaseInput } from './release-types';

/** The audit's verdict, and what reading the ledger had to say. */
export interface SuppressionOutcome {
  readonly audit: AuditSummary;
  readonly warnings: string[];
}

type Parts = ReturnType<typeof components>;

/** What every round of the audit works with: the model it suppresses in, and the ledger's part of the problem. */
interface AuditSetup {
  readonly model: QuantityModel;
  readonly input: ReleaseInput;
  readonly primaryK: number;
  readonly k: number;
  readonly variableCount: number;
  /** The first variable of the ledger's blocks (today's joint cells come before it), if there are any. */
  readonly anchor: number | undefined;
  readonly pool: SolutionPool;
  readonly history: History;
  readonly custom: CustomViews;
  readonly ledgerBounds: readonly LinearConstraint[];
  /** Every number an earlier release showed. */
  readonly shownBefore: ReadonlySet<string>;
}

/** What one round hands the next. */
interface RoundState {
  solved: number;
  results: Map<string, TargetResult>;
  /** The variables of the numbers the last round hid (null before the first repair). */
  dirty: Set<number> | null;
  previousParts: Parts | null;
}

/**
 * D4 and D5: audit, and while something can be worked out, hide one more number for it
 * and audit again. Each round fixes at most one failing target per table row (one hidden
 * number often rescues several), primary suppressions first, and tries the candidates in
 * order of how little a reader loses, taking the first that on its own makes the target
 * safe. Only parts of the problem touched by a new suppression are solved again.
 */
export async function suppressUntilSafe(
  model: QuantityModel,
  input: ReleaseInput,
  primaryK: number,
  space: JointSpace,
): Promise<SuppressionOutcome> {
  const maxRounds = input.maxRounds ?? 200;
  const setup = await prepareAudit(model, input, primaryK, space);
  const state: RoundState = { solved: 0, results: new Map(), dirty: null, previousParts: null };
  for (let round = 1; round <= maxRounds; round++) {
    const outcome = await auditRound(setup, state, round);
    if (outcome) return outcome;
  }
  const failures = [...state.results.values()].filter((r) => !r.passes).map((r) => ({ id: r.id, lower: r.lower, upper: r.upper }));
  return {
    audit: { targets: state.results.size, solved: state.solved, iterations: maxRounds, passed: failures.length === 0, failures },
    warnings: setup.history.warnings,
  };
}

/** The ledger's constraints and targets (earlier releases, then custom views), and the known feasible solution. */
async function prepareAudit(model: QuantityModel, input: ReleaseInput, primaryK: number, space: JointSpace): Promise<AuditSetup> {
  const history = await earlierReleases(model, input, space);
  const custom = customViews(model, input, space, history.variableCount);
  const ledgerBounds = [...history.constraints, ...custom.constraints];
  const variableCount = custom.variableCount;
  // Known feasible solutions: today's true counts, and a history consistent with them — with
  // custom tables of earlier days, one consistent with those days' views too.
  const today = new Map<number, number>(custom.solution);
  for (let variable = 0; variable < space.variableCount; variable++) today.set(variable, space.cellValue(variable));
  const past = custom.earlierDays > 0 ? await consistentSolution(input, ledgerBounds, variableCount, today) : history.solution;
  const base = new Float64Array(variableCount);
  for (const [variable, value] of past) if (variable < variableCount) base[variable] = Math.round(value);
  for (const [variable, value] of today) base[variable] = value;
  // Every proof by known solutions rests on this one being feasible: checked exactly, never assumed.
  if (!satisfies(base, { variableCount, constraints: ledgerBounds }))
    throw new InconsistentHistoryError("no history consistent with today's counts was found exactly");
  const pool = new SolutionPool(base);
  const shownBefore = new Set(input.ledger.flatMap((entry) => [...entry.values.keys()]));
  return {
    model,
    input,
    primaryK,
    k: input.settings.k,
    variableCount,
    anchor: variableCount > space.variableCount ? space.variableCount : undefined,
    pool,
    history,
    custom,
    ledgerBounds,
    shownBefore,
  };
}

/**
 * One round: audit what is published now, and hide one more number per failing table row.
 * Returns the verdict when the release passes or nothing more can be hidden, else null.
 */
async function auditRound(setup: AuditSetup, state: RoundState, round: number): Promise<SuppressionOutcome | null> {
  const { input, k } = setup;
  const constraintOf = publishedConstraints(setup.model, input.settings.perturbation, setup.primaryK);
  const problem = {
    variableCount: setup.variableCount,
    constraints: [...setup.model.structure, ...constraintOf.values(), ...setup.ledgerBounds],
  };
  const targets = roundTargets(setup);
  const todo = stillOpen(targets, state, k);
  const parts = components(problem);
  state.previousParts = parts;
  const fresh = await auditIntervals(problem, todo, k, input.solver, {
    pool: setup.pool,
    learn: true,
    stats: input.auditStats?.audit,
    anchor: setup.anchor,
  });
  state.solved += fresh.filter((r) => !(Number.isNaN(r.lower) && Number.isNaN(r.upper))).length;
  const current = new Set(targets.map((t) => t.id));
  state.results = new Map([...state.results].filter(([id]) => current.has(id)));
  for (const result of fresh) state.results.set(result.id, result);
  const results = state.results;
  const failing = targets.filter((t) => results.get(t.id)?.passes === false);
  if (failing.length === 0)
    return {
      audit: { targets: targets.length, solved: state.solved, iterations: round, passed: true, failures: [] },
      warnings: setup.history.warnings,
    };

  // One repair per table per round, hidden numbers before derived groups.
  failing.sort((a, b) => (a.rule === b.rule ? 0 : a.rule === 'suppressed' ? -1 : 1));
  state.dirty = await repair(setup, failing, parts, constraintOf);
  if (state.dirty.size > 0) return null;
  return {
    audit: {
      targets: targets.length,
      solved: state.solved,
      iterations: round,
      passed: false,
      failures: failing.map((t) => ({ id: t.id, lower: results.get(t.id)?.lower ?? 0, upper: results.get(t.id)?.upper ?? 0 })),
    },
    warnings: setup.history.warnings,
  };
}

/** What every number still published tells a reader, by quantity id (published values refreshed). */
function publishedConstraints(model: QuantityModel, perturbation: Perturbation, primaryK: number): Map<string, LinearConstraint> {
  const constraintOf = new Map<string, LinearConstraint>();
  for (const quantity of model.quantities.values()) {
    if (quantity.state !== 'published') continue;
    publishValue(quantity, perturbation, primaryK);
    const range = quantity.published ?? { lower: 0, upper: 0 };
    constraintOf.set(quantity.id, { terms: quantity.terms, lower: range.lower, upper: range.upper });
  }
  return constraintOf;
}

/** Everything the audit protects this round: hidden numbers, derived groups, then the ledger's targets. */
function roundTargets(setup: AuditSetup): AuditTargetInTable[] {
  return [
    ...[...setup.model.quantities.values()]
      .filter((q) => q.state !== 'published' && q.role !== 'total')
      // A number an earlier release showed is no secret: hiding it now must only keep it
      // from being pinned to 1 … k − 1 (its change since then is the time rule's business).
      .map((q) => ({
        id: q.id,
        terms: q.terms,
        rule: setup.shownBefore.has(q.id) ? ('derived' as const) : ('suppressed' as const),
        value: q.value,
        table: q.table,
        row: q.row,
      })),
    ...setup.model.derived.map((d: DerivedCell) => ({
      id: d.id,
      terms: d.terms,
      rule: 'derived' as const,
      value: d.value,
      table: d.table,
      row: d.row,
    })),
    ...setup.history.targets,
    ...setup.custom.targets,
  ];
}

/**
 * Re-solve only targets whose part of the previous round's problem lost a constraint —
 * and of those, only the ones whose verdict can change. Rounds only ever remove
 * constraints, so intervals only widen: a verdict that widening cannot undo stands.
 */
function stillOpen(targets: AuditTargetInTable[], state: RoundState, k: number): AuditTargetInTable[] {
  const { dirty, previousParts: parts, results } = state;
  if (dirty === null || parts === null) return targets;
  const changed = new Set([...dirty].map((v) => parts.of(v)));
  return targets.filter((t) => {
    const previous = results.get(t.id);
    if (!previous) return true;
    if (!t.terms.some((term) => changed.has(parts.of(term.variable)))) return false;
    return !passesUnderWidening(previous, k);
  });
}

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

/**
 * Hides one more number for each failing table row (the first failing target of the row
 * chooses), and returns the variables those numbers cover: their parts are solved again.
 */
async function repair(
  setup: AuditSetup,
  failing: readonly AuditTargetInTable[],
  parts: Parts,
  constraintOf: Map<string, LinearConstraint>,
): Promise<Set<number>> {
  const repaired = new Set<string>();
  const dirty = new Set<number>();
  for (const target of failing) {
    const key = `${target.table}\u0000${target.row}`;
    if (repaired.has(key)) continue;
    const trials = trialsFor(setup, target, parts, constraintOf);
    const choice = await chooseComplement(setup.model, target, setup.primaryK, trials.fixesAlone, trials.mayFix);
    if (!choice) continue;
    choice.state = 'complementary';
    choice.protects = target.id;
    choice.published = undefined;
    constraintOf.delete(choice.id);
    repaired.add(key);
    for (const term of choice.terms) dirty.add(term.variable);
  }
  return dirty;
}

/** The trial suppressions {@link chooseComplement} runs for one failing target, on its part of the problem only. */
function trialsFor(
  setup: AuditSetup,
  target: AuditTargetInTable,
  parts: Parts,
  constraintOf: ReadonlyMap<string, LinearConstraint>,
): { fixesAlone: (candidate: Quantity) => Promise<boolean>; mayFix: (candidates: readonly Quantity[]) => Promise<boolean> } {
  const { input, k, variableCount, pool } = setup;
  const roots = new Set(target.terms.map((term) => parts.of(term.variable)));
  const whole = [...roots].flatMap((root) => parts.constraintsOf.get(root) ?? []);
  // Simplified once for all of this target's trials: most leave out rows that pin nothing.
  let simplified: Simplified | undefined;
  const touches = (candidate: Quantity) => {
    return candidate.terms.some((term) => roots.has(parts.of(term.variable)));
  };
  /** Whether the target passes on its part of the problem with these constraints left out (guided: see below). */
  const passesWithout = async (exclude: ReadonlySet<LinearConstraint | undefined>, guide: boolean) => {
    const problem = { variableCount, constraints: whole.filter((c) => !exclude.has(c)) };
    simplified ??= fixPinnedVariables({ variableCount, constraints: whole });
    const [result] = await auditIntervals(problem, [target], k, input.solver, {
      simplified: withoutRows(simplified, exclude),
      pool,
      stats: input.auditStats?.trials,
      anchor: setup.anchor,
      guide,
    });
    return result?.passes === true;
  };
  // A trial only chooses what to hide; the next round audits the choice exactly. When the linear
  // relaxation already sees the target fail, trials on the relaxation choose as exact ones would
  // wherever the two agree, without integer programs (a candidate they wrongly think fixes it is
  // hidden, and the next round hides another). When only the integer program sees it, trials are
  // exact — and for a group of k or more, which can pass by a minimum of k that the relaxation
  // may place lower (it would turn down a candidate that fixes it).
  let guided: Promise<boolean> | undefined;
  const canGuide = target.rule === 'suppressed' || target.value <= k - 1;
  const guide = () => (canGuide ? (guided ??= passesWithout(new Set(), true).then((passes) => !passes)) : Promise.resolve(false));
  return {
    fixesAlone: async (candidate) => {
      // Would the target be safe with this candidate hidden too? Only its part of the problem matters.
      if (!touches(candidate)) return false;
      return passesWithout(new Set([constraintOf.get(candidate.id)]), await guide());
    },
    mayFix: async (candidates) => {
      // Could any of them make the target safe? Not if hiding all of them at once does not,
      // for a target whose failure carries over to every narrower problem.
      const touching = candidates.filter(touches);
      if (!failsOnEveryNarrowing(target, k) || touching.length < 2) return true;
      return passesWithout(new Set(touching.map((candidate) => constraintOf.get(candidate.id))), await guide());
    },
  };
}
