import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Pool } from 'pg';
import request from 'supertest';
import { CapturingLogger } from './capturing-logger';
import { createMigratedTestDatabase, type TestDatabase } from './database';
import { AppModule, Clock, configureApp, loadConfig } from '@candor/api-testing';

export interface TestApp {
  readonly app: NestExpressApplication;
  /** supertest against the in-process server. */
  http(): ReturnType<typeof request>;
  /** A direct connection to the test database, to check what was (not) stored. */
  readonly db: Pool;
  readonly database: TestDatabase;
  readonly logs: CapturingLogger;
  /** Sends exact bytes (supertest re-encodes Buffers sent as JSON). */
  raw(method: string, path: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/** A fixed, settable clock for tests that depend on "now". */
export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(date: Date): void {
    this.current = date;
  }
}

export interface TestAppOptions {
  readonly env?: Record<string, string>;
  readonly clock?: Clock;
  /** Run on this existing database (a second instance, or the same one after a restart); it is not dropped on close. */
  readonly database?: TestDatabase;
}

/** Boots the real API (all modules, migrations, pipeline) on a fresh database. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const ownsDatabase = !options.database;
  const database = options.database ?? (await createMigratedTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    // The API connects as the limited role; migrations run as the owner (issue 9 point 9).
    DATABASE_URL: database.apiUrl,
    DATABASE_MIGRATION_URL: database.url,
    DATABASE_POOL_SIZE: '10',
    LOG_LEVEL: 'debug',
    WEB_DIST_DIR: '/nonexistent-candor-web',
    // Every test request comes from one loopback address; tests of the limits set them low.
    LOGIN_RATE_PER_MINUTE: '100000',
    SUBMISSION_RATE_PER_MINUTE: '1000000',
    // Proof of work is tested on its own (protection.e2e-spec); other tests submit plain answers.
    POW_DIFFICULTY: '0',
    OUTREACH_CODE_SECRET: randomBytes(32).toString('hex'),
    MAINTENANCE_INTERVAL_MINUTES: '0',
    // Tests run the intake mixer themselves (support/mixing.ts), at the time they choose.
    MIX_INTERVAL_SECONDS: '0',
    // Audits are slow on a loaded machine: no test depends on the release time limit but the one that sets it.
    RELEASE_TIMEOUT_SECONDS: '3600',
    // Releases on the main thread: a worker thread loading TypeScript through swc's native
    // binding, ended when a test file closes its app, can crash jest. release-worker.e2e-spec
    // and the browser tests (the built app) run the worker.
    RELEASE_WORKERS: '0',
    ...options.env,
  });
  const logs = new CapturingLogger();
  let builder = Test.createTestingModule({ imports: [AppModule.forRoot(config)] });
  if (options.clock) builder = builder.overrideProvider(Clock).useValue(options.clock);
  const moduleRef = await builder.setLogger(logs).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: logs });
  configureApp(app, config);
  await app.init();
  const db = new Pool({ connectionString: database.url, max: 2 });
  // A connection ended by the server while idle must not crash the test run.
  db.on('error', (error) => logs.warn(`test pool: ${error.message}`));
  return {
    app,
    http: () => request(app.getHttpServer()),
    db,
    database,
    logs,
    async raw(method, path, headers, body) {
      const server = app.getHttpServer();
      if (!server.listening) await app.listen(0, '127.0.0.1');
      const { port } = server.address() as import('node:net').AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers, body: new Uint8Array(body) });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await app.close();
      await db.end();
      if (ownsDatabase) await database.drop();
    },
  };
}
