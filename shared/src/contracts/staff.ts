/** Staff roles: respondents never have accounts. */
export const STAFF_ROLES = ['admin', 'researcher', 'organizer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffUser {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly locale: 'en' | 'es';
  readonly disabled: boolean;
  readonly createdAt: string;
  readonly lastLoginAt: string | null;
}

export interface LoginRequest {
  readonly email: string;
  readonly password: string;
}

/** The signed-in staff member and the CSRF token every write must echo in `X-CSRF-Token`. */
export interface StaffSession {
  readonly user: StaffUser;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export interface CreateStaffUserRequest {
  readonly email: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly password: string;
  readonly locale?: 'en' | 'es';
}

export interface UpdateStaffUserRequest {
  readonly role?: StaffRole;
  readonly disabled?: boolean;
  readonly displayName?: string;
  readonly locale?: 'en' | 'es';
}

/** One staff action in the audit log. Respondents never appear here. */
export interface AuditEvent {
  readonly id: string;
  readonly actor: { readonly id: string; readonly email: string } | null;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly occurredAt: string;
}

/** The header a browser must send with every cookie-authenticated write. */
export const CSRF_HEADER = 'x-csrf-token';

/** Password rules for staff accounts. */
export const PASSWORD_RULES = { minLength: 12, maxLength: 256 } as const;
