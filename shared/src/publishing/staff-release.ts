import type { CoarseCount } from '../contracts/surveys-admin';
import type { PublicationPreview, ReleaseBlock, StaffPreview } from '../contracts/publications';
import { smallChanges } from '../disclosure/time-rule';
import type { LedgerEntry, LedgerValue } from './release';

/**
 * Staff are readers too (P4). A preview is a release to staff: it shows only what would
 * actually be published, obeys the time rule against everything any staff member was
 * shown before (every preview and every publication), and says why when it is held —
 * with no numbers, since a held release's numbers are exactly the ones that would tell
 * the few newest respondents apart.
 */

/**
 * The response count staff see while fielding: rounded down to a multiple of k, and "at
 * least the release floor" once reached — so one new response never shows, and watching
 * the count cannot time a respondent more finely than k responses at a time.
 */
export function coarseCount(exact: number, k: number, minResponses: number): CoarseCount {
  const step = Math.max(1, Math.floor(k));
  const rounded = Math.floor(Math.max(0, exact) / step) * step;
  const floorReached = exact >= minResponses;
  return { atLeast: floorReached ? Math.max(rounded, minResponses) : rounded, step, floorReached };
}

/**
 * D6 against staff: the numbers that moved by 1 … k − 1 since any earlier release shown to
 * staff (`shown`: published releases and previews alike, oldest first). Only their ids —
 * never the values, which are the new respondents' answers.
 */
export function heldAgainstShown(shown: readonly LedgerEntry[], values: ReadonlyMap<string, LedgerValue>, k: number): string[] {
  const current = new Map([...values].map(([id, v]) => [id, v.value]));
  const held = new Set<string>();
  for (const entry of shown) {
    const previous = new Map([...entry.values].map(([id, v]) => [id, v.value]));
    for (const change of smallChanges(previous, current, k)) held.add(change.id);
  }
  return [...held];
}

/** The same set of numbers shown twice is one release, not two: the ledger keeps it once. */
export function distinctReleases(entries: readonly LedgerEntry[]): LedgerEntry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = canonicalValues(entry.values);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A stable text of a release's values (sorted by id), for hashing and comparing releases. */
export function canonicalValues(values: ReadonlyMap<string, LedgerValue>): string {
  return JSON.stringify([...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, v]) => [id, v.value, v.lower, v.upper]));
}

const BLOCK_MESSAGES: Readonly<Record<ReleaseBlock['code'], (settings: StaffPreviewSettings) => string>> = {
  SURVEY_DRAFT: () => 'The survey has not been opened yet: there is nothing to publish.',
  BELOW_RELEASE_FLOOR: (s) =>
    `Nothing can be published below ${s.minResponses} responses; this survey has fewer. (The exact count is not shown.)`,
  HELD_BY_TIME_RULE: (s) =>
    `Held by the time rule: some numbers moved by less than ${s.k} since a release already shown to staff (published or previewed), so subtracting the two would describe the few people who answered in between. Wait for more responses; nothing is shown until then.`,
  AUDIT_FAILED: () =>
    'The disclosure audit finds numbers an attacker could work out even after complementary suppression; nothing can be published.',
  NOTHING_TO_PUBLISH: () => 'Every table would be suppressed; there is nothing to publish yet.',
};

export interface StaffPreviewSettings {
  readonly k: number;
  readonly minResponses: number;
}

/**
 * What staff may see of a computed release. A publishable one is shown whole; one held
 * back (floor, time rule, audit, nothing left) shows only the reasons, in words that carry
 * no number computed from the answers: no snapshot, no held values, no suppression list,
 * no audit figures, no warning that depends on the answers.
 */
export function previewForStaff(
  preview: PublicationPreview,
  settings: StaffPreviewSettings,
  fixedWarnings: readonly string[],
): StaffPreview {
  if (preview.canPublish && preview.snapshot) return { ...preview, held: [] };
  const all = [...new Set(preview.blocks.map((block) => block.code))];
  // Held by the time rule, the other reasons (audit failed, nothing left) are computed from the
  // answers of the few who arrived since a release staff saw: showing them would describe those few.
  const codes: readonly ReleaseBlock['code'][] = all.includes('HELD_BY_TIME_RULE') ? ['HELD_BY_TIME_RULE'] : all;
  return {
    snapshot: null,
    canPublish: false,
    blocks: codes.map((code) => ({ code, message: BLOCK_MESSAGES[code](settings) })),
    held: [],
    suppressions: [],
    audit: null,
    warnings: preview.warnings.filter((warning) => fixedWarnings.includes(warning)),
    comparedWith: preview.comparedWith,
  };
}
