/**
 * Where the audit's time goes, without a database: skewed policy-impact data sets with two
 * cross-tabs, released in a sequence (earlier releases in the ledger), each release built
 * in memory with a HiGHS solver that counts its calls, their kind and their size.
 * Usage: node -r @swc-node/register test/bench/audit-profile.ts [--size 300] [--sets 3] [--releases 3 | --stages 150,300]
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import loadHighs from 'highs';
import {
  buildCatalogue,
  buildPolicyImpactSurvey,
  buildRelease,
  createHighsIntervalSolver,
  createHighsTextIntervalSolver,
  createPersistentHighsIntervalSolver,
  type AuditStats,
  type PersistentHighs,
  type PersistentSolverStats,
  type HighsModule,
  type LedgerEntry,
} from '@candor/shared';
import { countJointsInMemory, seededRandom, syntheticPolicyImpactAnswers } from '@candor/shared/testing';

const argument = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] as string) : fallback;
};
const size = Number(argument('size', '300'));
const sets = Number(argument('sets', '3'));
const releases = Number(argument('releases', '3'));
/** Responses at each release (e.g. 150,300: the smoke bench's worst case); overrides --releases. */
const stages = process.argv.includes('--stages') ? argument('stages', '').split(',').map(Number) : undefined;
const CROSSTABS = [['age_band'], ['region', 'gender']];

function skewedAnswers(count: number, seed: number): Record<string, unknown>[] {
  const random = seededRandom(seed);
  const lean = ['region', 'gender', 'age_band', 'sole_income', 'less_safe_clients', 'lost_platform'].map((key) => ({
    key,
    strength: 0.3 + random() * 0.6,
  }));
  return Array.from({ length: count }, () => {
    const answers = syntheticPolicyImpactAnswers(random);
    for (const { key, strength } of lean) {
      if (typeof answers[key] === 'string' && answers[key] !== 'refused' && random() < strength)
        answers[key] = key === 'gender' ? 'woman' : key === 'region' ? 'south' : key === 'age_band' ? '25_34' : 'yes';
    }
    return answers;
  });
}

async function main(): Promise<void> {
  const raw = (await loadHighs()) as HighsModule;
  let lastReport = performance.now();
  const stats: Record<'lp' | 'mip' | 'lpMs' | 'mipMs' | 'rows' | 'maxRows' | 'models', number> = {
    models: 0,
    lp: 0,
    mip: 0,
    lpMs: 0,
    mipMs: 0,
    rows: 0,
    maxRows: 0,
  };
  const note = (kind: 'lp' | 'mip', ms: number, rows: number) => {
    stats.rows += rows;
    stats.maxRows = Math.max(stats.maxRows, rows);
    stats[kind]++;
    stats[kind === 'lp' ? 'lpMs' : 'mipMs'] += ms;
    if (performance.now() - lastReport > 20000) {
      lastReport = performance.now();
      console.log(
        `  … ${JSON.stringify(solverStats)} LP ${stats.lp} (${(stats.lpMs / 1000).toFixed(1)} s), MIP ${stats.mip} (${(stats.mipMs / 1000).toFixed(1)} s), avg rows ${Math.round(stats.rows / Math.max(1, stats.lp + stats.mip))}, max ${stats.maxRows}`,
      );
    }
  };
  // Counts every solve, on LP text (--text) or on persistent models (the default path).
  const counting = {
    solve(problem: string, options?: Record<string, unknown>) {
      const start = performance.now();
      const result = raw.solve(problem, options);
      note(problem.includes('\nGeneral') ? 'mip' : 'lp', performance.now() - start, problem.split('\n').length);
      return result;
    },
    ...(process.argv.includes('--text')
      ? {}
      : {
          infinity: (raw as unknown as PersistentHighs).infinity,
          constants: (raw as unknown as PersistentHighs).constants,
          createModel() {
            const model = (raw as unknown as PersistentHighs).createModel();
            let rows = 0;
            let integer = false;
            return new Proxy(model, {
              get(target, key) {
                if (key === 'passModel')
                  return (data: { numRows: number; integrality?: unknown }) => (
                    stats.models++,
                    (rows = data.numRows),
                    (integer = data.integrality !== undefined),
                    target.passModel(data as never)
                  );
                if (key === 'run')
                  return (...args: Parameters<typeof target.run>) => {
                    const start = performance.now();
                    const result = target.run(...args);
                    note(integer ? 'mip' : 'lp', performance.now() - start, rows);
                    return result;
                  };
                const value = Reflect.get(target, key) as unknown;
                return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
              },
            });
          },
        }),
  } as HighsModule;
  const freshSolverStats = (): PersistentSolverStats => ({
    relaxations: 0,
    integralRelaxations: 0,
    closedByWitness: 0,
    integerPrograms: 0,
    settledByRelaxation: 0,
    sampleRelaxations: 0,
    sampleIntegerPrograms: 0,
    samplePoints: 0,
    stoppedBySolution: 0,
    stoppedByBound: 0,
  });
  const freshAuditStats = (): AuditStats => ({ trivial: 0, pooled: 0, halfPooled: 0, bounded: 0, failed: 0, samples: 0, learned: 0 });
  const solverStats = freshSolverStats();
  const auditStats = { audit: freshAuditStats(), trials: freshAuditStats() };
  const solver = process.argv.includes('--text')
    ? createHighsIntervalSolver(counting)
    : createPersistentHighsIntervalSolver(counting as unknown as PersistentHighs, createHighsTextIntervalSolver(counting), 6, solverStats);
  const template = buildPolicyImpactSurvey({ eventName: 'FOSTA-SESTA', eventDate: '2018-04-11' });
  const catalogue = buildCatalogue(template, { crosstabs: CROSSTABS });
  console.log(`${catalogue.tables.length} tables, ${catalogue.joints.length} joints`);
  for (let set = 0; set < sets; set++) {
    const answers = skewedAnswers(size, 7000 + set).map((a, i) => ({ answers: a, recordKey: (i * 0.6180339887) % 1 }));
    const ledger: LedgerEntry[] = [];
    for (let r = 1; r <= (stages?.length ?? releases); r++) {
      const upto = stages ? (stages[r - 1] as number) : Math.round((size * (r + releases)) / (2 * releases));
      const counts = countJointsInMemory(catalogue, answers.slice(0, upto));
      Object.assign(solverStats, freshSolverStats());
      Object.assign(auditStats.audit, freshAuditStats());
      Object.assign(auditStats.trials, freshAuditStats());
      Object.assign(stats, { lp: 0, mip: 0, lpMs: 0, mipMs: 0, rows: 0, maxRows: 0, models: 0 });
      const start = performance.now();
      const cpu = process.cpuUsage();
      const result = await buildRelease({
        catalogue,
        counts,
        responses: upto,
        settings: { k: 11, minResponses: 100, minGroup: 40, perturbation: 'none' },
        survey: { slug: 'p', title: 'P', locales: ['en'] },
        number: r,
        publishedOn: '2026-11-29',
        window: { from: '2026-11-01', to: '2026-11-29' },
        ledger: [...ledger],
        solver,
        auditStats,
      });
      const ms = performance.now() - start;
      const used = process.cpuUsage(cpu);
      const cpuSeconds = (used.user + used.system) / 1e6;
      console.log(
        `set ${set} release ${r} (${upto} responses, ${ledger.length} earlier): ${(ms / 1000).toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s); rounds ${result.preview.audit.iterations}, targets ${result.preview.audit.targets}, solved ${result.preview.audit.solved}; LP ${stats.lp} (${(stats.lpMs / 1000).toFixed(2)} s), MIP ${stats.mip} (${(stats.mipMs / 1000).toFixed(2)} s), avg lines ${Math.round(stats.rows / Math.max(1, stats.lp + stats.mip))}, max ${stats.maxRows}, models built ${stats.models}; hidden ${result.preview.suppressions.length} (${createHash('sha256').update(JSON.stringify(result.preview.suppressions)).digest('hex').slice(0, 12)}); ${JSON.stringify(solverStats)}; audit ${JSON.stringify(auditStats.audit)}, trials ${JSON.stringify(auditStats.trials)}; ${result.preview.canPublish ? 'publishable' : result.preview.blocks.map((b) => b.code).join(',')}`,
      );
      // Like the API: a release held back is shown to nobody, so it is not in the ledger (with --stages).
      if (!stages || result.preview.canPublish) ledger.push({ number: r, values: result.ledgerValues });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
