import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintAll, type LintResult } from '../support/eslint-probe';

/**
 * One owner per table (issue 15 point 1): only repositories run SQL or hold the DataSource.
 * The rule is lint's (eslint.config.mjs); this runs the real ESLint on a probe under several
 * file names, so a loosened selector, a widened ignore or a stale exception shows here.
 */
const ROOT = join(__dirname, '..', '..');

const PROBE = `import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class Probe {
  constructor(private readonly dataSource: DataSource) {}

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
`;

const REFUSED = [
  'api/src/staff/sessions.service.ts',
  'api/src/responses/intake-mixer.ts',
  'api/src/health/health.controller.ts',
  'api/src/publications/publications.service.ts',
  'api/src/publications/republication.service.ts',
  'api/src/publications/custom-tables.service.ts',
];
const ACCEPTED = 'api/src/health/health.repository.ts';

/** The exception list, read from eslint.limits.mjs as text (jest here cannot import ES modules). */
function rawSqlExceptions(): string[] {
  const source = readFileSync(join(ROOT, 'eslint.limits.mjs'), 'utf8');
  const block = source.slice(source.indexOf('export const RAW_SQL_EXCEPTIONS'));
  return [...block.matchAll(/^ {2}'([^']+)':/gm)].map((match) => match[1] as string);
}

describe('who may run SQL in api/src', () => {
  // Every probe in one ESLint process: the type-aware rules build their program once.
  let linted: Record<string, LintResult>;
  beforeAll(() => {
    linted = lintAll(Object.fromEntries([...REFUSED, ACCEPTED].map((filePath) => [filePath, { filePath, text: PROBE }])));
  });
  const lint = (filePath: string): LintResult => {
    const result = linted[filePath];
    if (!result) throw new Error(`no probe was linted as ${filePath}`);
    return result;
  };

  it.each(REFUSED)('refuses .query( and a DataSource in %s', (filePath) => {
    const { status, output } = lint(filePath);
    expect(status).toBe(1);
    expect(output).toContain("SQL belongs in the owning module's *.repository.ts");
    expect(output).toContain('Only repositories hold the DataSource');
  });

  it('accepts them in a repository', () => {
    const { status, output } = lint(ACCEPTED);
    expect(output).not.toContain('no-restricted-syntax');
    expect(status).toBe(0);
  });

  it('lists no exception: the publications module runs its SQL in its repositories too', () => {
    expect(rawSqlExceptions()).toEqual([]);
  });

  it('leaves no service outside the exception list importing DataSource or calling .query(', () => {
    const exceptions = new Set(rawSqlExceptions());
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
        const path = `${dir}/${entry.name}`;
        if (entry.isDirectory()) {
          if (path !== 'api/src/database') walk(path);
        } else if (path.endsWith('.ts') && !path.endsWith('.repository.ts') && !path.endsWith('.spec.ts') && !exceptions.has(path)) {
          const text = readFileSync(join(ROOT, path), 'utf8');
          if (/\.query\(/.test(text) || /import \{[^}]*\bDataSource\b[^}]*\} from 'typeorm'/.test(text)) offenders.push(path);
        }
      }
    };
    walk('api/src');
    expect(offenders).toEqual([]);
  });
});
