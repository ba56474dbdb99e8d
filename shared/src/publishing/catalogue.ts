import type { SnapshotCategory } from '../contracts/publications';
import { compileSurvey, type CompiledSurvey, type QuestionSpec } from '../surveys/compile-survey';
import { refuseText } from '../surveys/answer-scales';
import { findQuestionPairs, QUALIFYING_ANSWER, QUALIFYING_PAIR_STEM, pairQuestionName } from '../surveys/question-pairs';
import { SPECIAL_VALUES, type ElementJson, type LocalizableString, type SurveyDefinition } from '../surveys/survey-definition';

/**
 * D1 — the fixed catalogue: which tables a survey may publish, decided by its definition
 * and its declared cross-tabs, never by an ad-hoc request. Each table is computed from a
 * "joint": a cross-classification of answers over one or more dimensions, counted in SQL.
 */

/** The category of everyone who did not answer (skipped, not shown, or answered before the question existed). */
export const NOT_ANSWERED = '∅';
export const REFUSED = SPECIAL_VALUES.refused;

export type DimensionSource =
  | { readonly kind: 'single'; readonly question: string }
  | { readonly kind: 'multi-option'; readonly question: string; readonly option: string; readonly optionJson: string }
  | { readonly kind: 'matrix-row'; readonly question: string; readonly row: string }
  /** One cell of a `matrixdropdown` row: each (row, single-choice column) is a question of its own. */
  | { readonly kind: 'matrix-cell'; readonly question: string; readonly row: string; readonly column: string };

export interface Dimension {
  readonly id: string;
  readonly source: DimensionSource;
  /** Substantive answers, in the order the survey offers them (the ordinal order). */
  readonly substantive: readonly string[];
  /** Every category counted: substantive, then "refused" when offered, then "not answered". */
  readonly categories: readonly string[];
  /** `allowCustomChoices`: values a respondent added are counted together in this category, never one by one. */
  readonly customAs?: string;
}

export interface Joint {
  readonly id: string;
  readonly dimensions: readonly string[];
}

interface TableBase {
  readonly id: string;
  readonly question: string;
  readonly title: LocalizableString;
  readonly categories: readonly SnapshotCategory[];
}

export interface SingleTable extends TableBase {
  readonly kind: 'single';
  readonly dimension: string;
  readonly ordinal: boolean;
  readonly refusable: boolean;
}

export interface MultiTable extends TableBase {
  readonly kind: 'multi';
  /** One dimension per option (chosen / not chosen / refused / not answered). */
  readonly dimensions: readonly string[];
  readonly refusable: boolean;
}

export interface CrosstabTable extends TableBase {
  readonly kind: 'crosstab';
  readonly joint: string;
  readonly dimension: string;
  readonly groupDimensions: readonly string[];
  readonly groupBy: readonly {
    readonly question: string;
    readonly title: LocalizableString;
    readonly categories: readonly SnapshotCategory[];
  }[];
  readonly ordinal: boolean;
}

export interface PairTable {
  readonly id: string;
  readonly kind: 'pair';
  readonly stem: string;
  readonly joint: string;
  readonly before: string;
  readonly after: string;
  /** Qualifying dimensions in the joint, when skip logic does not already imply them. */
  readonly qualifiers: readonly string[];
  readonly binary: boolean;
  readonly ordinal: boolean;
  readonly titleBefore: LocalizableString;
  readonly titleAfter: LocalizableString;
  readonly categories: readonly SnapshotCategory[];
}

export type CatalogueTable = SingleTable | MultiTable | CrosstabTable;

/**
 * Skip logic a reader can see in the definition: a question shown only when another one has
 * a given answer is answered by at most that many people (exactly that many when required).
 */
export interface ShownIf {
  readonly dimension: string;
  readonly gate: string;
  readonly category: string;
  readonly required: boolean;
}

export interface Catalogue {
  readonly shownIf?: readonly ShownIf[];
  readonly dimensions: ReadonlyMap<string, Dimension>;
  readonly joints: readonly Joint[];
  readonly tables: readonly CatalogueTable[];
  readonly pairs: readonly PairTable[];
  readonly warnings: readonly string[];
}

const CHOICE_TYPES = new Set(['radiogroup', 'dropdown', 'rating', 'boolean']);
const MULTI_TYPES = new Set(['checkbox', 'tagbox']);
const SPECIAL_LABELS: Record<string, { key: string; fallback: LocalizableString }> = {
  [SPECIAL_VALUES.none]: { key: 'noneText', fallback: { default: 'None of these', es: 'Ninguna de estas' } },
  [SPECIAL_VALUES.refused]: { key: 'refuseText', fallback: refuseText() },
  [SPECIAL_VALUES.dontKnow]: { key: 'dontKnowText', fallback: { default: 'Don’t know', es: 'No sé' } },
  [SPECIAL_VALUES.other]: { key: 'otherText', fallback: { default: 'Other', es: 'Otro' } },
};

function elementsByName(definition: SurveyDefinition): Map<string, ElementJson> {
  const found = new Map<string, ElementJson>();
  const walk = (elements: readonly ElementJson[] | undefined) => {
    for (const element of elements ?? []) {
      if (typeof element.name === 'string') found.set(element.name, element);
      walk(element.elements);
    }
  };
  if (Array.isArray(definition.pages)) for (const page of definition.pages) walk(page.elements);
  else walk(definition.elements);
  return found;
}

function labelOf(
  element: ElementJson | undefined,
  value: string,
  list: 'choices' | 'columns' | 'rows' | 'rateValues' = 'choices',
): LocalizableString {
  const special = SPECIAL_LABELS[value];
  if (special && list === 'choices') return (element?.[special.key] as LocalizableString | undefined) ?? special.fallback;
  if (element?.type === 'boolean') {
    const key = value === String(element['valueFalse'] ?? false) ? 'labelFalse' : 'labelTrue';
    return (
      (element[key] as LocalizableString | undefined) ?? (key === 'labelTrue' ? { default: 'Yes', es: 'Sí' } : { default: 'No', es: 'No' })
    );
  }
  const item = ((element?.[list] as readonly unknown[] | undefined) ?? []).find((choice) =>
    typeof choice === 'object' && choice !== null ? String((choice as { value: unknown }).value) === value : String(choice) === value,
  );
  if (item && typeof item === 'object' && (item as { text?: LocalizableString }).text !== undefined)
    return (item as { text: LocalizableString }).text;
  return value;
}

function titleOf(element: ElementJson | undefined, fallback: string): LocalizableString {
  return element?.title ?? fallback;
}

function isOrdinal(element: ElementJson | undefined, question: QuestionSpec): boolean {
  return (
    element?.['candorScale'] === 'ordinal' ||
    element?.['candorScale'] === 'banded' ||
    element?.type === 'rating' ||
    question.type === 'rating'
  );
}

/** Substantive values: choices (including "none", "don't know", "other"), never "refused". */
function substantiveValues(question: QuestionSpec): string[] {
  if (question.kind === 'boolean') return (question.booleanValues ?? [true, false]).map(String);
  const values = question.choices.map((c) => String(c.value)).filter((v) => v !== SPECIAL_VALUES.refused);
  const custom = customCategory(question);
  return custom && !values.includes(custom) ? [...values, custom] : values;
}

/** A single-choice question that lets respondents add values counts them all as "other". */
function customCategory(question: QuestionSpec): string | undefined {
  return question.customChoices === true && question.kind === 'single' ? SPECIAL_VALUES.other : undefined;
}

function refusable(question: QuestionSpec): boolean {
  return question.choices.some((c) => c.value === SPECIAL_VALUES.refused);
}

/** The qualifier condition a "before" (or "after") half needs to be implied by its skip logic. */
function impliesQualifier(question: QuestionSpec, half: 'before' | 'after'): boolean {
  const wanted = `{${pairQuestionName(QUALIFYING_PAIR_STEM, half)}} = '${QUALIFYING_ANSWER}'`.replace(/\s+/g, '');
  const conditions = [question.visibleIf, ...question.containers.map((c) => c.visibleIf)].filter((c): c is string => typeof c === 'string');
  return conditions.some((condition) => condition.replace(/\s+/g, '') === wanted);
}

export interface CatalogueOptions {
  /** Grouping question sets declared before fielding (P9), one or two questions each. */
  readonly crosstabs: readonly (readonly string[])[];
}

/** Builds the catalogue of a survey version. */
export function buildCatalogue(
  definition: SurveyDefinition,
  options: CatalogueOptions,
  compiled: CompiledSurvey = compileSurvey(definition),
): Catalogue {
  const elements = elementsByName(definition);
  const dimensions = new Map<string, Dimension>();
  const joints: Joint[] = [];
  const jointIds = new Set<string>();
  const tables: CatalogueTable[] = [];
  const pairs: PairTable[] = [];
  const warnings: string[] = [];

  const addJoint = (dims: readonly string[]): string => {
    const id = dims.join('×');
    if (!jointIds.has(id)) {
      jointIds.add(id);
      joints.push({ id, dimensions: dims });
    }
    return id;
  };
  const addDimension = (
    id: string,
    source: DimensionSource,
    substantive: readonly string[],
    withRefused: boolean,
    customAs?: string,
  ): string => {
    if (!dimensions.has(id)) {
      dimensions.set(id, {
        id,
        source,
        substantive,
        categories: [...substantive, ...(withRefused ? [REFUSED] : []), NOT_ANSWERED],
        ...(customAs ? { customAs } : {}),
      });
      addJoint([id]);
    }
    return id;
  };
  const singleDimension = (question: QuestionSpec) =>
    addDimension(
      question.name,
      { kind: 'single', question: question.name },
      substantiveValues(question),
      refusable(question),
      customCategory(question),
    );
  const categoriesOf = (question: QuestionSpec, element: ElementJson | undefined) =>
    substantiveValues(question).map((value) => ({ value, label: labelOf(element, value) }));

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
      warnings.push(`the pair "${pair.stem}" is not compared: both halves must be single-choice questions with the same answers`);
      continue;
    }
    pairedQuestions.add(pair.before).add(pair.after);
    const qualifiers: string[] = [];
    if (hasQualifiers && !(impliesQualifier(before, 'before') && impliesQualifier(after, 'after'))) {
      for (const half of ['before', 'after'] as const) {
        qualifiers.push(singleDimension(compiled.questions.get(pairQuestionName(QUALIFYING_PAIR_STEM, half)) as QuestionSpec));
      }
    }
    const dims = [...qualifiers, singleDimension(before), singleDimension(after)];
    const beforeElement = elements.get(pair.before);
    const count = substantiveValues(before).length;
    pairs.push({
      id: `p:${pair.stem}`,
      kind: 'pair',
      stem: pair.stem,
      joint: addJoint(dims),
      before: pair.before,
      after: pair.after,
      qualifiers,
      binary: count === 2,
      ordinal: count > 2,
      titleBefore: titleOf(beforeElement, pair.before),
      titleAfter: titleOf(elements.get(pair.after), pair.after),
      categories: categoriesOf(before, beforeElement),
    });
  }

  const singles: SingleTable[] = [];
  for (const question of compiled.questions.values()) {
    const element = elements.get(question.name);
    if (question.navigation || pairedQuestions.has(question.name)) continue;
    if (question.kind === 'single' || question.kind === 'boolean') {
      if (!CHOICE_TYPES.has(question.type)) continue;
      const table: SingleTable = {
        id: `q:${question.name}`,
        kind: 'single',
        question: question.name,
        title: titleOf(element, question.name),
        categories: categoriesOf(question, element),
        dimension: singleDimension(question),
        ordinal: isOrdinal(element, question),
        refusable: refusable(question),
      };
      singles.push(table);
      tables.push(table);
    } else if (question.kind === 'multi' && MULTI_TYPES.has(question.type)) {
      const options = substantiveValues(question).filter(
        (value) => !compiled.questions.get(question.name)?.choices.find((c) => String(c.value) === value)?.exclusive,
      );
      const exclusive = substantiveValues(question).filter((value) => !options.includes(value));
      const dims = [...options, ...exclusive].map((option) =>
        addDimension(
          `${question.name}#${option}`,
          {
            kind: 'multi-option',
            question: question.name,
            option,
            optionJson: JSON.stringify([question.choices.find((c) => String(c.value) === option)?.value ?? option]),
          },
          ['chosen', 'not_chosen'],
          refusable(question),
        ),
      );
      tables.push({
        id: `m:${question.name}`,
        kind: 'multi',
        question: question.name,
        title: titleOf(element, question.name),
        categories: [...options, ...exclusive].map((value) => ({ value, label: labelOf(element, value) })),
        dimensions: dims,
        refusable: refusable(question),
      });
    } else if (question.kind === 'matrixdropdown') {
      tables.push(...matrixDropdownTables(question, element, addDimension));
    } else if (question.kind === 'matrix') {
      const columns = question.choices.map((c) => String(c.value));
      for (const row of question.rows ?? []) {
        const rowValue = String(row.value);
        const dimension = addDimension(
          `${question.name}.${rowValue}`,
          { kind: 'matrix-row', question: question.name, row: rowValue },
          columns,
          false,
        );
        const rowLabel = labelOf(element, rowValue, 'rows');
        const title = titleOf(element, question.name);
        tables.push({
          id: `q:${question.name}.${rowValue}`,
          kind: 'single',
          question: `${question.name}.${rowValue}`,
          title: mergeLabels(title, rowLabel),
          categories: columns.map((value) => ({ value, label: labelOf(element, value, 'columns') })),
          dimension,
          ordinal: isOrdinal(element, question),
          refusable: false,
        });
      }
    }
  }

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
    const groupDims = groupQuestions.map(singleDimension);
    if (groupDims.length > 1) addJoint(groupDims);
    const groupBy = groupQuestions.map((q) => ({
      question: q.name,
      title: titleOf(elements.get(q.name), q.name),
      categories: categoriesOf(q, elements.get(q.name)),
    }));
    for (const single of singles) {
      if (grouping.includes(single.question)) continue;
      tables.push({
        id: `x:${single.question}|${grouping.join('|')}`,
        kind: 'crosstab',
        question: single.question,
        title: single.title,
        categories: single.categories,
        joint: addJoint([single.dimension, ...groupDims]),
        dimension: single.dimension,
        groupDimensions: groupDims,
        groupBy,
        ordinal: single.ordinal,
      });
    }
  }

  // Skip logic: every simple "{question} = 'value'" that must hold (on the question or its
  // panels and pages, joined by "and") for a single-choice question to be shown.
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

  return { dimensions, joints, tables, pairs, warnings, shownIf };
}

/**
 * A matrix of dropdowns publishes one single-choice table per row and choice column (a row is
 * a question, and so is each of its choice cells); check-box, text and number cells are not published.
 */
function matrixDropdownTables(
  question: QuestionSpec,
  element: ElementJson | undefined,
  addDimension: (id: string, source: DimensionSource, substantive: readonly string[], withRefused: boolean) => string,
): SingleTable[] {
  const tables: SingleTable[] = [];
  const columnsJson = (element?.['columns'] as readonly Record<string, unknown>[] | undefined) ?? [];
  for (const column of question.columns ?? []) {
    if ((column.kind !== 'single' && column.kind !== 'boolean') || !CHOICE_TYPES.has(column.type)) continue;
    const columnJson = columnsJson.find((c) => c !== null && typeof c === 'object' && c['name'] === column.name) as ElementJson | undefined;
    const values = substantiveValues(column);
    for (const row of question.rows ?? []) {
      const rowValue = String(row.value);
      const id = `${question.name}.${rowValue}.${column.name}`;
      const dimension = addDimension(
        id,
        { kind: 'matrix-cell', question: question.name, row: rowValue, column: column.name },
        values,
        refusable(column),
      );
      tables.push({
        id: `q:${id}`,
        kind: 'single',
        question: id,
        title: mergeLabels(
          mergeLabels(titleOf(element, question.name), labelOf(element, rowValue, 'rows')),
          titleOf(columnJson, column.name),
        ),
        categories: values.map((value) => ({ value, label: labelOf(columnJson ?? element, value) })),
        dimension,
        ordinal: isOrdinal(columnJson, column),
        refusable: refusable(column),
      });
    }
  }
  return tables;
}

function mergeLabels(title: LocalizableString, row: LocalizableString): LocalizableString {
  const a = typeof title === 'string' ? { default: title } : title;
  const b = typeof row === 'string' ? { default: row } : row;
  const locales = new Set([...Object.keys(a), ...Object.keys(b)]);
  return Object.fromEntries(
    [...locales].map((locale) => [locale, `${a[locale] ?? a['default'] ?? ''} — ${b[locale] ?? b['default'] ?? ''}`]),
  );
}
