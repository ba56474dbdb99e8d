import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { WORKSPACE } from './app-process';

/** Runs the built create-admin command, as the README tells a new deployer to. */
export function createAdminWithCli(databaseUrl: string, email: string, password: string, role = 'admin'): string {
  const result = spawnSync(
    process.execPath,
    [join(WORKSPACE, 'dist', 'api', 'cli', 'create-admin.js'), '--email', email, '--name', 'Test Admin', '--role', role],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl, CANDOR_ADMIN_PASSWORD: password },
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`create-admin failed (${result.status}): ${result.stderr}${result.stdout}`);
  return result.stdout;
}
