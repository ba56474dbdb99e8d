import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IntakeMixing1796115724902 implements MigrationInterface {
  name = 'IntakeMixing1796115724902';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "outreach_spend" ("code_hash" bytea NOT NULL, CONSTRAINT "PK_99a376d752f5dfd3be1fa698864" PRIMARY KEY ("code_hash"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "response_intake" ("id" uuid NOT NULL, "survey_version_id" uuid NOT NULL, "period" date NOT NULL, "answers" jsonb NOT NULL, CONSTRAINT "PK_2f2dfc99ac88eefddb40ad6e960" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "outreach_spend" ADD CONSTRAINT "FK_99a376d752f5dfd3be1fa698864" FOREIGN KEY ("code_hash") REFERENCES "outreach_code"("code_hash") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "response_intake" ADD CONSTRAINT "FK_3e57370b1b88436ca8e42e88531" FOREIGN KEY ("survey_version_id") REFERENCES "survey_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Everything that counts responses (publishing, previews, version summaries) reads both the mixed and the pending rows.
    await queryRunner.query(`CREATE VIEW "stored_response" AS
      SELECT "id", "survey_version_id", "period", "answers" FROM "response"
      UNION ALL
      SELECT "id", "survey_version_id", "period", "answers" FROM "response_intake"`);
    // Rows stored before this release were written one transaction each, in arrival order:
    // rewrite them (and the receipts) in random order, in this one transaction.
    for (const [table, columns] of [
      ['response', '"id", "survey_version_id", "period", "answers"'],
      ['submission_receipt', '"key_hash", "request_hash", "expires_on"'],
    ] as const) {
      await queryRunner.query(`CREATE TEMPORARY TABLE "shuffled" ON COMMIT DROP AS SELECT ${columns} FROM "${table}"`);
      await queryRunner.query(`TRUNCATE "${table}"`);
      await queryRunner.query(`INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM "shuffled" ORDER BY random()`);
      await queryRunner.query(`DROP TABLE "shuffled"`);
    }
    await queryRunner.query(`CREATE OR REPLACE FUNCTION "survey_version_immutable_when_answered"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW."definition" IS DISTINCT FROM OLD."definition" AND (
             EXISTS (SELECT 1 FROM "response" WHERE "survey_version_id" = OLD."id")
             OR EXISTS (SELECT 1 FROM "response_intake" WHERE "survey_version_id" = OLD."id")) THEN
          RAISE EXCEPTION 'survey version % has responses and cannot change', OLD."id" USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Pending rows are kept: they move into "response" (in random order) before the intake table goes.
    await queryRunner.query(
      `INSERT INTO "response" ("id", "survey_version_id", "period", "answers") SELECT "id", "survey_version_id", "period", "answers" FROM "response_intake" ORDER BY random()`,
    );
    await queryRunner.query(`UPDATE "outreach_code" SET "used" = true WHERE "code_hash" IN (SELECT "code_hash" FROM "outreach_spend")`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION "survey_version_immutable_when_answered"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW."definition" IS DISTINCT FROM OLD."definition" AND EXISTS (SELECT 1 FROM "response" WHERE "survey_version_id" = OLD."id") THEN
          RAISE EXCEPTION 'survey version % has responses and cannot change', OLD."id" USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`DROP VIEW "stored_response"`);
    await queryRunner.query(`ALTER TABLE "response_intake" DROP CONSTRAINT "FK_3e57370b1b88436ca8e42e88531"`);
    await queryRunner.query(`ALTER TABLE "outreach_spend" DROP CONSTRAINT "FK_99a376d752f5dfd3be1fa698864"`);
    await queryRunner.query(`DROP TABLE "response_intake"`);
    await queryRunner.query(`DROP TABLE "outreach_spend"`);
  }
}
