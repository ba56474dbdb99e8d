#!/usr/bin/env node
// Migration commands on the same DataSource options as the app:
//   npm run migration:run | migration:revert       on DATABASE_URL (or the embedded dev database)
//   npm run migration:generate -- <Name>           diff entities against a scratch database migrated to the latest
//   npm run migration:check                        fail if entities and migrations differ
'use strict';

const { spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const path = require('node:path');
const { Client } = require('pg');
const { startEmbeddedPostgres, temporaryDataDir } = require('./lib/embedded-postgres');

const root = path.resolve(__dirname, '..');
const [command, name] = process.argv.slice(2);

function cli(args, databaseUrl) {
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', path.join(root, 'api/src/database/migrate-cli.ts'), ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: databaseUrl, SWC_NODE_PROJECT: path.join(root, 'tsconfig.base.json'), LOG_LEVEL: 'warn' },
  });
  return result.status ?? 1;
}

async function withScratchDatabase(run) {
  let embedded = null;
  let server = process.env.DATABASE_URL;
  if (!server) {
    embedded = await startEmbeddedPostgres({ dataDir: temporaryDataDir('candor-migrate-'), persistent: false });
    server = embedded.serverUrl;
  }
  const scratch = `candor_scratch_${randomBytes(4).toString('hex')}`;
  const admin = new URL(server);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE ${scratch}`);
  try {
    const url = new URL(server);
    url.pathname = `/${scratch}`;
    return await run(url.toString());
  } finally {
    await client.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await client.end();
    if (embedded) await embedded.stop();
  }
}

async function main() {
  switch (command) {
    case 'run':
    case 'revert': {
      const url = process.env.DATABASE_URL;
      if (!url) throw new Error('Set DATABASE_URL (npm start migrates the embedded database by itself).');
      return cli([command], url);
    }
    case 'check':
      return withScratchDatabase((url) => cli(['run'], url) || cli(['check'], url));
    case 'generate':
      if (!name) throw new Error('usage: npm run migration:generate -- <PascalCaseName>');
      return withScratchDatabase((url) => cli(['run'], url) || cli(['generate', name], url));
    default:
      throw new Error('usage: scripts/migrate.js <run|revert|generate <Name>|check>');
  }
}

main()
  .then((status) => process.exit(status))
  .catch((error) => {
    console.error(error.message ?? error);
    process.exit(1);
  });
