import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review of issue 18 ("staff, any role allowed by an admin"): the first outreach device
 * migration let researchers and organizers prepare devices until an admin said otherwise.
 * The default is now admins only. A policy an admin chose (`PUT /api/outreach-devices/policy`
 * writes an `outreach.device.policy` audit event in the same transaction) is kept as it is,
 * even when it names the very roles of the old default; only the untouched default is emptied.
 */
export class OutreachDevicesAdminsOnly1796160000000 implements MigrationInterface {
  name = 'OutreachDevicesAdminsOnly1796160000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO "outreach_device_policy" ("id", "allowed_roles")
       SELECT 1, ARRAY[]::text[]
       WHERE NOT EXISTS (SELECT 1 FROM "audit_event" WHERE "action" = 'outreach.device.policy')
       ON CONFLICT ("id") DO UPDATE SET "allowed_roles" = EXCLUDED."allowed_roles"`,
    );
  }

  /** Back to the old default, again only where no admin chose a policy. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO "outreach_device_policy" ("id", "allowed_roles")
       SELECT 1, ARRAY['researcher', 'organizer']
       WHERE NOT EXISTS (SELECT 1 FROM "audit_event" WHERE "action" = 'outreach.device.policy')
       ON CONFLICT ("id") DO UPDATE SET "allowed_roles" = EXCLUDED."allowed_roles"`,
    );
  }
}
