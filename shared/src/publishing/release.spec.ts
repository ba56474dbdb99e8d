import fc from 'fast-check';
import loadHighs from 'highs';
import { createHighsIntervalSolver, type HighsModule } from '../disclosure/highs-solver';
import {
  auditIntervals,
  type AuditTarget,
  type BoundHints,
  type IntervalSolver,
  type LinearConstraint,
} from '../disclosure/interval-audit';
import { isSmallCount } from '../disclosure/small-counts';
import { buildPolicyImpactSurvey } from '../surveys/templates/policy-impact-template';
import { seededRandom, syntheticPolicyImpactAnswers } from '../surveys/templates/synthetic-policy-impact';
import type { SurveyDefinition } from '../surveys/definition/survey-definition';
import type { Catalogue } from './catalogue';
import { buildCatalogue } from './catalogue-builder';
import { countJointsInMemory } from './count-in-memory';
import { snapshotToCsv } from './snapshot-csv';
import { JointSpace } from './joint-space';
import { buildQuantities } from './quantities';
import { buildRelease, type LedgerEntry, type ReleaseInput, type ReleaseSettings } from './release';
import { passesUnderWidening } from './release-suppression';

let solver: IntervalSolver;
beforeAll(async () => {
  solver = createHighsIntervalSolver((await loadHighs()) as HighsModule);
});

const SETTINGS: ReleaseSettings = { k: 11, minResponses: 100, minGroup: 40, perturbation: 'none' };
type Answers = Record<string, unknown>;

function release(
  definition: SurveyDefinition,
  answers: readonly Answers[],
  overrides: Omit<Partial<ReleaseInput>, 'settings'> & { settings?: Partial<ReleaseSettings>; crosstabs?: string[][] } = {},
) {
  const catalogue = buildCatalogue(definition, { crosstabs: overrides.crosstabs ?? [] });
  return {
    catalogue,
    result: buildRelease({
      catalogue,
      counts: countJointsInMemory(
        catalogue,
        answers.map((a, i) => ({ answers: a, recordKey: ((i * 2654435761) % 1000) / 1000 })),
      ),
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

/** One single-choice question, a / b / c. */
const ONE_QUESTION: SurveyDefinition = { elements: [{ type: 'radiogroup', name: 'q', choices: ['a', 'b', 'c'] }] };

/** `a`, `b` and `c` people answering {@link ONE_QUESTION} with a, b and c. */
function oneQuestionAnswers(a: number, b: number, c: number): Answers[] {
  return [
    ...Array.from({ length: a }, () => ({ q: 'a' })),
    ...Array.from({ length: b }, () => ({ q: 'b' })),
    ...Array.from({ length: c }, () => ({ q: 'c' })),
  ];
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
 * constraints, no cell of any joint — published or not, people who did not answer
 * included — can be pinned to 1 … k − 1.
 */
async function attackerFindsSmallCell(
  catalogue: Catalogue,
  answers: readonly Answers[],
  published: ReadonlyMap<string, { lower: number; upper: number }>[],
  k: number,
): Promise<string[]> {
  const space = new JointSpace(
    catalogue,
    countJointsInMemory(
      catalogue,
      answers.map((a) => ({ answers: a })),
    ),
  );
  const model = buildQuantities(catalogue, space, answers.length);
  const constraints: LinearConstraint[] = [...model.structure];
  for (const values of published) {
    for (const [id, range] of values) {
      const quantity = model.quantities.get(id);
      if (quantity)
        constraints.push({
          terms: quantity.terms,
          lower: range.lower,
          upper: values === published.at(-1) ? range.upper : Number.POSITIVE_INFINITY,
        });
    }
  }
  const targets: AuditTarget[] = [];
  for (const joint of catalogue.joints) {
    for (const cell of space.cells(joint.id)) {
      targets.push({
        id: `${joint.id}:${cell.tuple.join('|')}`,
        terms: [{ variable: cell.variable, coefficient: 1 }],
        rule: 'derived',
        value: space.cellValue(cell.variable),
      });
    }
  }
  const results = await auditIntervals({ variableCount: space.variableCount, constraints }, targets, k, solver);
  return results.filter((r) => !r.passes).map((r) => `${r.id} ∈ [${r.lower}, ${r.upper}]`);
}

/**
 * A solver whose answers that only guide a choice (BoundHints.relaxationIsEnough) are, half the
 * time, whatever passes the target: a minimum far below and a maximum far above any count.
 */
function lyingGuide(exact: IntervalSolver, seed: number): { solver: IntervalSolver; lies: () => number } {
  const random = seededRandom(seed);
  let lies = 0;
  const lie = (hints: BoundHints | undefined): boolean => {
    if (!hints?.relaxationIsEnough || random() < 0.5) return false;
    lies++;
    return true;
  };
  return {
    solver: {
      ...exact,
      minimum: (problem, objective, settled, enough, hints) =>
        lie(hints) ? Promise.resolve(-1e6) : exact.minimum(problem, objective, settled, enough, hints),
      maximum: (problem, objective, settled, enough, hints) =>
        lie(hints) ? Promise.resolve(1e6) : exact.maximum(problem, objective, settled, enough, hints),
    },
    lies: () => lies,
  };
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

  it('chooses what to hide by trials that may be wrong, and still publishes only what the exact audit passes', async () => {
    // Trial suppressions only choose (their answers may come from the relaxation): here half of
    // those answers are whatever passes the target. The exact audit of the next round decides.
    const answers = templateAnswers(160, 2);
    const liar = lyingGuide(solver, 5);
    const { catalogue, result } = release(template, answers, { solver: liar.solver });
    const { preview, ledgerValues } = await result;
    expect(liar.lies()).toBeGreaterThan(10);
    expect(preview.audit.passed).toBe(true);
    expect(preview.canPublish).toBe(true);
    expect(await attackerFindsSmallCell(catalogue, answers, [ledgerValues], 11)).toEqual([]);
  }, 120_000);

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

  it('names the number each complementary suppression protects, so staff can say why it is hidden', async () => {
    const answers: Answers[] = [];
    for (let i = 0; i < 120; i++) answers.push({ q: i < 3 ? 'c' : i < 60 ? 'a' : 'b' });
    const definition: SurveyDefinition = { elements: [{ type: 'radiogroup', name: 'q', choices: ['a', 'b', 'c'] }] };
    const { preview } = await release(definition, answers, { settings: { k: 5 } }).result;
    const primary = preview.suppressions.find((s) => s.reason === 'primary');
    const complementary = preview.suppressions.find((s) => s.reason === 'complementary');
    expect(primary?.protects).toBeUndefined();
    expect(complementary?.protects).toBe(primary?.id);
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

  const pairDefinition: SurveyDefinition = {
    elements: [
      { type: 'radiogroup', name: 'screened__before', choices: ['yes', 'no'] },
      { type: 'radiogroup', name: 'screened__after', choices: ['yes', 'no'] },
    ],
  };
  const pairTable = (a: number, b: number, c: number, d: number): Answers[] => [
    ...Array.from({ length: a }, () => ({ screened__before: 'yes', screened__after: 'yes' })),
    ...Array.from({ length: b }, () => ({ screened__before: 'yes', screened__after: 'no' })),
    ...Array.from({ length: c }, () => ({ screened__before: 'no', screened__after: 'yes' })),
    ...Array.from({ length: d }, () => ({ screened__before: 'no', screened__after: 'no' })),
  ];

  it('publishes paired tests whose counts are all published, and only p-value bands when one is hidden (D7)', async () => {
    // TV5 scaled up so every count passes: the difference and its intervals are published.
    const passing = (await release(pairDefinition, pairTable(50, 30, 12, 32), { settings: { k: 11, minGroup: 40 } }).result).preview
      .snapshot?.pairs[0];
    expect(passing?.statistics?.difference?.estimate).toBeCloseTo((100 * (30 - 12)) / 124, 1);
    expect(passing?.table).toEqual({ a: 50, b: 30, c: 12, d: 32 });
    // c = 4 is below k and hidden, so no exact p, no interval: a band at most.
    const gated = (await release(pairDefinition, pairTable(60, 40, 4, 50), { settings: { k: 5, minGroup: 40 } }).result).preview.snapshot
      ?.pairs[0];
    expect(gated?.table?.c).toBeNull();
    expect(gated?.statistics).toEqual({ bands: { mcnemar: '<0.001' } });
  });

  it("shows the seed study's McNemar test and Newcombe interval when c = 0 is published (a published 0 is nobody), with p to 3 significant digits", async () => {
    // COYOTE-RI 2018: screening 90% before → 63% after, 70 stopped and 0 started (n = 260).
    const pair = (await release(pairDefinition, pairTable(164, 70, 0, 26)).result).preview.snapshot?.pairs[0];
    expect(pair?.table).toEqual({ a: 164, b: 70, c: 0, d: 26 });
    expect(pair?.statistics?.difference?.estimate).toBeCloseTo(26.9, 1);
    const pExact = pair?.statistics?.mcnemar?.pExact as number;
    expect(pExact).toBeGreaterThan(0);
    expect(pExact / (2 * 0.5 ** 70)).toBeCloseTo(1, 2);
    const snapshot = (await release(pairDefinition, pairTable(164, 70, 0, 26)).result).preview.snapshot as NonNullable<
      Awaited<ReturnType<typeof buildRelease>>['preview']['snapshot']
    >;
    const midP = snapshotToCsv(snapshot)
      .split('\r\n')
      .find((line) => line.includes(',mcnemar,'))
      ?.split(',')[5];
    expect(Number(midP)).toBeGreaterThan(0);
    expect(Number(midP) / 0.5 ** 70).toBeCloseTo(1, 2);
  });

  it('never publishes the Wilcoxon statistic or an exact ordinal p-value when the change profile is hidden (D7)', async () => {
    const scale = ['never', 'sometimes', 'often', 'always'];
    const definition: SurveyDefinition = {
      elements: [
        { type: 'radiogroup', name: 'freq__before', choices: scale },
        { type: 'radiogroup', name: 'freq__after', choices: scale },
      ],
    };
    const random = seededRandom(5);
    const answers: Answers[] = Array.from({ length: 240 }, () => {
      const before = Math.floor(random() * 4);
      const step = random() < 0.5 ? 0 : random() < 0.7 ? -1 : random() < 0.5 ? 2 : -3;
      return { freq__before: scale[before], freq__after: scale[Math.max(0, Math.min(3, before + step))] };
    });
    const { preview } = await release(definition, answers).result;
    const pair = preview.snapshot?.pairs[0];
    expect(pair?.changes?.up).not.toBeNull();
    expect(pair?.statistics?.wilcoxon).toBeUndefined();
    expect(pair?.statistics?.stuartMaxwell).toBeUndefined();
    expect(pair?.statistics?.bands?.wilcoxon).toMatch(/^(<0\.001|<0\.01|<0\.05|>=0\.05)$/);
    // With perturbed counts, nothing computed from the true paired table goes out.
    const perturbed = (await release(definition, answers, { settings: { perturbation: 'cell_key' } }).result).preview.snapshot?.pairs[0];
    expect(perturbed?.changes?.up).not.toBeNull();
    expect(perturbed?.statistics).toBeNull();
  });

  it('never publishes a perturbed value below k, and reasons with the suppression rule about what a shown value stands for (D8)', async () => {
    const definition: SurveyDefinition = { elements: [{ type: 'radiogroup', name: 'q', choices: ['a', 'b', 'c'] }] };
    const catalogue = buildCatalogue(definition, { crosstabs: [] });
    // A true 11 whose cell key (0.1) draws noise −1: perturbed to 10, which is below k.
    const counts = new Map([
      [
        'q',
        new Map([
          ['a', { count: 11, keySum: 3.1 }],
          ['b', { count: 100, keySum: 50.5 }],
          ['c', { count: 40, keySum: 20.5 }],
        ]),
      ],
    ]);
    const { preview } = await buildRelease({
      catalogue,
      counts,
      responses: 151,
      survey: { slug: 's', title: 'S', locales: ['en'] },
      number: 1,
      publishedOn: '2026-11-29',
      window: { from: '2026-10-01', to: '2026-11-29' },
      ledger: [],
      solver,
      settings: { ...SETTINGS, perturbation: 'cell_key' },
    });
    const cells = preview.snapshot?.tables[0]?.rows[0]?.cells ?? [];
    expect(cells.find((c) => c.category === 'a')?.count).toBeNull();
    expect(cells.map((c) => c.count).filter((c) => c !== null && isSmallCount(c, 11))).toEqual([]);
  });

  it('computes paired tests from the published perturbed counts, never from the true table behind them', async () => {
    const catalogue = buildCatalogue(pairDefinition, { crosstabs: [] });
    const counts = new Map(
      countJointsInMemory(
        catalogue,
        pairTable(60, 35, 14, 40).map((answers) => ({ answers })),
      ),
    );
    const joint = catalogue.pairs[0]?.joint as string;
    // Cell keys that draw noise +1 for b (yes → no) and −1 for c (no → yes).
    const keys: Record<string, number> = { 'yes\u0001yes': 0.5, 'yes\u0001no': 0.9, 'no\u0001yes': 0.1, 'no\u0001no': 0.5 };
    counts.set(joint, new Map([...(counts.get(joint) ?? [])].map(([key, cell]) => [key, { count: cell.count, keySum: keys[key] ?? 0.5 }])));
    const { preview } = await buildRelease({
      catalogue,
      counts,
      responses: 149,
      survey: { slug: 's', title: 'S', locales: ['en'] },
      number: 1,
      publishedOn: '2026-11-29',
      window: { from: '2026-10-01', to: '2026-11-29' },
      ledger: [],
      solver,
      settings: { ...SETTINGS, perturbation: 'cell_key' },
    });
    const pair = preview.snapshot?.pairs[0];
    const table = pair?.table as { a: number; b: number; c: number; d: number };
    expect(table).toEqual({ a: 60, b: 36, c: 13, d: 40 });
    expect(pair?.statistics?.difference?.estimate).toBeCloseTo((100 * (36 - 13)) / 149, 1);
  });

  it('knows skip logic: a hidden "Prefer not to say" cannot be bounded below k through "worked after" minus "answered" (D5)', async () => {
    const definition: SurveyDefinition = {
      elements: [
        { type: 'radiogroup', name: 'worked', choices: ['yes', 'no'] },
        { type: 'radiogroup', name: 'q', visibleIf: "{worked} = 'yes'", choices: ['a', 'b'], showRefuseItem: true },
      ],
    };
    const answers: Answers[] = [
      ...Array.from({ length: 30 }, () => ({ worked: 'yes', q: 'a' })),
      ...Array.from({ length: 25 }, () => ({ worked: 'yes', q: 'b' })),
      ...Array.from({ length: 3 }, () => ({ worked: 'yes', q: 'refused' })),
      ...Array.from({ length: 90 }, () => ({ worked: 'no' })),
    ];
    const { preview } = await release(definition, answers).result;
    expect(preview.canPublish).toBe(true);
    const tables = preview.snapshot?.tables ?? [];
    const q = tables.find((t) => t.question === 'q');
    const workedYes = tables.find((t) => t.question === 'worked')?.rows[0]?.cells.find((c) => c.category === 'yes')?.count;
    expect(q?.refused).toBeNull();
    // Refused ≤ worked "yes" − answered a or b: that bound must leave the hidden count at least k.
    if (typeof workedYes === 'number' && typeof q?.n === 'number') expect(workedYes - q.n).toBeGreaterThanOrEqual(11);
  });

  it('refuses, naming the table, when the integer program has no solution (counts that disagree), instead of crashing', async () => {
    const definition: SurveyDefinition = {
      elements: [
        { type: 'radiogroup', name: 'q', choices: ['a', 'b', 'c'] },
        { type: 'radiogroup', name: 'g', choices: ['x', 'y'] },
      ],
    };
    const answers: Answers[] = Array.from({ length: 150 }, (_, i) => ({ q: i < 4 ? 'c' : i % 2 ? 'a' : 'b', g: i % 3 ? 'x' : 'y' }));
    const catalogue = buildCatalogue(definition, { crosstabs: [['g']] });
    const counts = new Map(
      countJointsInMemory(
        catalogue,
        answers.map((a) => ({ answers: a })),
      ),
    );
    // What the duplicate-grouping-set bug produced: one joint counted twice, so the joints disagree.
    const crosstabJoint = catalogue.joints.find((j) => j.dimensions.length > 1)?.id as string;
    counts.set(
      crosstabJoint,
      new Map([...(counts.get(crosstabJoint) ?? [])].map(([key, cell]) => [key, { count: cell.count * 2, keySum: cell.keySum }])),
    );
    const { preview } = await buildRelease({
      catalogue,
      counts,
      responses: answers.length,
      survey: { slug: 's', title: 'S', locales: ['en'] },
      number: 1,
      publishedOn: '2026-11-29',
      window: { from: '2026-10-01', to: '2026-11-29' },
      ledger: [],
      solver,
      settings: { ...SETTINGS, k: 5, minGroup: 20 },
    });
    expect(preview.canPublish).toBe(false);
    const block = preview.blocks.find((b) => b.code === 'AUDIT_FAILED');
    expect(block?.message).toMatch(/could not be completed for the table "(x|q):/);
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

  it('holds a release against every earlier one, not only the last: 15 → (hidden) → 16 would describe one new person (D6)', async () => {
    const definition = ONE_QUESTION;
    const answers = oneQuestionAnswers;
    const settings = { k: 11, minResponses: 100 };
    const first = await release(definition, answers(15, 100, 40), { settings }).result;
    expect(first.ledgerValues.get('q:q:c:a')?.value).toBe(15);
    const second = await release(definition, answers(15, 112, 40), {
      settings,
      ledger: [{ number: 1, values: first.ledgerValues }],
      number: 2,
    }).result;
    expect(second.preview.canPublish).toBe(true);
    // Release 2 as the reader saw it with "a" hidden (as complementary suppression may do).
    const secondShown = new Map([...second.ledgerValues].filter(([id]) => id !== 'q:q:c:a' && id !== 'q:q:n'));
    const ledger: LedgerEntry[] = [
      { number: 1, values: first.ledgerValues },
      { number: 2, values: secondShown },
    ];
    const third = (await release(definition, answers(16, 112, 51), { settings, ledger, number: 3 }).result).preview;
    expect(third.blocks).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'HELD_BY_TIME_RULE' })]));
    expect(third.held).toEqual(expect.arrayContaining([{ id: 'q:q:c:a', previous: 15, current: 16 }]));
  }, 60_000);

  it('reads the ledger in the order the releases were shown, whatever their numbers (a preview numbered 1 after publication 1)', async () => {
    // Published releases and previews shown to staff are numbered apart (1, 2, … each): a
    // preview at 110 responses that was not published is number 1 in the staff ledger, the
    // publication at 130 responses number 1 in the release ledger. Read by number, the
    // larger one would have to be earlier — a history no respondents explain.
    const definition = ONE_QUESTION;
    const answers = oneQuestionAnswers;
    const settings = { k: 11, minResponses: 100 };
    const preview = await release(definition, answers(30, 50, 30), { settings }).result;
    const published = await release(definition, answers(45, 70, 45), {
      settings,
      ledger: [{ number: 1, values: preview.ledgerValues }],
      number: 1,
    }).result;
    expect(published.preview.canPublish).toBe(true);
    const ledger: LedgerEntry[] = [
      { number: 1, values: published.ledgerValues },
      { number: 1, values: preview.ledgerValues },
    ];
    const next = (await release(definition, answers(60, 90, 60), { settings, ledger, number: 2 }).result).preview;
    expect(next.blocks).toEqual([]);
    expect(next.canPublish).toBe(true);
  }, 60_000);

  it.each(['ons_10_5', 'cell_key'] as const)(
    'publishes perturbed counts with %s and still passes the audit',
    async (perturbation) => {
      const { result } = release(template, templateAnswers(200, 6), { settings: { perturbation } });
      const { preview } = await result;
      expect(preview.audit.passed).toBe(true);
      const counts = publishedCounts(preview.snapshot as NonNullable<typeof preview.snapshot>);
      if (perturbation === 'ons_10_5') expect(counts.filter((c) => c !== 200 && c % 5 !== 0)).toEqual([]);
      expect(counts.filter((c) => isSmallCount(c, perturbation === 'ons_10_5' ? 10 : 11) && c !== 0)).toEqual([]);
    },
    60_000,
  );
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
      fc.asyncProperty(
        fc.array(fc.array(answerArbitrary, { minLength: 3, maxLength: 40 }), { minLength: 3, maxLength: 5 }),
        async (batches) => {
          const k = 5;
          const answers: Answers[] = [];
          const ledger: LedgerEntry[] = [];
          for (const batch of batches) {
            answers.push(...batch);
            const { catalogue, result } = release(definition, answers, {
              settings: { k, minResponses: 30, minGroup: 10 },
              crosstabs: [['g']],
              ledger,
              number: ledger.length + 1,
            });
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
            expect(
              await attackerFindsSmallCell(
                catalogue,
                answers,
                ledger.map((l) => l.values),
                k,
              ),
            ).toEqual([]);
          }
        },
      ),
      { numRuns: 12, seed: 11 },
    );
  }, 180_000);
});

describe('re-auditing only what widening can change', () => {
  const result = (rule: 'suppressed' | 'derived', lower: number, upper: number, passes: boolean) => ({
    id: 'x',
    rule,
    lower,
    upper,
    passes,
  });

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
