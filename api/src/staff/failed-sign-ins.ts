/**
 * Failed sign-ins that name no usable account (unknown, disabled or locked) come from
 * anyone on the internet: writing a row for each would let them grow the append-only
 * audit log without bound. They are counted in memory and written as one audit row per
 * interval at most, with the count and nothing the caller typed.
 */
export class RateLimitedFailureLog {
  private pending = 0;
  private lastWritten = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly write: (count: number) => Promise<void>,
    private readonly intervalMs = 60_000,
  ) {}

  /** Counts one failure; writes the count so far when the last row is older than the interval. */
  async note(now: Date): Promise<void> {
    this.pending += 1;
    if (now.getTime() - this.lastWritten < this.intervalMs) return;
    await this.flush(now);
  }

  /** Writes what is pending (at shutdown too). */
  async flush(now: Date): Promise<void> {
    if (this.pending === 0) return;
    const count = this.pending;
    this.pending = 0;
    this.lastWritten = now.getTime();
    await this.write(count);
  }
}
