import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
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
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** The survey's public key, creating the pair if it has none (two instances at once keep one). */
  async publicKey(surveyId: string): Promise<Buffer> {
    const secret = this.secret();
    const fresh = generateRawKeyPair();
    await this.dataSource.query(
      'INSERT INTO outreach_device_key (survey_id, public_key, wrapped_private_key) VALUES ($1, $2, $3) ON CONFLICT (survey_id) DO NOTHING',
      [surveyId, fresh.publicKey, wrapPrivateKey(fresh.privateKey, secret, surveyId)],
    );
    return (await this.keyPair(surveyId)).publicKey;
  }

  /** The survey's pair, unwrapped (kept in memory once opened). */
  async keyPair(surveyId: string): Promise<RawKeyPair> {
    const known = this.opened.get(surveyId);
    if (known) return known;
    const secret = this.secret();
    const rows: Array<{ public_key: Buffer; wrapped_private_key: Buffer }> = await this.dataSource.query(
      'SELECT public_key, wrapped_private_key FROM outreach_device_key WHERE survey_id = $1',
      [surveyId],
    );
    const row = rows[0];
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
