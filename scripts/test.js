#!/usr/bin/env node
// `npm test`: every test in the workspace, on a real PostgreSQL.
//  - With DATABASE_URL (CI, or your own server) each test file creates and drops its own
//    database on that server; without it, one embedded PostgreSQL is started for the run.
//  - Unit tests (shared and api in one jest run), web tests (vitest), API end-to-end and privacy tests,
//    then the browser tests on the built app in Chromium.
//  - Browser tests need Chromium (apt-get install -y chromium). Without it they are
//    reported as NOT RUN and the command fails if CANDOR_REQUIRE_BROWSER=1 (as in CI).
'use strict';

const { spawnSync } = require('node:child_process');
const { existsSync, rmSync } = require('node:fs');
const path = require('node:path');
const { startEmbeddedPostgres, temporaryDataDir } = require('./lib/embedded-postgres');

const root = path.resolve(__dirname, '..');
const say = (line) => console.log(`\n[candor test] ${line}`);

function nx(args, env) {
  const result = spawnSync(process.execPath, [require.resolve('nx/bin/nx'), ...args], { cwd: root, env, stdio: 'inherit' });
  return result.status === 0;
}

/** Jest on the workspace (several projects at once: `--projects`). */
function jest(args, env) {
  const result = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), ...args], { cwd: root, env, stdio: 'inherit' });
  return result.status === 0;
}

/** One jest worker per core, at least two. */
function cores() {
  return Math.max(2, require('node:os').availableParallelism());
}

/** True when something accepts a TCP connection there within two seconds. */
function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = require('node:net').connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function main() {
  const env = { ...process.env, TZ: 'UTC', NX_NO_CLOUD: 'true', NX_DAEMON: 'false', FORCE_COLOR: process.env.FORCE_COLOR ?? '0' };
  // In CI, rebuild rather than trust a cache left on the machine.
  const cacheFlags = env.CI ? ['--skip-nx-cache'] : [];
  let embedded = null;
  let dataDir = null;
  if (!env.DATABASE_URL) {
    dataDir = temporaryDataDir('candor-test-pg-');
    say('no DATABASE_URL: starting an embedded PostgreSQL for this run');
    embedded = await startEmbeddedPostgres({ dataDir, persistent: false });
    env.DATABASE_URL = embedded.serverUrl;
  }

  const failures = [];
  // Shared rate limits are tested against a real Redis (127.0.0.1:6379, or CANDOR_TEST_REDIS_URL).
  // Without one they are reported as NOT RUN, unless CANDOR_REQUIRE_REDIS=1 (as in CI).
  const redisUrl = new URL(env.CANDOR_TEST_REDIS_URL || 'redis://127.0.0.1:6379');
  if (!(await reachable(redisUrl.hostname, Number(redisUrl.port || 6379)))) {
    if (env.CANDOR_REQUIRE_REDIS === '1') failures.push(`Redis tests (no Redis at ${redisUrl.host})`);
    else {
      say(`Redis tests NOT RUN: no Redis at ${redisUrl.host} (apt-get install -y redis-server, or set CANDOR_TEST_REDIS_URL)`);
      env.CANDOR_SKIP_REDIS_TESTS = '1';
    }
  }
  try {
    // The shared and api unit tests touch no database, port or file: one jest run takes
    // both projects' files with a worker per core, so the core the api tests leave early
    // takes shared's long audits (measured: 2.6–3.0 min, against 4.1 min for the two projects
    // side by side with a worker each). The web tests run on their own: beside another
    // project, on a loaded machine, some passed vitest's 5 s limit.
    say('unit tests');
    if (!jest(['--projects', 'shared/jest.config.js', 'api/jest.config.js', `--maxWorkers=${cores()}`], env)) failures.push('unit tests');
    say('web tests');
    if (!nx(['run', 'web:test', '--outputStyle=static', ...cacheFlags], env)) failures.push('web tests');
    say('API end-to-end and privacy tests');
    if (!nx(['run', 'test:test', '--outputStyle=static', ...cacheFlags], env)) failures.push('end-to-end tests');

    const chromium = env.CHROMIUM_PATH || '/usr/bin/chromium';
    if (existsSync(chromium)) {
      say(`browser tests in ${chromium}`);
      if (!nx(['run', 'test:test-browser', '--outputStyle=static', ...cacheFlags], env)) failures.push('browser tests');
    } else if (env.CANDOR_REQUIRE_BROWSER === '1') {
      failures.push(`browser tests (no Chromium at ${chromium})`);
    } else {
      say(`browser tests NOT RUN: no Chromium at ${chromium} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
    }
  } finally {
    if (embedded) {
      await embedded.stop();
      rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  }

  if (failures.length > 0) {
    say(`FAILED: ${failures.join(', ')}`);
    process.exit(1);
  }
  say('all tests passed');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
