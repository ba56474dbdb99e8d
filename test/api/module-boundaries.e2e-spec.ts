import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * API modules import only what their module offers (issue 15 point 3): its Nest module,
 * services, errors, mappers and DTOs, never its repositories, entities or controllers; and
 * `responses` never imports `outreach`. The rule is lint's (eslint.config.mjs); this runs the
 * real ESLint on a probe under several file names, so a widened zone or a stale exception
 * shows here.
 */
const ROOT = join(__dirname, '..', '..');
const ZONE = 'import-x/no-restricted-paths';

/** Lints `imports` (then uses every imported name) as if it were the file at `filePath` (an existing file: the linting is type-aware). */
function lint(filePath: string, imports: string): { status: number | null; output: string } {
  const probe = `${imports}\n\nexport const probe = [${[...imports.matchAll(/import \{ (\w+) \}/g)].map((m) => m[1]).join(', ')}];\n`;
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'eslint'), ['--stdin', '--stdin-filename', filePath], {
    cwd: ROOT,
    input: probe,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The exception list, read from eslint.limits.mjs as text (jest here cannot import ES modules). */
function boundaryExceptions(): Array<{ file: string; entry: string }> {
  const source = readFileSync(join(ROOT, 'eslint.limits.mjs'), 'utf8');
  const start = source.indexOf('export const MODULE_BOUNDARY_EXCEPTIONS');
  const block = source.slice(start, source.indexOf('\n};', start));
  return [...block.matchAll(/^ {2}'([^']+)': (\{[^}]*\})/gm)].map((match) => ({ file: match[1] as string, entry: match[2] as string }));
}

describe('imports between API modules', () => {
  it.each([
    ['repository', "import { SurveyRepository } from '../surveys/survey.repository';"],
    ['entity', "import { SurveyEntity } from '../surveys/survey.entity';"],
    ['controller', "import { StaffSurveysController } from '../surveys/staff-surveys.controller';"],
  ])("refuses another module's %s", (_, imports) => {
    const { status, output } = lint('api/src/publications/publications.service.ts', imports);
    expect(status).toBe(1);
    expect(output).toContain(ZONE);
    expect(output).toContain('API modules import only what another module offers');
  });

  it('refuses the repository of a module even to a module that may import its service', () => {
    const { status, output } = lint(
      'api/src/lean-form/lean-form.service.ts',
      "import { ResponseRepository } from '../responses/response.repository';",
    );
    expect(status).toBe(1);
    expect(output).toContain('API modules import only what another module offers');
  });

  it('accepts what a module offers: its Nest module, services, errors, mappers and DTOs', () => {
    const { status, output } = lint(
      'api/src/publications/publications.service.ts',
      [
        "import { SurveysModule } from '../surveys/surveys.module';",
        "import { SurveysService } from '../surveys/surveys.service';",
        "import { noSuchSurvey } from '../surveys/surveys.errors';",
        "import { toPublicSurvey } from '../surveys/survey.mapper';",
        "import { VersionParam } from '../surveys/dto/version.param';",
        "import { AnswerValidatorService } from '../responses/answer-validation/answer-validator.service';",
      ].join('\n'),
    );
    expect(output).not.toContain(ZONE);
    expect(status).toBe(0);
  });

  it('refuses outreach in the responses module (a privacy boundary), even its service', () => {
    const { status, output } = lint(
      'api/src/responses/responses.controller.ts',
      "import { OutreachCodesService } from '../outreach/outreach-codes.service';",
    );
    expect(status).toBe(1);
    expect(output).toContain('responses never imports outreach');
  });

  it('allows the listed P7 exception, and only the import it names', () => {
    const allowed = lint(
      'api/src/responses/responses.service.ts',
      "import { OutreachCodesService } from '../outreach/outreach-codes.service';",
    );
    expect(allowed.output).not.toContain(ZONE);
    const other = lint(
      'api/src/responses/responses.service.ts',
      "import { OutreachCodeRepository } from '../outreach/outreach-code.repository';",
    );
    expect(other.status).toBe(1);
    expect(other.output).toContain('responses never imports outreach');
  });

  it('lists each exception with a reason, for a file that exists, importing files that exist', () => {
    const exceptions = boundaryExceptions();
    expect(exceptions.length).toBeGreaterThan(0);
    for (const { file, entry } of exceptions) {
      expect(existsSync(join(ROOT, file))).toBe(true);
      expect(entry).toMatch(/reason: /);
      for (const [, imported] of entry.matchAll(/'(api\/src\/[^']+)'/g)) expect(existsSync(join(ROOT, imported as string))).toBe(true);
    }
  });
});
