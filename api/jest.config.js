const preset = require('../jest.preset');

/** Unit tests that live beside the API code (no database). */
module.exports = {
  ...preset(__dirname),
  displayName: 'api',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
