const preset = require('../jest.preset');

/**
 * Load and fault tests (`npm run test:load`): the intake under 64 concurrent clients, with
 * PostgreSQL restarted mid-load, and two built instances behind HAProxy with one killed and
 * restarted (needs `npm run build`, HAProxy and Redis). Bounded in count and time; loopback only.
 */
module.exports = {
  ...preset(__dirname),
  displayName: 'load',
  testMatch: ['<rootDir>/load/**/*.load-spec.ts'],
  globalSetup: '<rootDir>/support/global-setup.js',
  globalTeardown: '<rootDir>/support/global-teardown.js',
  testTimeout: 900000,
  maxWorkers: 1,
};
