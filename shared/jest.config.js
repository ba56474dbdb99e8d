const preset = require('../jest.preset');

/** Unit tests of the framework-free shared library. */
module.exports = {
  ...preset(__dirname),
  displayName: 'shared',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
