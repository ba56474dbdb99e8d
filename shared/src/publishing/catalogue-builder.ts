import { compileSurvey, type CompiledSurvey, type QuestionSpec } from '../surveys/definition/compile-survey';
import { findQuestionPairs, QUALIFYING_PAIR_STEM, pairQuestionName } from '../surveys/templates/question-pairs';
import type { SurveyDefinition } from '../surveys/definition/survey-definition';
import {
  impliesQualifier,
  substantiveValues,
  titleOf,
  type Catalogue,
  type CatalogueOptions,
  type ShownIf,
  type SingleTable,
} from './catalogue';
import { catalogueContext, type CatalogueContext } from './catalogue-context';
import { questionTables } from './catalogue-tables';

/** Builds the catalogue of a survey version. */
export function buildCatalogue(
  definition: SurveyDefinition,
  options: CatalogueOptions,
  compiled: CompiledSurvey = compileSurvey(definition),
): Catalogue {
  const ctx = catalogueContext(definition, compiled);
  const pairedQuestions = pairTables(ctx);
  const singles: SingleTable[] = [];
  for (const question of compiled.questions.values()) {
    if (question.navigation || pairedQuestions.has(question.name)) continue;
    const single = questionTables(ctx, question);
    if (single) singles.push(single);
  }
  crosstabTables(ctx, options, singles);
  const shownIf = skipLogic(ctx);
  const { dimensions, joints, tables, pairs, warnings } = ctx;
  return { dimensions, joints, tables, pairs, warnings, shownIf };
}

/**
 * The before/after pairs: both halves single-choice questions with the same answers, over a
 * joint with the qualifying questions when skip logic does not already imply them. Returns
 * the questions paired, which get no table of their own.
 */
function pairTables(ctx: CatalogueContext): Set<string> {
  const { compiled, elements } = ctx;
  const pairList = findQuestionPairs(compiled.questions.keys()).filter((pair) => pair.stem !== QUALIFYING_PAIR_STEM);
  const pairedQuestions = new Set<string>();
  const hasQualifiers =
    compiled.questions.has(pairQuestionName(QUALIFYING_PAIR_STEM, 'before')) &&
    compiled.questions.has(pairQuestionName(QUALIFYING_PAIR_STEM, 'after'));

  for (const pair of pairList) {
    const before = compiled.questions.get(pair.before) as QuestionSpec;
    const after = compiled.questions.get(pair.after) as QuestionSpec;
    const sameAnswers = JSON.stringify(substantiveValues(before)) === JSON.stringify(substantiveValues(after));
    if (before.kind !== 'single' || after.kind !== 'single' || !sameAnswers || substantiveValues(before).length < 2) {
      ctx.warnings.push(`the pair "${pair.stem}" is not compared: both halves must be single-choice questions with the same answers`);
      continue;
    }
    pairedQuestions.add(pair.before).add(pair.after);
    const qualifiers: string[] = [];
    if (hasQualifiers && !(impliesQualifier(before, 'before') && impliesQualifier(after, 'after'))) {
      for (const half of ['before', 'after'] as const) {
        qualifiers.push(ctx.singleDimension(compiled.questions.get(pairQuestionName(QUALIFYING_PAIR_STEM, half)) as QuestionSpec));
      }
    }
    const dims = [...qualifiers, ctx.singleDimension(before), ctx.singleDimension(after)];
    const beforeElement = elements.get(pair.before);
    const count = substantiveValues(before).length;
    ctx.pairs.push({
      id: `p:${pair.stem}`,
      kind: 'pair',
      stem: pair.stem,
      joint: ctx.addJoint(dims),
      before: pair.before,
      after: pair.after,
      qualifiers,
      binary: count === 2,
      ordinal: count > 2,
      titleBefore: titleOf(beforeElement, pair.before),
      titleAfter: titleOf(elements.get(pair.after), pair.after),
      categories: ctx.categoriesOf(before, beforeElement),
    });
  }
  return pairedQuestions;
}

/** The declared cross-tabs: every single-choice table by each grouping (one or two questions), each grouping once. */
function crosstabTables(ctx: CatalogueContext, options: CatalogueOptions, singles: readonly SingleTable[]): void {
  const { compiled, elements, warnings } = ctx;
  const groupings = new Set<string>();
  for (const grouping of options.crosstabs) {
    const groupingKey = JSON.stringify([...grouping].sort());
    if (groupings.has(groupingKey)) {
      warnings.push(`the cross-tab by ${grouping.join(' × ')} is skipped: the same grouping is declared twice`);
      continue;
    }
    groupings.add(groupingKey);
    const groupQuestions = grouping
      .map((name) => compiled.questions.get(name))
      .filter((q): q is QuestionSpec => q !== undefined && (q.kind === 'single' || q.kind === 'boolean'));
    if (groupQuestions.length !== grouping.length || groupQuestions.length === 0) {
      warnings.push(
        `the cross-tab by ${grouping.join(' × ')} is skipped: its grouping questions are not single-choice questions of this version`,
      );
      continue;
    }
    const groupDims = groupQuestions.map(ctx.singleDimension);
    if (groupDims.length > 1) ctx.addJoint(groupDims);
    const groupBy = groupQuestions.map((q) => ({
      question: q.name,
      title: titleOf(elements.get(q.name), q.name),
      categories: ctx.categoriesOf(q, elements.get(q.name)),
    }));
    for (const single of singles) {
      if (grouping.includes(single.question)) continue;
      ctx.tables.push({
        id: `x:${single.question}|${grouping.join('|')}`,
        kind: 'crosstab',
        question: single.question,
        title: single.title,
        categories: single.categories,
        joint: ctx.addJoint([single.dimension, ...groupDims]),
        dimension: single.dimension,
        groupDimensions: groupDims,
        groupBy,
        ordinal: single.ordinal,
      });
    }
  }
}

/**
 * Skip logic: every simple "{question} = 'value'" that must hold (on the question or its
 * panels and pages, joined by "and") for a single-choice question to be shown.
 */
function skipLogic({ compiled, dimensions }: CatalogueContext): ShownIf[] {
  const shownIf: ShownIf[] = [];
  for (const question of compiled.questions.values()) {
    if (!dimensions.has(question.name)) continue;
    const conditions = [question.visibleIf, ...question.containers.map((c) => c.visibleIf)].filter(
      (c): c is string => typeof c === 'string',
    );
    for (const condition of conditions) {
      if (/\bor\b/i.test(condition) || /[()]/.test(condition.replace(/\{[^}]*\}/g, ''))) continue;
      for (const part of condition.split(/\band\b/i)) {
        const match = /^\s*\{([A-Za-z0-9_]+)\}\s*=\s*'([^']*)'\s*$/.exec(part);
        const gate = match?.[1];
        const category = match?.[2];
        if (!gate || category === undefined || gate === question.name || !dimensions.get(gate)?.substantive.includes(category)) continue;
        shownIf.push({
          dimension: question.name,
          gate,
          category,
          required: question.required && conditions.length === 1 && !/\band\b/i.test(condition) && !question.requiredIf,
        });
      }
    }
  }
  return shownIf;
}
