// Jest global setup: without DATABASE_URL, start one embedded PostgreSQL for the run.
// Its address goes into DATABASE_URL, which the test workers inherit.
const { startEmbeddedPostgres, temporaryDataDir } = require('../../scripts/lib/embedded-postgres');

module.exports = async function globalSetup() {
  process.env.TZ = 'UTC';
  if (process.env.DATABASE_URL) return;
  const dataDir = temporaryDataDir('candor-test-pg-');
  const database = await startEmbeddedPostgres({ dataDir, persistent: false, log: (line) => console.log(`[embedded-postgres] ${line}`) });
  process.env.DATABASE_URL = database.serverUrl;
  globalThis.__CANDOR_EMBEDDED_PG__ = { database, dataDir };
};
