import { WindowThrottlerStorage } from './window-throttler-storage';

describe('WindowThrottlerStorage', () => {
  let now = 1_000_000;
  const storage = new WindowThrottlerStorage(() => now);

  it('counts hits in a window, blocks past the limit until the window ends, then starts afresh', async () => {
    for (let i = 1; i <= 3; i++)
      expect(await storage.increment('k', 60_000, 3, 0, 'submission')).toMatchObject({ totalHits: i, isBlocked: false });
    expect(await storage.increment('k', 60_000, 3, 0, 'submission')).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    now += 30_000;
    expect(await storage.increment('k', 60_000, 3, 0, 'submission')).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    now += 30_001;
    expect(await storage.increment('k', 60_000, 3, 0, 'submission')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('keeps keys and named limits apart, and forgets expired windows', async () => {
    expect(await storage.increment('a', 60_000, 1, 0, 'login')).toMatchObject({ isBlocked: false });
    expect(await storage.increment('a', 60_000, 1, 0, 'submission')).toMatchObject({ isBlocked: false });
    expect(await storage.increment('b', 60_000, 1, 0, 'login')).toMatchObject({ isBlocked: false });
    expect(await storage.increment('a', 60_000, 1, 0, 'login')).toMatchObject({ isBlocked: true });
    now += 10 * 60_000;
    await storage.increment('c', 60_000, 1, 0, 'login');
    expect(storage.size).toBe(1);
  });

  it('costs the same per hit however many hits a window holds', async () => {
    const fresh = new WindowThrottlerStorage(() => now);
    for (let i = 0; i < 200_000; i++) await fresh.increment('busy', 60_000, 1_000_000, 0, 'submission');
    expect(fresh.size).toBe(1);
    expect((await fresh.increment('busy', 60_000, 1_000_000, 0, 'submission')).totalHits).toBe(200_001);
  });
});
