// Jest global setup: without DATABASE_URL, start one embedded PostgreSQL for the run.
// Its address goes into DATABASE_URL, which the test workers inherit. Then the migrated
// schema is built once, as the template every test file's database is copied from.
const { startEmbeddedPostgres, temporaryDataDir } = require('../../scripts/lib/embedded-postgres');
const { createTemplateDatabase } = require('./template-database');

module.exports = async function globalSetup() {
  process.env.TZ = 'UTC';
  if (!process.env.DATABASE_URL) {
    const dataDir = temporaryDataDir('candor-test-pg-');
    const database = await startEmbeddedPostgres({ dataDir, persistent: false, log: (line) => console.log(`[embedded-postgres] ${line}`) });
    process.env.DATABASE_URL = database.serverUrl;
    globalThis.__CANDOR_EMBEDDED_PG__ = { database, dataDir };
  }
  await createTemplateDatabase(process.env.DATABASE_URL);
};
