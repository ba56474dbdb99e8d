import type { QuestionSpec } from '../surveys/definition/compile-survey';
import type { ElementJson } from '../surveys/definition/survey-definition';
import {
  CHOICE_TYPES,
  MULTI_TYPES,
  isOrdinal,
  labelOf,
  mergeLabels,
  refusable,
  substantiveValues,
  titleOf,
  type DimensionSource,
  type MultiTable,
  type SingleTable,
} from './catalogue';
import type { CatalogueContext } from './catalogue-context';

/**
 * Adds the tables of one question, by its kind; returns the table of a single-choice
 * question (a cross-tab can be made of it), else undefined.
 */
export function questionTables(ctx: CatalogueContext, question: QuestionSpec): SingleTable | undefined {
  const element = ctx.elements.get(question.name);
  if (question.kind === 'single' || question.kind === 'boolean') {
    if (!CHOICE_TYPES.has(question.type)) return undefined;
    const table = singleTable(ctx, question, element);
    ctx.tables.push(table);
    return table;
  } else if (question.kind === 'multi' && MULTI_TYPES.has(question.type)) {
    ctx.tables.push(multiTable(ctx, question, element));
  } else if (question.kind === 'matrixdropdown') {
    ctx.tables.push(...matrixDropdownTables(question, element, ctx.addDimension));
  } else if (question.kind === 'matrix') {
    ctx.tables.push(...matrixTables(ctx, question, element));
  }
  return undefined;
}

/** A single-choice (or yes/no) question: one table over its own dimension. */
function singleTable(ctx: CatalogueContext, question: QuestionSpec, element: ElementJson | undefined): SingleTable {
  return {
    id: `q:${question.name}`,
    kind: 'single',
    question: question.name,
    title: titleOf(element, question.name),
    categories: ctx.categoriesOf(question, element),
    dimension: ctx.singleDimension(question),
    ordinal: isOrdinal(element, question),
    refusable: refusable(question),
  };
}

/** A multiple-choice question: one dimension per option (chosen or not), exclusive options last. */
function multiTable(ctx: CatalogueContext, question: QuestionSpec, element: ElementJson | undefined): MultiTable {
  const options = substantiveValues(question).filter(
    (value) => !ctx.compiled.questions.get(question.name)?.choices.find((c) => String(c.value) === value)?.exclusive,
  );
  const exclusive = substantiveValues(question).filter((value) => !options.includes(value));
  const dims = [...options, ...exclusive].map((option) =>
    ctx.addDimension(
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
  return {
    id: `m:${question.name}`,
    kind: 'multi',
    question: question.name,
    title: titleOf(element, question.name),
    categories: [...options, ...exclusive].map((value) => ({ value, label: labelOf(element, value) })),
    dimensions: dims,
    refusable: refusable(question),
  };
}

/** A matrix of radio buttons: one single-choice table per row (a row is a question). */
function matrixTables(ctx: CatalogueContext, question: QuestionSpec, element: ElementJson | undefined): SingleTable[] {
  const tables: SingleTable[] = [];
  const columns = question.choices.map((c) => String(c.value));
  for (const row of question.rows ?? []) {
    const rowValue = String(row.value);
    const dimension = ctx.addDimension(
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
  return tables;
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
