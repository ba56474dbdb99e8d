import type { StaffRole } from '@candor/shared';

/** The signed-in staff member behind a request (set by the access guard). */
export interface StaffPrincipal {
  readonly userId: string;
  readonly email: string;
  readonly role: StaffRole;
  /** SHA-256 of the session token: identifies the session without holding the token. */
  readonly sessionId: Buffer;
  readonly csrfToken: string;
}

/**
 * Resolves a session cookie to a staff member. The staff module implements it; the
 * guard depends only on this abstraction (common/ has no feature knowledge).
 */
export abstract class SessionResolver {
  abstract resolve(token: string): Promise<StaffPrincipal | null>;
}

export const SESSION_COOKIE = 'candor_staff';

/** Reads one cookie by name from the Cookie header (staff routes only). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      const value = part.slice(index + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
