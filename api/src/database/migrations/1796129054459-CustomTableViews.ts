import type { MigrationInterface, QueryRunner } from 'typeorm';
import { API_ROLE } from './1796116349786-ApiRole';

/** Issue 17: the custom-table ledger, append-only for the API like the staff ledger. */
export class CustomTableViews1796129054459 implements MigrationInterface {
  name = 'CustomTableViews1796129054459';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "custom_table_view" ("id" uuid NOT NULL, "survey_id" uuid NOT NULL, "number" integer NOT NULL, "joint" jsonb NOT NULL, "values" jsonb NOT NULL, CONSTRAINT "PK_892ca550383c0ba937dc5ab2c51" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_25fe69a48000a5693f8d80392c" ON "custom_table_view"  ("survey_id", "number") `);
    await queryRunner.query(
      `ALTER TABLE "custom_table_view" ADD CONSTRAINT "FK_6aab7ca42f00fcd661fe5e43696" FOREIGN KEY ("survey_id") REFERENCES "survey"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    const exists: unknown[] = await queryRunner.query(`SELECT 1 FROM pg_roles WHERE rolname = '${API_ROLE}'`);
    if (exists.length === 0) return;
    await queryRunner.query(`GRANT SELECT, INSERT ON custom_table_view TO ${API_ROLE}`);
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON custom_table_view FROM ${API_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "custom_table_view" DROP CONSTRAINT "FK_6aab7ca42f00fcd661fe5e43696"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_25fe69a48000a5693f8d80392c"`);
    await queryRunner.query(`DROP TABLE "custom_table_view"`);
  }
}
