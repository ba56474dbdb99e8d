/**
 * Jest's transform for every project: TypeScript (and the ES-module-only packages) to
 * CommonJS through swc (@swc/core, already what the migration CLI, the benches and the
 * release workers load TypeScript with). Type-checking is `tsc`'s job (the typecheck
 * targets); this only strips types, which swc does without loading the TypeScript
 * compiler in every worker — ts-jest's transpile-only mode still did.
 */
'use strict';

const { createHash } = require('node:crypto');
const swc = require('@swc/core');

const SWC_VERSION = require('@swc/core/package.json').version;

/** The options tsconfig.base.json sets that change the emitted code. */
function swcOptions(filename) {
  const typescript = /\.tsx?$/.test(filename);
  return {
    filename,
    sourceMaps: 'inline',
    swcrc: false,
    configFile: false,
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2022',
      parser: typescript ? { syntax: 'typescript', decorators: true } : { syntax: 'ecmascript' },
      // NestJS reads constructor parameter types from decorator metadata, as tsc's
      // experimentalDecorators + emitDecoratorMetadata emit it.
      // hidden.jest hoists jest.mock() above the imports, as ts-jest and babel-jest do (what @swc/jest sets).
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false, hidden: { jest: true } },
      keepClassNames: true,
    },
  };
}

module.exports = {
  process(source, filename) {
    const { code, map } = swc.transformSync(source, swcOptions(filename));
    return { code, map };
  },
  getCacheKey(source, filename) {
    return createHash('sha256')
      .update(SWC_VERSION)
      .update('\0')
      .update(JSON.stringify(swcOptions(filename)))
      .update('\0')
      .update(source)
      .digest('hex');
  },
};
