import { x25519 } from '@noble/curves/ed25519.js';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { bytesToUtf8, concatBytes, randomBytes, utf8ToBytes } from '@noble/ciphers/utils.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';

/**
 * Free text readable only by the research team (issue 17): a sealed box to the survey's
 * research key, made in the respondent's browser (or by the server on receipt, for the
 * no-JS form) and opened only in a researcher's browser with the key file.
 *
 * The construction is HPKE's base mode in miniature, on audited primitives (@noble):
 * a fresh X25519 key pair per text, the shared secret through HKDF-SHA256 (salted with both
 * public keys) into an XChaCha20-Poly1305 key, a random 24-byte nonce. The plaintext is padded
 * to a multiple of {@link PAD_BLOCK} bytes so the ciphertext tells its length only roughly.
 *
 * A sealed text is a string: `ct1.` + base64url(ephemeral public key ‖ nonce ‖ ciphertext ‖ tag).
 */
export const SEALED_PREFIX = 'ct1.';
const INFO = utf8ToBytes('candor sealed text v1');
const KEY_BYTES = 32;
const NONCE_BYTES = 24;
const TAG_BYTES = 16;
/** Plaintexts are padded to a multiple of this many bytes (ISO/IEC 7816-4 padding). */
export const PAD_BLOCK = 64;
const OVERHEAD = KEY_BYTES + NONCE_BYTES + TAG_BYTES;

export interface ResearchKeyPair {
  /** base64url of the 32-byte X25519 public key: stored with the survey. */
  readonly publicKey: string;
  /** base64url of the 32-byte secret key: only ever in the researcher's key file. */
  readonly secretKey: string;
}

/** A new research key pair, from the platform's cryptographic random source. */
export function generateResearchKeyPair(): ResearchKeyPair {
  const { secretKey, publicKey } = x25519.keygen();
  return { publicKey: toBase64Url(publicKey), secretKey: toBase64Url(secretKey) };
}

/** Whether `value` is a research public key as stored (base64url of 32 bytes). */
export function isResearchPublicKey(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(value)) return false;
  const bytes = fromBase64Url(value);
  if (bytes === null || bytes.length !== KEY_BYTES) return false;
  // A low-order point (0, 1, …) is refused by X25519 when sealing: every free text sent to the
  // survey would then fail. Refuse such a key here, where the researcher can be told.
  try {
    x25519.getSharedSecret(x25519.keygen().secretKey, bytes);
    return true;
  } catch {
    return false;
  }
}

/** Seals one text to the research public key; every call gives a different ciphertext. */
export function sealText(text: string, publicKey: string): string {
  const recipient = decodeKey(publicKey);
  const ephemeral = x25519.keygen();
  const key = deriveKey(x25519.getSharedSecret(ephemeral.secretKey, recipient), ephemeral.publicKey, recipient);
  const nonce = randomBytes(NONCE_BYTES);
  const sealed = xchacha20poly1305(key, nonce).encrypt(pad(utf8ToBytes(text)));
  return SEALED_PREFIX + toBase64Url(concatBytes(ephemeral.publicKey, nonce, sealed));
}

/** Opens a sealed text with the research secret key; throws when it is not sealed to this key or was altered. */
export function openSealedText(sealed: string, keys: ResearchKeyPair): string {
  if (!isSealedText(sealed)) throw new Error('not a sealed text');
  const bytes = fromBase64Url(sealed.slice(SEALED_PREFIX.length)) as Uint8Array;
  const ephemeral = bytes.subarray(0, KEY_BYTES);
  const nonce = bytes.subarray(KEY_BYTES, KEY_BYTES + NONCE_BYTES);
  const recipient = decodeKey(keys.publicKey);
  const key = deriveKey(x25519.getSharedSecret(decodeKey(keys.secretKey), ephemeral), ephemeral, recipient);
  return bytesToUtf8(unpad(xchacha20poly1305(key, nonce).decrypt(bytes.subarray(KEY_BYTES + NONCE_BYTES))));
}

/**
 * Whether `value` has the shape of a sealed text (prefix, base64url, room for the key, nonce,
 * tag and at least one padded block, whole blocks only). It cannot say whether it opens: only
 * the key can.
 */
export function isSealedText(value: unknown, maxTextLength?: number): value is string {
  if (typeof value !== 'string' || !value.startsWith(SEALED_PREFIX)) return false;
  const body = value.slice(SEALED_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) return false;
  if (maxTextLength !== undefined && body.length > sealedLengthFor(maxTextLength) - SEALED_PREFIX.length) return false;
  const bytes = fromBase64Url(body);
  if (bytes === null) return false;
  const padded = bytes.length - OVERHEAD;
  return padded >= PAD_BLOCK && padded % PAD_BLOCK === 0;
}

/**
 * The longest sealed string a text of `maxLength` characters can give: a UTF-16 code unit
 * is at most 3 bytes of UTF-8, plus the padding byte, rounded up to whole blocks.
 */
export function sealedLengthFor(maxLength: number): number {
  const padded = Math.ceil((maxLength * 3 + 1) / PAD_BLOCK) * PAD_BLOCK;
  return SEALED_PREFIX.length + Math.ceil(((OVERHEAD + padded) * 4) / 3);
}

/** What a researcher's key file holds: the key pair, or the secret key wrapped with a passphrase. */
export interface ResearchKeyFile {
  readonly format: 'candor-research-key/1';
  /** The survey it was made for (its title at the time), to tell key files apart. */
  readonly survey: string;
  readonly publicKey: string;
  readonly secretKey?: string;
  readonly wrapped?: {
    readonly kdf: 'scrypt';
    readonly N: number;
    readonly r: number;
    readonly p: number;
    readonly salt: string;
    readonly nonce: string;
    readonly ciphertext: string;
  };
}

/** scrypt cost for passphrase-wrapped key files: about a second on a laptop, 64 MiB of memory. */
const SCRYPT = { N: 2 ** 16, r: 8, p: 1 } as const;

/** The key file to give the researcher once; with a passphrase, the secret key is wrapped (scrypt + XChaCha20-Poly1305). */
export async function makeResearchKeyFile(keys: ResearchKeyPair, survey: string, passphrase?: string): Promise<ResearchKeyFile> {
  if (!passphrase) return { format: 'candor-research-key/1', survey, publicKey: keys.publicKey, secretKey: keys.secretKey };
  const salt = randomBytes(16);
  const nonce = randomBytes(NONCE_BYTES);
  const wrappingKey = await scryptAsync(utf8ToBytes(passphrase.normalize('NFKC')), salt, { ...SCRYPT, dkLen: 32 });
  const ciphertext = xchacha20poly1305(wrappingKey, nonce, utf8ToBytes(keys.publicKey)).encrypt(decodeKey(keys.secretKey));
  return {
    format: 'candor-research-key/1',
    survey,
    publicKey: keys.publicKey,
    wrapped: { kdf: 'scrypt', ...SCRYPT, salt: toBase64Url(salt), nonce: toBase64Url(nonce), ciphertext: toBase64Url(ciphertext) },
  };
}

export class ResearchKeyFileError extends Error {
  constructor(readonly reason: 'not_a_key_file' | 'passphrase_needed' | 'wrong_passphrase' | 'wrong_key') {
    super(`research key file: ${reason}`);
    this.name = 'ResearchKeyFileError';
  }
}

/** Reads a key file (its JSON text); checks that the secret key belongs to the public key in it. */
export async function readResearchKeyFile(text: string, passphrase?: string): Promise<ResearchKeyPair> {
  let file: ResearchKeyFile;
  try {
    file = JSON.parse(text) as ResearchKeyFile;
  } catch {
    throw new ResearchKeyFileError('not_a_key_file');
  }
  if (typeof file !== 'object' || file === null || file.format !== 'candor-research-key/1' || !isResearchPublicKey(file.publicKey)) {
    throw new ResearchKeyFileError('not_a_key_file');
  }
  let secret: Uint8Array;
  if (typeof file.secretKey === 'string') {
    secret = decodeKey(file.secretKey);
  } else if (file.wrapped && file.wrapped.kdf === 'scrypt') {
    if (!passphrase) throw new ResearchKeyFileError('passphrase_needed');
    const w = file.wrapped;
    const salt = fromBase64Url(w.salt);
    const nonce = fromBase64Url(w.nonce);
    const ciphertext = fromBase64Url(w.ciphertext);
    if (
      !salt ||
      !nonce ||
      !ciphertext ||
      nonce.length !== NONCE_BYTES ||
      ![w.N, w.r, w.p].every((n) => Number.isInteger(n) && n > 0) ||
      w.N > 2 ** 20 ||
      w.r > 16 ||
      w.p > 4
    ) {
      throw new ResearchKeyFileError('not_a_key_file');
    }
    const wrappingKey = await scryptAsync(utf8ToBytes(passphrase.normalize('NFKC')), salt, { N: w.N, r: w.r, p: w.p, dkLen: 32 });
    try {
      secret = xchacha20poly1305(wrappingKey, nonce, utf8ToBytes(file.publicKey)).decrypt(ciphertext);
    } catch {
      throw new ResearchKeyFileError('wrong_passphrase');
    }
  } else {
    throw new ResearchKeyFileError('not_a_key_file');
  }
  if (toBase64Url(x25519.getPublicKey(secret)) !== file.publicKey) throw new ResearchKeyFileError('wrong_key');
  return { publicKey: file.publicKey, secretKey: toBase64Url(secret) };
}

function deriveKey(shared: Uint8Array, ephemeral: Uint8Array, recipient: Uint8Array): Uint8Array {
  return hkdf(sha256, shared, concatBytes(ephemeral, recipient), INFO, 32);
}

function decodeKey(value: string): Uint8Array {
  const bytes = fromBase64Url(value);
  if (!bytes || bytes.length !== KEY_BYTES) throw new Error('not a research key');
  return bytes;
}

function pad(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil((bytes.length + 1) / PAD_BLOCK) * PAD_BLOCK);
  out.set(bytes);
  out[bytes.length] = 0x80;
  return out;
}

function unpad(bytes: Uint8Array): Uint8Array {
  let end = bytes.length - 1;
  while (end >= 0 && bytes[end] === 0) end--;
  if (end < 0 || bytes[end] !== 0x80) throw new Error('bad padding');
  return bytes.subarray(0, end);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Map([...ALPHABET].map((c, i) => [c, i]));

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 4) / 3));
    for (let j = 0; j < chars; j++) out += ALPHABET[(n >> (18 - 6 * j)) & 63];
  }
  return out;
}

/** base64url without padding; null when `text` is not canonical base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of text) {
    const digit = LOOKUP.get(char);
    if (digit === undefined) return null;
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (value >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, so each byte string has exactly one spelling.
  if ((value & ((1 << bits) - 1)) !== 0) return null;
  return out;
}
