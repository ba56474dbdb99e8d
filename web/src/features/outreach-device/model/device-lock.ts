import { deviceStore } from './device-store';
import { fromBase64Url, toBase64Url } from './seal';

/**
 * The staff screen's lock on a prepared outreach device. The staff member who prepares the
 * device sets a PIN or passphrase; the device keeps only a slow salted verifier of it
 * (PBKDF2-SHA-256, {@link LOCK.iterations} iterations, WebCrypto) and a count of wrong
 * attempts, in its own IndexedDB. Leaving a respondent, a quick exit and a reload all land on
 * the locked screen; the staff screen (counts, refused items, send, forget, prepare again)
 * opens only with the PIN. Each attempt is counted *before* it is checked (closing the tab
 * during the check does not save an attempt); from the third wrong one each waits longer, and
 * after {@link LOCK.maxFailures} the device refuses local unlock until a staff member signs in
 * online and prepares it again, which sets a new PIN.
 *
 * What this is not: a wall against someone with the browser's developer tools, who can read
 * or delete IndexedDB directly (the queue stays sealed either way) — see the README.
 */
export const LOCK = {
  minLength: 6,
  iterations: 600_000,
  maxFailures: 10,
  saltBytes: 16,
} as const;

export interface DeviceLock {
  readonly surveyId: string;
  readonly salt: string;
  readonly iterations: number;
  /** PBKDF2-SHA-256(PIN, salt, iterations), 32 bytes, base64url. */
  readonly verifier: string;
  /** Wrong attempts since the last right one (an attempt in progress counts as wrong). */
  readonly failures: number;
  /** No attempt is checked before this time (epoch ms). */
  readonly notBefore: number;
}

export type UnlockResult =
  | { readonly kind: 'unlocked' }
  | { readonly kind: 'wrong'; readonly failures: number; readonly left: number; readonly notBefore: number }
  | { readonly kind: 'wait'; readonly notBefore: number }
  | { readonly kind: 'locked-out' }
  | { readonly kind: 'no-pin' };

/** True when a PIN is long enough to be set (Unicode code points, as typed). */
export function pinLongEnough(pin: string): boolean {
  return [...pin.normalize('NFC')].length >= LOCK.minLength;
}

/** The wait imposed after `failures` wrong attempts: none for the first two, then 30 s doubling (30 s … 32 min). */
export function delayAfter(failures: number): number {
  if (failures < 3) return 0;
  return 30_000 * 2 ** (failures - 3);
}

/** A new lock for a PIN: a fresh salt, the slow verifier, no wrong attempts. */
export async function createLock(surveyId: string, pin: string, iterations: number = LOCK.iterations): Promise<DeviceLock> {
  const salt = crypto.getRandomValues(new Uint8Array(LOCK.saltBytes));
  const verifier = await derive(pin, salt, iterations);
  return { surveyId, salt: toBase64Url(salt), iterations, verifier: toBase64Url(verifier), failures: 0, notBefore: 0 };
}

/** Whether `pin` is the one the lock was made with (the slow derivation, compared in full). */
export async function pinMatches(lock: DeviceLock, pin: string): Promise<boolean> {
  const derived = await derive(pin, fromBase64Url(lock.salt), lock.iterations);
  const expected = fromBase64Url(lock.verifier);
  if (derived.length !== expected.length) return false;
  let difference = 0;
  for (let i = 0; i < derived.length; i += 1) difference |= (derived[i] as number) ^ (expected[i] as number);
  return difference === 0;
}

/**
 * What an attempt may do, given the stored lock: nothing (locked out, or too early), or go
 * ahead — in which case the record to write first counts it as wrong and sets the next wait.
 */
export function planAttempt(
  lock: DeviceLock | undefined,
  now: number,
): { readonly write: DeviceLock | null; readonly answer: UnlockResult | { readonly kind: 'check'; readonly lock: DeviceLock } } {
  if (!lock) return { write: null, answer: { kind: 'no-pin' } };
  if (lock.failures >= LOCK.maxFailures) return { write: null, answer: { kind: 'locked-out' } };
  if (now < lock.notBefore) return { write: null, answer: { kind: 'wait', notBefore: lock.notBefore } };
  const failures = lock.failures + 1;
  const counted: DeviceLock = { ...lock, failures, notBefore: now + delayAfter(failures) };
  return { write: counted, answer: { kind: 'check', lock: counted } };
}

/** One unlock attempt against the lock stored for this survey's device. */
export async function attemptUnlock(surveyId: string, pin: string): Promise<UnlockResult> {
  const planned = await deviceStore.changeLock(surveyId, (current) => planAttempt(current, Date.now()));
  if (planned.kind !== 'check') return planned;
  const counted = planned.lock;
  if (await pinMatches(counted, pin)) {
    // Right: the count goes back to zero (only if nobody changed the lock meanwhile).
    await deviceStore.changeLock(surveyId, (current) => ({
      write: current && current.verifier === counted.verifier ? { ...current, failures: 0, notBefore: 0 } : null,
      answer: null,
    }));
    return { kind: 'unlocked' };
  }
  if (counted.failures >= LOCK.maxFailures) return { kind: 'locked-out' };
  return { kind: 'wrong', failures: counted.failures, left: LOCK.maxFailures - counted.failures, notBefore: counted.notBefore };
}

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations }, material, 256);
  return new Uint8Array(bits);
}
