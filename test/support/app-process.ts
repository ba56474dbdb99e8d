import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createMigratedTestDatabase, type TestDatabase } from './database';

export const WORKSPACE = resolve(__dirname, '..', '..');

export interface RunningApp {
  readonly baseUrl: string;
  readonly database: TestDatabase;
  readonly output: string[];
  /** The API's process id (to read its memory). */
  readonly pid: number;
  readonly port: number;
  /** Stops the API (SIGTERM) and drops the database if this call created it. */
  stop(): Promise<void>;
  /** Kills the API at once (SIGKILL), as a crash would; the database stays. */
  kill(): Promise<void>;
}

export interface BuiltAppOptions {
  /** Run on this database (another instance's) instead of a fresh one; it is not dropped. */
  readonly database?: TestDatabase;
  /** Listen on this port (to restart an instance where a load balancer expects it). */
  readonly port?: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts the built API (which serves the built web app) on a fresh database. */
export async function startBuiltApp(env: Record<string, string> = {}, options: BuiltAppOptions = {}): Promise<RunningApp> {
  const main = join(WORKSPACE, 'dist', 'api', 'main.js');
  if (!existsSync(main) || !existsSync(join(WORKSPACE, 'dist', 'web', 'index.html'))) {
    throw new Error('The app is not built: run "npx nx run-many -t build" (npm test does it first).');
  }
  const database = options.database ?? (await createMigratedTestDatabase());
  const port = options.port ?? (await freePort());
  const output: string[] = [];
  const child: ChildProcess = fork(main, [], {
    env: {
      ...process.env,
      DATABASE_URL: database.apiUrl,
      DATABASE_MIGRATION_URL: database.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  await new Promise<void>((ready, failed) => {
    const timer = setTimeout(() => failed(new Error(`the app did not start in 120 s:\n${output.join('')}`)), 120000);
    child.on('message', (message: { type?: string }) => {
      if (message?.type === 'ready') {
        clearTimeout(timer);
        ready();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      failed(new Error(`the app exited with ${code}:\n${output.join('')}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    database,
    output,
    pid: child.pid as number,
    port,
    async stop() {
      child.removeAllListeners('exit');
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.database) await database.drop();
    },
    async kill() {
      child.removeAllListeners('exit');
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
