import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { OutreachDevice, OutreachDevicePolicy, PreparedOutreachDevice } from '@candor/shared';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import type { StaffPrincipal } from '../common/staff-principal';
import { toPublicSurvey } from '../surveys/survey.mapper';
import { SurveysService } from '../surveys/surveys.service';
import { OutreachDeviceKeysService } from './outreach-device-keys.service';
import { deviceNotFound, roleMayNotPrepare, surveyNotOpenForDevices } from './outreach-devices.errors';

type Role = OutreachDevicePolicy['allowedRoles'][number];

/**
 * Prepared outreach devices (issue 18): staff bookkeeping of which tablets hold a token
 * for which survey. Nothing here is written when a device uploads.
 */
@Injectable()
export class OutreachDevicesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly surveys: SurveysService,
    private readonly keys: OutreachDeviceKeysService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async policy(): Promise<OutreachDevicePolicy> {
    const rows: Array<{ allowed_roles: string[] }> = await this.dataSource.query(
      'SELECT allowed_roles FROM outreach_device_policy WHERE id = 1',
    );
    return { allowedRoles: (rows[0]?.allowed_roles ?? []).filter((role): role is Role => role === 'researcher' || role === 'organizer') };
  }

  async setPolicy(policy: OutreachDevicePolicy, actor: StaffPrincipal): Promise<OutreachDevicePolicy> {
    const allowedRoles = [...new Set(policy.allowedRoles)].sort();
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        'INSERT INTO outreach_device_policy (id, allowed_roles) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET allowed_roles = EXCLUDED.allowed_roles',
        [allowedRoles],
      );
      await this.audit.record({ actor, action: 'outreach.device.policy', targetType: 'instance', details: { allowedRoles } }, manager);
    });
    return { allowedRoles };
  }

  /**
   * Prepares a device for an open survey: a new random token (the database keeps its hash),
   * the open version's definition in every language, and the survey's public key.
   */
  async prepare(surveyId: string, label: string, actor: StaffPrincipal): Promise<PreparedOutreachDevice> {
    if (actor.role !== 'admin' && !(await this.policy()).allowedRoles.includes(actor.role)) throw roleMayNotPrepare(actor.role);
    const entity = await this.surveys.getSurveyEntity(surveyId);
    if (entity.status !== 'open') throw surveyNotOpenForDevices();
    const { survey, version } = await this.surveys.getOpenSurvey(entity.slug);
    const publicKey = await this.keys.publicKey(surveyId);
    const token = randomBytes(32).toString('base64url');
    const id = randomUUID();
    const createdAt = this.clock.now();
    const expiresAt = new Date(createdAt.getTime() + this.config.OUTREACH_DEVICE_DAYS * 86_400_000);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        'INSERT INTO outreach_device (id, survey_id, label, token_hash, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [id, surveyId, label, hashToken(token), actor.userId, createdAt, expiresAt],
      );
      // The responses it may send: one slot each, deleted as each is stored (see OutreachBoxRepository).
      await manager.query('INSERT INTO outreach_quota_slot (id, device_id) SELECT gen_random_uuid(), $1 FROM generate_series(1, $2)', [
        id,
        this.config.OUTREACH_DEVICE_QUOTA,
      ]);
      await this.audit.record(
        { actor, action: 'outreach.device.prepare', targetType: 'survey', targetId: surveyId, details: { deviceId: id, label } },
        manager,
      );
    });
    return {
      device: { id, label, createdAt: createdAt.toISOString(), expiresAt: expiresAt.toISOString(), revoked: false },
      token,
      surveyId,
      // Devices upload with their token instead of a proof of work.
      survey: toPublicSurvey(survey, version, false),
      publicKey: publicKey.toString('base64url'),
      quota: this.config.OUTREACH_DEVICE_QUOTA,
    };
  }

  async list(surveyId: string): Promise<OutreachDevice[]> {
    await this.surveys.getSurveyEntity(surveyId);
    const rows: Array<DeviceRow & { revoked_at: Date | null }> = await this.dataSource.query(
      'SELECT id, label, created_at, expires_at, revoked_at FROM outreach_device WHERE survey_id = $1 ORDER BY created_at, id',
      [surveyId],
    );
    return rows.map((row) => toDevice(row, row.revoked_at !== null));
  }

  /** Revokes a device: its uploads are refused from now on, on every instance. */
  async revoke(surveyId: string, deviceId: string, actor: StaffPrincipal): Promise<OutreachDevice> {
    return this.dataSource.transaction(async (manager) => {
      // TypeORM answers an UPDATE on PostgreSQL with [rows, affected].
      const [rows]: [DeviceRow[], number] = await manager.query(
        'UPDATE outreach_device SET revoked_at = COALESCE(revoked_at, $3) WHERE id = $1 AND survey_id = $2 RETURNING id, label, created_at, expires_at',
        [deviceId, surveyId, this.clock.now()],
      );
      const row = rows[0];
      if (!row) throw deviceNotFound();
      await this.audit.record(
        { actor, action: 'outreach.device.revoke', targetType: 'survey', targetId: surveyId, details: { deviceId } },
        manager,
      );
      return toDevice(row, true);
    });
  }

  /**
   * The device a live token belongs to (not revoked, not expired), with its survey, or null.
   * Read on every upload, so a revocation counts from the next request on, on every instance.
   */
  async deviceOfToken(token: string): Promise<{ deviceId: string; surveyId: string; slug: string } | null> {
    const rows: Array<{ id: string; survey_id: string; slug: string }> = await this.dataSource.query(
      'SELECT d.id, d.survey_id, s.slug FROM outreach_device d JOIN survey s ON s.id = d.survey_id WHERE d.token_hash = $1 AND d.revoked_at IS NULL AND d.expires_at > $2',
      [hashToken(token), this.clock.now()],
    );
    const row = rows[0];
    return row ? { deviceId: row.id, surveyId: row.survey_id, slug: row.slug } : null;
  }
}

interface DeviceRow {
  readonly id: string;
  readonly label: string;
  readonly created_at: Date;
  readonly expires_at: Date;
}

function toDevice(row: DeviceRow, revoked: boolean): OutreachDevice {
  return { id: row.id, label: row.label, createdAt: row.created_at.toISOString(), expiresAt: row.expires_at.toISOString(), revoked };
}

/** Tokens are 256 random bits: a plain hash is enough, no key needed. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
