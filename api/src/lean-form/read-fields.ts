import { COMMENT_SUFFIX, SPECIAL_VALUES, type QuestionSpec } from '@candor/shared';
import type { LoadedSurvey } from './loaded-survey';

/** A posted form: one value per field, or several for repeated names (checkboxes). */
type FormBody = Readonly<Record<string, unknown>>;

/** Reads this page's fields from the form into typed answers. */
export function readFields(survey: LoadedSurvey, names: readonly string[], body: FormBody): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const name of names) {
    const spec = survey.compiled.questions.get(name);
    if (!spec) continue;
    const value = readAnswer(spec, name, body);
    if (value !== undefined) answers[name] = value;
    const comment = readComment(spec, name, body, answers[name]);
    if (comment !== undefined) answers[name + COMMENT_SUFFIX] = comment;
  }
  return answers;
}

/** One question's answer from its field (or fields), typed as the JSON API takes it; undefined when left empty. */
function readAnswer(spec: QuestionSpec, name: string, body: FormBody): unknown {
  const raw = body[name];
  switch (spec.kind) {
    case 'date':
    case 'text':
      return text(raw)?.replace(/\r\n/g, '\n').trim() || undefined;
    case 'number':
      return numberOrText(text(raw)?.trim());
    case 'boolean':
      return readBoolean(spec, text(raw));
    case 'single': {
      const value = text(raw);
      return value ? matchChoice(spec, value) : undefined;
    }
    case 'multi':
      return readChoices(spec, raw);
    case 'matrixdropdown':
      return readMatrixDropdown(spec, name, body);
    case 'expression':
      return undefined; // computed by the survey from other answers; the form has no field for it
    case 'multipletext':
      return readMultipleText(spec, name, body);
    case 'matrix':
      return readMatrix(spec, name, body);
  }
}

/** The first value of a field (a repeated name posts an array). */
function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
}

/** A number when the text is one, else the text as typed (validation then says why); undefined when empty. */
function numberOrText(value: string | undefined): unknown {
  if (!value) return undefined;
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

/** The choice whose value the field carries (numbers stay numbers), or the text as sent. */
function matchChoice(spec: QuestionSpec, value: string): unknown {
  return spec.choices.find((choice) => String(choice.value) === value)?.value ?? value;
}

/** Yes/no radio buttons, in the question's own values when it declares them. */
function readBoolean(spec: QuestionSpec, value: string | undefined): unknown {
  if (value === 'true') return spec.booleanValues?.[0] ?? true;
  if (value === 'false') return spec.booleanValues?.[1] ?? false;
  return undefined;
}

/** Checkboxes: the offered choices in their order, then any value not offered (validation refuses it). */
function readChoices(spec: QuestionSpec, raw: unknown): unknown[] | undefined {
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string');
  if (values.length === 0) return undefined;
  const chosen = spec.choices.filter((choice) => values.includes(String(choice.value))).map((choice) => choice.value);
  const unknown = values.filter((v) => !spec.choices.some((choice) => String(choice.value) === v));
  return [...chosen, ...unknown];
}

/** A grid of cells, one field per row and column (`name.row.column`); rows left empty are left out. */
function readMatrixDropdown(spec: QuestionSpec, name: string, body: FormBody): Record<string, Record<string, unknown>> | undefined {
  const rows: Record<string, Record<string, unknown>> = {};
  for (const row of spec.rows ?? []) {
    const cells: Record<string, unknown> = {};
    for (const column of spec.columns ?? []) {
      const value = readCell(column, body[`${name}.${row.value}.${column.name}`]);
      if (value !== undefined) cells[column.name] = value;
    }
    if (Object.keys(cells).length > 0) rows[String(row.value)] = cells;
  }
  return Object.keys(rows).length > 0 ? rows : undefined;
}

/** One cell of a grid, read as its column's kind of question. */
function readCell(column: QuestionSpec, raw: unknown): unknown {
  if (column.kind === 'multi') return readChoices(column, raw);
  const value = text(raw)?.trim();
  if (!value) return undefined;
  if (column.kind === 'boolean') return readBoolean(column, value) ?? value;
  if (column.kind === 'single') return matchChoice(column, value);
  if (column.kind === 'number') return numberOrText(value);
  return value;
}

/** Several text boxes, one field each (`name.item`); numeric boxes read as numbers. */
function readMultipleText(spec: QuestionSpec, name: string, body: FormBody): Record<string, unknown> | undefined {
  const boxes: Record<string, unknown> = {};
  for (const item of spec.items ?? []) {
    const value = text(body[`${name}.${item.name}`])?.trim();
    if (value) boxes[item.name] = item.kind === 'number' ? numberOrText(value) : value;
  }
  return Object.keys(boxes).length > 0 ? boxes : undefined;
}

/** A radio grid, one field per row (`name.row`). */
function readMatrix(spec: QuestionSpec, name: string, body: FormBody): Record<string, unknown> | undefined {
  const rows: Record<string, unknown> = {};
  for (const row of spec.rows ?? []) {
    const value = text(body[`${name}.${row.value}`]);
    if (value) rows[String(row.value)] = matchChoice(spec, value);
  }
  return Object.keys(rows).length > 0 ? rows : undefined;
}

/** The comment box, or the "Other" box: kept only when the question has a comment or "Other" is chosen. */
function readComment(spec: QuestionSpec, name: string, body: FormBody, answer: unknown): string | undefined {
  if (!spec.hasOther && !spec.hasComment) return undefined;
  const comment = text(body[name + COMMENT_SUFFIX])?.trim();
  const wantsComment =
    spec.hasComment || (Array.isArray(answer) ? (answer as unknown[]).includes(SPECIAL_VALUES.other) : answer === SPECIAL_VALUES.other);
  return comment && wantsComment ? comment : undefined;
}
