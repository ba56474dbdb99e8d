#!/usr/bin/env node
// `npm start`'s build step (run by scripts/launch.js; `node scripts/build-if-changed.js` alone
// too): each project (shared, api, web) is rebuilt only when a file it is
// made from changed since its last build — nothing at all on a plain restart. The builds run
// the commands of the projects' own `build` targets (project.json), without nx: starting nx,
// reading its project graph and hashing every input costs seconds on every start, and its
// cache rarely helps here. Order: web bundles shared's sources, so it builds beside the other
// two from the start; api's build reads shared's declarations (for decorator metadata), so it
// waits for shared.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
/** Workspace files every build depends on (what nx hashes for every project). */
const WORKSPACE_FILES = ['package.json', 'package-lock.json', 'nx.json', 'tsconfig.base.json', 'scripts/clean.js'];
/** Folders inside the projects that are build output or tooling state, not sources. */
const SKIPPED = new Set(['node_modules', 'dist', '.nx', 'coverage', 'tmp']);

/**
 * Each project: the folders it is built from, what its build writes (without it: build), and
 * the project whose build must finish first.
 */
const PROJECTS = {
  shared: { from: ['shared'], output: 'shared/dist/index.js', after: null },
  api: { from: ['api', 'shared'], output: 'dist/api/main.js', after: 'shared' },
  web: { from: ['web', 'shared'], output: 'dist/web/index.html', after: null },
};

/** Written after a project's successful build, dated when that build started; lists its input files. */
const stampOf = (name) => path.join(root, 'dist', `.build-stamp-${name}`);

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

/** The input files of every folder, read once. */
function readInputs() {
  const byFolder = new Map();
  for (const dir of ['shared', 'api', 'web']) byFolder.set(dir, inputsUnder(dir, new Map()));
  const workspace = new Map(WORKSPACE_FILES.map((file) => [file, fs.statSync(path.join(root, file)).mtimeMs]));
  return (project) => new Map([...workspace, ...project.from.flatMap((dir) => [...byFolder.get(dir)])]);
}

/**
 * The stamp lists the input files the last build saw: a file deleted or renamed since
 * changes the list (its folder's time would not do: tsc recreates shared/dist in shared/).
 */
function listing(files) {
  return `${[...files.keys()].sort().join('\n')}\n`;
}

/** True when the project's output exists, no input was added or removed, and none changed since its last build started. */
function upToDate(name, files) {
  const stamp = stampOf(name);
  if (!fs.existsSync(stamp) || !fs.existsSync(path.join(root, PROJECTS[name].output))) return false;
  const builtAt = fs.statSync(stamp).mtimeMs;
  return fs.readFileSync(stamp, 'utf8') === listing(files) && [...files.values()].every((time) => time < builtAt);
}

/** The command of the project's `build` target, as nx would run it (from the workspace root, with node_modules/.bin on PATH). */
function buildCommand(name) {
  const project = JSON.parse(fs.readFileSync(path.join(root, name, 'project.json'), 'utf8'));
  const command = project.targets?.build?.options?.command;
  if (typeof command !== 'string') throw new Error(`${name}/project.json has no build command`);
  return command;
}

function run(name, files) {
  return new Promise((resolve) => {
    const startedAt = new Date();
    const env = { ...process.env, PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}` };
    const child = spawn(buildCommand(name), { cwd: root, env, shell: true, stdio: 'inherit' });
    child.on('error', () => resolve(1));
    child.on('exit', (code, signal) => {
      if (code !== 0) return resolve(code ?? (signal ? 1 : 0));
      // Dated at the start: a file saved while the build ran is newer, so the next start builds again.
      fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
      fs.writeFileSync(stampOf(name), listing(files));
      fs.utimesSync(stampOf(name), startedAt, startedAt);
      console.log(`[candor] built ${name}`);
      resolve(0);
    });
  });
}

/** Builds what changed; resolves with the exit code of the first build that failed, else 0. */
async function buildIfChanged() {
  const inputsOf = readInputs();
  const stale = new Map();
  for (const [name, project] of Object.entries(PROJECTS)) {
    const files = inputsOf(project);
    if (!upToDate(name, files)) stale.set(name, files);
  }
  if (stale.size === 0) {
    console.log('[candor] the build is up to date');
    return 0;
  }
  console.log(`[candor] building ${[...stale.keys()].join(', ')}`);
  const builds = new Map();
  const build = (name) => {
    if (!builds.has(name)) {
      const before = PROJECTS[name].after;
      const first = before && stale.has(before) ? build(before) : Promise.resolve(0);
      builds.set(
        name,
        first.then((code) => (code === 0 ? run(name, stale.get(name)) : code)),
      );
    }
    return builds.get(name);
  };
  const codes = await Promise.all([...stale.keys()].map(build));
  return codes.find((code) => code !== 0) ?? 0;
}

module.exports = { buildIfChanged };

if (require.main === module) {
  buildIfChanged().then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(`[candor] ${error.message}`);
      process.exitCode = 1;
    },
  );
}
