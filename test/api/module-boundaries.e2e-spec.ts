import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintAll, type LintResult, type Probe } from '../support/eslint-probe';

/**
 * API modules import only what their module offers (issue 15 point 3): its Nest module,
 * services, errors, mappers and DTOs, never its repositories, entities or controllers; and
 * `responses` never imports `outreach`. The rule is lint's (eslint.config.mjs); this runs the
 * real ESLint (one process for all probes) on a probe under several file names, so a widened zone or a stale exception
 * shows here.
 */
const ROOT = join(__dirname, '..', '..');
const ZONE = 'import-x/no-restricted-paths';

/** A probe that imports `imports` (then uses every imported name) as if it were the file at `filePath` (an existing file: the linting is type-aware). */
function probe(filePath: string, imports: string): Probe {
  const names = [...imports.matchAll(/import \{ (\w+) \}/g)].map((m) => m[1]).join(', ');
  return { filePath, text: `${imports}\n\nexport const probe = [${names}];\n` };
}

const PUBLICATIONS = 'api/src/publications/publications.service.ts';
const PROBES = {
  repository: probe(PUBLICATIONS, "import { SurveyRepository } from '../surveys/survey.repository';"),
  entity: probe(PUBLICATIONS, "import { SurveyEntity } from '../surveys/survey.entity';"),
  controller: probe(PUBLICATIONS, "import { StaffSurveysController } from '../surveys/staff-surveys.controller';"),
  repositoryOfImportable: probe(
    'api/src/lean-form/lean-form.service.ts',
    "import { ResponseRepository } from '../responses/response.repository';",
  ),
  offered: probe(
    PUBLICATIONS,
    [
      "import { SurveysModule } from '../surveys/surveys.module';",
      "import { SurveysService } from '../surveys/surveys.service';",
      "import { noSuchSurvey } from '../surveys/surveys.errors';",
      "import { toPublicSurvey } from '../surveys/survey.mapper';",
      "import { VersionParam } from '../surveys/dto/version.param';",
      "import { AnswerValidatorService } from '../responses/answer-validation/answer-validator.service';",
    ].join('\n'),
  ),
  outreachInResponses: probe(
    'api/src/responses/responses.controller.ts',
    "import { OutreachCodesService } from '../outreach/outreach-codes.service';",
  ),
  listedException: probe(
    'api/src/responses/responses.service.ts',
    "import { OutreachCodesService } from '../outreach/outreach-codes.service';",
  ),
  outsideException: probe(
    'api/src/responses/responses.service.ts',
    "import { OutreachCodeRepository } from '../outreach/outreach-code.repository';",
  ),
};

/** The exception list, read from eslint.limits.mjs as text (jest here cannot import ES modules). */
function boundaryExceptions(): Array<{ file: string; entry: string }> {
  const source = readFileSync(join(ROOT, 'eslint.limits.mjs'), 'utf8');
  const start = source.indexOf('export const MODULE_BOUNDARY_EXCEPTIONS');
  const block = source.slice(start, source.indexOf('\n};', start));
  return [...block.matchAll(/^ {2}'([^']+)': (\{[^}]*\})/gm)].map((match) => ({ file: match[1] as string, entry: match[2] as string }));
}

describe('imports between API modules', () => {
  // Every probe in one ESLint process: the type-aware rules build their program once.
  let linted: Record<keyof typeof PROBES, LintResult>;
  beforeAll(() => {
    linted = lintAll(PROBES);
  });

  it.each(['repository', 'entity', 'controller'] as const)("refuses another module's %s", (kind) => {
    const { status, output } = linted[kind];
    expect(status).toBe(1);
    expect(output).toContain(ZONE);
    expect(output).toContain('API modules import only what another module offers');
  });

  it('refuses the repository of a module even to a module that may import its service', () => {
    const { status, output } = linted.repositoryOfImportable;
    expect(status).toBe(1);
    expect(output).toContain('API modules import only what another module offers');
  });

  it('accepts what a module offers: its Nest module, services, errors, mappers and DTOs', () => {
    const { status, output } = linted.offered;
    expect(output).not.toContain(ZONE);
    expect(status).toBe(0);
  });

  it('refuses outreach in the responses module (a privacy boundary), even its service', () => {
    const { status, output } = linted.outreachInResponses;
    expect(status).toBe(1);
    expect(output).toContain('responses never imports outreach');
  });

  it('allows the listed P7 exception, and only the import it names', () => {
    const allowed = linted.listedException;
    expect(allowed.output).not.toContain(ZONE);
    const other = linted.outsideException;
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
