import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: each custom table view keeps how many responses it counted, so the audits can
 * model the day it was shown (a copy of the cells as they were then, with that total) instead
 * of reading its numbers as today's. The total is never shown; releases and previews already
 * keep theirs ('N' in their ledgers). Views recorded before this migration have none: the
 * audits read them as before (cells that changed since bound today's counts from below).
 */
export class CustomViewTotals1796170000000 implements MigrationInterface {
  name = 'CustomViewTotals1796170000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "custom_table_view" ADD "responses" integer`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "custom_table_view" DROP COLUMN "responses"`);
  }
}
