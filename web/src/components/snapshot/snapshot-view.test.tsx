import { render, screen, within } from '@testing-library/react';
import loadHighs from 'highs';
import { MemoryRouter } from 'react-router';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  POLICY_IMPACT_DEFAULTS,
  buildCatalogue,
  buildPolicyImpactSurvey,
  buildRelease,
  createHighsIntervalSolver,
  type HighsModule,
  type IntervalSolver,
  type PublicationSnapshot,
} from '@candor/shared';
import { countJointsInMemory, seededRandom, syntheticPolicyImpactAnswers } from '@candor/shared/testing';
import { SnapshotView } from './snapshot-view';

let solver: IntervalSolver;
beforeAll(async () => {
  solver = createHighsIntervalSolver((await loadHighs()) as HighsModule);
});

type Answers = Record<string, unknown>;

function syntheticAnswers(count: number, seed: number): Answers[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => syntheticPolicyImpactAnswers(random));
}

/** A real release of synthetic policy-impact responses, made by the same code the API uses. */
async function releaseOf(answers: readonly Answers[], crosstabs: string[][] = [['age_band']]): Promise<PublicationSnapshot> {
  const definition = buildPolicyImpactSurvey(POLICY_IMPACT_DEFAULTS);
  const catalogue = buildCatalogue(definition, { crosstabs });
  const { preview } = await buildRelease({
    catalogue,
    counts: countJointsInMemory(
      catalogue,
      answers.map((a, i) => ({ answers: a, recordKey: (i * 0.618034) % 1 })),
    ),
    responses: answers.length,
    settings: { k: 11, minResponses: 100, minGroup: 40, perturbation: 'none' },
    survey: { slug: 'fosta', title: definition.title ?? 'Survey', locales: ['en', 'es'] },
    number: 1,
    publishedOn: '2026-11-29',
    window: { from: '2026-10-01', to: '2026-11-29' },
    ledger: [],
    solver,
  });
  if (!preview.snapshot) throw new Error(`release blocked: ${JSON.stringify(preview.blocks)}`);
  return preview.snapshot;
}

function view(snapshot: PublicationSnapshot, locale: 'en' | 'es') {
  return render(
    <MemoryRouter initialEntries={[`/d/fosta?lang=${locale}`]}>
      <SnapshotView snapshot={snapshot} locale={locale} />
    </MemoryRouter>,
  );
}

describe('SnapshotView', () => {
  let snapshot: PublicationSnapshot;
  beforeAll(async () => {
    snapshot = await releaseOf(syntheticAnswers(150, 7));
  }, 60_000);

  it('gives every published table an accessible table with a caption and header cells', () => {
    const { container } = view(snapshot, 'en');
    const tables = screen.getAllByRole('table');
    expect(tables).toHaveLength(snapshot.tables.length + snapshot.pairs.length);
    for (const table of tables) {
      expect(table.querySelector('caption')?.textContent?.trim()).not.toBe('');
      expect(within(table).getAllByRole('columnheader').length).toBeGreaterThan(1);
      expect(within(table).getAllByRole('rowheader').length).toBeGreaterThan(0);
    }
    // Bars are decoration: the numbers are in the table, so screen readers skip the bars.
    for (const bar of container.querySelectorAll('.bar-column')) expect(bar.getAttribute('aria-hidden')).toBe('true');
    // Role queries over a whole report are slow in jsdom on a loaded machine: no speed assumed.
  }, 60_000);

  it('shows a suppressed cell the same way whatever its value, with nothing value-dependent in the markup', () => {
    const { container } = view(snapshot, 'en');
    const hidden = [...container.querySelectorAll('.hidden-value')];
    const suppressedInSnapshot =
      snapshot.tables.reduce(
        (sum, table) => sum + table.rows.reduce((s, row) => s + row.cells.filter((c) => c.count === null).length, 0),
        0,
      ) + snapshot.pairs.reduce((sum, pair) => sum + [...pair.before, ...pair.after].filter((c) => c.count === null).length, 0);
    expect(suppressedInSnapshot).toBeGreaterThan(0);
    expect(hidden).toHaveLength(suppressedInSnapshot);
    for (const cell of hidden) {
      expect(cell.textContent).toBe('hidden');
      expect(cell.textContent).not.toMatch(/\d/);
    }
    // Every hidden bar is the same empty element: no width, no title, no data attribute.
    const bars = [...container.querySelectorAll('.bar--hidden')].map((bar) => bar.outerHTML);
    expect(new Set(bars)).toEqual(new Set(['<span class="bar bar--hidden"></span>']));
  });

  it('renders identical dashboards for data that differ only inside hidden cells', async () => {
    // Move one respondent between two hidden categories of the gender table: every true count
    // there changes, nothing published does, so not one character of the dashboard may change.
    const answers = syntheticAnswers(150, 7);
    const before = await releaseOf(answers, []);
    const gender = before.tables.find((table) => table.question === 'gender');
    const hidden = gender?.rows[0]?.cells.filter((cell) => cell.count === null).map((cell) => cell.category) ?? [];
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    const [from, to] = hidden as [string, string];
    const index = answers.findIndex((a) => a['gender'] === from);
    expect(index).toBeGreaterThanOrEqual(0);
    const moved = answers.map((a, i) => (i === index ? { ...a, gender: to } : a));
    const after = await releaseOf(moved, []);
    const { container: a } = view(before, 'en');
    const { container: b } = view(after, 'en');
    expect(b.innerHTML).toBe(a.innerHTML);
  }, 60_000);

  it('puts before and after side by side with n and, when the gates pass, the test', async () => {
    // At 150 responses most tests are withheld (D7); 600 make most discordant counts pass.
    const large = await releaseOf(syntheticAnswers(600, 11), []);
    view(large, 'en');
    const pairs = screen.getByRole('region', { name: 'Before and after' });
    const pairTables = within(pairs).getAllByRole('table');
    expect(pairTables).toHaveLength(large.pairs.length);
    const headers = within(pairTables[0] as HTMLElement)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Answer', 'Before', 'Now']);
    const binary = large.pairs.filter((pair) => pair.statistics?.mcnemar && pair.statistics.difference);
    // Ordinal tests depend on the whole paired table, which is never published: bands only.
    const banded = large.pairs.filter((pair) => pair.statistics?.bands);
    expect(binary.length + banded.length).toBeGreaterThan(0);
    expect(within(pairs).queryAllByText(/McNemar mid-p/)).toHaveLength(binary.length);
    expect(within(pairs).queryAllByText(/only the range of each p-value/)).toHaveLength(banded.length);
    expect(within(pairs).queryAllByText(/Stuart–Maxwell χ²/)).toHaveLength(0);
    const withheld = large.pairs.filter((pair) => !pair.statistics);
    expect(within(pairs).queryAllByText(/No test is shown/)).toHaveLength(withheld.length);
  }, 60_000);

  it('speaks Spanish', () => {
    view(snapshot, 'es');
    expect(screen.getByRole('region', { name: 'Antes y después' })).toBeTruthy();
    expect(screen.getAllByText('oculto').length).toBeGreaterThan(0);
  });
});
