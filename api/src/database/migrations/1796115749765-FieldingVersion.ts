import type { MigrationInterface, QueryRunner } from 'typeorm';

/** D1: the version that opened fielding fixes the catalogue that is counted and published. */
export class FieldingVersion1796115749765 implements MigrationInterface {
  name = 'FieldingVersion1796115749765';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "survey" ADD "fielding_version" integer`);
    // Surveys already fielded: the latest version saved before fielding opened (else the first).
    await queryRunner.query(`UPDATE "survey" s SET "fielding_version" = COALESCE(
        (SELECT max(v."number") FROM "survey_version" v WHERE v."survey_id" = s."id" AND v."created_at" <= s."opened_at"),
        (SELECT min(v."number") FROM "survey_version" v WHERE v."survey_id" = s."id"))
      WHERE s."opened_at" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "survey" DROP COLUMN "fielding_version"`);
  }
}
