import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { OutreachDevice, OutreachDevicePolicy, PreparedOutreachDevice } from '@candor/shared';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import type { StaffPrincipal } from '../common/staff-principal';
import { toPublicSurvey } from '../surveys/survey.mapper';
import { SurveysService } from '../surveys/surveys.service';
import { OutreachDeviceKeysService } from './outreach-device-keys.service';
import { OutreachDeviceRepository, type DeviceRow } from './outreach-device.repository';
import { deviceNotFound, roleMayNotPrepare, surveyNotOpenForDevices } from './outreach-devices.errors';
import { Transactions } from '../database/transactions';

type Role = OutreachDevicePolicy['allowedRoles'][number];

/**
 * Prepared outreach devices (issue 18): staff bookkeeping of which tablets hold a token
 * for which survey. Nothing here is written when a device uploads.
 */
@Injectable()
export class OutreachDevicesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly surveys: SurveysService,
    private readonly keys: OutreachDeviceKeysService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly devices: OutreachDeviceRepository,
  ) {}

  async policy(): Promise<OutreachDevicePolicy> {
    return {
      allowedRoles: (await this.devices.policyRoles()).filter((role): role is Role => role === 'researcher' || role === 'organizer'),
    };
  }

  async setPolicy(policy: OutreachDevicePolicy, actor: StaffPrincipal): Promise<OutreachDevicePolicy> {
    const allowedRoles = [...new Set(policy.allowedRoles)].sort();
    await this.transactions.run(async (manager) => {
      await this.devices.setPolicyRoles(manager, allowedRoles);
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
    await this.transactions.run(async (manager) => {
      await this.devices.insertDevice(
        manager,
        { id, surveyId, label, tokenHash: hashToken(token), createdBy: actor.userId, createdAt, expiresAt },
        this.config.OUTREACH_DEVICE_QUOTA,
      );
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
    const rows = await this.devices.devicesOf(surveyId);
    return rows.map((row) => toDevice(row, row.revoked_at !== null));
  }

  /** Revokes a device: its uploads are refused from now on, on every instance. */
  async revoke(surveyId: string, deviceId: string, actor: StaffPrincipal): Promise<OutreachDevice> {
    return this.transactions.run(async (manager) => {
      const row = await this.devices.revoke(manager, deviceId, surveyId, this.clock.now());
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
    const row = await this.devices.liveDevice(hashToken(token), this.clock.now());
    return row ? { deviceId: row.id, surveyId: row.survey_id, slug: row.slug } : null;
  }
}

function toDevice(row: DeviceRow, revoked: boolean): OutreachDevice {
  return { id: row.id, label: row.label, createdAt: row.created_at.toISOString(), expiresAt: row.expires_at.toISOString(), revoked };
}

/** Tokens are 256 random bits: a plain hash is enough, no key needed. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
