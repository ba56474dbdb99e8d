import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface DeviceRow {
  readonly id: string;
  readonly label: string;
  readonly created_at: Date;
  readonly expires_at: Date;
}

/**
 * The statements on `outreach_device`, `outreach_device_key`, `outreach_device_policy` and the
 * slots a device is prepared with (issue 15 point 1). `outreach_box` and the slot a stored
 * response takes belong to {@link OutreachBoxRepository}. Writes take the caller's
 * transaction, so each commits with its audit row.
 */
@Injectable()
export class OutreachDeviceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the survey's key pair unless it has one already (two instances at once keep one). */
  async insertKeyIfNone(surveyId: string, publicKey: Buffer, wrappedPrivateKey: Buffer): Promise<void> {
    await this.dataSource.query(
      'INSERT INTO outreach_device_key (survey_id, public_key, wrapped_private_key) VALUES ($1, $2, $3) ON CONFLICT (survey_id) DO NOTHING',
      [surveyId, publicKey, wrappedPrivateKey],
    );
  }

  async key(surveyId: string): Promise<{ public_key: Buffer; wrapped_private_key: Buffer } | undefined> {
    const rows: Array<{ public_key: Buffer; wrapped_private_key: Buffer }> = await this.dataSource.query(
      'SELECT public_key, wrapped_private_key FROM outreach_device_key WHERE survey_id = $1',
      [surveyId],
    );
    return rows[0];
  }

  /** The roles allowed to prepare devices, as stored (none when no policy was set). */
  async policyRoles(): Promise<string[]> {
    const rows: Array<{ allowed_roles: string[] }> = await this.dataSource.query(
      'SELECT allowed_roles FROM outreach_device_policy WHERE id = 1',
    );
    return rows[0]?.allowed_roles ?? [];
  }

  async setPolicyRoles(manager: EntityManager, allowedRoles: readonly string[]): Promise<void> {
    await manager.query(
      'INSERT INTO outreach_device_policy (id, allowed_roles) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET allowed_roles = EXCLUDED.allowed_roles',
      [allowedRoles],
    );
  }

  /** The device's row and its quota: `quota` slots, one deleted as each of its responses is stored. */
  async insertDevice(
    manager: EntityManager,
    device: { id: string; surveyId: string; label: string; tokenHash: Buffer; createdBy: string; createdAt: Date; expiresAt: Date },
    quota: number,
  ): Promise<void> {
    await manager.query(
      'INSERT INTO outreach_device (id, survey_id, label, token_hash, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [device.id, device.surveyId, device.label, device.tokenHash, device.createdBy, device.createdAt, device.expiresAt],
    );
    // The responses it may send: one slot each, deleted as each is stored (see OutreachBoxRepository).
    await manager.query('INSERT INTO outreach_quota_slot (id, device_id) SELECT gen_random_uuid(), $1 FROM generate_series(1, $2)', [
      device.id,
      quota,
    ]);
  }

  async devicesOf(surveyId: string): Promise<Array<DeviceRow & { revoked_at: Date | null }>> {
    return this.dataSource.query(
      'SELECT id, label, created_at, expires_at, revoked_at FROM outreach_device WHERE survey_id = $1 ORDER BY created_at, id',
      [surveyId],
    );
  }

  /** Marks the device revoked (keeping an earlier revocation time); undefined when the survey has no such device. */
  async revoke(manager: EntityManager, deviceId: string, surveyId: string, now: Date): Promise<DeviceRow | undefined> {
    // TypeORM answers an UPDATE on PostgreSQL with [rows, affected].
    const [rows]: [DeviceRow[], number] = await manager.query(
      'UPDATE outreach_device SET revoked_at = COALESCE(revoked_at, $3) WHERE id = $1 AND survey_id = $2 RETURNING id, label, created_at, expires_at',
      [deviceId, surveyId, now],
    );
    return rows[0];
  }

  /** The live device (not revoked, not expired at `now`) with this token hash, with its survey's slug. */
  async liveDevice(tokenHash: Buffer, now: Date): Promise<{ id: string; survey_id: string; slug: string } | undefined> {
    const rows: Array<{ id: string; survey_id: string; slug: string }> = await this.dataSource.query(
      'SELECT d.id, d.survey_id, s.slug FROM outreach_device d JOIN survey s ON s.id = d.survey_id WHERE d.token_hash = $1 AND d.revoked_at IS NULL AND d.expires_at > $2',
      [tokenHash, now],
    );
    return rows[0];
  }
}
