import { x25519 } from '@noble/curves/ed25519.js';
import { SEALED_BOX, type SealedSubmission } from '@candor/shared';

const utf8 = new TextEncoder();

/**
 * Seals one submission to the survey's server key before it touches the device's storage
 * (format in shared `contracts/outreach-devices.ts`): a fresh X25519 key per box, HKDF-SHA256,
 * AES-256-GCM with the survey id as additional data. The ephemeral secret is dropped at once,
 * so nobody holding the device — the staff member included — can open the box again.
 */
export async function sealSubmission(submission: SealedSubmission, surveyPublicKey: string, surveyId: string): Promise<string> {
  const recipient = fromBase64Url(surveyPublicKey);
  if (recipient.length !== SEALED_BOX.publicKeyBytes) throw new Error('the survey key is not an X25519 public key');
  const ephemeralSecret = x25519.utils.randomSecretKey();
  const ephemeral = x25519.getPublicKey(ephemeralSecret);
  const shared = x25519.getSharedSecret(ephemeralSecret, recipient);
  ephemeralSecret.fill(0);
  const ikm = await crypto.subtle.importKey('raw', bytes(shared), 'HKDF', false, ['deriveKey']);
  shared.fill(0);
  const key = await crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: bytes(concat(ephemeral, recipient)), info: bytes(utf8.encode(SEALED_BOX.info)) },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt'],
  );
  const nonce = crypto.getRandomValues(new Uint8Array(SEALED_BOX.nonceBytes));
  const body = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: nonce, additionalData: bytes(utf8.encode(surveyId)) },
      key,
      bytes(utf8.encode(JSON.stringify(submission))),
    ),
  );
  return toBase64Url(concat(Uint8Array.of(SEALED_BOX.version), ephemeral, nonce, body));
}

/** A random idempotency key (32 bytes, base64url: 43 characters). */
export function newSubmissionKey(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** WebCrypto wants an ArrayBuffer-backed view. */
function bytes(view: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(view);
}

export function toBase64Url(data: Uint8Array): string {
  let binary = '';
  for (const byte of data) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
