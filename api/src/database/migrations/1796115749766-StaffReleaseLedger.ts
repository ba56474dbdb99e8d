import type { MigrationInterface, QueryRunner } from 'typeorm';

/** P4: previews are releases to staff; the staff ledger keeps what they were shown, append-only. */
export class StaffReleaseLedger1796115749766 implements MigrationInterface {
  name = 'StaffReleaseLedger1796115749766';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "staff_release" ("id" uuid NOT NULL, "survey_id" uuid NOT NULL, "number" integer NOT NULL, "values_hash" character(64) NOT NULL, "values" jsonb NOT NULL, CONSTRAINT "PK_a632912f08a3ecabf0d227ca355" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_2363cd80289ccac777da4c76da" ON "staff_release"  ("survey_id", "values_hash") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_953ea0c3c88c087144be61a83a" ON "staff_release"  ("survey_id", "number") `);
    await queryRunner.query(
      `ALTER TABLE "staff_release" ADD CONSTRAINT "FK_a7f843e1a206b2bb934f69f6a9d" FOREIGN KEY ("survey_id") REFERENCES "survey"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`CREATE FUNCTION "staff_release_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the staff ledger is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "staff_release_append_only" BEFORE UPDATE OR DELETE ON "staff_release" FOR EACH ROW EXECUTE FUNCTION "staff_release_append_only"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "staff_release_append_only" ON "staff_release"`);
    await queryRunner.query(`DROP FUNCTION "staff_release_append_only"()`);
    await queryRunner.query(`ALTER TABLE "staff_release" DROP CONSTRAINT "FK_a7f843e1a206b2bb934f69f6a9d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_953ea0c3c88c087144be61a83a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2363cd80289ccac777da4c76da"`);
    await queryRunner.query(`DROP TABLE "staff_release"`);
  }
}
