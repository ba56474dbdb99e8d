import type { MigrationInterface, QueryRunner } from 'typeorm';
import { API_ROLE } from './1796116349786-ApiRole';

/**
 * Review of issue 18: a box row named its device and was written in the transaction after its
 * response's, so in a copied database the transaction ids and row order paired each response
 * with a device (its label, the staff member who prepared it). Box rows now hold the box's
 * keyed hash alone, and the quota is a set of slots per device, one deleted in the
 * transaction that stores each response (a deleted row is not visible). Devices prepared
 * before get OUTREACH_DEVICE_QUOTA (500 unless set) slots less the boxes they sent.
 */
export class OutreachQuotaSlots1796150000000 implements MigrationInterface {
  name = 'OutreachQuotaSlots1796150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "outreach_quota_slot" ("id" uuid NOT NULL, "device_id" uuid NOT NULL, CONSTRAINT "PK_outreach_quota_slot" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_outreach_quota_slot_device" ON "outreach_quota_slot" ("device_id")`);
    await queryRunner.query(
      `ALTER TABLE "outreach_quota_slot" ADD CONSTRAINT "FK_outreach_quota_slot_device" FOREIGN KEY ("device_id") REFERENCES "outreach_device"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    const quota = Number.parseInt(process.env.OUTREACH_DEVICE_QUOTA ?? '', 10);
    await queryRunner.query(
      `INSERT INTO "outreach_quota_slot" ("id", "device_id")
       SELECT gen_random_uuid(), d.id FROM "outreach_device" d
       CROSS JOIN LATERAL generate_series(1, $1 - (SELECT count(*)::int FROM "outreach_box" b WHERE b.device_id = d.id))`,
      [Number.isInteger(quota) && quota > 0 ? quota : 500],
    );
    await queryRunner.query(`ALTER TABLE "outreach_box" DROP CONSTRAINT "FK_outreach_box_device"`);
    await queryRunner.query(`DROP INDEX "IDX_outreach_box_device"`);
    await queryRunner.query(`ALTER TABLE "outreach_box" DROP COLUMN "device_id"`);
    const role: unknown[] = await queryRunner.query(`SELECT 1 FROM pg_roles WHERE rolname = '${API_ROLE}'`);
    if (role.length > 0) await queryRunner.query(`GRANT SELECT, INSERT, DELETE, TRUNCATE ON outreach_quota_slot TO ${API_ROLE}`);
  }

  /** Boxes cannot be given their device back: they are forgotten (a replay could be stored again). */
  async down(queryRunner: QueryRunner): Promise<void> {
    const role: unknown[] = await queryRunner.query(`SELECT 1 FROM pg_roles WHERE rolname = '${API_ROLE}'`);
    if (role.length > 0) await queryRunner.query(`REVOKE ALL ON outreach_quota_slot FROM ${API_ROLE}`);
    await queryRunner.query(`DROP TABLE "outreach_quota_slot"`);
    await queryRunner.query(`DELETE FROM "outreach_box"`);
    await queryRunner.query(`ALTER TABLE "outreach_box" ADD "device_id" uuid NOT NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_outreach_box_device" ON "outreach_box" ("device_id")`);
    await queryRunner.query(
      `ALTER TABLE "outreach_box" ADD CONSTRAINT "FK_outreach_box_device" FOREIGN KEY ("device_id") REFERENCES "outreach_device"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }
}
