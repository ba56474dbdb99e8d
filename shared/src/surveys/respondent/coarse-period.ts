import type { TimeGranularity } from '../../contracts/public-surveys';

/**
 * The only time a response carries (P2, docs/PRIVACY.md): the first day of its day, ISO week
 * (Monday) or month, in UTC, as `YYYY-MM-DD`. Nothing finer is ever stored.
 */
export function coarsePeriod(now: Date, granularity: TimeGranularity): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (granularity === 'week') {
    const sinceMonday = (day.getUTCDay() + 6) % 7;
    day.setUTCDate(day.getUTCDate() - sinceMonday);
  } else if (granularity === 'month') {
    day.setUTCDate(1);
  }
  return day.toISOString().slice(0, 10);
}
