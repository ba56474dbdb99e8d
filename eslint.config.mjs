import { readdirSync } from 'node:fs';
import nx from '@nx/eslint-plugin';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import { MODULE_BOUNDARY_EXCEPTIONS, RAW_SQL_EXCEPTIONS, SIZE_EXCEPTIONS } from './eslint.limits.mjs';

/** Frameworks the shared library must never depend on (shared is framework-free). */
const FRAMEWORKS = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'express',
  'react',
  'react-dom',
  'react-router',
  'survey-core',
  'survey-react-ui',
  'class-validator',
  'class-transformer',
];

/** One folder per web feature (survey-taking, publishing, …). */
const WEB_FEATURES = readdirSync(new URL('./web/src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const ROOT = import.meta.dirname;

/** Shared infrastructure of the API, no feature of its own: every module may import it. */
const API_INFRASTRUCTURE = ['common', 'config', 'database'];

/** One folder per API module (surveys, responses, publications, …): everything else in api/src. */
const API_MODULES = readdirSync(new URL('./api/src', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !API_INFRASTRUCTURE.includes(entry.name))
  .map((entry) => entry.name);

/**
 * What an API module offers the others (README, Architecture: a module exports services, never
 * repositories; entities never leave their module): its Nest module, its services, its errors,
 * its mappers to shared contracts and its request DTOs (route params included). Never its
 * repositories, entities, controllers or other internals.
 */
const MODULE_PUBLIC_FILES = ['*.module.ts', '**/*.service.ts', '*.errors.ts', '*.mapper.ts', 'dto/**'];

/** Files a module offers besides, each for a named reason. */
const MODULE_EXTRA_PUBLIC_FILES = [
  // The one HTML document shell: the error pages (common/) and the web app's entry render into it.
  'lean-form/document.ts',
  // The sanitizer of researcher-written HTML: the no-JS form's closing page goes through it.
  'surveys/researcher-html.ts',
  // The boot script's entry, which the no-JS form's pages load.
  'web/web-entry.ts',
];

/** Privacy boundaries are module boundaries (README, Architecture): these never import each other at all. */
const PRIVACY_BOUNDARIES = [
  {
    target: 'responses',
    from: 'outreach',
    message: 'responses never imports outreach: answers and outreach codes stay apart (README, Architecture).',
  },
];

/**
 * The zones of issue 15 point 3 ("API modules import only what their module declares"), for
 * one file: `allowed` adds the imports MODULE_BOUNDARY_EXCEPTIONS grants that file.
 */
function apiModuleZones(allowed = []) {
  const absolute = (path) => `${ROOT}/api/src/${path}`;
  // With glob zones the exceptions must be globs too: `x.@(ts)` is the glob of the one file x.ts.
  const exactly = (path) => path.replace(/\.ts$/, '.@(ts)');
  const granted = allowed.map((path) => exactly(`${ROOT}/${path}`));
  const modules = API_MODULES.map((module) => ({
    target: absolute(`${module}/**`),
    from: API_MODULES.filter((other) => other !== module).map((other) => absolute(`${other}/**`)),
    except: [
      ...MODULE_PUBLIC_FILES.map((glob) => absolute(`*/${glob}`)),
      ...MODULE_EXTRA_PUBLIC_FILES.map((path) => exactly(absolute(path))),
      ...granted,
    ],
    message:
      "API modules import only what another module offers: its *.module.ts, *.service.ts, *.errors.ts, *.mapper.ts and dto/, never its repositories, entities or controllers. A reasoned exception goes in eslint.limits.mjs's MODULE_BOUNDARY_EXCEPTIONS.",
  }));
  const privacy = PRIVACY_BOUNDARIES.map(({ target, from, message }) => ({
    target: absolute(`${target}/**`),
    from: [absolute(`${from}/**`)],
    except: granted,
    message,
  }));
  return [...modules, ...privacy];
}

const CROSS_PROJECT_PATHS = {
  group: ['**/shared/src/**', '**/api/src/**', '**/web/src/**', '**/test/support/**', '**/test/factories/**'],
  message: 'Import another project through its @candor/* entry point.',
};
const API_TESTING_ONLY_IN_TEST = {
  name: '@candor/api-testing',
  message: 'Only tests and benchmarks in test/ may boot the API in process.',
};
const SHARED_TESTING_ONLY_IN_TESTS = {
  name: '@candor/shared/testing',
  message: 'Synthetic answers and in-memory counting are for tests and benchmarks only.',
};

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/*.generated.css', 'tmp/**', '.nx/**', 'coverage/**'],
  },
  {
    files: ['shared/src/**', 'api/src/**', 'web/src/**', 'test/**/*.ts'],
    rules: {
      // Projects meet only through their entry points (@candor/shared, @candor/api-testing).
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/shared/src/**', '**/api/src/**', '**/web/src/**', '**/test/support/**', '**/test/factories/**'],
              message: 'Import another project through its @candor/* entry point.',
            },
          ],
        },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          // Black-box tests boot the real API in process through this one entry point.
          allow: ['@candor/api-testing'],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'], bannedExternalImports: FRAMEWORKS },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:test', onlyDependOnLibsWithTags: ['scope:shared', 'scope:api'] },
          ],
        },
      ],
      'no-console': 'off',
    },
  },
  {
    // No import cycles inside a project (issue 15 point 3). Projects meet only through their
    // @candor/* entry points, and @nx/enforce-module-boundaries (above) already keeps web/ and
    // api/ apart and shared/ free of both, by name and by relative path: no zones repeat it here.
    files: ['shared/src/**/*.ts', 'api/src/**/*.ts', 'web/src/**/*.ts', 'web/src/**/*.tsx', 'test/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts'] },
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // Web features never import each other (issue 15 point 3): what two features share lives in
    // web/src/components or web/src/lib. Nx's rule sees projects, not folders inside one.
    files: ['web/src/features/**'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: WEB_FEATURES.map((feature) => ({
            target: `./web/src/features/${feature}`,
            from: './web/src/features',
            except: [`./${feature}`],
            message: 'Features do not import each other: move what they share to web/src/components or web/src/lib.',
          })),
        },
      ],
    },
  },
  {
    // API modules import from each other only what they offer (issue 15 point 3); the
    // exceptions, each with its reason, are in eslint.limits.mjs (MODULE_BOUNDARY_EXCEPTIONS).
    files: ['api/src/**/*.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: apiModuleZones() }] },
  },
  ...Object.entries(MODULE_BOUNDARY_EXCEPTIONS).map(([file, { imports }]) => ({
    files: [file],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: apiModuleZones(imports) }] },
  })),
  {
    // Type-aware rules: each file is checked with its project's tsconfig.
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['web/**/*.tsx', 'web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['shared/src/**', 'web/src/**', 'api/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [API_TESTING_ONLY_IN_TEST, SHARED_TESTING_ONLY_IN_TESTS],
          patterns: [CROSS_PROJECT_PATHS],
        },
      ],
    },
  },
  {
    // Tests beside the code may use the test helpers (synthetic answers, counting in memory).
    files: ['**/*.spec.ts', '**/*.spec-helper.ts', '**/*.test.ts', '**/*.test.tsx'],
    ignores: ['test/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [API_TESTING_ONLY_IN_TEST], patterns: [CROSS_PROJECT_PATHS] }],
    },
  },
  {
    // Size limits for production code; the exceptions, each with its reason, are in eslint.limits.mjs.
    files: ['shared/src/**/*.ts', 'api/src/**/*.ts', 'web/src/**/*.ts', 'web/src/**/*.tsx'],
    ignores: ['**/*.spec.ts', '**/*.spec-helper.ts', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'max-lines': ['error', { max: 400 }],
      'max-lines-per-function': ['error', { max: 80 }],
    },
  },
  ...Object.entries(SIZE_EXCEPTIONS).map(([file, reasons]) => ({
    files: [file],
    rules: {
      ...(reasons.file ? { 'max-lines': 'off' } : {}),
      ...(reasons.functions ? { 'max-lines-per-function': 'off' } : {}),
    },
  })),
  {
    // One owner per table: SQL lives in repositories and migrations, and only repositories hold
    // the DataSource (issue 15 point 1).
    files: ['api/src/**/*.ts'],
    ignores: ['**/*.repository.ts', 'api/src/database/**', '**/*.spec.ts', '**/*.spec-helper.ts', ...Object.keys(RAW_SQL_EXCEPTIONS)],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='query']",
          message: "SQL belongs in the owning module's *.repository.ts (or a migration).",
        },
        {
          selector: "CallExpression[callee.property.name='createQueryBuilder']",
          message: "Queries belong in the owning module's *.repository.ts.",
        },
        {
          // Services hold no DataSource: transactions through Transactions, SQL through a repository.
          selector: "ImportDeclaration[source.value='typeorm'] > ImportSpecifier[imported.name='DataSource']",
          message: 'Only repositories hold the DataSource: open transactions with Transactions (database/transactions.ts).',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
