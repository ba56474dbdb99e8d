import { Injectable } from '@nestjs/common';
import { createHmac, hkdfSync } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { canonicalJson, type SealedSubmission } from '@candor/shared';
import { AppConfig } from '../config/app-config';
import { deviceModeUnavailable } from './outreach-devices.errors';

/**
 * The boxes devices sent (review of issue 18). A box's id is a keyed hash of the survey and
 * the submission inside it (version, answers, idempotency key), so the same box sent again —
 * a retry after a lost answer, or a copy replayed with a stolen token, days later when the
 * idempotency receipt is gone — is recognised and never stored twice. The row names no device
 * and holds no time; it is written in the transaction that stores its response, and the intake
 * mixer rewrites the table in random order. A device's quota is its slots (outreach_quota_slot):
 * one is deleted in that same transaction, so nothing visible pairs a response with a device.
 */
@Injectable()
export class OutreachBoxRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** The box's id: HMAC-SHA256 under a key derived from OUTREACH_CODE_SECRET, unlinkable to the response's receipt without it. */
  idOf(surveyId: string, submission: SealedSubmission): Buffer {
    const secret = this.config.OUTREACH_CODE_SECRET;
    if (!secret) throw deviceModeUnavailable();
    const key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), 'candor outreach box id', 32));
    const { versionId, answers, idempotencyKey, outreachCode } = submission;
    return createHmac('sha256', key)
      .update(canonicalJson({ surveyId, versionId, answers, idempotencyKey, outreachCode: outreachCode ?? null }))
      .digest();
  }

  async known(boxId: Buffer): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM outreach_box WHERE box_hash = $1', [boxId]);
    return rows.length > 0;
  }

  /** Refused (rolling the transaction back) when the device has no slot left; parallel uploads each take a different one. */
  async takeSlot(manager: EntityManager, deviceId: string): Promise<boolean> {
    // TypeORM answers a DELETE on PostgreSQL with [rows, affected].
    const [, taken]: [unknown[], number] = await manager.query(
      `DELETE FROM outreach_quota_slot WHERE id = (
         SELECT id FROM outreach_quota_slot WHERE device_id = $1 LIMIT 1 FOR UPDATE SKIP LOCKED)`,
      [deviceId],
    );
    return taken > 0;
  }

  /** Remembers a box in the transaction storing its submission (a parallel copy of the same box keeps one row). */
  async remember(manager: EntityManager, boxId: Buffer): Promise<void> {
    await manager.query('INSERT INTO outreach_box (box_hash) VALUES ($1) ON CONFLICT (box_hash) DO NOTHING', [boxId]);
  }
}
