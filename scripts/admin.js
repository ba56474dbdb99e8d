#!/usr/bin/env node
// `npm run admin:create -- --email <email> --name <name> [--role admin]`
// Runs the API's create-admin command against DATABASE_URL, or against the embedded
// PostgreSQL: the running one (while `npm start` runs) or one started just for this.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { startEmbeddedPostgres, embeddedUrlIfRunning } = require('./lib/embedded-postgres');
const { defaultDataDir } = require('./lib/data-dir');

const root = path.resolve(__dirname, '..');

async function main() {
  const file = path.join(root, '.env');
  if (fs.existsSync(file)) process.loadEnvFile(file);
  const cli = path.join(root, 'dist', 'api', 'cli', 'create-admin.js');
  if (!fs.existsSync(cli)) throw new Error('Build first: npm run build');

  const env = { ...process.env };
  let started = null;
  if (!env.DATABASE_URL) {
    const dataDir = env.CANDOR_DATA_DIR || defaultDataDir(root);
    const port = Number.parseInt(env.CANDOR_PG_PORT || '54329', 10);
    env.DATABASE_URL = embeddedUrlIfRunning(dataDir, port);
    if (!env.DATABASE_URL) {
      started = await startEmbeddedPostgres({ dataDir, port });
      env.DATABASE_URL = started.url;
    }
  }
  try {
    const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { env, stdio: 'inherit' });
    process.exitCode = result.status ?? 1;
  } finally {
    if (started) await started.stop();
  }
}

main().catch((error) => {
  console.error(error.message || error);
  process.exit(1);
});
