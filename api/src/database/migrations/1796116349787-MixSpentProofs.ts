import type { MigrationInterface, QueryRunner } from 'typeorm';
import { API_ROLE } from './1796116349786-ApiRole';

/**
 * The intake mixer also rewrites `spent_proof` (issue 16 point 1: no time finer than its
 * expiry): each reservation is its own transaction, so left alone the rows' transaction
 * ids and physical order would give the order and, bracketed by staff rows, the time of
 * every submission. The API's role needs TRUNCATE on it for that.
 */
export class MixSpentProofs1796116349787 implements MigrationInterface {
  name = 'MixSpentProofs1796116349787';

  async up(queryRunner: QueryRunner): Promise<void> {
    const exists: unknown[] = await queryRunner.query(`SELECT 1 FROM pg_roles WHERE rolname = '${API_ROLE}'`);
    if (exists.length === 0) return;
    await queryRunner.query(`GRANT TRUNCATE ON spent_proof TO ${API_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const exists: unknown[] = await queryRunner.query(`SELECT 1 FROM pg_roles WHERE rolname = '${API_ROLE}'`);
    if (exists.length === 0) return;
    await queryRunner.query(`REVOKE TRUNCATE ON spent_proof FROM ${API_ROLE}`);
  }
}
