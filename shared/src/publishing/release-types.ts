import type { PublicationPreview } from '../contracts/publications';
import type { CustomTableJoint, KeyedCount } from '../disclosure/cell-key-table';
import type { ShownCustomView } from '../disclosure/custom-views';
import type { AuditStats, AuditTarget, IntervalSolver } from '../disclosure/interval-audit';
import type { Perturbation } from '../disclosure/perturbation';
import type { LocalizableString } from '../surveys/definition/survey-definition';
import type { Catalogue } from './catalogue';
import type { JointCounts } from './joint-space';

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
  /** Every view in the ledger: its joint, the perturbed value of each joint cell by `customCellId`, and its total. */
  readonly views: readonly ShownCustomView[];
}

export interface ReleaseResult {
  readonly preview: PublicationPreview;
  /** What this release adds to the ledger if it is published. */
  readonly ledgerValues: ReadonlyMap<string, LedgerValue>;
}

/** An audit target with the table row it belongs to (one repair per row and round). */
export type AuditTargetInTable = AuditTarget & { readonly table: string; readonly row: string };
