import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13 point 5: the names researchers give a survey's languages, and, per language, the
 * fingerprint of the source text each translation was made from ("source changed since
 * translated"). Both describe the survey, never a respondent.
 */
export class SurveyLanguagesAndTranslationSources1796127534288 implements MigrationInterface {
  name = 'SurveyLanguagesAndTranslationSources1796127534288';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "survey" ADD "language_names" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "survey" ADD "translation_sources" jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "survey" DROP COLUMN "translation_sources"`);
    await queryRunner.query(`ALTER TABLE "survey" DROP COLUMN "language_names"`);
  }
}
