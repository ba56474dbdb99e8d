/**
 * Settings every jest project in the workspace shares: TypeScript through swc
 * (jest.swc-transformer.js: types stripped; `tsc` typechecks separately), UTC, and
 * `@candor/shared` from source.
 */
const path = require('node:path');

process.env.TZ = 'UTC';

const SWC = path.join(__dirname, 'jest.swc-transformer.js');

// @noble/* (sealed free text, issue 17) ships as ES modules only too.
const ESM_ONLY = ['htmlparser2', 'domhandler', 'domutils', 'dom-serializer', 'domelementtype', 'entities', '@noble'];

/**
 * `moreEsmOnly`: further packages a project's tests load that ship as ES modules only
 * (shared's tests run DOMPurify on jsdom, whose helpers are ES modules, some `.mjs`).
 */
module.exports = function preset(projectDir, moreEsmOnly = []) {
  const esmOnly = [...ESM_ONLY, ...moreEsmOnly];
  return {
    rootDir: projectDir,
    testEnvironment: 'node',
    transform: {
      '^.+\\.ts$': SWC,
      // sanitize-html's parser (htmlparser2 12) and its helpers ship as ES modules only:
      // Node 20 loads them with require(esm), jest on Node 20 cannot, so they are compiled.
      [`node_modules/(${esmOnly.join('|')})/.+\\.m?js$`]: SWC,
    },
    transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
    moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
    moduleNameMapper: {
      '^@candor/shared$': path.join(__dirname, 'shared/src/index.ts'),
      '^@candor/shared/testing$': path.join(__dirname, 'shared/src/testing.ts'),
      '^@candor/api-testing$': path.join(__dirname, 'api/src/testing.ts'),
    },
  };
};
