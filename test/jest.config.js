const preset = require('../jest.preset');

/**
 * Black-box API and privacy tests on a real PostgreSQL: the server at DATABASE_URL when
 * set (each test file creates and drops its own database), the embedded engine otherwise.
 */
module.exports = {
  ...preset(__dirname),
  displayName: 'api-e2e',
  testMatch: ['<rootDir>/api/**/*.e2e-spec.ts', '<rootDir>/privacy/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/support/global-setup.js',
  globalTeardown: '<rootDir>/support/global-teardown.js',
  testTimeout: 60000,
  maxWorkers: 2,
};
