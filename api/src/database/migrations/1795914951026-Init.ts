import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795914951026 implements MigrationInterface {
  name = 'Init1795914951026';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "survey" ("id" uuid NOT NULL, "slug" character varying(64) NOT NULL, "title" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'draft', "locales" text array NOT NULL DEFAULT '{en}', "k" integer NOT NULL DEFAULT '11', "min_responses" integer NOT NULL DEFAULT '100', "min_group" integer NOT NULL DEFAULT '40', "time_granularity" character varying(8) NOT NULL DEFAULT 'day', "retention_days" integer NOT NULL DEFAULT '365', "crosstabs" jsonb NOT NULL DEFAULT '[]', "opened_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_3d3d3a07d6ad7e2b274b1874367" UNIQUE ("slug"), CONSTRAINT "survey_thresholds_check" CHECK ("min_responses" >= 1 AND "min_group" >= 1 AND "retention_days" >= 1), CONSTRAINT "survey_k_check" CHECK ("k" >= 5), CONSTRAINT "survey_time_granularity_check" CHECK ("time_granularity" IN ('day', 'week', 'month')), CONSTRAINT "survey_status_check" CHECK ("status" IN ('draft', 'open', 'closed')), CONSTRAINT "PK_f0da32b9181e9c02ecf0be11ed3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "survey_version" ("id" uuid NOT NULL, "survey_id" uuid NOT NULL, "number" integer NOT NULL, "definition" jsonb NOT NULL, "definition_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_01a36673c91befacaecc85f4654" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_de585cdaa7372cf6b31c4b086f" ON "survey_version"  ("survey_id", "number") `);
    await queryRunner.query(
      `CREATE TABLE "response" ("id" uuid NOT NULL, "survey_version_id" uuid NOT NULL, "period" date NOT NULL, "answers" jsonb NOT NULL, CONSTRAINT "PK_f64544baf2b4dc48ba623ce768f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_bedff65366a4fa8e0c86050442" ON "response"  ("survey_version_id") `);
    await queryRunner.query(
      `CREATE TABLE "submission_receipt" ("key_hash" bytea NOT NULL, "request_hash" bytea NOT NULL, "expires_on" date NOT NULL, CONSTRAINT "PK_f2126e5a4e11af4c6cad416aff4" PRIMARY KEY ("key_hash"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_89f512133f6da00d8089ec0034" ON "submission_receipt"  ("expires_on") `);
    await queryRunner.query(
      `ALTER TABLE "survey_version" ADD CONSTRAINT "FK_bc7c8e2c13117012d2b23af29a8" FOREIGN KEY ("survey_id") REFERENCES "survey"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "response" ADD CONSTRAINT "FK_bedff65366a4fa8e0c86050442a" FOREIGN KEY ("survey_version_id") REFERENCES "survey_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // A version that has responses is immutable: edits must create a new version.
    await queryRunner.query(`CREATE FUNCTION "survey_version_immutable_when_answered"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW."definition" IS DISTINCT FROM OLD."definition" AND EXISTS (SELECT 1 FROM "response" WHERE "survey_version_id" = OLD."id") THEN
          RAISE EXCEPTION 'survey version % has responses and cannot change', OLD."id" USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "survey_version_immutable_when_answered" BEFORE UPDATE ON "survey_version" FOR EACH ROW EXECUTE FUNCTION "survey_version_immutable_when_answered"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "survey_version_immutable_when_answered" ON "survey_version"`);
    await queryRunner.query(`DROP FUNCTION "survey_version_immutable_when_answered"()`);
    await queryRunner.query(`ALTER TABLE "response" DROP CONSTRAINT "FK_bedff65366a4fa8e0c86050442a"`);
    await queryRunner.query(`ALTER TABLE "survey_version" DROP CONSTRAINT "FK_bc7c8e2c13117012d2b23af29a8"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_89f512133f6da00d8089ec0034"`);
    await queryRunner.query(`DROP TABLE "submission_receipt"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bedff65366a4fa8e0c86050442"`);
    await queryRunner.query(`DROP TABLE "response"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_de585cdaa7372cf6b31c4b086f"`);
    await queryRunner.query(`DROP TABLE "survey_version"`);
    await queryRunner.query(`DROP TABLE "survey"`);
  }
}
