import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { buildDataSourceOptions, runMigrationsWithLock } from '@candor/api-testing';

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
    const tables = await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migration'`);
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
});
