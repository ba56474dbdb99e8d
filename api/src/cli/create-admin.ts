/**
 * Creates a staff account from the command line — the way to make the first admin.
 *
 *   npm run admin:create -- --email ana@swop.example --name "Ana" [--role admin]
 *
 * The password is read from the CANDOR_ADMIN_PASSWORD variable, or typed at a hidden
 * prompt, or read from the first line of standard input when it is not a terminal.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createInterface } from 'node:readline';
import { PASSWORD_RULES, STAFF_ROLES, type StaffRole } from '@candor/shared';
import { AppModule } from '../app.module';
import { ConfigError, loadConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { StaffUsersService } from '../staff/staff-users.service';

interface Options {
  email: string;
  name: string;
  role: StaffRole;
}

function parseArgs(argv: readonly string[]): Options {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const email = value('--email');
  const name = value('--name') ?? email?.split('@')[0];
  const role = (value('--role') ?? 'admin') as StaffRole;
  if (!email || !name) throw new Error('usage: npm run admin:create -- --email <email> --name <name> [--role admin|researcher|organizer]');
  if (!STAFF_ROLES.includes(role)) throw new Error(`--role must be one of ${STAFF_ROLES.join(', ')}`);
  return { email, name, role };
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env['CANDOR_ADMIN_PASSWORD'];
  if (fromEnv) return fromEnv;
  const input = process.stdin;
  if (!input.isTTY) {
    const lines = createInterface({ input });
    for await (const line of lines) return line;
    return '';
  }
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input, output: process.stdout, terminal: true });
      const mute = rl as unknown as { _writeToOutput: (text: string) => void };
      process.stdout.write(prompt);
      mute._writeToOutput = () => undefined;
      rl.question('', (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolve(answer);
      });
    });
  const first = await ask(`Password (at least ${PASSWORD_RULES.minLength} characters): `);
  const second = await ask('Repeat the password: ');
  if (first !== second) throw new Error('The passwords differ.');
  return first;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const password = await readPassword();
  if (password.length < PASSWORD_RULES.minLength || password.length > PASSWORD_RULES.maxLength) {
    throw new Error(`The password must be ${PASSWORD_RULES.minLength} to ${PASSWORD_RULES.maxLength} characters.`);
  }
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', SEED_DEMO_SURVEY: process.env['SEED_DEMO_SURVEY'] ?? 'true' });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const user = await app
      .get(StaffUsersService)
      .create({ email: options.email, displayName: options.name, role: options.role, password }, null);
    console.log(`Created ${user.role} ${user.email}. Sign in at /staff.`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DomainError || error instanceof Error) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
