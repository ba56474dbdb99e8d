import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { AppConfig } from './app-config';

/**
 * The configuration is declared once (AppConfig) and described twice, in `.env.example` and
 * in the README's table (README, Architecture): all three name the same variables, and where the
 * class has a default the table states it.
 */
const ROOT = join(__dirname, '..', '..', '..');

/** Read by the start and backup scripts, not by the API: in the docs, not in the class. */
const SCRIPT_VARIABLES: Readonly<Record<string, string>> = {
  CANDOR_DATA_DIR: 'scripts/lib',
  CANDOR_PG_PORT: 'scripts/lib',
  CANDOR_BACKUP_RECIPIENT: 'scripts/backup.js',
};

function classVariables(): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(AppConfig, '', false, false);
  return [...new Set(metadata.map((meta) => meta.propertyName))].sort();
}

function envExampleVariables(): string[] {
  const text = readFileSync(join(ROOT, '.env.example'), 'utf8');
  return [...new Set([...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1] ?? ''))].sort();
}

/** `| \`NAME\` | default | meaning |` rows of the table under "## Configuration". */
function readmeTable(): Map<string, string> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Configuration\n');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const rows = new Map<string, string>();
  for (const match of section.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \| ([^|]*) \|/gm)) rows.set(match[1] ?? '', (match[2] ?? '').trim());
  return rows;
}

function scriptsMention(path: string, name: string): boolean {
  const full = join(ROOT, path);
  const files = path.endsWith('.js') ? [full] : readdirSync(full).map((file) => join(full, file));
  return files.some((file) => readFileSync(file, 'utf8').includes(name));
}

describe('configuration documentation', () => {
  const documented = [...classVariables(), ...Object.keys(SCRIPT_VARIABLES)].sort();

  it('finds the variables it compares', () => {
    expect(classVariables()).toEqual(expect.arrayContaining(['DATABASE_URL', 'PORT', 'POW_SECRET', 'REDIS_URL']));
    expect(readmeTable().size).toBeGreaterThan(20);
  });

  it('.env.example names every variable, and only those', () => {
    expect(envExampleVariables()).toEqual(documented);
  });

  it("the README's configuration table names every variable, and only those", () => {
    expect([...readmeTable().keys()].sort()).toEqual(documented);
  });

  it('the variables only scripts read are read by those scripts', () => {
    for (const [name, path] of Object.entries(SCRIPT_VARIABLES))
      expect({ name, read: scriptsMention(path, name) }).toEqual({ name, read: true });
  });

  it("the README's defaults are the class's defaults", () => {
    const defaults = new AppConfig() as unknown as Record<string, unknown>;
    const table = readmeTable();
    const wrong = classVariables()
      .filter((name) => defaults[name] !== undefined)
      .filter((name) => table.get(name) !== `\`${String(defaults[name])}\``)
      .map((name) => `${name}: class ${String(defaults[name])}, README ${table.get(name)}`);
    expect(wrong).toEqual([]);
  });
});
