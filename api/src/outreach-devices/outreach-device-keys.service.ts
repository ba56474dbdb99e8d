import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { OutreachDeviceRepository } from './outreach-device.repository';
import { deviceModeUnavailable } from './outreach-devices.errors';
import { generateRawKeyPair, unwrapPrivateKey, wrapPrivateKey, type RawKeyPair } from './sealed-box';

/**
 * Each survey's X25519 key pair for sealed outreach submissions, created on first use. The
 * private key is stored wrapped under a key derived from OUTREACH_CODE_SECRET, so every
 * instance can open uploads, while a copy of the database without the secret cannot.
 */
@Injectable()
export class OutreachDeviceKeysService {
  private readonly opened = new Map<string, RawKeyPair>();

  constructor(
    private readonly devices: OutreachDeviceRepository,
    private readonly config: AppConfig,
  ) {}

  /** The survey's public key, creating the pair if it has none (two instances at once keep one). */
  async publicKey(surveyId: string): Promise<Buffer> {
    const secret = this.secret();
    const fresh = generateRawKeyPair();
    await this.devices.insertKeyIfNone(surveyId, fresh.publicKey, wrapPrivateKey(fresh.privateKey, secret, surveyId));
    return (await this.keyPair(surveyId)).publicKey;
  }

  /** The survey's pair, unwrapped (kept in memory once opened). */
  async keyPair(surveyId: string): Promise<RawKeyPair> {
    const known = this.opened.get(surveyId);
    if (known) return known;
    const secret = this.secret();
    const row = await this.devices.key(surveyId);
    const privateKey = row ? unwrapPrivateKey(row.wrapped_private_key, secret, surveyId) : null;
    // No key yet, or wrapped under another secret (OUTREACH_CODE_SECRET changed): nothing can be opened.
    if (!row || !privateKey) throw deviceModeUnavailable();
    const pair = { publicKey: row.public_key, privateKey };
    this.opened.set(surveyId, pair);
    return pair;
  }

  private secret(): string {
    const secret = this.config.OUTREACH_CODE_SECRET;
    if (!secret) throw deviceModeUnavailable();
    return secret;
  }
}
