import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  readonly name: string;
  /** The owner's connection (migrations, and tests checking what was stored). */
  readonly url: string;
  /** The API's connection: a login role in candor_api, which cannot rewrite history. */
  readonly apiUrl: string;
  drop(): Promise<void>;
}

/** The server to create test databases on: DATABASE_URL (set by CI, or by the global setup). */
export function serverUrl(): string {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is not set: run the tests through jest (its global setup provides one).');
  return url;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(serverUrl(), 'postgres') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const API_LOGIN = 'candor_test_api';

/**
 * The roles the API runs as, as \`npm start\` sets them up: \`candor_api\` (its privileges come
 * from the migrations) and a login role in it. Roles are server-wide: created once, and
 * parallel test files may race to create them.
 */
async function ensureApiLogin(client: Client): Promise<void> {
  await client.query(`DO $$
    BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'candor_api') THEN CREATE ROLE candor_api NOLOGIN; END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
  await client.query(`DO $$
    BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${API_LOGIN}') THEN
        CREATE ROLE ${API_LOGIN} LOGIN PASSWORD '${API_LOGIN}' IN ROLE candor_api;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
}

/**
 * The run's migrated template (test/support/template-database.js), when it lives on the
 * server tests create databases on now: a test may point DATABASE_URL at a server of its own.
 */
function migratedTemplate(): string | undefined {
  const url = process.env['CANDOR_TEST_TEMPLATE_URL'];
  if (!url || withDatabase(url, 'postgres') !== withDatabase(serverUrl(), 'postgres')) return undefined;
  return new URL(url).pathname.slice(1);
}

/** A new, empty database for one test file; `drop()` removes it even if connections remain. */
export function createTestDatabase(): Promise<TestDatabase> {
  return createDatabase(undefined);
}

/**
 * A new database with every migration applied, for a test file's app: a copy of the run's
 * template, or an empty one (the app migrates it at boot) when there is none.
 */
export function createMigratedTestDatabase(): Promise<TestDatabase> {
  return createDatabase(migratedTemplate());
}

async function createDatabase(template: string | undefined): Promise<TestDatabase> {
  const name = `candor_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(async (client) => {
    await client.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
    await ensureApiLogin(client);
  });
  const apiUrl = new URL(withDatabase(serverUrl(), name));
  apiUrl.username = API_LOGIN;
  apiUrl.password = API_LOGIN;
  return {
    name,
    url: withDatabase(serverUrl(), name),
    apiUrl: apiUrl.toString(),
    drop: () =>
      admin(async (client) => {
        // Give closing pools a moment to disconnect, then force whatever is left.
        for (let attempt = 0; attempt < 50; attempt++) {
          const left = await client.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
          if (left.rows[0].n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}
