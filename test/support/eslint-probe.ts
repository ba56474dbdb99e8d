import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const WORKSPACE = resolve(__dirname, '..', '..');

export interface LintResult {
  /** ESLint's exit status: 1 when any error was reported, 0 otherwise. */
  readonly status: number;
  /** The stylish report, as the command line prints it. */
  readonly output: string;
}

export interface Probe {
  /** The file (relative to the workspace) the text is linted as; it must exist for type-aware rules. */
  readonly filePath: string;
  readonly text: string;
}

/**
 * Lints every probe with the workspace's real ESLint configuration, in one process
 * (test/support/eslint-probes.js), and returns the results in the same order.
 */
export function lintProbes(probes: readonly Probe[]): LintResult[] {
  const result = spawnSync(process.execPath, [join(WORKSPACE, 'test', 'support', 'eslint-probes.js')], {
    cwd: WORKSPACE,
    input: JSON.stringify(probes),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`the ESLint probe runner failed (${result.status}): ${result.stderr}`);
  const results = JSON.parse(result.stdout) as LintResult[];
  if (results.length !== probes.length) throw new Error(`expected ${probes.length} lint results, got ${results.length}`);
  return results;
}

/** lintProbes for named probes: each name's result under the same name. */
export function lintAll<K extends string>(probes: Readonly<Record<K, Probe>>): Record<K, LintResult> {
  const names = Object.keys(probes) as K[];
  const linted = lintProbes(names.map((name) => probes[name]));
  return Object.fromEntries(names.map((name, i) => [name, linted[i]])) as Record<K, LintResult>;
}
