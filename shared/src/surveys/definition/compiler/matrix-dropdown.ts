import type { ElementJson } from '../survey-definition';
import { choiceItems } from './choices';
import { addCondition, type CompileContext } from './context';
import type { QuestionBase } from './question-base';
import { checkCellProperties } from './refusals';
import type { QuestionKind, QuestionSpec } from './types';

/** Compiles one column's cells as the question they are (the question compiler, passed in to avoid a cycle). */
export type CellCompiler = (cell: ElementJson, kind: QuestionKind, path: string) => QuestionSpec | undefined;

/** Cell types of a `matrixdropdown` and the kind of answer each holds. */
const CELL_KINDS: Readonly<Record<string, QuestionKind>> = {
  dropdown: 'single',
  radiogroup: 'single',
  rating: 'single',
  checkbox: 'multi',
  tagbox: 'multi',
  boolean: 'boolean',
  text: 'text',
  comment: 'text',
};

/** A `matrixdropdown`: rows of cells, each column validated as the question its cells are. */
export function matrixDropdownQuestion(
  context: CompileContext,
  base: QuestionBase,
  element: ElementJson,
  path: string,
  compileCell: CellCompiler,
): QuestionSpec {
  const rows = choiceItems(context, element.rows, `${path}.rows`, true);
  if (rows.length === 0) context.problems.push({ path: `${path}.rows`, message: 'a matrix needs rows' });
  return {
    ...base,
    kind: 'matrixdropdown',
    choices: [],
    rows,
    rowsVisibleIf: addCondition(context, element['rowsVisibleIf'], `${path}.rowsVisibleIf`),
    columns: dropdownColumns(context, element, path, compileCell),
  };
}

/** The columns of a `matrixdropdown`, each compiled as the question its cells are. */
function dropdownColumns(context: CompileContext, element: ElementJson, path: string, compileCell: CellCompiler): QuestionSpec[] {
  const columns = element['columns'];
  if (!Array.isArray(columns) || columns.length === 0) {
    context.problems.push({ path: `${path}.columns`, message: 'a matrix needs columns' });
    return [];
  }
  const result: QuestionSpec[] = [];
  columns.forEach((raw: unknown, index) => {
    const columnPath = `${path}.columns[${index}]`;
    const spec = compileColumn(context, element, raw, columnPath, compileCell);
    if (!spec) return;
    if (result.some((c) => c.name === spec.name)) {
      context.problems.push({ path: `${columnPath}.name`, message: `the column "${spec.name}" is listed twice` });
      return;
    }
    result.push(spec);
  });
  return result;
}

/** One column: its cell type (its own, or the matrix's) and its choices (its own, or the matrix's). */
function compileColumn(
  context: CompileContext,
  element: ElementJson,
  raw: unknown,
  columnPath: string,
  compileCell: CellCompiler,
): QuestionSpec | undefined {
  const column = (typeof raw === 'string' ? { name: raw } : raw) as Record<string, unknown> | null;
  if (column === null || typeof column !== 'object') {
    context.problems.push({ path: columnPath, message: 'each column must be an object with a name' });
    return undefined;
  }
  checkCellProperties(column, columnPath, context.problems);
  const cellType = String(column['cellType'] ?? element['cellType'] ?? 'dropdown');
  const type = cellType === 'default' ? String(element['cellType'] ?? 'dropdown') : cellType;
  const kind = CELL_KINDS[type];
  if (!kind) {
    context.problems.push({ path: `${columnPath}.cellType`, message: `cells of type "${type}" are not supported` });
    return undefined;
  }
  const cell = { choices: element.choices, ...column, type, name: column['name'] } as ElementJson;
  if ((kind === 'single' || kind === 'multi') && type !== 'rating' && cell.choices === undefined) {
    context.problems.push({ path: `${columnPath}.choices`, message: 'a choice column needs choices (its own or the matrix’s)' });
    return undefined;
  }
  return compileCell(cell, kind, columnPath);
}
