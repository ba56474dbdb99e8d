import type { StaffRole } from './staff';
import type { PublicSurvey } from './public-surveys';

/**
 * Outreach device mode (issue 18): a staff tablet collects answers offline, each submission
 * sealed to the survey's server key before it is stored on the device.
 *
 * The sealed box, identical in the browser (`web/src/features/outreach-device/seal.ts`) and
 * on the server (`api/src/outreach-devices/sealed-box.ts`):
 *
 *   base64url( version (1 byte) || ephemeral X25519 public key (32) || nonce (12) || AES-256-GCM ciphertext and tag )
 *
 * with the AES key = HKDF-SHA256(X25519(ephemeral secret, survey public key),
 * salt = ephemeral public key || survey public key, info = SEALED_BOX.info), and the survey's
 * id as additional data, so a box opens only for the survey it was sealed to. The plaintext
 * is the JSON of {@link SealedSubmission}.
 */
export const SEALED_BOX = {
  version: 1,
  info: 'candor outreach submission v1',
  publicKeyBytes: 32,
  nonceBytes: 12,
  /** A sealed submission is at most this long (base64url characters; the public body limit is 64 KB). */
  maxChars: 60_000,
} as const;

/** What a sealed box holds: exactly what a respondent's own phone would send (no proof of work). */
export interface SealedSubmission {
  readonly versionId: string;
  readonly answers: Record<string, unknown>;
  readonly idempotencyKey: string;
  readonly outreachCode?: string;
}

/** Staff-side view of a prepared device: bookkeeping only, nothing about what it collected. */
export interface OutreachDevice {
  readonly id: string;
  readonly label: string;
  readonly createdAt: string;
  /** When its token stops being accepted (ISO 8601). */
  readonly expiresAt: string;
  readonly revoked: boolean;
}

export interface PrepareOutreachDeviceRequest {
  /** A name for staff, e.g. "Blue tablet" — never a respondent's name. */
  readonly label: string;
}

/** Everything the device stores to collect offline; the token is shown only in this answer. */
export interface PreparedOutreachDevice {
  readonly device: OutreachDevice;
  /** Sent as `Authorization: Bearer …` with each upload; the server keeps only its hash. */
  readonly token: string;
  readonly surveyId: string;
  readonly survey: PublicSurvey;
  /** The survey's X25519 public key, base64url (32 bytes). */
  readonly publicKey: string;
  /** Most responses this device may send (its token expires at `device.expiresAt`). */
  readonly quota: number;
}

/** Which staff roles may prepare a device (admins always may). */
export interface OutreachDevicePolicy {
  readonly allowedRoles: readonly Exclude<StaffRole, 'admin'>[];
}

/** The body of `POST /api/public/surveys/:slug/outreach-uploads`. */
export interface OutreachUploadRequest {
  readonly sealed: string;
}
