import loadHighs from 'highs';
import { createHighsIntervalSolver, type HighsModule } from '../disclosure/highs-solver';
import type { IntervalSolver } from '../disclosure/interval-audit';
import { buildPolicyImpactSurvey, POLICY_IMPACT_DEFAULTS } from '../surveys/templates/policy-impact-template';
import { seededRandom } from '../surveys/templates/synthetic-policy-impact';
import { buildCatalogue } from './catalogue-builder';
import { planRelease, syntheticAnswersForCatalogue } from './release-plan';

let solver: IntervalSolver;
beforeAll(async () => {
  solver = createHighsIntervalSolver((await loadHighs()) as HighsModule);
});

const definition = buildPolicyImpactSurvey(POLICY_IMPACT_DEFAULTS);
const SETTINGS = { k: 11, minResponses: 100, minGroup: 40, perturbation: 'none' as const, crosstabs: [] as string[][] };

describe('planning a release before the settings lock', () => {
  it('answers every counted question of any survey with synthetic answers, and repeats itself for one seed', () => {
    const catalogue = buildCatalogue(definition, { crosstabs: [] });
    const a = syntheticAnswersForCatalogue(catalogue, 50, seededRandom(7));
    const b = syntheticAnswersForCatalogue(catalogue, 50, seededRandom(7));
    expect(a).toEqual(b);
    for (const dimension of catalogue.dimensions.values())
      expect(a.some((answers) => answers[dimension.source.question] !== undefined)).toBe(true);
  });

  it('says nothing is publishable below the floor, and more is shown at a larger N', async () => {
    const [atFloor, below, large] = await planRelease(definition, SETTINGS, [100, 60, 1000], solver);
    expect(below?.blocks).toContain('BELOW_RELEASE_FLOOR');
    expect(below?.figures.every((f) => f.outcome === 'hidden')).toBe(true);
    const shown = (plan: typeof atFloor) => plan?.figures.filter((f) => f.outcome === 'shown').length ?? 0;
    expect(atFloor?.blocks).toEqual([]);
    expect(shown(large)).toBeGreaterThan(shown(atFloor));
  }, 120_000);

  it('shows what declaring an age-band cross-tab would hide at 180 responses', async () => {
    const [plan] = await planRelease(definition, { ...SETTINGS, crosstabs: [['age_band']] }, [180], solver);
    const crosstabs = plan?.figures.filter((f) => f.kind === 'crosstab') ?? [];
    expect(crosstabs.length).toBeGreaterThan(0);
    expect(crosstabs.some((f) => f.outcome !== 'shown')).toBe(true);
  }, 120_000);
});
