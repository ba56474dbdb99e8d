import type { TimeGranularity } from '../contracts/public-surveys';
import type { CoarseCount } from '../contracts/surveys-admin';
import { coarsePeriod } from '../surveys/respondent/coarse-period';
import { coarseCount } from './staff-release';

/**
 * The fielding monitor staff see while a survey collects answers (P4): responses per period
 * (the survey's own time granularity) and progress toward the release floor, no finer than
 * the coarse total already shown everywhere.
 *
 * - the total is `coarseCount` (rounded down to a multiple of k, "at least the floor" once
 *   reached), exactly as on the survey list;
 * - a period is shown only once it has ended by the clock (and a grace margin has passed,
 *   `MONITOR_GRACE_SECONDS`), as the number of responses received
 *   by its end (cumulative), rounded down to a multiple of k. Rounding each period on its own
 *   would not do: with k = 5, two ended days shown as "fewer than 5" each and a total of "at
 *   least 5" pin both days to 1 … 4 (a review of 2026-12-01). Cumulative values and the total
 *   are roundings of one running sum, so a period's count is never pinned into 1 … k − 1;
 *   the period still running is never counted on its own (its count would move at other
 *   moments than the total's rounding does, and the two together would time a respondent);
 * - closing or reopening the survey does not end a period early (staff could otherwise
 *   choose the moment a partial period is counted).
 *
 * So the monitor's answer changes only when the total's rounding moves (as everywhere) or
 * when a period ends (a time fixed in advance): polling it cannot tell that one respondent
 * arrived. A closed period's count never changes afterwards (answers carry the period they
 * arrived in), so there is nothing to subtract between two looks.
 */
export interface MonitorPeriod {
  /** First day of the period, `YYYY-MM-DD` (UTC). */
  readonly start: string;
  /** Responses received by the end of this period (cumulative), rounded down to a multiple of `step`; null while it is still running. */
  readonly atLeast: number | null;
  readonly running: boolean;
}

export interface FieldingMonitor {
  readonly granularity: TimeGranularity;
  readonly step: number;
  readonly minResponses: number;
  readonly total: CoarseCount;
  readonly periods: readonly MonitorPeriod[];
}

/** The first day of the period after the one starting on `start`. */
export function nextPeriodStart(start: string, granularity: TimeGranularity): string {
  const day = new Date(`${start}T00:00:00Z`);
  if (granularity === 'day') day.setUTCDate(day.getUTCDate() + 1);
  else if (granularity === 'week') day.setUTCDate(day.getUTCDate() + 7);
  else day.setUTCMonth(day.getUTCMonth() + 1);
  return day.toISOString().slice(0, 10);
}

/**
 * A period is shown only this long after it ends. A submission is stamped with its period
 * when it arrives but commits later (a slow body may take up to the longest request timeout a
 * setting allows, 600 s; then the intake batch; instances' clocks differ a little): were the
 * period shown before that, its value could move once after it was first shown and time the
 * respondent who arrived last.
 */
export const MONITOR_GRACE_SECONDS = 15 * 60;

/** At most this many periods are listed (the latest ones): a year of days. */
export const MONITOR_MAX_PERIODS = 366;

export interface MonitorInput {
  /** Exact counts per period start, from the database; never sent as they are. */
  readonly counts: ReadonlyMap<string, number>;
  readonly granularity: TimeGranularity;
  readonly k: number;
  readonly minResponses: number;
  /** When fielding first started (null: never opened, no periods). */
  readonly openedAt: Date | null;
  readonly now: Date;
}

export function fieldingMonitor(input: MonitorInput): FieldingMonitor {
  const { counts, granularity, k, minResponses, openedAt, now } = input;
  const step = Math.max(1, Math.floor(k));
  let exactTotal = 0;
  for (const n of counts.values()) exactTotal += n;
  const periods: MonitorPeriod[] = [];
  if (openedAt !== null) {
    const current = coarsePeriod(now, granularity);
    // Within the grace margin after a period ends it is still shown as running.
    const running = coarsePeriod(new Date(now.getTime() - MONITOR_GRACE_SECONDS * 1000), granularity);
    // Periods with answers older than the opening (a reopened survey keeps them) count too.
    const earliest = [...counts.keys(), coarsePeriod(openedAt, granularity)].sort()[0] as string;
    let cumulative = 0;
    for (let start = earliest; start <= current; start = nextPeriodStart(start, granularity)) {
      const isRunning = start >= running;
      cumulative += isRunning ? 0 : (counts.get(start) ?? 0);
      periods.push({ start, running: isRunning, atLeast: isRunning ? null : Math.floor(cumulative / step) * step });
    }
  }
  return { granularity, step, minResponses, total: coarseCount(exactTotal, k, minResponses), periods: periods.slice(-MONITOR_MAX_PERIODS) };
}
