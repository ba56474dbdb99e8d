import type { LocalizableString, SurveyDefinition } from '../surveys/definition/survey-definition';
import type { IntervalSolver } from '../disclosure/interval-audit';
import { PAIR_SUFFIXES, QUALIFYING_ANSWER, QUALIFYING_PAIR_STEM } from '../surveys/templates/question-pairs';
import { seededRandom, type Random } from '../surveys/templates/synthetic-policy-impact';
import type { Perturbation } from '../disclosure/perturbation';
import type { ReleaseBlock } from '../contracts/publications';
import { REFUSED, type Catalogue } from './catalogue';
import { buildCatalogue } from './catalogue-builder';
import { countJointsInMemory } from './count-in-memory';
import { buildRelease } from './release';

export interface PlanSettings {
  readonly k: number;
  readonly minResponses: number;
  readonly minGroup: number;
  readonly perturbation: Perturbation;
  readonly crosstabs: readonly (readonly string[])[];
}

/** How a table or pair of the catalogue would likely fare: all shown, some numbers hidden, or nothing shown. */
export type PlannedOutcome = 'shown' | 'partly-hidden' | 'hidden';

export interface PlannedFigure {
  readonly id: string;
  readonly kind: 'single' | 'multi' | 'crosstab' | 'pair';
  readonly title: LocalizableString;
  readonly outcome: PlannedOutcome;
}

export interface PlannedRelease {
  readonly responses: number;
  /** Why nothing would be published at this size (below the floor, nothing left). */
  readonly blocks: readonly ReleaseBlock['code'][];
  readonly figures: readonly PlannedFigure[];
}

/**
 * Synthetic answers for any survey, made from its catalogue (what would be counted): each
 * question answered with uneven, seeded proportions, a few "prefer not to say", "after"
 * halves of before/after pairs mostly equal to their "before" half, and most respondents
 * qualifying for the pairs. Never derived from real responses.
 */
export function syntheticAnswersForCatalogue(catalogue: Catalogue, count: number, random: Random): Record<string, unknown>[] {
  const weights = new Map<string, number[]>();
  const pick = (id: string, options: readonly string[]) => {
    let w = weights.get(id);
    if (!w) {
      w = options.map(() => 0.15 + random() ** 2);
      weights.set(id, w);
    }
    const total = w.reduce((a, b) => a + b, 0);
    let r = random() * total;
    for (let i = 0; i < options.length; i++) {
      r -= w[i] as number;
      if (r <= 0) return options[i] as string;
    }
    return options[options.length - 1] as string;
  };
  const dimensions = [...catalogue.dimensions.values()];
  const answers: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const answer: Record<string, unknown> = {};
    for (const dimension of dimensions) {
      const source = dimension.source;
      const refusable = dimension.categories.includes(REFUSED);
      if (source.kind === 'single') {
        const name = source.question;
        if (name === QUALIFYING_PAIR_STEM + PAIR_SUFFIXES.before || name === QUALIFYING_PAIR_STEM + PAIR_SUFFIXES.after) {
          answer[name] = random() < 0.88 ? QUALIFYING_ANSWER : pick(dimension.id, dimension.substantive);
          continue;
        }
        const before = name.endsWith(PAIR_SUFFIXES.after)
          ? answer[name.slice(0, -PAIR_SUFFIXES.after.length) + PAIR_SUFFIXES.before]
          : undefined;
        if (typeof before === 'string' && before !== REFUSED && random() < 0.6) answer[name] = before;
        else answer[name] = refusable && random() < 0.03 ? REFUSED : pick(dimension.id, dimension.substantive);
      } else if (source.kind === 'multi-option') {
        const chosen = (answer[source.question] as string[] | undefined) ?? [];
        const rate = weights.get(dimension.id)?.[0] ?? 0.1 + 0.5 * random();
        weights.set(dimension.id, [rate]);
        if (random() < rate) chosen.push(source.option);
        answer[source.question] = chosen;
      } else {
        const rows = (answer[source.question] as Record<string, unknown> | undefined) ?? {};
        rows[source.row] = pick(dimension.id, dimension.substantive);
        answer[source.question] = rows;
      }
    }
    dropHiddenBySkipLogic(catalogue, answer);
    answers.push(answer);
  }
  return answers;
}

/**
 * Skip logic the catalogue knows (a question shown only when another was answered a given
 * way): a hidden question takes no answer, as on a real respondent's survey — otherwise the
 * audit, which knows the same rules, would find the made-up counts impossible.
 */
function dropHiddenBySkipLogic(catalogue: Catalogue, answer: Record<string, unknown>): void {
  const rules = catalogue.shownIf ?? [];
  for (let changed = true; changed;) {
    changed = false;
    for (const rule of rules) {
      if (answer[rule.dimension] !== undefined && answer[rule.gate] !== rule.category) {
        delete answer[rule.dimension];
        changed = true;
      }
    }
  }
}

/**
 * "What would be publishable at N responses": the release computed on synthetic answers at
 * each planned size with the chosen k, floors, perturbation and cross-tabs — the same
 * `buildRelease` that publishes — summarized per table and pair. Reads no response.
 */
export async function planRelease(
  definition: SurveyDefinition,
  settings: PlanSettings,
  sizes: readonly number[],
  solver: IntervalSolver,
  seed = 2018,
): Promise<PlannedRelease[]> {
  const catalogue = buildCatalogue(definition, { crosstabs: settings.crosstabs.map((group) => [...group]) });
  const plans: PlannedRelease[] = [];
  for (const size of sizes) {
    const answers = syntheticAnswersForCatalogue(catalogue, size, seededRandom(seed));
    const { preview } = await buildRelease({
      catalogue,
      counts: countJointsInMemory(
        catalogue,
        answers.map((a, i) => ({ answers: a, recordKey: ((i * 2654435761) % 1000) / 1000 })),
      ),
      responses: size,
      settings: { k: settings.k, minResponses: settings.minResponses, minGroup: settings.minGroup, perturbation: settings.perturbation },
      survey: { slug: 'plan', title: definition.title ?? '', locales: ['en'] },
      number: 1,
      publishedOn: '2000-01-01',
      window: { from: '2000-01-01', to: '2000-01-01' },
      ledger: [],
      solver,
    });
    const blocks = preview.blocks
      .map((block) => block.code)
      .filter((code) => code === 'BELOW_RELEASE_FLOOR' || code === 'NOTHING_TO_PUBLISH' || code === 'AUDIT_FAILED');
    const snapshot = preview.snapshot;
    const outcome = (counts: readonly (number | null)[]): PlannedOutcome => {
      if (!snapshot || counts.every((c) => c === null)) return 'hidden';
      return counts.some((c) => c === null) ? 'partly-hidden' : 'shown';
    };
    const figures: PlannedFigure[] = [
      ...catalogue.pairs.map((pair) => {
        const found = snapshot?.pairs.find((p) => p.id === pair.id);
        return {
          id: pair.id,
          kind: 'pair' as const,
          title: pair.titleAfter,
          outcome: outcome(found ? [...found.before, ...found.after].map((c) => c.count) : []),
        };
      }),
      ...catalogue.tables.map((table) => {
        const found = snapshot?.tables.find((t) => t.id === table.id);
        return {
          id: table.id,
          kind: table.kind,
          title: table.title,
          outcome: outcome(found ? found.rows.flatMap((row) => row.cells.map((c) => c.count)) : []),
        };
      }),
    ];
    plans.push({ responses: size, blocks, figures });
  }
  return plans;
}
