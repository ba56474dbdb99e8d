import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { buildDataSourceOptions, runMigrationsWithLock } from '@candor/api-testing';
import { ctidNumber, spearman } from '../support/rank-correlation';

describe('migrations', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource(buildDataSourceOptions({ url: database.url, poolSize: 4 }));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('build the schema the entities describe (no drift)', async () => {
    await runMigrationsWithLock(dataSource);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('run once even when several instances start together', async () => {
    const applied = await Promise.all([runMigrationsWithLock(dataSource), runMigrationsWithLock(dataSource)]);
    expect(applied).toEqual([[], []]);
  });

  it('revert completely and apply again', async () => {
    for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migration'`,
    );
    expect(tables).toEqual([]);
    await runMigrationsWithLock(dataSource);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries).toEqual([]);
  });

  it('refuse to change a survey version that has responses', async () => {
    await dataSource.query(`INSERT INTO survey (id, slug, title) VALUES ('00000000-0000-4000-8000-000000000001', 'frozen', 'Frozen')`);
    await dataSource.query(
      `INSERT INTO survey_version (id, survey_id, number, definition, definition_hash)
       VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 1, '{"elements":[]}', repeat('0', 64))`,
    );
    await dataSource.query(`UPDATE survey_version SET definition = '{"elements":[{"type":"comment","name":"a"}]}'`);
    await dataSource.query(
      `INSERT INTO response (id, survey_version_id, period, answers) VALUES ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', '2026-01-01', '{}')`,
    );
    await expect(dataSource.query(`UPDATE survey_version SET definition = '{"elements":[]}'`)).rejects.toThrow(/has responses/);
  });

  it('refuse to change a survey version whose responses still wait in the intake', async () => {
    await dataSource.query(`INSERT INTO survey (id, slug, title) VALUES ('00000000-0000-4000-8000-000000000011', 'pending', 'Pending')`);
    await dataSource.query(
      `INSERT INTO survey_version (id, survey_id, number, definition, definition_hash)
       VALUES ('00000000-0000-4000-8000-000000000012', '00000000-0000-4000-8000-000000000011', 1, '{"elements":[]}', repeat('0', 64))`,
    );
    await dataSource.query(
      `INSERT INTO response_intake (id, survey_version_id, period, answers) VALUES ('00000000-0000-4000-8000-000000000013', '00000000-0000-4000-8000-000000000012', '2026-01-01', '{}')`,
    );
    await expect(
      dataSource.query(
        `UPDATE survey_version SET definition = '{"elements":[{"type":"comment","name":"a"}]}' WHERE id = '00000000-0000-4000-8000-000000000012'`,
      ),
    ).rejects.toThrow(/has responses/);
  });

  it('rewrite the responses stored before the intake mixer in random order (issue 9)', async () => {
    // Back to before the intake mixer: responses then were written one transaction each, in arrival order.
    while ((await dataSource.query(`SELECT 1 FROM migration WHERE name LIKE 'IntakeMixing%'`)).length > 0)
      await dataSource.undoLastMigration({ transaction: 'each' });
    await dataSource.query('DELETE FROM response');
    for (let i = 0; i < 300; i++) {
      await dataSource.query(
        `INSERT INTO response (id, survey_version_id, period, answers) VALUES (gen_random_uuid(), '00000000-0000-4000-8000-000000000002', '2026-01-01', $1)`,
        [JSON.stringify({ order: i })],
      );
    }
    await runMigrationsWithLock(dataSource);
    const rows: Array<{ order: string; tx: string; ctid: string }> = await dataSource.query(
      `SELECT answers->>'order' AS order, xmin::text AS tx, ctid::text AS ctid FROM response`,
    );
    expect(rows).toHaveLength(300);
    const order = rows.map((row) => Number(row.order));
    expect(new Set(rows.map((row) => row.tx)).size).toBe(1);
    expect(
      Math.abs(
        spearman(
          order,
          rows.map((row) => ctidNumber(row.ctid)),
        ),
      ),
    ).toBeLessThan(0.2);
  });

  it('make admins the only default preparers of outreach devices, keeping a policy an admin chose (issue 18)', async () => {
    await runMigrationsWithLock(dataSource);
    const policy = async () => (await dataSource.query('SELECT allowed_roles FROM outreach_device_policy WHERE id = 1'))[0]?.allowed_roles;
    const undoAdminsOnly = async () => {
      while ((await dataSource.query(`SELECT 1 FROM migration WHERE name LIKE 'OutreachDevicesAdminsOnly%'`)).length > 0)
        await dataSource.undoLastMigration({ transaction: 'each' });
    };
    expect(await policy()).toEqual([]);
    // An installation where nobody chose: the old default (researchers and organizers) becomes admins only.
    await undoAdminsOnly();
    expect(await policy()).toEqual(['researcher', 'organizer']);
    await runMigrationsWithLock(dataSource);
    expect(await policy()).toEqual([]);
    // An admin chose, even exactly the old default's roles: kept as chosen.
    await undoAdminsOnly();
    await dataSource.query(`UPDATE outreach_device_policy SET allowed_roles = ARRAY['organizer', 'researcher'] WHERE id = 1`);
    await dataSource.query(
      `INSERT INTO audit_event (id, action, target_type, details, occurred_at) VALUES (gen_random_uuid(), 'outreach.device.policy', 'instance', '{"allowedRoles":["organizer","researcher"]}', now())`,
    );
    await runMigrationsWithLock(dataSource);
    expect(await policy()).toEqual(['organizer', 'researcher']);
  });
});
