import { fieldingMonitor, MONITOR_GRACE_SECONDS } from './fielding-monitor';

const base = { granularity: 'day' as const, k: 5, minResponses: 20, openedAt: new Date('2026-05-01T10:00:00Z') };

describe('the fielding monitor', () => {
  it('shows the responses received by the end of each ended period, rounded down to k, never the running one', () => {
    const view = fieldingMonitor({
      ...base,
      counts: new Map([
        ['2026-05-01', 7],
        ['2026-05-02', 3],
        ['2026-05-03', 12],
      ]),
      now: new Date('2026-05-03T12:00:00Z'),
    });
    expect(view.periods).toEqual([
      { start: '2026-05-01', running: false, atLeast: 5 },
      { start: '2026-05-02', running: false, atLeast: 10 },
      { start: '2026-05-03', running: true, atLeast: null },
    ]);
    expect(view.total).toEqual({ atLeast: 20, step: 5, floorReached: true });
  });

  it('changes with one more arrival only when the rounded total does', () => {
    const at = (today: number) =>
      fieldingMonitor({
        ...base,
        counts: new Map([
          ['2026-05-01', 9],
          ['2026-05-02', today],
        ]),
        now: new Date('2026-05-02T12:00:00Z'),
      });
    for (let n = 0; n < 20; n += 1) {
      const moved = Math.floor((9 + n + 1) / 5) !== Math.floor((9 + n) / 5);
      if (moved) expect(at(n + 1)).not.toEqual(at(n));
      else expect(at(n + 1)).toEqual(at(n));
    }
  });

  it('keeps a period running for a grace margin after it ends, so a submission stamped inside it that commits later cannot move it', () => {
    // A request stamped 2026-05-01 at 23:59:59 may commit minutes later (slow body, the intake batch):
    // had the day been shown at 00:00:01 without it and at 00:05 with it, the difference times that one respondent.
    const look = (now: string, may1: number) =>
      fieldingMonitor({ ...base, counts: new Map([['2026-05-01', may1]]), now: new Date(now) }).periods[0];
    expect(look('2026-05-02T00:00:01Z', 4)).toEqual({ start: '2026-05-01', running: true, atLeast: null });
    expect(look('2026-05-02T00:10:00Z', 5)).toEqual({ start: '2026-05-01', running: true, atLeast: null });
    expect(MONITOR_GRACE_SECONDS).toBeGreaterThan(600); // the longest request timeout a setting allows
    expect(look(new Date(Date.parse('2026-05-02T00:00:00Z') + MONITOR_GRACE_SECONDS * 1000).toISOString(), 5)).toEqual({
      start: '2026-05-01',
      running: false,
      atLeast: 5,
    });
  });

  it('counts weeks and months from their first day, and lists nothing before fielding opened', () => {
    const weeks = fieldingMonitor({
      ...base,
      granularity: 'week',
      counts: new Map([['2026-04-27', 11]]),
      now: new Date('2026-05-12T00:00:00Z'),
    });
    expect(weeks.periods.map((p) => p.start)).toEqual(['2026-04-27', '2026-05-04', '2026-05-11']);
    const months = fieldingMonitor({ ...base, granularity: 'month', counts: new Map(), now: new Date('2026-07-02T00:00:00Z') });
    expect(months.periods.map((p) => p.start)).toEqual(['2026-05-01', '2026-06-01', '2026-07-01']);
    expect(fieldingMonitor({ ...base, openedAt: null, counts: new Map(), now: new Date() }).periods).toEqual([]);
  });

  it('never pins an ended period to 1 … k − 1 together with the total (review of 2026-12-01)', () => {
    const k = 5;
    const days = ['2026-05-01', '2026-05-02', '2026-05-03'];
    const view = (counts: readonly number[]) =>
      JSON.stringify(
        fieldingMonitor({
          ...base,
          k,
          minResponses: 100,
          counts: new Map(counts.map((n, i) => [days[i] as string, n])),
          now: new Date('2026-05-04T12:00:00Z'),
        }),
      );
    // Every world a reader must consider (a day may hold many more than the real ones do), grouped by what it shows.
    const wide = Array.from({ length: 31 }, (_, n) => n);
    const byView = new Map<string, number[][]>();
    for (const a of wide)
      for (const b of wide)
        for (const c of wide) {
          const shown = view([a, b, c]);
          byView.set(shown, [...(byView.get(shown) ?? []), [a, b, c]]);
        }
    // The attack that pinned both days with per-period rounding: 3 and 4, total 7 (shown as 5).
    const small = Array.from({ length: 13 }, (_, n) => n);
    const real = new Set<string>();
    for (const a of small) for (const b of small) for (const c of small) real.add(view([a, b, c]));
    for (const shown of real) {
      const worlds = byView.get(shown) ?? [];
      for (let day = 0; day < days.length; day += 1) {
        const possible = new Set(worlds.map((counts) => counts[day] as number));
        const pinned = [...possible].every((n) => n >= 1 && n < k);
        if (pinned) throw new Error(`day ${day + 1} pinned to ${[...possible].join(', ')} by ${shown}`);
      }
    }
  });
});
