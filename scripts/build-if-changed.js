#!/usr/bin/env node
// `npm start`'s build step: nothing when the last build is newer than every file it was
// made from, else `nx run-many -t build` (which rebuilds only the projects whose inputs
// changed). Asking nx costs seconds even when its cache answers for everything (it starts,
// reads the project graph and hashes every input), on every start.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
/** Written after a successful build, dated when that build started; lists the input files. */
const STAMP = path.join(root, 'dist', '.build-stamp');
/** What `npm start` runs: without any of these, build. */
const OUTPUTS = ['dist/api/main.js', 'dist/web/index.html', 'shared/dist/index.js'];
/** The builds' inputs: the three projects, and the workspace files nx hashes for every project. */
const INPUT_DIRS = ['shared', 'api', 'web'];
const INPUT_FILES = ['package.json', 'package-lock.json', 'nx.json', 'tsconfig.base.json', 'scripts/clean.js'];
/** Folders inside the projects that are build output or tooling state, not sources. */
const SKIPPED = new Set(['node_modules', 'dist', '.nx', 'coverage', 'tmp']);

/** Every input file under `dir`, relative to the workspace root, with its modification time. */
function inputsUnder(dir, found) {
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) inputsUnder(file, found);
    else found.set(file, fs.statSync(path.join(root, file)).mtimeMs);
  }
  return found;
}

function inputs() {
  const found = new Map();
  for (const dir of INPUT_DIRS) inputsUnder(dir, found);
  for (const file of INPUT_FILES) found.set(file, fs.statSync(path.join(root, file)).mtimeMs);
  return found;
}

/**
 * The stamp lists the input files the last build saw: a file deleted or renamed since
 * changes the list (its folder's time would not do: nx recreates shared/dist in shared/).
 */
function listing(files) {
  return `${[...files.keys()].sort().join('\n')}\n`;
}

/** True when every output exists, no input was added or removed, and none changed since the last build started. */
function upToDate() {
  if (!fs.existsSync(STAMP)) return false;
  if (!OUTPUTS.every((file) => fs.existsSync(path.join(root, file)))) return false;
  const files = inputs();
  const builtAt = fs.statSync(STAMP).mtimeMs;
  return fs.readFileSync(STAMP, 'utf8') === listing(files) && [...files.values()].every((time) => time < builtAt);
}

/**
 * Builds through nx, two at a time: api (tsc) and web (vite) only share a dependency on
 * shared, so on two cores they build side by side once shared is done.
 */
function build() {
  const startedAt = new Date();
  const files = listing(inputs());
  const nx = require.resolve('nx/bin/nx');
  const result = spawnSync(process.execPath, [nx, 'run-many', '-t', 'build', '--projects=shared,api,web', '--parallel=2'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) return result.status ?? 1;
  // Dated at the start: a file saved while the build ran is newer, so the next start builds again.
  fs.writeFileSync(STAMP, files);
  fs.utimesSync(STAMP, startedAt, startedAt);
  return 0;
}

if (upToDate()) {
  console.log('[candor] the build is up to date');
} else {
  process.exitCode = build();
}
