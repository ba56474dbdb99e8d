#!/usr/bin/env node
// `npm run restore -- --in <file> --identity <file holding AGE-SECRET-KEY-1…>`
//   restores a backup into an EMPTY database (DATABASE_URL): runs this build's migrations,
//   then loads every row in one transaction. Use the Candor version that made the backup.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { restore } = require('./lib/backup');
const { option } = require('./lib/backup-cli');

const root = path.resolve(__dirname, '..');

async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('Set DATABASE_URL to the new, empty database to restore into.');
  const inFile = option('--in');
  const identityFile = option('--identity');
  if (!inFile || !identityFile) throw new Error('usage: npm run restore -- --in <backup file> --identity <file with the secret key>');
  const identity = fs
    .readFileSync(identityFile, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line.startsWith('AGE-SECRET-KEY-'));
  if (!identity) throw new Error(`${identityFile} holds no age secret key (AGE-SECRET-KEY-1…)`);
  // The built migrations (as in the container image), or the sources in a checkout.
  const built = path.join(root, 'dist/api/database/migrate-cli.js');
  const command = fs.existsSync(built)
    ? [built, 'run']
    : ['-r', '@swc-node/register', path.join(root, 'api/src/database/migrate-cli.ts'), 'run'];
  const migrate = async () => {
    const result = spawnSync(process.execPath, command, {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DATABASE_URL: databaseUrl, SWC_NODE_PROJECT: path.join(root, 'tsconfig.base.json'), LOG_LEVEL: 'warn' },
    });
    if (result.status !== 0) throw new Error('the migrations failed on the target database');
  };
  const counts = await restore({ databaseUrl, identity, inFile: path.resolve(inFile), migrate });
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`Restored ${total} rows in ${Object.keys(counts).length} tables.`);
}

main().catch((error) => {
  console.error(`restore failed: ${error.message || error}`);
  process.exit(1);
});
