import type { AuditSummary, ReleaseBlock, SuppressionNote } from '../contracts/publications';
import { AuditSolveError } from '../disclosure/interval-audit';
import { smallChanges } from '../disclosure/time-rule';
import { JointSpace } from './joint-space';
import { buildQuantities, type QuantityModel } from './quantities';
import { applyFloors } from './release-floors';
import { InconsistentHistoryError } from './release-ledger';
import { assembleSnapshot } from './release-snapshot';
import { suppressUntilSafe, type SuppressionOutcome } from './release-suppression';
import type { LedgerValue, ReleaseInput, ReleaseResult } from './release-types';

export type { CustomViewsInput, LedgerEntry, LedgerValue, ReleaseInput, ReleaseResult, ReleaseSettings } from './release-types';

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
  const lastRelease = input.ledger.at(-1);

  if (input.responses < settings.minResponses) return belowReleaseFloor(input, blocks, warnings);

  const space = new JointSpace(catalogue, input.counts);
  const model = buildQuantities(catalogue, space, input.responses);
  const primaryK = settings.perturbation === 'ons_10_5' ? Math.max(k, 10) : k;
  applyFloors(model, primaryK, settings.minGroup, settings.perturbation);
  const checked = await suppressOrRefuse(model, input, primaryK, space, blocks);
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
  const held = timeRule(input, ledgerValues, blocks);
  if (ledgerValues.size <= 1)
    blocks.push({ code: 'NOTHING_TO_PUBLISH', message: 'Every table would be suppressed; there is nothing to publish yet.' });

  const snapshot = assembleSnapshot(input, model, space);
  return {
    preview: {
      snapshot,
      canPublish: blocks.length === 0,
      blocks,
      held,
      suppressions: suppressionNotes(model),
      audit,
      warnings,
      comparedWith: lastRelease?.number ?? null,
    },
    ledgerValues,
  };
}

/** D2: below the release floor nothing is computed, and the preview says so without the count. */
function belowReleaseFloor(input: ReleaseInput, blocks: ReleaseBlock[], warnings: string[]): ReleaseResult {
  const emptyAudit: AuditSummary = { targets: 0, solved: 0, iterations: 0, passed: true, failures: [] };
  blocks.push({
    code: 'BELOW_RELEASE_FLOOR',
    message: `Nothing can be published below ${input.settings.minResponses} responses; this survey has fewer. (The exact count is not shown.)`,
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
      comparedWith: input.ledger.at(-1)?.number ?? null,
    },
    ledgerValues: new Map(),
  };
}

/** D4 and D5, with an unexpected solver answer turned into a refusal (every table withheld). */
function suppressOrRefuse(
  model: QuantityModel,
  input: ReleaseInput,
  primaryK: number,
  space: JointSpace,
  blocks: ReleaseBlock[],
): Promise<SuppressionOutcome> {
  return suppressUntilSafe(model, input, primaryK, space).catch((error: unknown) => {
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
}

/** D6 against every earlier release still in the ledger, withdrawn ones included: the numbers it holds back. */
function timeRule(
  input: ReleaseInput,
  ledgerValues: ReadonlyMap<string, LedgerValue>,
  blocks: ReleaseBlock[],
): { id: string; previous: number; current: number }[] {
  const k = input.settings.k;
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
  return held;
}

/** Staff only: why each number is hidden, never its value. */
function suppressionNotes(model: QuantityModel): SuppressionNote[] {
  return [...model.quantities.values()]
    .filter((q) => q.state !== 'published')
    .map((q) => ({
      id: q.id,
      table: q.table,
      reason: q.state as SuppressionNote['reason'],
      ...(q.protects ? { protects: q.protects } : {}),
    }));
}
