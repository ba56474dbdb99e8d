/**
 * Settings every jest project in the workspace shares: TypeScript through ts-jest
 * (transpile-only; `tsc` typechecks separately), UTC, and `@candor/shared` from source.
 */
const path = require('node:path');

process.env.TZ = 'UTC';

module.exports = function preset(projectDir, tsconfig = 'tsconfig.spec.json') {
  return {
    rootDir: projectDir,
    testEnvironment: 'node',
    transform: {
      '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(projectDir, tsconfig) }],
    },
    moduleFileExtensions: ['ts', 'js', 'json'],
    moduleNameMapper: {
      '^@candor/shared$': path.join(__dirname, 'shared/src/index.ts'),
      '^@candor/api-testing$': path.join(__dirname, 'api/src/testing.ts'),
    },
  };
};
