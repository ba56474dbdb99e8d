const preset = require('../jest.preset');

/**
 * Load and fault tests (`npm run test:load`): the intake under 64 concurrent clients, and
 * with PostgreSQL restarted mid-load. Bounded in count and time; loopback only.
 */
module.exports = {
  ...preset(__dirname, 'tsconfig.json'),
  displayName: 'load',
  testMatch: ['<rootDir>/load/**/*.load-spec.ts'],
  globalSetup: '<rootDir>/support/global-setup.js',
  globalTeardown: '<rootDir>/support/global-teardown.js',
  testTimeout: 300000,
  maxWorkers: 1,
};
