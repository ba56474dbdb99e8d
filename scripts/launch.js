#!/usr/bin/env node
// `npm start`: builds what changed and runs Candor. With DATABASE_URL it uses that
// PostgreSQL server; without it, it starts the embedded PostgreSQL in a local data folder
// (kept between runs) while the build runs — on a fresh clone initdb and the build overlap.
// This process owns both PostgreSQL and the API: Ctrl-C or SIGTERM stops the API, then
// PostgreSQL, and if the API dies PostgreSQL is stopped too.
'use strict';

const { fork } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { buildIfChanged } = require('./build-if-changed');
const { defaultDataDir } = require('./lib/data-dir');
const { startEmbeddedPostgres, EmbeddedPostgresError } = require('./lib/embedded-postgres');

const root = path.resolve(__dirname, '..');
const startedAt = process.hrtime.bigint();
const say = (line) => console.log(`[candor] ${line}`);

/**
 * Secrets that must survive restarts (outreach codes are hashed with one; challenges
 * signed with the other stay valid across a restart): kept in .candor/secrets.json,
 * readable by this user only, created on first start. Variables set in the environment win.
 */
function ensureSecrets(env) {
  const file = path.join(root, '.candor', 'secrets.json');
  let secrets = {};
  if (fs.existsSync(file)) secrets = JSON.parse(fs.readFileSync(file, 'utf8'));
  let changed = false;
  for (const name of ['OUTREACH_CODE_SECRET', 'POW_SECRET']) {
    if (!secrets[name]) {
      secrets[name] = randomBytes(32).toString('hex');
      changed = true;
    }
    if (!env[name]) env[name] = secrets[name];
  }
  if (changed) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
}

function loadDotEnv() {
  const file = path.join(root, '.env');
  if (fs.existsSync(file)) process.loadEnvFile(file);
}

async function main() {
  loadDotEnv();
  const apiMain = path.join(root, 'dist', 'api', 'main.js');
  let database = null;
  /** The build, when it runs beside the embedded PostgreSQL's start. */
  let built = null;
  const env = { ...process.env };
  ensureSecrets(env);
  if (!env.DATABASE_URL) {
    const dataDir = env.CANDOR_DATA_DIR || defaultDataDir(root, say);
    const port = Number.parseInt(env.CANDOR_PG_PORT || '54329', 10);
    say(`starting the embedded PostgreSQL (data in ${dataDir}, port ${port})`);
    // PostgreSQL starts in its own processes while this one checks and builds.
    const starting = startEmbeddedPostgres({ dataDir, port, log: (line) => say(`postgres: ${line}`) });
    built = buildIfChanged().catch((error) => {
      say(error.message);
      return 1;
    });
    try {
      database = await starting;
    } catch (error) {
      // Said at once, then the build is let finish (nothing is left running).
      say(error instanceof Error ? error.message : String(error));
      await built;
      process.exit(1);
    }
    // Migrations run as the owner; the API as a role that cannot rewrite history (README, "Database roles").
    env.DATABASE_MIGRATION_URL = database.url;
    env.DATABASE_URL = database.apiUrl;
  } else {
    say('using the PostgreSQL server at DATABASE_URL');
  }
  const buildStatus = await (built ?? buildIfChanged().catch(() => 1));
  if (buildStatus !== 0 || !fs.existsSync(apiMain)) {
    if (database) await database.stop().catch(() => undefined);
    throw new Error(
      buildStatus !== 0 ? `The build failed (exit code ${buildStatus}): see above.` : 'The API is not built. Run "npm run build".',
    );
  }

  const api = fork(apiMain, [], { env, stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
  let stopping = false;

  const stopDatabase = async () => {
    if (database) {
      await database.stop().catch((error) => say(`could not stop PostgreSQL cleanly: ${error.message}`));
      database = null;
    }
  };

  api.on('message', (message) => {
    if (message && message.type === 'ready') {
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      say(`Candor is ready at ${message.address} (started in ${seconds.toFixed(1)} s). Press Ctrl-C to stop.`);
    }
  });

  api.on('exit', async (code, signal) => {
    await stopDatabase();
    if (!stopping) say(`the API stopped unexpectedly (${signal || `exit code ${code}`})`);
    process.exit(stopping ? 0 : code || 1);
  });

  const shutdown = (signal) => {
    if (stopping) return;
    stopping = true;
    say(`${signal} received: stopping`);
    api.kill('SIGTERM');
    setTimeout(() => api.kill('SIGKILL'), 10000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGHUP', () => shutdown('SIGHUP'));
}

main().catch((error) => {
  const message = error instanceof EmbeddedPostgresError || error instanceof Error ? error.message : String(error);
  console.error(`[candor] ${message}`);
  process.exit(1);
});
