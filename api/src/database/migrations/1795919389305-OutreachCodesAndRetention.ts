import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OutreachCodesAndRetention1795919389305 implements MigrationInterface {
  name = 'OutreachCodesAndRetention1795919389305';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "outreach_batch" ("id" uuid NOT NULL, "survey_id" uuid NOT NULL, "label" character varying(120) NOT NULL, "size" integer NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_3ee60e50f357ebdf54ecc65b65a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "outreach_code" ("code_hash" bytea NOT NULL, "survey_id" uuid NOT NULL, "batch_id" uuid NOT NULL, "used" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_5d7e99ad511e0c7aa488b00a995" PRIMARY KEY ("code_hash"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_1ea6b0f9601c1d3d0f8e8c55b7" ON "outreach_code"  ("survey_id", "used") `);
    await queryRunner.query(`ALTER TABLE "survey" ADD "requires_outreach_code" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "survey" ADD "responses_deleted_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "outreach_batch" ADD CONSTRAINT "FK_61639d6888ce1945d149b97c5d6" FOREIGN KEY ("survey_id") REFERENCES "survey"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "outreach_code" ADD CONSTRAINT "FK_207eec0c7bc9f637ec07bba74c2" FOREIGN KEY ("survey_id") REFERENCES "survey"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "outreach_code" ADD CONSTRAINT "FK_3dae700ba5f9079ea4564d59f7a" FOREIGN KEY ("batch_id") REFERENCES "outreach_batch"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outreach_code" DROP CONSTRAINT "FK_3dae700ba5f9079ea4564d59f7a"`);
    await queryRunner.query(`ALTER TABLE "outreach_code" DROP CONSTRAINT "FK_207eec0c7bc9f637ec07bba74c2"`);
    await queryRunner.query(`ALTER TABLE "outreach_batch" DROP CONSTRAINT "FK_61639d6888ce1945d149b97c5d6"`);
    await queryRunner.query(`ALTER TABLE "survey" DROP COLUMN "responses_deleted_at"`);
    await queryRunner.query(`ALTER TABLE "survey" DROP COLUMN "requires_outreach_code"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1ea6b0f9601c1d3d0f8e8c55b7"`);
    await queryRunner.query(`DROP TABLE "outreach_code"`);
    await queryRunner.query(`DROP TABLE "outreach_batch"`);
  }
}
