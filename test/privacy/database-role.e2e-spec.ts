import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 9 point 9: the role the API connects as can insert and read, but cannot rewrite
 * history — no disabling triggers, no TRUNCATE, no ALTER of the snapshot, ledger and audit
 * tables. Migrations run as the owner; tests run the API as the limited role throughout.
 */
describe('the database role the API uses', () => {
  let testApp: TestApp;
  let api: DataSource;

  beforeAll(async () => {
    testApp = await startTestApp();
    api = testApp.app.get(DataSource);
  });
  afterAll(() => testApp.close());

  /** Runs one statement as the API's role, in a transaction that is always rolled back. */
  async function asApi(sql: string): Promise<string> {
    const runner = api.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(sql);
      return 'allowed';
    } catch (error) {
      return (error as Error).message;
    } finally {
      await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }

  it('is not a superuser and owns no table', async () => {
    const rows = await api.query(
      `SELECT rolsuper, (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owned FROM pg_roles WHERE rolname = current_user`,
    );
    expect(rows[0]).toEqual({ rolsuper: false, owned: 0 });
  });

  it.each(['publication', 'release_ledger_entry', 'audit_event'])(
    'cannot disable the triggers of, truncate, alter or drop %s',
    async (table) => {
      expect(await asApi(`ALTER TABLE ${table} DISABLE TRIGGER ALL`)).toMatch(/must be (the )?owner/);
      expect(await asApi(`TRUNCATE ${table} CASCADE`)).toMatch(/permission denied/);
      expect(await asApi(`ALTER TABLE ${table} ADD COLUMN x int`)).toMatch(/must be (the )?owner/);
      expect(await asApi(`DROP TABLE ${table} CASCADE`)).toMatch(/must be (the )?owner/);
    },
  );

  it('cannot delete ledger or audit rows or change a published snapshot', async () => {
    expect(await asApi('DELETE FROM release_ledger_entry')).toMatch(/permission denied/);
    expect(await asApi('DELETE FROM audit_event')).toMatch(/permission denied/);
    expect(await asApi('UPDATE audit_event SET action = action')).toMatch(/permission denied/);
    expect(await asApi('DELETE FROM custom_table_view')).toMatch(/permission denied/);
    expect(await asApi('UPDATE custom_table_view SET number = number')).toMatch(/permission denied/);
    expect(await asApi('SET session_replication_role = replica')).toMatch(/permission denied/);
  });

  it('can still do its work: store, mix (truncating only the intake tables), count', async () => {
    expect(await asApi('TRUNCATE response_intake, submission_receipt, outreach_spend')).toBe('allowed');
    expect(await asApi('TRUNCATE response')).toMatch(/permission denied/);
    expect(await asApi('SELECT count(*) FROM stored_response')).toBe('allowed');
  });
});
