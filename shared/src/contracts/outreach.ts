/** Staff-side view of a batch of printed outreach codes. */
export interface OutreachBatch {
  readonly id: string;
  readonly label: string;
  readonly size: number;
  /**
   * Codes recorded as used, rounded down to a multiple of the survey's k (each spend is a
   * response: staff see coarse counts, P4); spends are written in batches, so recent ones may not show yet.
   */
  readonly used: number;
  readonly createdAt: string;
}

export interface CreateOutreachBatchRequest {
  /** How many cards to print: 1 … OUTREACH_CODE.maxBatch. */
  readonly size: number;
  /** A name for staff, e.g. "Street outreach, December" — never a respondent's name. */
  readonly label: string;
}

/** The codes are shown once, to print; the server keeps only keyed hashes. */
export interface CreatedOutreachBatch {
  readonly batch: OutreachBatch;
  readonly codes: readonly string[];
}
