import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { SEALED_BOX } from '@candor/shared';

/**
 * The sealed box of outreach submissions (format in shared `contracts/outreach-devices.ts`):
 * X25519 with a fresh ephemeral key per box, HKDF-SHA256, AES-256-GCM, the survey id as
 * additional data. The browser seals with @noble/curves and WebCrypto; Node opens it here.
 */
export interface RawKeyPair {
  readonly publicKey: Buffer;
  readonly privateKey: Buffer;
}

const HEADER = 1 + SEALED_BOX.publicKeyBytes + SEALED_BOX.nonceBytes;
const TAG_BYTES = 16;

export function generateRawKeyPair(): RawKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return { publicKey: rawPublic(publicKey), privateKey: Buffer.from(jwk.d as string, 'base64url') };
}

/** Opens a box sealed to this survey's key; null for anything that is not one (wrong key, survey, version or tampered bytes). */
export function openSealedBox(sealed: string, keys: RawKeyPair, surveyId: string): Buffer | null {
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length < HEADER + TAG_BYTES || bytes[0] !== SEALED_BOX.version || bytes.toString('base64url') !== sealed) return null;
  const ephemeral = bytes.subarray(1, 1 + SEALED_BOX.publicKeyBytes);
  const nonce = bytes.subarray(1 + SEALED_BOX.publicKeyBytes, HEADER);
  const body = bytes.subarray(HEADER, bytes.length - TAG_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  try {
    const key = boxKey(sharedSecret(keys.privateKey, keys.publicKey, ephemeral), ephemeral, keys.publicKey);
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(surveyId, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    return null;
  }
}

/** Seals as the device does (for tests and tools; the browser has its own implementation). */
export function sealBox(plaintext: Buffer, recipientPublicKey: Buffer, surveyId: string): string {
  const ephemeral = generateRawKeyPair();
  const nonce = randomBytes(SEALED_BOX.nonceBytes);
  const key = boxKey(sharedSecret(ephemeral.privateKey, ephemeral.publicKey, recipientPublicKey), ephemeral.publicKey, recipientPublicKey);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(surveyId, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([SEALED_BOX.version]), ephemeral.publicKey, nonce, body, cipher.getAuthTag()]).toString('base64url');
}

function boxKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), SEALED_BOX.info, 32));
}

function sharedSecret(privateKey: Buffer, publicKey: Buffer, peer: Buffer): Buffer {
  const own = createPrivateKey({
    key: { kty: 'OKP', crv: 'X25519', d: privateKey.toString('base64url'), x: publicKey.toString('base64url') },
    format: 'jwk',
  });
  const other = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: peer.toString('base64url') }, format: 'jwk' });
  return diffieHellman({ privateKey: own, publicKey: other });
}

function rawPublic(key: KeyObject): Buffer {
  return Buffer.from(key.export({ format: 'jwk' }).x as string, 'base64url');
}

/** Wraps a survey's private key under a key derived from a server secret (AES-256-GCM). */
export function wrapPrivateKey(privateKey: Buffer, secret: string, surveyId: string): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey(secret, surveyId), nonce);
  const body = Buffer.concat([cipher.update(privateKey), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

/** Null when the secret is not the one the key was wrapped with. */
export function unwrapPrivateKey(wrapped: Buffer, secret: string, surveyId: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey(secret, surveyId), wrapped.subarray(0, 12));
    decipher.setAuthTag(wrapped.subarray(wrapped.length - 16));
    return Buffer.concat([decipher.update(wrapped.subarray(12, wrapped.length - 16)), decipher.final()]);
  } catch {
    return null;
  }
}

function wrappingKey(secret: string, surveyId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('candor outreach device key wrap', 'utf8'), surveyId, 32));
}
