import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PublicationsAndLedger1795917985538 implements MigrationInterface {
  name = 'PublicationsAndLedger1795917985538';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "publication" ("id" uuid NOT NULL, "survey_id" uuid NOT NULL, "number" integer NOT NULL, "snapshot" jsonb NOT NULL, "published_by" uuid, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "withdrawn_by" uuid, CONSTRAINT "PK_8aea8363d5213896a78d8365fab" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_b3bbc00b85c5414b6f6457c1e4" ON "publication"  ("survey_id", "number") `);
    await queryRunner.query(
      `CREATE TABLE "release_ledger_entry" ("publication_id" uuid NOT NULL, "quantity_id" character varying(300) NOT NULL, "value" integer NOT NULL, "lower" integer NOT NULL, "upper" integer NOT NULL, CONSTRAINT "PK_02a366de822180e9eae034600c6" PRIMARY KEY ("publication_id", "quantity_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "survey" ADD "perturbation" character varying(16) NOT NULL DEFAULT 'none'`);
    await queryRunner.query(
      `ALTER TABLE "survey" ADD CONSTRAINT "survey_perturbation_check" CHECK ("perturbation" IN ('none', 'ons_10_5', 'cell_key'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "publication" ADD CONSTRAINT "FK_d6ee1401cd2696a70fa3b724ff1" FOREIGN KEY ("survey_id") REFERENCES "survey"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "release_ledger_entry" ADD CONSTRAINT "FK_6873c6e758403e175266c0cc338" FOREIGN KEY ("publication_id") REFERENCES "publication"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // A published snapshot never changes and is never deleted: it may only be withdrawn, once.
    await queryRunner.query(`CREATE FUNCTION "publication_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'publications are never deleted (withdraw instead)' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW."snapshot" IS DISTINCT FROM OLD."snapshot" OR NEW."number" <> OLD."number" OR NEW."survey_id" <> OLD."survey_id"
           OR NEW."published_at" <> OLD."published_at" OR NEW."published_by" IS DISTINCT FROM OLD."published_by"
           OR (OLD."withdrawn_at" IS NOT NULL AND (NEW."withdrawn_at" IS DISTINCT FROM OLD."withdrawn_at" OR NEW."withdrawn_by" IS DISTINCT FROM OLD."withdrawn_by")) THEN
          RAISE EXCEPTION 'published snapshots are immutable' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "publication_immutable" BEFORE UPDATE OR DELETE ON "publication" FOR EACH ROW EXECUTE FUNCTION "publication_immutable"()`,
    );
    await queryRunner.query(`CREATE FUNCTION "release_ledger_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the release ledger is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "release_ledger_append_only" BEFORE UPDATE OR DELETE ON "release_ledger_entry" FOR EACH ROW EXECUTE FUNCTION "release_ledger_append_only"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "release_ledger_append_only" ON "release_ledger_entry"`);
    await queryRunner.query(`DROP FUNCTION "release_ledger_append_only"()`);
    await queryRunner.query(`DROP TRIGGER "publication_immutable" ON "publication"`);
    await queryRunner.query(`DROP FUNCTION "publication_immutable"()`);
    await queryRunner.query(`ALTER TABLE "release_ledger_entry" DROP CONSTRAINT "FK_6873c6e758403e175266c0cc338"`);
    await queryRunner.query(`ALTER TABLE "publication" DROP CONSTRAINT "FK_d6ee1401cd2696a70fa3b724ff1"`);
    await queryRunner.query(`ALTER TABLE "survey" DROP CONSTRAINT "survey_perturbation_check"`);
    await queryRunner.query(`ALTER TABLE "survey" DROP COLUMN "perturbation"`);
    await queryRunner.query(`DROP TABLE "release_ledger_entry"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b3bbc00b85c5414b6f6457c1e4"`);
    await queryRunner.query(`DROP TABLE "publication"`);
  }
}
