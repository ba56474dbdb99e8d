#!/usr/bin/env node
// Runs a command with DATABASE_URL set: yours when it is set, otherwise a throw-away
// embedded PostgreSQL started for the command and removed after it (benchmarks, load tests).
//   node scripts/with-database.js <command> [args…]
'use strict';

const { spawn } = require('node:child_process');
const { rmSync } = require('node:fs');
const path = require('node:path');
const { startEmbeddedPostgres, temporaryDataDir } = require('./lib/embedded-postgres');

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    console.error('usage: node scripts/with-database.js <command> [args…]');
    process.exit(2);
  }
  const env = { ...process.env };
  let embedded = null;
  let dataDir = null;
  if (!env.DATABASE_URL) {
    dataDir = temporaryDataDir('candor-bench-pg-');
    embedded = await startEmbeddedPostgres({ dataDir, persistent: false });
    env.DATABASE_URL = embedded.serverUrl;
  }
  const child = spawn(command, args, { env, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise((resolve) => child.on('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0))));
  if (embedded) {
    await embedded.stop();
    rmSync(path.dirname(dataDir), { recursive: true, force: true });
  }
  process.exit(code);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
