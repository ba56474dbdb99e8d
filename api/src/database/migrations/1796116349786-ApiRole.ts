import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The privileges of `candor_api`, the group role the API's login role belongs to (issue 9
 * point 9): read and write what the API writes, append-only where the data is history, and
 * TRUNCATE only on the tables the intake mixer rewrites. Not an owner of anything, so it can
 * neither disable triggers nor alter or drop tables. The owner (whoever runs migrations)
 * keeps every right; tables added later get the ordinary DML rights by default and need
 * their own GRANTs only when they must be append-only.
 */
export const API_ROLE = 'candor_api';

export class ApiRole1796116349786 implements MigrationInterface {
  name = 'ApiRole1796116349786';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Creating a role needs CREATEROLE; an owner without it gets a notice, and the README says what to run instead.
    await queryRunner.query(`DO $$
      BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${API_ROLE}') THEN
          CREATE ROLE ${API_ROLE} NOLOGIN;
        END IF;
      EXCEPTION WHEN insufficient_privilege OR duplicate_object OR unique_violation THEN
        RAISE NOTICE 'could not create role ${API_ROLE}: create it as an administrator (see the README)';
      END $$`);
    const exists: unknown[] = await queryRunner.query(`SELECT 1 FROM pg_roles WHERE rolname = '${API_ROLE}'`);
    if (exists.length === 0) return;
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO ${API_ROLE}`);
    // Every table there is (other migrations of this release included), then narrowed where the data is history.
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${API_ROLE}`);
    await queryRunner.query(`REVOKE UPDATE, DELETE ON release_ledger_entry, staff_release, audit_event FROM ${API_ROLE}`);
    // Withdrawal sets withdrawn_at; the publication_immutable trigger refuses every other change.
    await queryRunner.query(`REVOKE DELETE ON publication FROM ${API_ROLE}`);
    await queryRunner.query(`REVOKE INSERT, UPDATE, DELETE ON migration, stored_response FROM ${API_ROLE}`);
    await queryRunner.query(`GRANT TRUNCATE ON response_intake, submission_receipt, outreach_spend TO ${API_ROLE}`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${API_ROLE}`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${API_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const exists: unknown[] = await queryRunner.query(`SELECT 1 FROM pg_roles WHERE rolname = '${API_ROLE}'`);
    if (exists.length === 0) return;
    // The role itself stays: other databases on the server may use it.
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM ${API_ROLE}`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM ${API_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${API_ROLE}`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM ${API_ROLE}`);
  }
}
