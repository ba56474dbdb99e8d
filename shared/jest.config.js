const preset = require('../jest.preset');

/** Unit tests of the framework-free shared library. */
module.exports = {
  // jsdom (the DOM DOMPurify runs on in researcher-html-policy.spec.ts) needs these compiled.
  ...preset(__dirname, ['@exodus', '@csstools', '@asamuzakjp', 'parse5']),
  displayName: 'shared',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
