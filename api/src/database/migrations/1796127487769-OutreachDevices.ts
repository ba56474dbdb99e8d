import type { MigrationInterface, QueryRunner } from 'typeorm';
import { API_ROLE } from './1796116349786-ApiRole';

const TABLES = 'outreach_device, outreach_device_key, outreach_device_policy';

/**
 * Outreach device mode (issue 18): prepared staff tablets (token hashes, revocable), each
 * survey's key pair for sealed offline submissions (the private key wrapped under a server
 * secret), and which roles may prepare a device (researchers and organizers at first).
 */
export class OutreachDevices1796127487769 implements MigrationInterface {
  name = 'OutreachDevices1796127487769';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "outreach_device_key" ("survey_id" uuid NOT NULL, "public_key" bytea NOT NULL, "wrapped_private_key" bytea NOT NULL, CONSTRAINT "PK_62e65d0949d0c23b386a1686ea1" PRIMARY KEY ("survey_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "outreach_device_policy" ("id" smallint NOT NULL, "allowed_roles" text array NOT NULL, CONSTRAINT "PK_620599abee58dd3a8c72b2d5063" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "outreach_device" ("id" uuid NOT NULL, "survey_id" uuid NOT NULL, "label" character varying(120) NOT NULL, "token_hash" bytea NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_7eb20cffed61fb2ef5fa8fc8dc0" UNIQUE ("token_hash"), CONSTRAINT "PK_4b4d20c0f8ea9fe61068739cd6d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "outreach_device_key" ADD CONSTRAINT "FK_62e65d0949d0c23b386a1686ea1" FOREIGN KEY ("survey_id") REFERENCES "survey"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "outreach_device" ADD CONSTRAINT "FK_d0f2c0f2f72492af8b4ccb51bce" FOREIGN KEY ("survey_id") REFERENCES "survey"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`INSERT INTO "outreach_device_policy" ("id", "allowed_roles") VALUES (1, ARRAY['researcher', 'organizer'])`);
    const role: unknown[] = await queryRunner.query(`SELECT 1 FROM pg_roles WHERE rolname = '${API_ROLE}'`);
    if (role.length > 0) await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TABLES} TO ${API_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const role: unknown[] = await queryRunner.query(`SELECT 1 FROM pg_roles WHERE rolname = '${API_ROLE}'`);
    if (role.length > 0) await queryRunner.query(`REVOKE ALL ON ${TABLES} FROM ${API_ROLE}`);
    await queryRunner.query(`ALTER TABLE "outreach_device" DROP CONSTRAINT "FK_d0f2c0f2f72492af8b4ccb51bce"`);
    await queryRunner.query(`ALTER TABLE "outreach_device_key" DROP CONSTRAINT "FK_62e65d0949d0c23b386a1686ea1"`);
    await queryRunner.query(`DROP TABLE "outreach_device"`);
    await queryRunner.query(`DROP TABLE "outreach_device_policy"`);
    await queryRunner.query(`DROP TABLE "outreach_device_key"`);
  }
}
