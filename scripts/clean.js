#!/usr/bin/env node
// Removes build output folders given as arguments (relative to the workspace root).
const { rmSync } = require('node:fs');
const { resolve } = require('node:path');

const root = resolve(__dirname, '..');
for (const target of process.argv.slice(2)) {
  const path = resolve(root, target);
  if (!path.startsWith(root + '/') || !/\/(dist|tmp)(\/|$)/.test(path)) {
    throw new Error(`refusing to remove ${path}: only dist/ and tmp/ folders inside the workspace`);
  }
  rmSync(path, { recursive: true, force: true });
}
