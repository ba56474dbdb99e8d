import type { LocalizableString } from '../surveys/definition/survey-definition';
import type { SnapshotCategory } from './publications';

/** A custom table asked for by staff: one to three single-choice (or banded) questions, optionally filtered. */
export interface CustomTableRequest {
  readonly questions: readonly string[];
  /** Only the responses whose answer to `question` is one of `values` (category values, "∅" for not answered). */
  readonly filter?: { readonly question: string; readonly values: readonly string[] } | null;
}

export interface CustomTableDimension {
  readonly question: string;
  readonly title: LocalizableString;
  readonly categories: readonly SnapshotCategory[];
}

/** Why a number is not shown: its perturbed value is 1 … k − 1, or a total would include such a cell. */
export type CustomTableSuppression = 'SMALL_CELL' | 'INCLUDES_SUPPRESSED';

/**
 * One number of the table. `categories` has one entry per dimension; `null` means "all"
 * (a total). Cells have no `null`; totals are sums of the perturbed cells, never true counts.
 */
export interface CustomTableNumber {
  readonly categories: readonly (string | null)[];
  readonly value: number | null;
  readonly suppressed: CustomTableSuppression | null;
}

export type CustomTableHold = 'BELOW_RELEASE_FLOOR' | 'HELD_BY_TIME_RULE' | 'BASE_TOO_SMALL' | 'AUDIT_FAILED';

export interface CustomTableResult {
  readonly dimensions: readonly CustomTableDimension[];
  readonly filter: { readonly question: string; readonly title: LocalizableString; readonly values: readonly SnapshotCategory[] } | null;
  /** 'shown': numbers below; 'held': no number at all, only the reason. */
  readonly status: 'shown' | 'held';
  readonly hold: { readonly code: CustomTableHold; readonly message: string } | null;
  readonly cells: readonly CustomTableNumber[];
  readonly totals: readonly CustomTableNumber[];
  /** The published perturbation: a shown value v stands for a true count in v − noise … v + noise. */
  readonly noise: number;
  readonly k: number;
}

/** A single-choice (or banded) question a custom table may use. */
export interface CustomTableQuestion {
  readonly question: string;
  readonly title: LocalizableString;
  readonly categories: readonly SnapshotCategory[];
}
