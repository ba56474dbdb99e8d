import loadHighs from 'highs';
import type { PublicationSnapshot } from '../contracts/publications';
import { createHighsIntervalSolver, type HighsModule } from '../disclosure/highs-solver';
import { auditIntervals, type AuditTarget, type IntervalSolver, type LinearConstraint } from '../disclosure/interval-audit';
import type { SurveyDefinition } from '../surveys/definition/survey-definition';
import { REFUSED, type Catalogue } from './catalogue';
import { buildCatalogue } from './catalogue-builder';
import { countJointsInMemory } from './count-in-memory';
import { JointSpace } from './joint-space';
import { buildQuantities } from './quantities';
import { buildRelease, type LedgerEntry, type LedgerValue } from './release';

/*
 * Groups defined by *not answering* a question (issue 10): "skipped the gender question"
 * is N − n − refused of the gender table, "in the north and skipped the age question" is
 * the north group's size minus its row's n. Each is a group like any other: no release, and
 * no sequence of releases, may pin it to 1 … k − 1.
 */

let solver: IntervalSolver;
beforeAll(async () => {
  solver = createHighsIntervalSolver((await loadHighs()) as HighsModule);
});

type Answers = Record<string, unknown>;
const K = 11;
const DEFINITION: SurveyDefinition = {
  elements: [
    { type: 'radiogroup', name: 'gender', choices: ['woman', 'man', 'nonbinary'], showRefuseItem: true },
    { type: 'radiogroup', name: 'region', choices: ['north', 'south'] },
    { type: 'radiogroup', name: 'age', choices: ['young', 'older'] },
    { type: 'radiogroup', name: 'housing', choices: ['stable', 'unstable'], showRefuseItem: true },
  ],
};
const CROSSTABS = [['region']];

/** 200 answers, large groups everywhere, except that `skipGender` skip gender and `skipAgeNorth` northerners skip age. */
function answers(skipGender: number, skipAgeNorth: number, size = 200): Answers[] {
  return Array.from({ length: size }, (_, i) => {
    const a: Answers = {
      gender: ['woman', 'man', 'nonbinary', REFUSED][i % 4],
      region: i % 2 === 0 ? 'north' : 'south',
      age: i % 3 === 0 ? 'young' : 'older',
      housing: ['stable', 'unstable', REFUSED][i % 3],
    };
    if (i < skipGender) delete a['gender'];
    if (i % 2 === 0 && i / 2 < skipAgeNorth) delete a['age'];
    return a;
  });
}

async function publish(list: readonly Answers[], ledger: readonly LedgerEntry[] = []) {
  const catalogue = buildCatalogue(DEFINITION, { crosstabs: CROSSTABS });
  const result = await buildRelease({
    catalogue,
    counts: countJointsInMemory(
      catalogue,
      list.map((a, i) => ({ answers: a, recordKey: (i % 97) / 97 })),
    ),
    responses: list.length,
    settings: { k: K, minResponses: 100, minGroup: 20, perturbation: 'none' },
    survey: { slug: 'skips', title: 'Skips', locales: ['en'] },
    number: ledger.length + 1,
    publishedOn: '2026-12-01',
    window: { from: '2026-11-01', to: '2026-12-01' },
    ledger,
    solver,
  });
  return { catalogue, ...result };
}

const table = (snapshot: PublicationSnapshot, id: string) =>
  snapshot.tables.find((t) => t.id === id) as PublicationSnapshot['tables'][number];
const small = (value: number) => value >= 1 && value <= K - 1;

/**
 * The attacker with every number of every release, targeting every joint cell — the
 * not-answered ones included — with each cell only growing from one release to the next.
 */
async function pinnedCells(
  catalogue: Catalogue,
  sequence: readonly (readonly Answers[])[],
  published: readonly ReadonlyMap<string, LedgerValue>[],
): Promise<string[]> {
  const spaces = sequence.map(
    (list) =>
      new JointSpace(
        catalogue,
        countJointsInMemory(
          catalogue,
          list.map((a) => ({ answers: a })),
        ),
      ),
  );
  const size = (spaces[0] as JointSpace).variableCount;
  const constraints: LinearConstraint[] = [];
  const targets: AuditTarget[] = [];
  spaces.forEach((space, r) => {
    const shift = (terms: readonly { variable: number; coefficient: number }[]) =>
      terms.map((t) => ({ variable: t.variable + r * size, coefficient: t.coefficient }));
    const model = buildQuantities(catalogue, space, (sequence[r] as readonly Answers[]).length);
    for (const c of model.structure) constraints.push({ ...c, terms: shift(c.terms) });
    for (const [id, range] of published[r] ?? []) {
      const quantity = model.quantities.get(id);
      if (quantity) constraints.push({ terms: shift(quantity.terms), lower: range.lower, upper: range.upper });
    }
    if (r > 0)
      for (let v = 0; v < size; v++)
        constraints.push({
          terms: [
            { variable: v + r * size, coefficient: 1 },
            { variable: v + (r - 1) * size, coefficient: -1 },
          ],
          lower: 0,
          upper: Number.POSITIVE_INFINITY,
        });
    for (const joint of catalogue.joints) {
      for (const cell of space.cells(joint.id)) {
        targets.push({
          id: `release ${r + 1} ${joint.id}:${cell.tuple.join('|')}`,
          terms: shift([{ variable: cell.variable, coefficient: 1 }]),
          rule: 'derived',
          value: space.cellValue(cell.variable),
        });
      }
    }
  });
  const results = await auditIntervals({ variableCount: size * spaces.length, constraints }, targets, K, solver);
  return results.filter((r) => !r.passes).map((r) => `${r.id} ∈ [${r.lower}, ${r.upper}]`);
}

describe('groups defined by not answering a question', () => {
  it.each([1, 4, 10])(
    'never lets a reader work out that exactly %i skipped the gender question (N − n − refused)',
    async (skipped) => {
      const list = answers(skipped, 0);
      const { catalogue, preview, ledgerValues } = await publish(list);
      expect(preview.canPublish).toBe(true);
      const snapshot = preview.snapshot as PublicationSnapshot;
      const gender = table(snapshot, 'q:gender');
      if (snapshot.responses !== null && gender.n !== null && typeof gender.refused === 'number')
        expect(small(snapshot.responses - gender.n - gender.refused)).toBe(false);
      expect(await pinnedCells(catalogue, [list], [ledgerValues])).toEqual([]);
    },
    120_000,
  );

  it.each([2, 7])(
    'never lets a reader work out that exactly %i northerners skipped the age question (group size − row n)',
    async (skipped) => {
      const list = answers(0, skipped);
      const { catalogue, preview, ledgerValues } = await publish(list);
      expect(preview.canPublish).toBe(true);
      const snapshot = preview.snapshot as PublicationSnapshot;
      const north = table(snapshot, 'q:region').rows[0]?.cells.find((c) => c.category === 'north')?.count;
      const row = table(snapshot, 'x:age|region').rows.find((r) => r.group?.[0] === 'north')?.n;
      if (typeof north === 'number' && typeof row === 'number') expect(small(north - row)).toBe(false);
      expect(await pinnedCells(catalogue, [list], [ledgerValues])).toEqual([]);
    },
    120_000,
  );

  it('still publishes a question nobody skipped in full', async () => {
    const { preview } = await publish(answers(0, 0));
    const gender = table(preview.snapshot as PublicationSnapshot, 'q:gender');
    expect([gender.n, gender.refused, ...(gender.rows[0]?.cells.map((c) => c.count) ?? [])]).not.toContain(null);
  }, 120_000);

  it('never lets two releases pin the skips between them: release 1 with nobody skipping, release 2 with a few new skips', async () => {
    const first = answers(0, 0);
    const one = await publish(first);
    expect(one.preview.canPublish).toBe(true);
    // 30 new respondents, 3 of whom skip gender: every published number moves by k or more, or not at all.
    const second = [
      ...first,
      ...answers(3, 0, 30).map((a, i) => ({ ...a, ...(i < 3 ? {} : { gender: 'woman' }), age: 'older', housing: 'stable' })),
    ];
    const ledger: LedgerEntry[] = [{ number: 1, values: one.ledgerValues }];
    const two = await publish(second, ledger);
    expect(two.preview.blocks).toEqual([]);
    const gender = table(two.preview.snapshot as PublicationSnapshot, 'q:gender');
    if (gender.n !== null && typeof gender.refused === 'number') expect(small(230 - gender.n - gender.refused)).toBe(false);
    expect(await pinnedCells(one.catalogue, [first, second], [one.ledgerValues, two.ledgerValues])).toEqual([]);
  }, 240_000);
});

/*
 * A new version that removes a choice (issue 10, point 5). The catalogue is the fielding
 * version's (D1): a removed choice is still counted — earlier answers to it stay where they
 * were, later respondents simply cannot give it — and an answer to a choice the fielding
 * version does not have is counted as not answered. So the history stays consistent and the
 * audit holds every earlier release exactly: nothing moves from "hotel" to "not answered"
 * between releases for a reader to subtract.
 */
describe('a new version that removes a choice', () => {
  const V1: SurveyDefinition = {
    elements: [
      { type: 'radiogroup', name: 'gender', choices: ['woman', 'man'], showRefuseItem: true },
      { type: 'radiogroup', name: 'region', choices: ['north', 'south'] },
      { type: 'radiogroup', name: 'venue', choices: ['street', 'indoor', 'online', 'hotel'], showRefuseItem: true },
    ],
  };
  /** Version 2 drops "hotel" and adds "car". */
  const V2: SurveyDefinition = {
    elements: V1.elements?.map((e) => (e.name === 'venue' ? { ...e, choices: ['street', 'indoor', 'online', 'car'] } : e)),
  };
  const settings = { k: K, minResponses: 100, minGroup: 20, perturbation: 'none' as const };

  async function releaseOf(list: readonly Answers[], ledger: readonly LedgerEntry[]) {
    // What the API does: the fielding version's catalogue, whatever the latest version is.
    const catalogue = buildCatalogue(V1, { crosstabs: [['region']] });
    return {
      catalogue,
      ...(await buildRelease({
        catalogue,
        counts: countJointsInMemory(
          catalogue,
          list.map((a, i) => ({ answers: a, recordKey: (i % 89) / 89 })),
        ),
        responses: list.length,
        settings,
        survey: { slug: 'venues', title: 'Venues', locales: ['en'] },
        number: ledger.length + 1,
        publishedOn: '2026-12-01',
        window: { from: '2026-11-01', to: '2026-12-01' },
        ledger,
        solver,
      })),
    };
  }

  it('counts earlier answers to the removed choice where they were, and models the earlier release exactly', async () => {
    expect(buildCatalogue(V2, { crosstabs: [] }).dimensions.get('venue')?.categories).not.toContain('hotel');
    const first: Answers[] = Array.from({ length: 180 }, (_, i) => ({
      gender: i % 3 === 0 ? REFUSED : i % 3 === 1 ? 'woman' : 'man',
      region: i % 2 === 0 ? 'north' : 'south',
      venue: ['street', 'indoor', 'online', 'hotel', REFUSED][i % 5],
    }));
    const one = await releaseOf(first, []);
    expect(one.preview.canPublish).toBe(true);
    // Version 2's respondents: northerners on the street, southerners indoors, and 4 in cars.
    const later: Answers[] = Array.from({ length: 40 }, (_, i) => ({
      gender: 'woman',
      region: i % 2 === 0 ? 'north' : 'south',
      venue: i < 4 ? 'car' : i % 2 === 0 ? 'street' : 'indoor',
    }));
    const second = [...first, ...later];
    const two = await releaseOf(second, [{ number: 1, values: one.ledgerValues }]);
    expect(two.preview.blocks).toEqual([]);
    expect(two.preview.warnings.join(' ')).not.toMatch(/counts only grow/);
    const hotel = (release: typeof one) => release.ledgerValues.get('q:venue:c:hotel')?.value;
    expect(hotel(one)).toBe(36);
    expect(hotel(two)).toBe(36);
    // "car" is not a choice of the fielding version: counted as not answered, so never pinned either.
    const venue = table(two.preview.snapshot as PublicationSnapshot, 'q:venue');
    if (venue.n !== null && typeof venue.refused === 'number') expect(small(220 - venue.n - venue.refused)).toBe(false);
    expect(await pinnedCells(one.catalogue, [first, second], [one.ledgerValues, two.ledgerValues])).toEqual([]);
  }, 240_000);

  it('refuses to publish, rather than compare by "counts only grow", when the earlier releases disagree with today\'s counts', async () => {
    const list: Answers[] = Array.from({ length: 150 }, (_, i) => ({
      gender: i % 2 ? 'woman' : 'man',
      region: i % 3 ? 'north' : 'south',
      venue: ['street', 'indoor', 'online'][i % 3],
    }));
    // An earlier release said 60 chose "hotel"; nobody has today: no history of added respondents explains that.
    const ledger: LedgerEntry[] = [{ number: 1, values: new Map([['q:venue:c:hotel', { value: 60, lower: 60, upper: 60 }]]) }];
    const { preview } = await releaseOf(list, ledger);
    expect(preview.canPublish).toBe(false);
    expect(preview.blocks.find((b) => b.code === 'AUDIT_FAILED')?.message).toMatch(/earlier releases in the ledger disagree/);
    expect(preview.warnings.join(' ')).not.toMatch(/counts only grow/);
  }, 120_000);

  it('refuses to publish when the history it would reason from is not exactly consistent (a solver off by its tolerance)', async () => {
    // Every proof by known solutions rests on that history being feasible: it is checked, not assumed.
    // A few refusals: hidden counts, so the earlier release's cells are not all pinned and the solver finds a history.
    const list: Answers[] = Array.from({ length: 150 }, (_, i) => ({
      gender: i % 37 === 0 ? REFUSED : i % 2 ? 'woman' : 'man',
      region: i % 3 ? 'north' : 'south',
      venue: i % 41 === 0 ? REFUSED : ['street', 'indoor', 'online', 'hotel'][i % 4],
    }));
    const one = await releaseOf(list.slice(0, 120), []);
    expect(one.preview.canPublish).toBe(true);
    let corrupted = false;
    let minimums = 0;
    const previous = solver;
    const offByOne: IntervalSolver = {
      ...solver,
      minimum: (...args) => {
        minimums++;
        return previous.minimum(...args);
      },
      maximum: (...args) => previous.maximum(...args),
      lastSolution: () => {
        const found = previous.lastSolution?.();
        if (!found || corrupted) return found;
        corrupted = true;
        return new Map([...found].map(([variable, value]) => [variable, value + 1]));
      },
    };
    solver = offByOne;
    try {
      const two = await releaseOf(list, [{ number: 1, values: one.ledgerValues }]);
      expect(minimums).toBeGreaterThan(0);
      expect(corrupted).toBe(true);
      expect(two.preview.canPublish).toBe(false);
      expect(two.preview.blocks.find((b) => b.code === 'AUDIT_FAILED')?.message).toMatch(/not exactly consistent|found exactly/);
    } finally {
      solver = previous;
    }
  }, 120_000);
});
