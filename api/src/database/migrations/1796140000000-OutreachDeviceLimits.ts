import type { MigrationInterface, QueryRunner } from 'typeorm';
import { API_ROLE } from './1796116349786-ApiRole';

/**
 * Review of issue 18: a prepared device's token expires (devices prepared before this get
 * 14 days from their preparation), and the boxes each device sent are remembered as keyed
 * hashes (no time; the intake mixer rewrites them in random order) so a replayed box is never
 * stored twice and a device's quota can be counted.
 */
export class OutreachDeviceLimits1796140000000 implements MigrationInterface {
  name = 'OutreachDeviceLimits1796140000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outreach_device" ADD "expires_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "outreach_device" SET "expires_at" = "created_at" + interval '14 days'`);
    await queryRunner.query(`ALTER TABLE "outreach_device" ALTER COLUMN "expires_at" SET NOT NULL`);
    await queryRunner.query(
      `CREATE TABLE "outreach_box" ("box_hash" bytea NOT NULL, "device_id" uuid NOT NULL, CONSTRAINT "PK_outreach_box" PRIMARY KEY ("box_hash"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_outreach_box_device" ON "outreach_box" ("device_id")`);
    await queryRunner.query(
      `ALTER TABLE "outreach_box" ADD CONSTRAINT "FK_outreach_box_device" FOREIGN KEY ("device_id") REFERENCES "outreach_device"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    const role: unknown[] = await queryRunner.query(`SELECT 1 FROM pg_roles WHERE rolname = '${API_ROLE}'`);
    if (role.length > 0) await queryRunner.query(`GRANT SELECT, INSERT, DELETE, TRUNCATE ON outreach_box TO ${API_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const role: unknown[] = await queryRunner.query(`SELECT 1 FROM pg_roles WHERE rolname = '${API_ROLE}'`);
    if (role.length > 0) await queryRunner.query(`REVOKE ALL ON outreach_box FROM ${API_ROLE}`);
    await queryRunner.query(`DROP TABLE "outreach_box"`);
    await queryRunner.query(`ALTER TABLE "outreach_device" DROP COLUMN "expires_at"`);
  }
}
