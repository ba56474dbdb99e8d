import fc from 'fast-check';
import loadHighs from 'highs';
import { createHighsIntervalSolver, type HighsModule } from '../disclosure/highs-solver';
import { auditIntervals, type AuditTarget, type IntervalSolver, type LinearConstraint } from '../disclosure/interval-audit';
import { isSmallCount } from '../disclosure/small-counts';
import { buildPolicyImpactSurvey } from '../surveys/policy-impact-template';
import { seededRandom, syntheticPolicyImpactAnswers } from '../surveys/synthetic-policy-impact';
import type { SurveyDefinition } from '../surveys/survey-definition';
import { buildCatalogue, type Catalogue } from './catalogue';
import { countJointsInMemory } from './count-in-memory';
import { JointSpace } from './joint-space';
import { buildQuantities } from './quantities';
import { buildRelease, passesUnderWidening, type LedgerEntry, type ReleaseInput, type ReleaseSettings } from './release';

let solver: IntervalSolver;
beforeAll(async () => {
  solver = createHighsIntervalSolver((await loadHighs()) as HighsModule);
});

const SETTINGS: ReleaseSettings = { k: 11, minResponses: 100, minGroup: 40, perturbation: 'none' };
type Answers = Record<string, unknown>;

function release(definition: SurveyDefinition, answers: readonly Answers[], overrides: Omit<Partial<ReleaseInput>, 'settings'> & { settings?: Partial<ReleaseSettings>; crosstabs?: string[][] } = {}) {
  const catalogue = buildCatalogue(definition, { crosstabs: overrides.crosstabs ?? [] });
  return {
    catalogue,
    result: buildRelease({
      catalogue,
      counts: countJointsInMemory(catalogue, answers.map((a, i) => ({ answers: a, recordKey: ((i * 2654435761) % 1000) / 1000 }))),
      responses: answers.length,
      survey: { slug: 's', title: 'S', locales: ['en'] },
      number: 1,
      publishedOn: '2026-11-29',
      window: { from: '2026-10-01', to: '2026-11-29' },
      ledger: [],
      solver,
      ...overrides,
      settings: { ...SETTINGS, ...overrides.settings },
    }),
  };
}

/** Every count a snapshot publishes. */
function publishedCounts(snapshot: NonNullable<Awaited<ReturnType<typeof buildRelease>>['preview']['snapshot']>): number[] {
  const counts: (number | null | undefined)[] = [snapshot.responses];
  for (const table of snapshot.tables) {
    counts.push(table.n, table.refused);
    for (const row of table.rows) counts.push(row.n, ...row.cells.map((c) => c.count));
  }
  for (const pair of snapshot.pairs) {
    counts.push(pair.n, ...pair.before.map((c) => c.count), ...pair.after.map((c) => c.count));
    if (pair.table) counts.push(pair.table.a, pair.table.b, pair.table.c, pair.table.d);
    if (pair.changes) counts.push(pair.changes.up, pair.changes.same, pair.changes.down);
  }
  return counts.filter((c): c is number => typeof c === 'number');
}

/**
 * An independent check of a release: with everything it (and the ledger) published as
 * constraints, no cell of any joint — published or not — can be pinned to 1 … k − 1.
 */
async function attackerFindsSmallCell(catalogue: Catalogue, answers: readonly Answers[], published: ReadonlyMap<string, { lower: number; upper: number }>[], k: number): Promise<string[]> {
  const space = new JointSpace(catalogue, countJointsInMemory(catalogue, answers.map((a) => ({ answers: a }))));
  const model = buildQuantities(catalogue, space, answers.length);
  const constraints: LinearConstraint[] = [...model.structure];
  for (const values of published) {
    for (const [id, range] of values) {
      const quantity = model.quantities.get(id);
      if (quantity) constraints.push({ terms: quantity.terms, lower: range.lower, upper: values === published.at(-1) ? range.upper : Number.POSITIVE_INFINITY });
    }
  }
  const targets: AuditTarget[] = [];
  for (const joint of catalogue.joints) {
    for (const cell of space.cells(joint.id)) {
      if (cell.tuple.includes('∅')) continue;
      targets.push({ id: `${joint.id}:${cell.tuple.join('|')}`, terms: [{ variable: cell.variable, coefficient: 1 }], rule: 'derived', value: space.cellValue(cell.variable) });
    }
  }
  const results = await auditIntervals({ variableCount: space.variableCount, constraints }, targets, k, solver);
  return results.filter((r) => !r.passes).map((r) => `${r.id} ∈ [${r.lower}, ${r.upper}]`);
}

const template = buildPolicyImpactSurvey({ eventName: 'FOSTA-SESTA', eventDate: '2018-04-11' });
const templateAnswers = (n: number, seed: number) => {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => syntheticPolicyImpactAnswers(random));
};

describe('building a release', () => {
  it('publishes nothing below the release floor, without saying the count', async () => {
    const { result } = release(template, templateAnswers(99, 1));
    const { preview } = await result;
    expect(preview.snapshot).toBeNull();
    expect(preview.canPublish).toBe(false);
    expect(preview.blocks.map((b) => b.code)).toEqual(['BELOW_RELEASE_FLOOR']);
    expect(JSON.stringify(preview)).not.toContain('99');
  });

  it('publishes the template survey with no count from 1 to k − 1 and an audit that passes', async () => {
    const answers = templateAnswers(160, 2);
    const { catalogue, result } = release(template, answers);
    const { preview, ledgerValues } = await result;
    expect(preview.blocks).toEqual([]);
    expect(preview.canPublish).toBe(true);
    expect(preview.audit.passed).toBe(true);
    const snapshot = preview.snapshot as NonNullable<typeof preview.snapshot>;
    expect(snapshot.responses).toBe(160);
    expect(publishedCounts(snapshot).filter((c) => isSmallCount(c, 11))).toEqual([]);
    expect(preview.suppressions.some((s) => s.reason === 'primary')).toBe(true);
    expect(await attackerFindsSmallCell(catalogue, answers, [ledgerValues], 11)).toEqual([]);
  }, 60_000);

  it('shows a suppressed cell the same whatever its value, and keeps its reason for staff only', async () => {
    const { result } = release(template, templateAnswers(160, 3));
    const { preview } = await result;
    const snapshot = JSON.stringify(preview.snapshot);
    expect(snapshot).not.toMatch(/primary|complementary/);
    const suppressed = preview.snapshot?.tables.flatMap((t) => t.rows.flatMap((r) => r.cells)).filter((c) => c.count === null) ?? [];
    expect(suppressed.length).toBeGreaterThan(0);
    for (const cell of suppressed) expect(cell).toEqual({ category: cell.category, count: null, percent: null, ci: null });
  }, 60_000);

  it('adds complementary suppressions so that no hidden count can be recovered from the totals', async () => {
    const answers: Answers[] = [];
    for (let i = 0; i < 120; i++) answers.push({ q: i < 3 ? 'c' : i < 60 ? 'a' : 'b' });
    const definition: SurveyDefinition = { elements: [{ type: 'radiogroup', name: 'q', choices: ['a', 'b', 'c'] }] };
    const { result } = release(definition, answers, { settings: { k: 5 } });
    const { preview } = await result;
    const cells = preview.snapshot?.tables[0]?.rows[0]?.cells ?? [];
    expect(cells.find((c) => c.category === 'c')?.count).toBeNull();
    expect(cells.filter((c) => c.count === null).length).toBeGreaterThanOrEqual(2);
    expect(preview.suppressions.map((s) => s.reason).sort()).toEqual(['complementary', 'primary']);
  });

  it('hides a multi-select option chosen by nearly everyone (its complement is small)', async () => {
    const answers: Answers[] = Array.from({ length: 120 }, (_, i) => ({ tools: i < 116 ? ['a', 'b'] : ['b'] }));
    const definition: SurveyDefinition = { elements: [{ type: 'checkbox', name: 'tools', choices: ['a', 'b'] }] };
    const { result } = release(definition, answers, { settings: { k: 5 } });
    const cells = (await result).preview.snapshot?.tables[0]?.rows[0]?.cells ?? [];
    expect(cells.find((c) => c.category === 'a')?.count).toBeNull();
    expect(cells.find((c) => c.category === 'b')?.count).toBe(120);
  });

  it('hides cross-tab groups below the minimum group size', async () => {
    const answers: Answers[] = Array.from({ length: 150 }, (_, i) => ({ q: i % 2 ? 'yes' : 'no', g: i < 30 ? 'small' : 'big' }));
    const definition: SurveyDefinition = {
      elements: [
        { type: 'radiogroup', name: 'q', choices: ['yes', 'no'] },
        { type: 'radiogroup', name: 'g', choices: ['small', 'big'] },
      ],
    };
    const { result } = release(definition, answers, { crosstabs: [['g']] });
    const { preview } = await result;
    const table = preview.snapshot?.tables.find((t) => t.kind === 'crosstab');
    expect(table?.rows.find((r) => r.group?.[0] === 'small')).toMatchObject({ n: null, withheld: 'group-too-small' });
    // With two groups, the small one would follow by subtraction: the audit hides more.
    expect(preview.audit.passed).toBe(true);
    expect(preview.suppressions.some((s) => s.reason === 'complementary')).toBe(true);
  });

  it('publishes paired statistics only when both discordant counts and all margins reach k (D7)', async () => {
    const definition: SurveyDefinition = {
      elements: [
        { type: 'radiogroup', name: 'screened__before', choices: ['yes', 'no'] },
        { type: 'radiogroup', name: 'screened__after', choices: ['yes', 'no'] },
      ],
    };
    const table = (a: number, b: number, c: number, d: number): Answers[] => [
      ...Array.from({ length: a }, () => ({ screened__before: 'yes', screened__after: 'yes' })),
      ...Array.from({ length: b }, () => ({ screened__before: 'yes', screened__after: 'no' })),
      ...Array.from({ length: c }, () => ({ screened__before: 'no', screened__after: 'yes' })),
      ...Array.from({ length: d }, () => ({ screened__before: 'no', screened__after: 'no' })),
    ];
    // TV5 scaled up so every count passes: the difference and its intervals are published.
    const passing = (await release(definition, table(50, 30, 12, 32), { settings: { k: 11, minGroup: 40 } }).result).preview.snapshot?.pairs[0];
    expect(passing?.statistics?.difference?.estimate).toBeCloseTo((100 * (30 - 12)) / 124, 1);
    expect(passing?.table).toEqual({ a: 50, b: 30, c: 12, d: 32 });
    // TV5 itself: c = 4 is below k, so no test, no interval, and c is hidden.
    const gated = (await release(definition, [...table(25, 15, 4, 16), ...Array.from({ length: 60 }, () => ({}))], { settings: { k: 5, minGroup: 40 } }).result).preview.snapshot?.pairs[0];
    expect(gated?.statistics).toBeNull();
    expect(gated?.table?.c).toBeNull();
  });

  it('holds a new release whose numbers changed by less than k since the last published one (D6)', async () => {
    const first = templateAnswers(150, 4);
    const firstRelease = await release(template, first).result;
    const ledger: LedgerEntry[] = [{ number: 1, values: firstRelease.ledgerValues }];
    const second = [...first, ...templateAnswers(3, 5)];
    const held = (await release(template, second, { ledger, number: 2 }).result).preview;
    expect(held.canPublish).toBe(false);
    expect(held.blocks.map((b) => b.code)).toContain('HELD_BY_TIME_RULE');
    expect(held.held.find((h) => h.id === 'N')).toEqual({ id: 'N', previous: 150, current: 153 });
  }, 60_000);

  it.each(['ons_10_5', 'cell_key'] as const)('publishes perturbed counts with %s and still passes the audit', async (perturbation) => {
    const { result } = release(template, templateAnswers(200, 6), { settings: { perturbation } });
    const { preview } = await result;
    expect(preview.audit.passed).toBe(true);
    const counts = publishedCounts(preview.snapshot as NonNullable<typeof preview.snapshot>);
    if (perturbation === 'ons_10_5') expect(counts.filter((c) => c !== 200 && c % 5 !== 0)).toEqual([]);
    expect(counts.filter((c) => isSmallCount(c, perturbation === 'ons_10_5' ? 10 : 11) && c !== 0)).toEqual([]);
  }, 60_000);
});

describe('property: nothing published lets the audit pin a cell to 1 … k − 1', () => {
  const definition: SurveyDefinition = {
    elements: [
      { type: 'radiogroup', name: 'q', choices: ['a', 'b', 'c', 'd'], showRefuseItem: true },
      { type: 'radiogroup', name: 'g', choices: ['x', 'y', 'z'] },
      { type: 'checkbox', name: 'm', choices: ['p', 'q', 'r'], showRefuseItem: true },
    ],
  };
  const answerArbitrary = fc.record(
    {
      q: fc.constantFrom('a', 'a', 'a', 'b', 'b', 'c', 'd', 'refused'),
      g: fc.constantFrom('x', 'x', 'y', 'y', 'z'),
      m: fc.constantFrom(['p'], ['p', 'q'], ['q'], ['r'], ['p', 'q', 'r'], ['refused']),
    },
    { requiredKeys: [] },
  );

  it('for random tables with a declared cross-tab', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(answerArbitrary, { minLength: 60, maxLength: 140 }), fc.constantFrom(5, 7), async (answers, k) => {
        const { catalogue, result } = release(definition, answers, { settings: { k, minResponses: 50, minGroup: 15 }, crosstabs: [['g']] });
        const { preview, ledgerValues } = await result;
        if (!preview.snapshot || !preview.audit.passed) return;
        expect(publishedCounts(preview.snapshot).filter((c) => isSmallCount(c, k))).toEqual([]);
        expect(await attackerFindsSmallCell(catalogue, answers, [ledgerValues], k)).toEqual([]);
      }),
      { numRuns: 25, seed: 7 },
    );
  }, 120_000);

  it('for random sequences of snapshots, published when the rules allow', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(answerArbitrary, { minLength: 3, maxLength: 40 }), { minLength: 3, maxLength: 5 }), async (batches) => {
        const k = 5;
        const answers: Answers[] = [];
        const ledger: LedgerEntry[] = [];
        for (const batch of batches) {
          answers.push(...batch);
          const { catalogue, result } = release(definition, answers, { settings: { k, minResponses: 30, minGroup: 10 }, crosstabs: [['g']], ledger, number: ledger.length + 1 });
          const { preview, ledgerValues } = await result;
          if (!preview.canPublish) continue;
          const previous = ledger.at(-1);
          if (previous) {
            for (const [id, value] of ledgerValues) {
              const before = previous.values.get(id);
              if (before) expect([0, ...Array.from({ length: 1000 }, (_, i) => i + k)]).toContain(Math.abs(value.value - before.value));
            }
          }
          ledger.push({ number: ledger.length + 1, values: ledgerValues });
          expect(await attackerFindsSmallCell(catalogue, answers, ledger.map((l) => l.values), k)).toEqual([]);
        }
      }),
      { numRuns: 12, seed: 11 },
    );
  }, 180_000);
});

describe('re-auditing only what widening can change', () => {
  const result = (rule: 'suppressed' | 'derived', lower: number, upper: number, passes: boolean) => ({ id: 'x', rule, lower, upper, passes });

  it('keeps verdicts that no widening can undo, and re-checks the rest', () => {
    expect(passesUnderWidening(result('suppressed', 0, 20, true), 11)).toBe(true);
    expect(passesUnderWidening(result('suppressed', Number.NaN, 0, true), 11)).toBe(false); // a structural zero can grow
    expect(passesUnderWidening(result('suppressed', 3, 5, false), 11)).toBe(false);
    expect(passesUnderWidening(result('derived', 0, Number.NaN, true), 11)).toBe(true);
    expect(passesUnderWidening(result('derived', 4, 30, true), 11)).toBe(true);
    expect(passesUnderWidening(result('derived', 12, Number.NaN, true), 11)).toBe(false); // [12, …] can widen to [8, 15]
    expect(passesUnderWidening(result('derived', Number.NaN, Number.NaN, true), 11)).toBe(false);
  });
});
