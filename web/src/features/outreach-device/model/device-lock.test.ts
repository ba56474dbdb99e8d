import { describe, expect, it } from 'vitest';
import { createLock, delayAfter, LOCK, pinLongEnough, pinMatches, planAttempt, type DeviceLock } from './device-lock';

// A low iteration count keeps the unit test quick; the device uses LOCK.iterations.
const FAST = 1_000;

describe('the outreach device lock', () => {
  it('keeps a salted verifier, never the PIN, and knows the right PIN from a wrong one', async () => {
    const lock = await createLock('s1', 'tablet-pin-4821', FAST);
    expect(JSON.stringify(lock)).not.toContain('tablet-pin-4821');
    expect(lock).toMatchObject({ surveyId: 's1', iterations: FAST, failures: 0, notBefore: 0 });
    expect(await pinMatches(lock, 'tablet-pin-4821')).toBe(true);
    expect(await pinMatches(lock, 'tablet-pin-4822')).toBe(false);
    // A fresh salt each time: the same PIN gives another verifier.
    expect((await createLock('s1', 'tablet-pin-4821', FAST)).verifier).not.toBe(lock.verifier);
  });

  it('asks for at least six characters or digits, counted as typed', () => {
    expect(pinLongEnough('12345')).toBe(false);
    expect(pinLongEnough('123456')).toBe(true);
    expect(pinLongEnough('ñandú!')).toBe(true);
    expect(LOCK.iterations).toBeGreaterThanOrEqual(600_000);
  });

  it('counts an attempt before checking it, waits longer after each wrong one, and stops at ten', () => {
    const base: DeviceLock = { surveyId: 's1', salt: 'x', iterations: FAST, verifier: 'y', failures: 0, notBefore: 0 };
    expect(planAttempt(undefined, 0).answer).toEqual({ kind: 'no-pin' });
    const first = planAttempt(base, 1_000);
    expect(first.write).toMatchObject({ failures: 1, notBefore: 1_000 });
    expect(first.answer.kind).toBe('check');
    const delays = Array.from({ length: 9 }, (_, i) => delayAfter(i + 1));
    expect(delays.slice(0, 2)).toEqual([0, 0]);
    for (let i = 3; i < delays.length; i += 1) expect(delays[i]).toBeGreaterThan(delays[i - 1] as number);
    // Too early: nothing is checked and nothing is written.
    const waiting = { ...base, failures: 4, notBefore: 50_000 };
    expect(planAttempt(waiting, 49_999)).toEqual({ write: null, answer: { kind: 'wait', notBefore: 50_000 } });
    expect(planAttempt(waiting, 50_000).write).toMatchObject({ failures: 5, notBefore: 50_000 + delayAfter(5) });
    expect(planAttempt({ ...base, failures: LOCK.maxFailures }, Number.MAX_SAFE_INTEGER)).toEqual({
      write: null,
      answer: { kind: 'locked-out' },
    });
  });
});
