import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's HAProxy (`apt-get install -y haproxy`; `.ci/run` installs it). */
export const HAPROXY = process.env['CANDOR_HAPROXY'] ?? '/usr/sbin/haproxy';

export interface LoadBalancer {
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/**
 * HAProxy on a loopback port, round-robin over API instances on loopback ports (the
 * server-rendered pages by client address, as in deploy/haproxy.cfg), with health
 * checks every 300 ms (an instance that dies is out within two checks, back when it answers).
 * It retries only connections that failed (the request never reached an instance).
 */
export async function startHaproxy(port: number, backends: readonly number[]): Promise<LoadBalancer> {
  if (!existsSync(HAPROXY)) throw new Error(`HAProxy is not installed at ${HAPROXY}: apt-get install -y haproxy (.ci/run does it)`);
  const folder = mkdtempSync(join(tmpdir(), 'candor-haproxy-'));
  const file = join(folder, 'haproxy.cfg');
  writeFileSync(
    file,
    [
      'global',
      '  maxconn 4096',
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 30s',
      '  timeout server 30s',
      // On a loaded machine a health check may take a while: only refused connections or
      // repeated failures take an instance out (a killed one refuses at once).
      '  timeout check 2s',
      '  retries 3',
      '  option redispatch',
      'frontend candor',
      `  bind 127.0.0.1:${port}`,
      // As deploy/haproxy.cfg: the server-rendered pages' one-time GET after a POST must reach
      // the instance that holds it, so /s/ and /f/ are balanced by the client's address.
      '  acl server_rendered path_beg /s/ /f/',
      '  use_backend pages if server_rendered',
      '  default_backend api',
      'backend api',
      '  balance roundrobin',
      '  option httpchk GET /api/health',
      ...backends.map((backend, i) => `  server api${i} 127.0.0.1:${backend} check inter 300ms fall 2 rise 1`),
      'backend pages',
      '  balance source',
      '  hash-type consistent',
      '  option httpchk GET /api/health',
      ...backends.map((backend, i) => `  server page${i} 127.0.0.1:${backend} check inter 300ms fall 2 rise 1`),
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(HAPROXY, ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(folder, { recursive: true, force: true });
  };
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) break;
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { baseUrl, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`HAProxy did not start:\n${output.join('')}`);
}
