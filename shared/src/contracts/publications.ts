import type { Perturbation } from '../disclosure/perturbation';
import type { LocalizableString } from '../surveys/definition/survey-definition';

/**
 * What the public sees: an immutable snapshot of aggregates that passed disclosure
 * control. A suppressed number is `null`, whatever its true value (D3, docs/PRIVACY.md).
 */
export type PublishedCount = number | null;

export interface SnapshotCategory {
  readonly value: string;
  readonly label: LocalizableString;
}

export interface SnapshotCell {
  readonly category: string;
  readonly count: PublishedCount;
  /** Percent of the row's n, when the count, its complement and n are all publishable. */
  readonly percent: number | null;
  /** 95% Wilson interval of the proportion, in percent. */
  readonly ci: readonly [number, number] | null;
}

export interface SnapshotRow {
  /** The group's category values (cross-tabs only). */
  readonly group?: readonly string[];
  readonly n: PublishedCount;
  readonly cells: readonly SnapshotCell[];
  /** Set when the whole row is hidden: its group is smaller than the survey's minimum group size. */
  readonly withheld?: 'group-too-small';
}

export interface SnapshotGrouping {
  readonly question: string;
  readonly title: LocalizableString;
  readonly categories: readonly SnapshotCategory[];
}

export interface SnapshotTable {
  readonly id: string;
  readonly kind: 'single' | 'multi' | 'crosstab';
  readonly question: string;
  readonly title: LocalizableString;
  readonly ordinal: boolean;
  readonly categories: readonly SnapshotCategory[];
  /** Respondents who gave a substantive answer: the denominator of the percentages. */
  readonly n: PublishedCount;
  /** How many chose "Prefer not to say" (absent when the question does not offer it). */
  readonly refused?: PublishedCount;
  readonly groupBy?: readonly SnapshotGrouping[];
  readonly rows: readonly SnapshotRow[];
}

/** A p-value coarsened to a band: all a statistic may say when a count behind it is hidden (D7). */
export type PBand = '<0.001' | '<0.01' | '<0.05' | '>=0.05';

export interface PairStatistics {
  /** Binary items: p_before − p_after, in percentage points, with Newcombe and Tango 95% intervals. */
  readonly difference?: {
    readonly estimate: number;
    readonly newcombe: readonly [number, number];
    readonly tango: readonly [number, number];
  };
  readonly mcnemar?: { readonly pMid: number; readonly pExact: number; readonly chiSquare: number; readonly pAsymptotic: number };
  readonly stuartMaxwell?: { readonly chiSquare: number; readonly df: number; readonly p: number };
  readonly wilcoxon?: { readonly statistic: number; readonly p: number; readonly method: 'exact' | 'normal' };
  /**
   * Set instead of the exact tests when a count they are computed from is not published:
   * only the band of each p-value (no statistic, no interval), so the test cannot be
   * inverted to recover hidden counts (D7).
   */
  readonly bands?: { readonly mcnemar?: PBand; readonly stuartMaxwell?: PBand; readonly wilcoxon?: PBand };
}

export interface SnapshotPair {
  readonly id: string;
  readonly stem: string;
  readonly kind: 'binary' | 'ordinal';
  readonly titleBefore: LocalizableString;
  readonly titleAfter: LocalizableString;
  readonly categories: readonly SnapshotCategory[];
  /** Respondents who answered both halves and worked in both periods. */
  readonly n: PublishedCount;
  readonly before: readonly SnapshotCell[];
  readonly after: readonly SnapshotCell[];
  /** Binary items: the paired table; b = yes → no, c = no → yes (always shown with the test). */
  readonly table?: { readonly a: PublishedCount; readonly b: PublishedCount; readonly c: PublishedCount; readonly d: PublishedCount };
  /** Ordinal items: how many moved up, stayed, moved down the scale. */
  readonly changes?: { readonly up: PublishedCount; readonly same: PublishedCount; readonly down: PublishedCount };
  /**
   * D7: the exact tests when every count they are computed from is published (a published
   * 0 included); only p-value bands when some are hidden; null when nothing can be said
   * (the pair's n is hidden, or perturbed counts leave no honest test).
   */
  readonly statistics: PairStatistics | null;
}

export interface PublicationSnapshot {
  readonly format: 1;
  readonly survey: { readonly slug: string; readonly title: LocalizableString; readonly locales: readonly string[] };
  readonly number: number;
  readonly publishedOn: string;
  /** The fielding window (dates the survey opened and closed, or the day of publication). */
  readonly window: { readonly from: string; readonly to: string };
  readonly k: number;
  readonly perturbation: Perturbation;
  readonly responses: PublishedCount;
  readonly tables: readonly SnapshotTable[];
  readonly pairs: readonly SnapshotPair[];
}

export type SuppressionReason = 'primary' | 'complementary' | 'group-too-small' | 'table-withheld';

/** Staff only: why a number is hidden (never its value). */
export interface SuppressionNote {
  readonly id: string;
  readonly table: string;
  readonly reason: SuppressionReason;
  /**
   * Complementary suppressions only: the number (or the group a reader could work out by
   * subtraction) this one was hidden to protect — an id of the same release.
   */
  readonly protects?: string;
}

export interface AuditSummary {
  readonly targets: number;
  readonly solved: number;
  readonly iterations: number;
  readonly passed: boolean;
  /** Targets still failing (only when the release is refused). */
  readonly failures: readonly { readonly id: string; readonly lower: number; readonly upper: number }[];
}

export interface ReleaseBlock {
  readonly code: 'BELOW_RELEASE_FLOOR' | 'AUDIT_FAILED' | 'HELD_BY_TIME_RULE' | 'SURVEY_DRAFT' | 'NOTHING_TO_PUBLISH';
  readonly message: string;
}

/** A computed release before it goes out: exactly what would be published, and what is hidden and why. */
export interface PublicationPreview {
  readonly snapshot: PublicationSnapshot | null;
  readonly canPublish: boolean;
  readonly blocks: readonly ReleaseBlock[];
  readonly held: readonly { readonly id: string; readonly previous: number; readonly current: number }[];
  readonly suppressions: readonly SuppressionNote[];
  readonly audit: AuditSummary;
  readonly warnings: readonly string[];
  readonly comparedWith: number | null;
}

/**
 * What staff receive for a preview (P4: a preview is a release to staff). A publishable
 * release is shown whole; one held back (floor, time rule, audit) shows only the reasons —
 * no snapshot, no held values, no suppressions, no audit figures.
 */
export interface StaffPreview extends Omit<PublicationPreview, 'held' | 'audit'> {
  /** Always empty: the values that moved would be the newest respondents' answers. */
  readonly held: readonly never[];
  /** Null when the release is held back: the audit's figures depend on the answers. */
  readonly audit: AuditSummary | null;
}

export interface PublicationSummary {
  readonly id: string;
  readonly number: number;
  readonly publishedAt: string;
  readonly publishedBy: string | null;
  readonly withdrawnAt: string | null;
  readonly responses: PublishedCount;
  /**
   * Set when this publication brings back an earlier release as the current one (an
   * organizer's explicit choice): that release's number. Its snapshot is the earlier one,
   * unchanged, and it adds nothing to the ledger.
   */
  readonly republishes: number | null;
}
