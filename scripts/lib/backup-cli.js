// Shared bits of `npm run backup` and `npm run restore`.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { startEmbeddedPostgres, embeddedUrlIfRunning } = require('./embedded-postgres');
const { defaultDataDir } = require('./data-dir');

const root = path.resolve(__dirname, '..', '..');

/** The value after a command-line flag, if given. */
function option(name) {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** Runs `work` with DATABASE_URL, or the embedded database (running, or started for it). */
async function withDatabaseUrl(work) {
  const file = path.join(root, '.env');
  if (fs.existsSync(file)) process.loadEnvFile(file);
  if (process.env.DATABASE_URL) return work(process.env.DATABASE_URL);
  const dataDir = process.env.CANDOR_DATA_DIR || defaultDataDir(root);
  const port = Number.parseInt(process.env.CANDOR_PG_PORT || '54329', 10);
  const running = embeddedUrlIfRunning(dataDir, port);
  if (running) return work(running);
  const started = await startEmbeddedPostgres({ dataDir, port });
  try {
    return await work(started.url);
  } finally {
    await started.stop();
  }
}

module.exports = { option, withDatabaseUrl };
