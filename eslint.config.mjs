import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';

/** Frameworks the shared library must never depend on (STYLE.md: shared is framework-free). */
const FRAMEWORKS = ['@nestjs/*', 'typeorm', 'pg', 'express', 'react', 'react-dom', 'react-router', 'survey-core', 'survey-react-ui', 'class-validator', 'class-transformer'];

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
        { patterns: [{ group: ['**/shared/src/**', '**/api/src/**', '**/web/src/**', '**/test/support/**', '**/test/factories/**'], message: 'Import another project through its @candor/* entry point.' }] },
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
          paths: [{ name: '@candor/api-testing', message: 'Only tests and benchmarks in test/ may boot the API in process.' }],
          patterns: [{ group: ['**/shared/src/**', '**/api/src/**', '**/web/src/**', '**/test/support/**', '**/test/factories/**'], message: 'Import another project through its @candor/* entry point.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
