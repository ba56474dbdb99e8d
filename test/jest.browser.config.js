const preset = require('../jest.preset');

/**
 * Browser end-to-end tests: the built app (dist/) started as a real process on a fresh
 * database, driven by Debian's Chromium through playwright-core.
 */
module.exports = {
  ...preset(__dirname),
  displayName: 'browser',
  testMatch: ['<rootDir>/browser/**/*.browser-spec.ts'],
  globalSetup: '<rootDir>/support/global-setup.js',
  globalTeardown: '<rootDir>/support/global-teardown.js',
  testTimeout: 90000,
  maxWorkers: 1,
};
