import type { Perturbation } from '../disclosure/perturbation';
import type { LocalizableString } from '../surveys/survey-definition';

/**
 * What the public sees: an immutable snapshot of aggregates that passed disclosure
 * control. A suppressed number is `null`, whatever its true value (DESIGN.md D3).
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

export interface PairStatistics {
  /** Binary items: p_before − p_after, in percentage points, with Newcombe and Tango 95% intervals. */
  readonly difference?: { readonly estimate: number; readonly newcombe: readonly [number, number]; readonly tango: readonly [number, number] };
  readonly mcnemar?: { readonly pMid: number; readonly pExact: number; readonly chiSquare: number; readonly pAsymptotic: number };
  readonly stuartMaxwell?: { readonly chiSquare: number; readonly df: number; readonly p: number };
  readonly wilcoxon?: { readonly statistic: number; readonly p: number; readonly method: 'exact' | 'normal' };
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
  /** Null when a count behind a test is below k (D7). */
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

/** What an organizer sees before publishing: exactly what would go out, and what is hidden and why. */
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

export interface PublicationSummary {
  readonly id: string;
  readonly number: number;
  readonly publishedAt: string;
  readonly publishedBy: string | null;
  readonly withdrawnAt: string | null;
  readonly responses: PublishedCount;
}
