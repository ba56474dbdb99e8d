// The migrated schema, built once per jest run (global setup) as a template database:
// each test file's database is then a copy (`CREATE DATABASE … TEMPLATE`) instead of an
// empty database every migration runs on again. The apps still run their migrations at
// boot, which find nothing left to apply. Plain JS: jest loads global setups untransformed.
'use strict';

const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const path = require('node:path');
const { Client } = require('pg');

const root = path.resolve(__dirname, '..', '..');
/** Where the workers find the template: its full URL (test/support/database.ts reads it). */
const TEMPLATE_ENV = 'CANDOR_TEST_TEMPLATE_URL';

function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer(serverUrl, statements) {
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** `npm run migration:run`'s path: the migration CLI through swc, in its own process. */
function migrate(databaseUrl) {
  return new Promise((resolve, reject) => {
    const output = [];
    const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(root, 'api/src/database/migrate-cli.ts'), 'run'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, SWC_NODE_PROJECT: path.join(root, 'tsconfig.base.json'), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`migrating the template database failed (exit ${code}):\n${Buffer.concat(output).toString()}`));
    });
  });
}

/**
 * Creates and migrates `candor_template_<pid>_<random>` on DATABASE_URL's server and
 * publishes it in CANDOR_TEST_TEMPLATE_URL. Connections to it are then refused: a copy
 * cannot be made while anyone is connected to the template.
 */
async function createTemplateDatabase(serverUrl) {
  const name = `candor_template_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, [`CREATE DATABASE ${name}`]);
  try {
    await migrate(withDatabase(serverUrl, name));
    await onServer(serverUrl, [`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`]);
  } catch (error) {
    await onServer(serverUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
    throw error;
  }
  process.env[TEMPLATE_ENV] = withDatabase(serverUrl, name);
}

/** Drops the run's template (global teardown). */
async function dropTemplateDatabase() {
  const url = process.env[TEMPLATE_ENV];
  if (!url) return;
  delete process.env[TEMPLATE_ENV];
  const name = new URL(url).pathname.slice(1);
  await onServer(url, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
}

module.exports = { createTemplateDatabase, dropTemplateDatabase, TEMPLATE_ENV };
