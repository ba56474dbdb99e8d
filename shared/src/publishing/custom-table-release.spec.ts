import loadHighs from 'highs';
import type { PublicationSnapshot } from '../contracts/publications';
import {
  CUSTOM_CELL_SEPARATOR,
  RECORD_KEY_MODULUS,
  auditCustomJoints,
  customCellId,
  customTableKnown,
  perturbCustomCount,
  type KeyedCount,
} from '../disclosure/cell-key-table';
import { createHighsIntervalSolver, type HighsModule } from '../disclosure/highs-solver';
import { seededRandom, type Random } from '../surveys/templates/synthetic-policy-impact';
import type { SurveyDefinition } from '../surveys/definition/survey-definition';
import { NOT_ANSWERED, REFUSED, type Catalogue, type Dimension } from './catalogue';
import { buildCatalogue } from './catalogue-builder';
import { categoryOf, countJointsInMemory } from './count-in-memory';
import { customAuditQuestions, releasedSumsFor } from './custom-table-release';
import { buildRelease, type LedgerEntry } from './release';

/*
 * Issue 17: a custom table next to a release. The release publishes exact one-way counts; the
 * custom table A × B publishes cell-key-perturbed cells. An attacker written apart from the
 * audit — its own reading of the public snapshot, its own integer programs on HiGHS — takes the
 * exact margins and the perturbed cells' published bounds and tries to pin a custom cell whose
 * true count is 1 … k − 1. A table the audit lets through must never be pinned.
 */
const DEFINITION: SurveyDefinition = {
  elements: [
    { type: 'radiogroup', name: 'region', choices: ['north', 'south', 'west', 'east'], showRefuseItem: true },
    { type: 'radiogroup', name: 'setting', choices: ['street', 'indoor', 'online'] },
  ],
};
const QUESTIONS = ['region', 'setting'];
const TRIALS = Number(process.env['CANDOR_ATTACK_SETS'] ?? 12);
/** Release tables over several questions: pins are rarer, so more data sets by default. */
const RELEASE_TABLE_TRIALS = Number(process.env['CANDOR_ATTACK_SETS'] ?? 30);

function draw(random: Random, count: number): Record<string, unknown>[] {
  const weights = (n: number) => Array.from({ length: n }, () => random() ** 3 + 0.01);
  const pick = (items: readonly string[], w: readonly number[]) => {
    let r = random() * w.reduce((s, x) => s + x, 0);
    for (let i = 0; i < items.length; i++) {
      r -= w[i] as number;
      if (r < 0) return items[i] as string;
    }
    return items[items.length - 1] as string;
  };
  const region = weights(5);
  const setting = weights(3);
  return Array.from({ length: count }, () => {
    const answers: Record<string, unknown> = {};
    if (random() > 0.03) answers['region'] = pick(['north', 'south', 'west', 'east', REFUSED], region);
    if (random() > 0.03) answers['setting'] = pick(['street', 'indoor', 'online'], setting);
    return answers;
  });
}

/** The attacker's bound on one objective over non-negative integers (CPLEX LP format for HiGHS). */
function bound(
  highs: HighsModule,
  size: number,
  constraints: readonly { terms: readonly number[]; lower: number; upper: number }[],
  objective: readonly number[],
  sense: 'Minimize' | 'Maximize',
): number {
  const sum = (terms: readonly number[]) => (terms.length === 0 ? '0 v0' : terms.map((v) => `v${v}`).join(' + '));
  const lines = [sense, ` obj: ${sum(objective)}`, 'Subject To'];
  constraints.forEach((c, i) => {
    if (c.lower === c.upper) lines.push(` e${i}: ${sum(c.terms)} = ${c.lower}`);
    else {
      lines.push(` l${i}: ${sum(c.terms)} >= ${c.lower}`);
      if (Number.isFinite(c.upper)) lines.push(` u${i}: ${sum(c.terms)} <= ${c.upper}`);
    }
  });
  const all = Array.from({ length: size }, (_, v) => `v${v}`);
  lines.push('Bounds', ...all.map((v) => ` ${v} >= 0`), 'General', ` ${all.join(' ')}`, 'End');
  const result = highs.solve(lines.join('\n'), { output_flag: false, mip_rel_gap: 0 });
  if (result.Status !== 'Optimal') throw new Error(`attacker's program: ${result.Status}`);
  return Math.round(result.ObjectiveValue);
}

describe('issue 17: custom tables audited against the release’s exact numbers', () => {
  let highs: HighsModule;
  beforeAll(async () => {
    highs = (await loadHighs()) as HighsModule;
  });

  it(`lets no custom table beside a release pin a count to 1 … k − 1 (${TRIALS} random data sets)`, async () => {
    const solver = createHighsIntervalSolver(highs);
    const catalogue = buildCatalogue(DEFINITION, { crosstabs: [] });
    const categories = QUESTIONS.map((q) => catalogue.dimensions.get(q)?.categories ?? []);
    const combinations = (categories[0] ?? []).flatMap((a) => (categories[1] ?? []).map((b) => [a, b]));
    const findings: string[] = [];
    let shown = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const random = seededRandom(7000 + trial);
      const k = trial % 2 === 0 ? 5 : 11;
      const answers = draw(random, 120 + Math.floor(random() * 200));
      const recordKeys = answers.map(() => Math.floor(random() * RECORD_KEY_MODULUS));
      const counts = countJointsInMemory(
        catalogue,
        answers.map((a) => ({ answers: a })),
      );
      const { preview, ledgerValues } = await buildRelease({
        catalogue,
        counts,
        responses: answers.length,
        settings: { k, minResponses: 100, minGroup: 20, perturbation: 'none' },
        survey: { slug: 'custom', title: 'Custom', locales: ['en'] },
        number: 1,
        publishedOn: '2026-12-01',
        window: { from: '2026-11-01', to: '2026-12-01' },
        ledger: [],
        solver,
      });
      const snapshot = preview.snapshot as PublicationSnapshot;
      const ledger: LedgerEntry[] = [{ number: 1, values: ledgerValues }];

      // The custom table region × setting, as the table builder counts and perturbs it.
      const finest = new Map<string, KeyedCount>();
      answers.forEach((a, i) => {
        const key = QUESTIONS.map((q) => (typeof a[q] === 'string' ? a[q] : NOT_ANSWERED)).join(CUSTOM_CELL_SEPARATOR);
        const cell = finest.get(key) ?? { count: 0, keySum: 0 };
        finest.set(key, { count: cell.count + 1, keySum: (cell.keySum + (recordKeys[i] as number)) % RECORD_KEY_MODULUS });
      });
      const pinnedByAudit = await auditCustomJoints(
        { questions: QUESTIONS, categories },
        finest,
        [QUESTIONS],
        k,
        solver,
        releasedSumsFor({ questions: QUESTIONS, categories }, finest, {
          catalogue,
          ledger,
          responses: answers.length,
          k,
          minGroup: 20,
        }),
      );
      if (pinnedByAudit.length > 0) continue; // held: staff see no number of this table
      shown++;

      // The attacker: the snapshot's exact one-way numbers and the custom cells' published bounds.
      const constraints: { terms: number[]; lower: number; upper: number }[] = [];
      const where = (test: (combination: readonly string[]) => boolean) =>
        combinations.flatMap((combination, v) => (test(combination) ? [v] : []));
      if (snapshot.responses !== null) constraints.push({ terms: where(() => true), lower: snapshot.responses, upper: snapshot.responses });
      for (const table of snapshot.tables) {
        const position = QUESTIONS.indexOf(table.question);
        if (table.kind !== 'single' || position < 0) continue;
        const substantive = new Set(table.categories.map((c) => c.value));
        const exact = (terms: number[], value: number | null | undefined) => {
          if (typeof value === 'number') constraints.push({ terms, lower: value, upper: value });
        };
        exact(
          where((c) => substantive.has(c[position] as string)),
          table.n,
        );
        exact(
          where((c) => c[position] === REFUSED),
          table.refused,
        );
        for (const cell of table.rows[0]?.cells ?? [])
          exact(
            where((c) => c[position] === cell.category),
            cell.count,
          );
      }
      const targets: { id: string; variable: number; truth: number }[] = [];
      combinations.forEach((combination, v) => {
        const cell = finest.get(combination.join(CUSTOM_CELL_SEPARATOR)) ?? { count: 0, keySum: 0 };
        constraints.push({ terms: [v], ...customTableKnown(perturbCustomCount(cell, k), k) });
        if (cell.count >= 1 && cell.count < k) targets.push({ id: combination.join(' × '), variable: v, truth: cell.count });
      });
      for (const target of targets) {
        const lower = bound(highs, combinations.length, constraints, [target.variable], 'Minimize');
        if (lower < 1) continue;
        const upper = bound(highs, combinations.length, constraints, [target.variable], 'Maximize');
        if (upper <= k - 1) findings.push(`trial ${trial} (k = ${k}): ${target.id} = ${target.truth} pinned to ${lower} … ${upper}`);
      }
    }
    expect(findings).toEqual([]);
    // A release of fewer responses than today's is an earlier day: its numbers hold on a block of their own.
    const older = releasedSumsFor({ questions: QUESTIONS, categories }, new Map(), {
      catalogue,
      ledger: [{ number: 1, values: new Map([['N', { value: 90, lower: 90, upper: 90 }]]) }],
      responses: 95,
      k: 5,
      minGroup: 20,
    });
    expect(older).toEqual([{ id: 'N@1', where: [{}], lower: 90, upper: 90, day: 1 }]);
    // Not vacuous: most tables are still shown.
    expect(shown).toBeGreaterThan(0);
  }, 600_000);
});

/*
 * Issue 17, part 2 of the review: a release's cross-tabs and before/after pairs next to a custom
 * table. The attacker works on the joint of every question of the survey (so a release table over
 * questions the custom table does not use is modelled exactly), reads every number the public
 * snapshot shows (one-way tables, cross-tab rows, the pair's n, margins and paired table) and the
 * custom cells' published bounds, and tries to pin a custom cell whose true count is 1 … k − 1.
 */
interface AttackCase {
  readonly name: string;
  readonly definition: SurveyDefinition;
  readonly crosstabs: readonly (readonly string[])[];
  /** The custom tables' joints tried, one per data set in turn. */
  readonly custom: readonly (readonly string[])[];
  readonly draw: (random: Random, count: number, day?: 'earlier' | 'later') => Record<string, unknown>[];
}

function weightedPick(random: Random, items: readonly string[], weights: readonly number[]): string {
  let r = random() * weights.reduce((s, x) => s + x, 0);
  for (let i = 0; i < items.length; i++) {
    r -= weights[i] as number;
    if (r < 0) return items[i] as string;
  }
  return items[items.length - 1] as string;
}
const skewed = (random: Random, n: number) => Array.from({ length: n }, () => random() ** 2 + 0.05);

const CROSSTAB_CASE: AttackCase = {
  name: 'a declared cross-tab',
  definition: {
    elements: [
      { type: 'radiogroup', name: 'region', choices: ['north', 'south', 'west', 'east'], showRefuseItem: true },
      { type: 'radiogroup', name: 'setting', choices: ['street', 'indoor', 'online'] },
      { type: 'radiogroup', name: 'age', choices: ['young', 'middle', 'older'] },
    ],
  },
  crosstabs: [['age']],
  custom: [
    ['region', 'setting'],
    ['region', 'age'],
    ['setting', 'age'],
  ],
  draw: (random, count) => {
    const region = skewed(random, 5);
    const setting = skewed(random, 3);
    const age = skewed(random, 3);
    return Array.from({ length: count }, () => {
      const answers: Record<string, unknown> = {};
      if (random() > 0.03) answers['region'] = weightedPick(random, ['north', 'south', 'west', 'east', REFUSED], region);
      if (random() > 0.03) answers['setting'] = weightedPick(random, ['street', 'indoor', 'online'], setting);
      if (random() > 0.03) answers['age'] = weightedPick(random, ['young', 'middle', 'older'], age);
      return answers;
    });
  },
};

const PAIR_CASE: AttackCase = {
  name: 'a before/after pair',
  definition: {
    elements: [
      { type: 'radiogroup', name: 'worked__before', choices: ['yes', 'no'] },
      { type: 'radiogroup', name: 'worked__after', choices: ['yes', 'no'] },
      { type: 'radiogroup', name: 'safe__before', choices: ['yes', 'no'] },
      { type: 'radiogroup', name: 'safe__after', choices: ['yes', 'no'] },
      { type: 'radiogroup', name: 'setting', choices: ['street', 'indoor', 'online'] },
    ],
  },
  crosstabs: [],
  custom: [
    ['worked__after', 'worked__before'],
    ['setting', 'worked__before'],
  ],
  draw: (random, count) => {
    const stay = 0.95 + random() * 0.049;
    const setting = skewed(random, 3);
    return Array.from({ length: count }, () => {
      const answers: Record<string, unknown> = {};
      const before = random() < 0.9 ? 'yes' : 'no';
      const after = random() < stay ? before : before === 'yes' ? 'no' : 'yes';
      if (random() > 0.02) answers['worked__before'] = before;
      if (random() > 0.02) answers['worked__after'] = after;
      const safe = random() < 0.6 ? 'yes' : 'no';
      answers['safe__before'] = safe;
      if (random() > 0.005) answers['safe__after'] = random() < 0.85 ? safe : safe === 'yes' ? 'no' : 'yes';
      if (random() > 0.03) answers['setting'] = weightedPick(random, ['street', 'indoor', 'online'], setting);
      return answers;
    });
  },
};

/** Counts records over some questions (their categories per the catalogue), with record keys summed mod 2^48. */
function countOver(
  records: readonly Record<string, string>[],
  keys: readonly number[],
  questions: readonly string[],
): Map<string, KeyedCount> {
  const counts = new Map<string, KeyedCount>();
  records.forEach((record, i) => {
    const key = questions.map((q) => record[q]).join(CUSTOM_CELL_SEPARATOR);
    const cell = counts.get(key) ?? { count: 0, keySum: 0 };
    counts.set(key, { count: cell.count + 1, keySum: (cell.keySum + (keys[i] as number)) % RECORD_KEY_MODULUS });
  });
  return counts;
}

function crossProduct(lists: readonly (readonly string[])[]): string[][] {
  return lists.reduce<string[][]>((all, list) => all.flatMap((c) => list.map((x) => [...c, x])), [[]]);
}

/** The snapshot's numbers as constraints on the joint of every dimension (the attacker's own reading). */
function snapshotConstraints(
  snapshot: PublicationSnapshot,
  dimensions: readonly string[],
  combinations: readonly string[][],
): { terms: number[]; lower: number; upper: number }[] {
  const constraints: { terms: number[]; lower: number; upper: number }[] = [];
  const at = (question: string) => dimensions.indexOf(question);
  const where = (test: (c: readonly string[]) => boolean) => combinations.flatMap((c, v) => (test(c) ? [v] : []));
  const exact = (test: (c: readonly string[]) => boolean, value: number | null | undefined) => {
    if (typeof value === 'number') constraints.push({ terms: where(test), lower: value, upper: value });
  };
  exact(() => true, snapshot.responses);
  for (const table of snapshot.tables) {
    const q = at(table.question);
    const substantive = new Set(table.categories.map((c) => c.value));
    if (table.kind === 'single') {
      exact((c) => substantive.has(c[q] as string), table.n);
      exact((c) => c[q] === REFUSED, table.refused);
      for (const cell of table.rows[0]?.cells ?? []) exact((c) => c[q] === cell.category, cell.count);
    } else if (table.kind === 'crosstab') {
      const groups = (table.groupBy ?? []).map((g) => at(g.question));
      for (const row of table.rows) {
        const inGroup = (c: readonly string[]) => groups.every((g, i) => c[g] === row.group?.[i]);
        exact((c) => substantive.has(c[q] as string) && inGroup(c), row.n);
        for (const cell of row.cells) exact((c) => c[q] === cell.category && inGroup(c), cell.count);
      }
    }
  }
  for (const pair of snapshot.pairs) {
    const b = at(`${pair.stem}__before`);
    const a = at(`${pair.stem}__after`);
    const order = pair.categories.map((c) => c.value);
    const qualified = (c: readonly string[]) =>
      at('worked__before') < 0 || pair.stem === 'worked' || (c[at('worked__before')] === 'yes' && c[at('worked__after')] === 'yes');
    const paired = (c: readonly string[]) => qualified(c) && order.includes(c[b] as string) && order.includes(c[a] as string);
    exact(paired, pair.n);
    for (const cell of pair.before) exact((c) => paired(c) && c[b] === cell.category, cell.count);
    for (const cell of pair.after) exact((c) => paired(c) && c[a] === cell.category, cell.count);
    if (pair.table) {
      const [yes, no] = order as [string, string];
      const cells: Record<'a' | 'b' | 'c' | 'd', [string, string]> = { a: [yes, yes], b: [yes, no], c: [no, yes], d: [no, no] };
      for (const [name, [before, after]] of Object.entries(cells))
        exact((c) => paired(c) && c[b] === before && c[a] === after, pair.table[name as 'a']);
    }
  }
  return constraints;
}

/** The audit under test: what the table builder's service does before it shows a custom joint. */
/** The catalogue of an attack case and the joint of every question it counts. */
function attackWorld(attackCase: AttackCase) {
  const catalogue = buildCatalogue(attackCase.definition, { crosstabs: attackCase.crosstabs });
  const dimensions = [...catalogue.dimensions.keys()];
  const categoriesOf = (question: string) => catalogue.dimensions.get(question)?.categories ?? [];
  const combinations = crossProduct(dimensions.map(categoriesOf));
  return { catalogue, dimensions, categoriesOf, combinations };
}

/** Each answer set's record key and its category in every dimension. */
function recordsOf(
  catalogue: ReturnType<typeof buildCatalogue>,
  dimensions: readonly string[],
  answers: readonly Record<string, unknown>[],
  random: () => number,
) {
  const keys = answers.map(() => Math.floor(random() * RECORD_KEY_MODULUS));
  const records = answers.map((a) =>
    Object.fromEntries(dimensions.map((d) => [d, categoryOf(catalogue.dimensions.get(d) as Dimension, a)])),
  );
  return { keys, records };
}

async function auditCustomAgainstRelease(
  catalogue: Catalogue,
  records: readonly Record<string, string>[],
  keys: readonly number[],
  custom: readonly string[],
  k: number,
  solver: ReturnType<typeof createHighsIntervalSolver>,
  ledger: readonly LedgerEntry[],
  responses: number,
  minGroup: number,
) {
  const questions = customAuditQuestions(custom, catalogue, ledger.length > 0, { ledger, responses });
  const union = { questions, categories: questions.map((q) => catalogue.dimensions.get(q)?.categories ?? []) };
  const finest = countOver(records, keys, questions);
  return auditCustomJoints(
    union,
    finest,
    [[...custom].sort()],
    k,
    solver,
    releasedSumsFor(union, finest, { catalogue, ledger, responses, k, minGroup }),
  );
}

async function attackReleaseAndCustom(
  highs: HighsModule,
  attackCase: AttackCase,
  trials: number,
): Promise<{ findings: string[]; shown: number; audited: number }> {
  const solver = createHighsIntervalSolver(highs);
  const { catalogue, dimensions, categoriesOf, combinations } = attackWorld(attackCase);
  const findings: string[] = [];
  let shown = 0;
  let audited = 0;
  for (let trial = 0; trial < trials; trial++) {
    const random = seededRandom(9100 + trial);
    const k = trial % 2 === 0 ? 5 : 11;
    const answers = attackCase.draw(random, 120 + Math.floor(random() * 200));
    const { keys, records } = recordsOf(catalogue, dimensions, answers, random);
    const { preview, ledgerValues } = await buildRelease({
      catalogue,
      counts: countJointsInMemory(
        catalogue,
        answers.map((a) => ({ answers: a })),
      ),
      responses: answers.length,
      settings: { k, minResponses: 100, minGroup: 10, perturbation: 'none' },
      survey: { slug: 'custom', title: 'Custom', locales: ['en'] },
      number: 1,
      publishedOn: '2026-12-01',
      window: { from: '2026-11-01', to: '2026-12-01' },
      ledger: [],
      solver,
    });
    const snapshot = preview.snapshot as PublicationSnapshot;
    const ledger: LedgerEntry[] = [{ number: 1, values: ledgerValues }];
    const custom = attackCase.custom[trial % attackCase.custom.length] as readonly string[];
    const customCounts = countOver(records, keys, custom);
    audited++;
    const pinnedByAudit = await auditCustomAgainstRelease(catalogue, records, keys, custom, k, solver, ledger, answers.length, 10);
    if (pinnedByAudit.length > 0) continue;
    shown++;
    const constraints = snapshotConstraints(snapshot, dimensions, combinations);
    const positions = custom.map((q) => dimensions.indexOf(q));
    const targets: { id: string; terms: number[]; truth: number }[] = [];
    for (const cell of crossProduct(custom.map(categoriesOf))) {
      const terms = combinations.flatMap((c, v) => (positions.every((p, i) => c[p] === cell[i]) ? [v] : []));
      const truth = customCounts.get(cell.join(CUSTOM_CELL_SEPARATOR)) ?? { count: 0, keySum: 0 };
      constraints.push({ terms, ...customTableKnown(perturbCustomCount(truth, k), k) });
      if (truth.count >= 1 && truth.count < k) targets.push({ id: cell.join(' × '), terms, truth: truth.count });
    }
    for (const target of targets) {
      const lower = bound(highs, combinations.length, constraints, target.terms, 'Minimize');
      if (lower < 1) continue;
      const upper = bound(highs, combinations.length, constraints, target.terms, 'Maximize');
      if (upper <= k - 1)
        findings.push(`trial ${trial} (k = ${k}, ${custom.join(' × ')}): ${target.id} = ${target.truth} pinned to ${lower} … ${upper}`);
    }
  }
  return { findings, shown, audited };
}

describe('issue 17: custom tables audited against the release’s cross-tabs and pairs', () => {
  let highs: HighsModule;
  beforeAll(async () => {
    highs = (await loadHighs()) as HighsModule;
  });

  for (const attackCase of [CROSSTAB_CASE, PAIR_CASE]) {
    it(`lets no custom table beside a release with ${attackCase.name} pin a count (${RELEASE_TABLE_TRIALS} random data sets)`, async () => {
      const { findings, shown } = await attackReleaseAndCustom(highs, attackCase, RELEASE_TABLE_TRIALS);
      expect(findings).toEqual([]);
      expect(shown).toBeGreaterThan(0);
    }, 900_000);
  }
});

/*
 * Issue 17, the other direction: custom tables shown to staff first, a release (a preview staff
 * see, then the public snapshot) afterwards. The release's audit must take the custom-table ledger
 * into account: the attacker reads the release and every custom cell's published bounds.
 */
async function attackCustomThenRelease(
  highs: HighsModule,
  attackCase: AttackCase,
  trials: number,
): Promise<{ findings: string[]; shown: number }> {
  const solver = createHighsIntervalSolver(highs);
  const { catalogue, dimensions, categoriesOf, combinations } = attackWorld(attackCase);
  const findings: string[] = [];
  let shown = 0;
  for (let trial = 0; trial < trials; trial++) {
    const random = seededRandom(9700 + trial);
    const k = trial % 2 === 0 ? 5 : 11;
    const answers = attackCase.draw(random, 120 + Math.floor(random() * 200));
    const { keys, records } = recordsOf(catalogue, dimensions, answers, random);
    // The custom table first: nothing released yet, one joint on its own is never pinned, so it is shown.
    const custom = [...(attackCase.custom[trial % attackCase.custom.length] as readonly string[])].sort();
    const customCounts = countOver(records, keys, custom);
    const values: Record<string, number> = {};
    for (const cell of crossProduct(custom.map(categoriesOf))) {
      const truth = customCounts.get(cell.join(CUSTOM_CELL_SEPARATOR)) ?? { count: 0, keySum: 0 };
      values[customCellId(custom.map((question, i) => ({ question, values: [cell[i] as string] })))] = perturbCustomCount(truth, k);
    }
    // Then the release, audited with the custom-table ledger.
    const union = customAuditQuestions(custom, catalogue, true);
    const { preview } = await buildRelease({
      catalogue,
      counts: countJointsInMemory(
        catalogue,
        answers.map((a) => ({ answers: a })),
      ),
      responses: answers.length,
      settings: { k, minResponses: 100, minGroup: 10, perturbation: 'none' },
      survey: { slug: 'custom', title: 'Custom', locales: ['en'] },
      number: 1,
      publishedOn: '2026-12-01',
      window: { from: '2026-11-01', to: '2026-12-01' },
      ledger: [],
      solver,
      custom: {
        union: { questions: union, categories: union.map(categoriesOf) },
        finest: countOver(records, keys, union),
        views: [{ joint: custom, values }],
      },
    });
    if (!preview.canPublish || !preview.snapshot) continue; // staff see the reasons only, no number
    shown++;
    const constraints = snapshotConstraints(preview.snapshot, dimensions, combinations);
    const positions = custom.map((q) => dimensions.indexOf(q));
    const targets: { id: string; terms: number[]; truth: number }[] = [];
    for (const cell of crossProduct(custom.map(categoriesOf))) {
      const terms = combinations.flatMap((c, v) => (positions.every((p, i) => c[p] === cell[i]) ? [v] : []));
      const truth = customCounts.get(cell.join(CUSTOM_CELL_SEPARATOR)) ?? { count: 0, keySum: 0 };
      constraints.push({ terms, ...customTableKnown(perturbCustomCount(truth, k), k) });
      if (truth.count >= 1 && truth.count < k) targets.push({ id: cell.join(' × '), terms, truth: truth.count });
    }
    for (const target of targets) {
      const lower = bound(highs, combinations.length, constraints, target.terms, 'Minimize');
      if (lower < 1) continue;
      const upper = bound(highs, combinations.length, constraints, target.terms, 'Maximize');
      if (upper <= k - 1)
        findings.push(`trial ${trial} (k = ${k}, ${custom.join(' × ')}): ${target.id} = ${target.truth} pinned to ${lower} … ${upper}`);
    }
  }
  return { findings, shown };
}

describe('issue 17: a release after custom tables is audited against them', () => {
  let highs: HighsModule;
  beforeAll(async () => {
    highs = (await loadHighs()) as HighsModule;
  });

  const ONE_WAY_CASE: AttackCase = { ...CROSSTAB_CASE, name: 'one-way tables only', crosstabs: [] };
  for (const attackCase of [ONE_WAY_CASE, CROSSTAB_CASE, PAIR_CASE]) {
    it(`lets no release with ${attackCase.name} pin a custom cell shown before (${RELEASE_TABLE_TRIALS} random data sets)`, async () => {
      const { findings, shown } = await attackCustomThenRelease(highs, attackCase, RELEASE_TABLE_TRIALS);
      expect(findings).toEqual([]);
      expect(shown).toBeGreaterThan(0);
    }, 900_000);
  }
});

/*
 * Issue 17, part 2: time. A release of an earlier day (fewer responses than today) and a custom
 * table today. The attacker models the earlier day as its own block of joint cells — the joint
 * of every question, held to every number that release showed — each at most today's cell
 * (respondents are only added), and today's custom cells by their published bounds. Reading the
 * earlier release's tables together (not one number at a time) says more about today: a category
 * empty on the earlier day but full today no longer hides where that day's responses were.
 */
async function attackEarlierReleaseThenCustom(
  highs: HighsModule,
  attackCase: AttackCase,
  trials: number,
  seed: number,
): Promise<{ findings: string[]; shown: number }> {
  const solver = createHighsIntervalSolver(highs);
  const { catalogue, dimensions, categoriesOf, combinations } = attackWorld(attackCase);
  const size = combinations.length;
  const findings: string[] = [];
  let shown = 0;
  for (let trial = 0; trial < trials; trial++) {
    const random = seededRandom(seed + trial);
    const k = trial % 2 === 0 ? 5 : 11;
    // The earlier day, then newcomers answering differently (each draw picks its own weights).
    const earlier = attackCase.draw(random, 100 + Math.floor(random() * 60), 'earlier');
    const answers = [...earlier, ...attackCase.draw(random, 20 + Math.floor(random() * 120), 'later')];
    const { keys, records } = recordsOf(catalogue, dimensions, answers, random);
    const { preview, ledgerValues } = await buildRelease({
      catalogue,
      counts: countJointsInMemory(
        catalogue,
        earlier.map((a) => ({ answers: a })),
      ),
      responses: earlier.length,
      settings: { k, minResponses: 100, minGroup: 10, perturbation: 'none' },
      survey: { slug: 'custom', title: 'Custom', locales: ['en'] },
      number: 1,
      publishedOn: '2026-11-01',
      window: { from: '2026-10-01', to: '2026-11-01' },
      ledger: [],
      solver,
    });
    if (!preview.snapshot) continue;
    const ledger: LedgerEntry[] = [{ number: 1, values: ledgerValues }];
    const custom = attackCase.custom[trial % attackCase.custom.length] as readonly string[];
    const customCounts = countOver(records, keys, custom);
    const pinnedByAudit = await auditCustomAgainstRelease(catalogue, records, keys, custom, k, solver, ledger, answers.length, 10);
    if (pinnedByAudit.length > 0) continue;
    shown++;
    // Block 1 (variables size … 2·size − 1): the earlier day, held to its release, each cell at most today's.
    const constraints = snapshotConstraints(preview.snapshot, dimensions, combinations).map((c) => ({
      ...c,
      terms: c.terms.map((v) => v + size),
    }));
    for (let v = 0; v < size; v++) constraints.push({ terms: [v], lower: 0, upper: Number.POSITIVE_INFINITY });
    const positions = custom.map((q) => dimensions.indexOf(q));
    const targets: { id: string; terms: number[]; truth: number }[] = [];
    for (const cell of crossProduct(custom.map(categoriesOf))) {
      const terms = combinations.flatMap((c, v) => (positions.every((p, i) => c[p] === cell[i]) ? [v] : []));
      const truth = customCounts.get(cell.join(CUSTOM_CELL_SEPARATOR)) ?? { count: 0, keySum: 0 };
      constraints.push({ terms, ...customTableKnown(perturbCustomCount(truth, k), k) });
      if (truth.count >= 1 && truth.count < k) targets.push({ id: cell.join(' × '), terms, truth: truth.count });
    }
    const monotone = Array.from({ length: size }, (_, v) => ({ earlier: v + size, today: v }));
    for (const target of targets) {
      const lower = boundWithHistory(highs, 2 * size, constraints, monotone, target.terms, 'Minimize');
      if (lower < 1) continue;
      const upper = boundWithHistory(highs, 2 * size, constraints, monotone, target.terms, 'Maximize');
      if (upper <= k - 1)
        findings.push(`trial ${trial} (k = ${k}, ${custom.join(' × ')}): ${target.id} = ${target.truth} pinned to ${lower} … ${upper}`);
    }
  }
  return { findings, shown };
}

/** {@link bound} with cell-wise `earlier ≤ today` links between blocks. */
function boundWithHistory(
  highs: HighsModule,
  size: number,
  constraints: readonly { terms: readonly number[]; lower: number; upper: number }[],
  monotone: readonly { earlier: number; today: number }[],
  objective: readonly number[],
  sense: 'Minimize' | 'Maximize',
): number {
  const sum = (terms: readonly number[]) => (terms.length === 0 ? '0 v0' : terms.map((v) => `v${v}`).join(' + '));
  const lines = [sense, ` obj: ${sum(objective)}`, 'Subject To'];
  constraints.forEach((c, i) => {
    if (c.lower === c.upper) lines.push(` e${i}: ${sum(c.terms)} = ${c.lower}`);
    else {
      lines.push(` l${i}: ${sum(c.terms)} >= ${c.lower}`);
      if (Number.isFinite(c.upper)) lines.push(` u${i}: ${sum(c.terms)} <= ${c.upper}`);
    }
  });
  monotone.forEach(({ earlier, today }, i) => lines.push(` m${i}: v${today} - v${earlier} >= 0`));
  const all = Array.from({ length: size }, (_, v) => `v${v}`);
  lines.push('Bounds', ...all.map((v) => ` ${v} >= 0`), 'General', ` ${all.join(' ')}`, 'End');
  const result = highs.solve(lines.join('\n'), { output_flag: false, mip_rel_gap: 0 });
  if (result.Status !== 'Optimal') throw new Error(`attacker's program: ${result.Status}`);
  return Math.round(result.ObjectiveValue);
}

/** A setting nobody had on the earlier day, then newcomers mostly in it. */
const NEW_SETTING_CASE: AttackCase = {
  ...CROSSTAB_CASE,
  name: 'one-way tables only',
  crosstabs: [],
  draw: (random, count, day) => {
    const region = skewed(random, 5);
    const setting = day === 'later' ? [0, 0, 1] : [random(), random() ** 3, 0];
    const age = skewed(random, 3);
    return Array.from({ length: count }, () => {
      const answers: Record<string, unknown> = {};
      if (random() > 0.03) answers['region'] = weightedPick(random, ['north', 'south', 'west', 'east', REFUSED], region);
      answers['setting'] = weightedPick(random, ['street', 'indoor', 'online'], setting);
      if (random() > 0.03) answers['age'] = weightedPick(random, ['young', 'middle', 'older'], age);
      return answers;
    });
  },
};

describe('issue 17: a custom table after a release of an earlier day', () => {
  let highs: HighsModule;
  beforeAll(async () => {
    highs = (await loadHighs()) as HighsModule;
  });

  const NEW_SETTING_CROSSTAB_CASE: AttackCase = { ...NEW_SETTING_CASE, name: 'a declared cross-tab', crosstabs: [['age']] };
  // Before/after pairs (each draw its own rates of change): the pairs' questions outside a custom table are a branch.
  for (const attackCase of [NEW_SETTING_CASE, NEW_SETTING_CROSSTAB_CASE, PAIR_CASE]) {
    it(`lets no earlier release with ${attackCase.name}, read as its own day, pin a custom cell (${RELEASE_TABLE_TRIALS} random data sets)`, async () => {
      const { findings, shown } = await attackEarlierReleaseThenCustom(highs, attackCase, RELEASE_TABLE_TRIALS, 12_300);
      if (process.env['CANDOR_ATTACK_REPORT'])
        console.log(`${attackCase.name}: ${shown} of ${RELEASE_TABLE_TRIALS} shown, ${findings.length} pinned`);
      expect(findings).toEqual([]);
      expect(shown).toBeGreaterThan(0);
    }, 900_000);
  }
});

/*
 * A guard for what is left (issue 17, part 2): custom tables shown on an earlier day, then a release. The
 * custom-table ledger keeps no total, so the release's audit reads a view's changed cell only
 * as a lower bound of today's count, one cell at a time. The attacker models that day as its
 * own block (the joint of every question, every view of the day on it, cell-wise at most
 * today's) and reads today's release beside it, targeting every custom cell of 1 … k − 1
 * people on that day or today.
 */
async function attackEarlierViewsThenRelease(
  highs: HighsModule,
  attackCase: AttackCase,
  trials: number,
  seed: number,
  knowsTotal = false,
): Promise<{ findings: string[]; shown: number }> {
  const solver = createHighsIntervalSolver(highs);
  const { catalogue, dimensions, categoriesOf, combinations } = attackWorld(attackCase);
  const size = combinations.length;
  const findings: string[] = [];
  let shown = 0;
  for (let trial = 0; trial < trials; trial++) {
    const random = seededRandom(seed + trial);
    const k = trial % 2 === 0 ? 5 : 11;
    const earlier = attackCase.draw(random, 100 + Math.floor(random() * 60), 'earlier');
    const answers = [...earlier, ...attackCase.draw(random, 20 + Math.floor(random() * 120), 'later')];
    const { keys, records } = recordsOf(catalogue, dimensions, answers, random);
    const before = records.slice(0, earlier.length);
    // Every custom joint of the case, shown on the earlier day (two joints alone: audited together, no release yet).
    const joints = attackCase.custom.map((joint) => [...joint].sort());
    const union = [...new Set(joints.flat())].sort();
    const dayUnion = { questions: union, categories: union.map(categoriesOf) };
    const pinnedThen = await auditCustomJoints(dayUnion, countOver(before, keys, union), joints, k, solver);
    if (pinnedThen.length > 0) continue;
    const views = joints.map((joint) => {
      const counts = countOver(before, keys, joint);
      const values: Record<string, number> = {};
      for (const cell of crossProduct(joint.map(categoriesOf))) {
        const truth = counts.get(cell.join(CUSTOM_CELL_SEPARATOR)) ?? { count: 0, keySum: 0 };
        values[customCellId(joint.map((question, i) => ({ question, values: [cell[i] as string] })))] = perturbCustomCount(truth, k);
      }
      return { joint, values, counts };
    });
    const widened = customAuditQuestions(union, catalogue, true);
    const { preview } = await buildRelease({
      catalogue,
      counts: countJointsInMemory(
        catalogue,
        answers.map((a) => ({ answers: a })),
      ),
      responses: answers.length,
      settings: { k, minResponses: 100, minGroup: 10, perturbation: 'none' },
      survey: { slug: 'custom', title: 'Custom', locales: ['en'] },
      number: 1,
      publishedOn: '2026-12-01',
      window: { from: '2026-11-01', to: '2026-12-01' },
      ledger: [],
      solver,
      custom: {
        union: { questions: widened, categories: widened.map(categoriesOf) },
        finest: countOver(records, keys, widened),
        views: views.map(({ joint, values }) => ({ joint, values, responses: earlier.length })),
      },
    });
    if (!preview.canPublish || !preview.snapshot) continue;
    shown++;
    // Block 0: today, held to the release; block 1: the earlier day, held to the views.
    const constraints = snapshotConstraints(preview.snapshot, dimensions, combinations);
    const targets: { id: string; terms: number[]; truth: number }[] = [];
    const todayCounts = (joint: readonly string[]) => countOver(records, keys, joint);
    for (const { joint, values, counts } of views) {
      const positions = joint.map((q) => dimensions.indexOf(q));
      const today = todayCounts(joint);
      for (const cell of crossProduct(joint.map(categoriesOf))) {
        const terms = combinations.flatMap((c, v) => (positions.every((p, i) => c[p] === cell[i]) ? [v] : []));
        const id = customCellId(joint.map((question, i) => ({ question, values: [cell[i] as string] })));
        constraints.push({ terms: terms.map((v) => v + size), ...customTableKnown(values[id] as number, k) });
        const then = counts.get(cell.join(CUSTOM_CELL_SEPARATOR))?.count ?? 0;
        const now = today.get(cell.join(CUSTOM_CELL_SEPARATOR))?.count ?? 0;
        if (then >= 1 && then < k) targets.push({ id: `${cell.join(' × ')} then`, terms: terms.map((v) => v + size), truth: then });
        if (now >= 1 && now < k) targets.push({ id: `${cell.join(' × ')} today`, terms, truth: now });
      }
    }
    // The day's total, exactly (the views' totals row is near it; a preview that day would show it).
    if (knowsTotal) constraints.push({ terms: combinations.map((_, v) => v + size), lower: earlier.length, upper: earlier.length });
    const monotone = Array.from({ length: size }, (_, v) => ({ earlier: v + size, today: v }));
    for (const target of targets) {
      // Knowing the day's total, a cell of that day may be pinned by that day's views alone, which the
      // table builder's audit answered when it showed them (no total known); what a release adds is today.
      if (knowsTotal && target.id.endsWith(' then')) continue;
      const lower = boundWithHistory(highs, 2 * size, constraints, monotone, target.terms, 'Minimize');
      if (lower < 1) continue;
      const upper = boundWithHistory(highs, 2 * size, constraints, monotone, target.terms, 'Maximize');
      if (upper <= k - 1) findings.push(`trial ${trial} (k = ${k}): ${target.id} = ${target.truth} pinned to ${lower} … ${upper}`);
    }
  }
  return { findings, shown };
}

/** One-way views of two joints on an earlier day, then newcomers all in a setting nobody had. */
const EARLIER_VIEWS_CASE: AttackCase = {
  ...NEW_SETTING_CASE,
  custom: [
    ['region', 'setting'],
    ['setting', 'age'],
  ],
};

describe('issue 17, a guard for what is left: custom tables of an earlier day, then a release', () => {
  let highs: HighsModule;
  beforeAll(async () => {
    highs = (await loadHighs()) as HighsModule;
  });

  // No pin found yet (120 data sets searched, two shapes of data): kept as a guard until view days are modelled.
  it(`lets no release pin a custom cell with earlier views read together (${RELEASE_TABLE_TRIALS} random data sets)`, async () => {
    const views = EARLIER_VIEWS_CASE;
    const { findings, shown } = await attackEarlierViewsThenRelease(highs, views, RELEASE_TABLE_TRIALS, 15_100);
    expect(findings).toEqual([]);
    expect(shown).toBeGreaterThan(0);
  }, 900_000);

  it(`lets no release pin today's custom cell when the views' day and its total are read together (${RELEASE_TABLE_TRIALS} random data sets)`, async () => {
    const { findings, shown } = await attackEarlierViewsThenRelease(highs, EARLIER_VIEWS_CASE, RELEASE_TABLE_TRIALS, 16_100, true);
    if (process.env['CANDOR_ATTACK_REPORT']) console.log(`views' day with its total: ${shown} shown, ${findings.join('; ')}`);
    expect(findings).toEqual([]);
    expect(shown).toBeGreaterThan(0);
  }, 900_000);
});

/*
 * Issue 17: each custom table view keeps the total it counted, and the release's audit reads a
 * view of an earlier day on that day's block — its cells there, that day's total exact — not as
 * bounds on today's counts. A view whose cells cannot fit its own day's total is therefore
 * noticed (the ledger disagrees with the counts); read as today's, the same view passed.
 */
describe("issue 17: a custom table view is read on its own day's block", () => {
  let highs: HighsModule;
  beforeAll(async () => {
    highs = (await loadHighs()) as HighsModule;
  });

  const definition: SurveyDefinition = { elements: [{ type: 'radiogroup', name: 'q', choices: ['a', 'b', 'c'] }] };
  const answers = [
    ...Array.from({ length: 50 }, () => ({ q: 'a' })),
    ...Array.from({ length: 50 }, () => ({ q: 'b' })),
    ...Array.from({ length: 50 }, () => ({ q: 'c' })),
  ];

  async function releaseWithView(responses: number | null) {
    const catalogue = buildCatalogue(definition, { crosstabs: [] });
    const k = 5;
    const categories = (catalogue.dimensions.get('q') as Dimension).categories;
    const { keys, records } = recordsOf(catalogue, ['q'], answers, seededRandom(7));
    const finest = countOver(records, keys, ['q']);
    // Today's perturbed values: read as today's, they are exactly what today's counts give.
    const values = Object.fromEntries(
      categories.map((category) => [
        customCellId([{ question: 'q', values: [category] }]),
        perturbCustomCount(finest.get(category) ?? { count: 0, keySum: 0 }, k),
      ]),
    );
    const { preview } = await buildRelease({
      catalogue,
      counts: countJointsInMemory(
        catalogue,
        answers.map((a) => ({ answers: a })),
      ),
      responses: answers.length,
      settings: { k, minResponses: 100, minGroup: 10, perturbation: 'none' },
      survey: { slug: 'custom', title: 'Custom', locales: ['en'] },
      number: 1,
      publishedOn: '2026-12-02',
      window: { from: '2026-11-01', to: '2026-12-02' },
      ledger: [],
      solver: createHighsIntervalSolver(highs),
      custom: { union: { questions: ['q'], categories: [categories] }, finest, views: [{ joint: ['q'], values, responses }] },
    });
    return preview;
  }

  it("holds a view of an earlier day to that day's total: cells of 150 people cannot have been counted among 100", async () => {
    const preview = await releaseWithView(100);
    expect(preview.canPublish).toBe(false);
    expect(preview.blocks.map((block) => block.message).join(' ')).toMatch(/disagree with today's counts/);
  }, 60_000);

  it("gives the table builder's audit each view of an earlier day on that day, with that day's total", () => {
    const catalogue = buildCatalogue(definition, { crosstabs: [] });
    const categories = (catalogue.dimensions.get('q') as Dimension).categories;
    const { keys, records } = recordsOf(catalogue, ['q'], answers, seededRandom(7));
    const finest = countOver(records, keys, ['q']);
    const values = { [customCellId([{ question: 'q', values: ['a'] }])]: 30 };
    const sums = releasedSumsFor({ questions: ['q'], categories: [categories] }, finest, {
      catalogue,
      ledger: [],
      responses: answers.length,
      k: 5,
      minGroup: 10,
      views: {
        shown: [
          { joint: ['q'], values, responses: 100 },
          { joint: ['q'], values, responses: answers.length },
        ],
        k: 5,
      },
    });
    expect(sums).toEqual([
      { id: 'N@1', where: [{}], lower: 100, upper: 100, day: 1 },
      { id: `custom:${Object.keys(values)[0]}@1`, where: [{ q: 'a' }], ...customTableKnown(30, 5), day: 1 },
    ]);
  });

  it("reads a view of today's responses, or one kept before totals were, as today's", async () => {
    expect((await releaseWithView(answers.length)).canPublish).toBe(true);
    expect((await releaseWithView(null)).canPublish).toBe(true);
  }, 60_000);
});
