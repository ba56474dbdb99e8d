#!/usr/bin/env node
// Lints several probe texts, each as if it were the file at its path, in one ESLint process:
// the type-aware rules build their TypeScript program once instead of once per probe, as a
// `eslint --stdin --stdin-filename` per probe did. Reads [{ filePath, text }] as JSON on stdin
// and writes [{ status, output }] (the CLI's exit status and its stylish report) on stdout.
'use strict';

const path = require('node:path');
const { ESLint } = require('eslint');

async function main() {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const probes = JSON.parse(input);
  const root = path.resolve(__dirname, '..', '..');
  const eslint = new ESLint({ cwd: root });
  const formatter = await eslint.loadFormatter('stylish');
  const results = [];
  for (const { filePath, text } of probes) {
    const linted = await eslint.lintText(text, { filePath: path.join(root, filePath) });
    const errors = linted.reduce((sum, result) => sum + result.errorCount + result.fatalErrorCount, 0);
    results.push({ status: errors > 0 ? 1 : 0, output: await formatter.format(linted) });
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
