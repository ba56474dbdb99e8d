import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: free text readable only by the research team. The survey keeps the research
 * team's X25519 public key (base64url); the secret key never reaches the server.
 */
export class ResearchKey1796127600000 implements MigrationInterface {
  name = 'ResearchKey1796127600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "survey" ADD "research_public_key" character varying(64)`);
    await queryRunner.query(
      `ALTER TABLE "survey" ADD CONSTRAINT "survey_research_public_key_check" CHECK ("research_public_key" IS NULL OR "research_public_key" ~ '^[A-Za-z0-9_-]{43}$')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "survey" DROP CONSTRAINT "survey_research_public_key_check"`);
    await queryRunner.query(`ALTER TABLE "survey" DROP COLUMN "research_public_key"`);
  }
}
