import { isBlankAnswer } from '../compiler/survey-values';
import type { QuestionSpec } from '../compiler/types';
import { SPECIAL_VALUES } from '../survey-definition';
import { includesValue, isPlainObject, problem } from './problems';
import { isEditable, isEditableContainer, isItemVisible, type Submission } from './submission';

/** What must be answered: required questions, matrix rows and cells, text boxes, "Other" texts and required panels. */
export function checkRequirements(submission: Submission): void {
  for (const question of submission.survey.questions.values()) {
    if (question.kind === 'matrix') checkRequiredRows(submission, question);
    if (question.kind === 'matrixdropdown') checkRequiredCells(submission, question);
    if (question.kind === 'multipletext') checkRequiredBoxes(submission, question);
    checkRequiredAnswer(submission, question);
  }
  checkRequiredPanels(submission);
}

/** The answer's object of rows or boxes, or an empty one. */
function partsOf(submission: Submission, question: QuestionSpec): Record<string, unknown> {
  const answer = submission.answers[question.name];
  return isPlainObject(answer) ? answer : {};
}

/** As in survey-core, "every row required" applies even when the matrix is left out. */
function checkRequiredRows(submission: Submission, question: QuestionSpec): void {
  if (!question.eachRowRequired || !submission.visibility.question(question) || !isEditable(submission, question)) return;
  const rows = partsOf(submission, question);
  for (const row of question.rows ?? []) {
    if (isItemVisible(submission, question.rowsVisibleIf, row) && !Object.prototype.hasOwnProperty.call(rows, String(row.value))) {
      submission.problems.push(problem(`${question.name}.${row.value}`, 'REQUIRED', 'every row of this question must be answered'));
    }
  }
}

/** survey-core validates every cell of every visible row, answered or not. */
function checkRequiredCells(submission: Submission, question: QuestionSpec): void {
  if (!submission.visibility.question(question) || !isEditable(submission, question)) return;
  const rows = partsOf(submission, question);
  for (const row of question.rows ?? []) {
    if (!isItemVisible(submission, question.rowsVisibleIf, row)) continue;
    const cells = isPlainObject(rows[String(row.value)]) ? (rows[String(row.value)] as Record<string, unknown>) : {};
    for (const column of question.columns ?? []) {
      if (column.required && isBlankAnswer(cells[column.name])) {
        submission.problems.push(problem(`${question.name}.${row.value}.${column.name}`, 'REQUIRED', 'this cell must be answered'));
      }
    }
  }
}

/** The required boxes of a shown multiple-text question. */
function checkRequiredBoxes(submission: Submission, question: QuestionSpec): void {
  if (!submission.visibility.question(question) || !isEditable(submission, question)) return;
  const boxes = partsOf(submission, question);
  for (const item of question.items ?? []) {
    if (item.required && isBlankAnswer(boxes[item.name]))
      submission.problems.push(problem(`${question.name}.${item.name}`, 'REQUIRED', 'this box must be filled in'));
  }
}

/** A required (or `requiredIf`) question that is shown and editable needs an answer; "Other" needs its text. */
function checkRequiredAnswer(submission: Submission, question: QuestionSpec): void {
  const { answers, problems, visibility } = submission;
  const answered = Object.prototype.hasOwnProperty.call(answers, question.name);
  const required =
    isEditable(submission, question) && (question.required || (question.requiredIf !== undefined && visibility.test(question.requiredIf)));
  if (!answered || isBlankAnswer(answers[question.name])) {
    if (required && visibility.question(question)) problems.push(problem(question.name, 'REQUIRED', 'this question must be answered'));
    if (!answered) return;
  }
  if (question.hasOther && includesValue(answers[question.name], SPECIAL_VALUES.other)) {
    const comment = answers[question.name + '-Comment'];
    if (typeof comment !== 'string' || comment.trim() === '') {
      problems.push(problem(`${question.name}-Comment`, 'OTHER_TEXT_MISSING', '"Other" was chosen, so its text is needed'));
    }
  }
}

/** A required panel that is shown and editable needs at least one answer inside. */
function checkRequiredPanels(submission: Submission): void {
  const { answers, visibility } = submission;
  for (const panel of submission.survey.panels ?? []) {
    if (!panel.containers.every((c) => visibility.container(c)) || !panel.containers.every((c) => isEditableContainer(submission, c)))
      continue;
    if (!panel.required && !(panel.requiredIf !== undefined && visibility.test(panel.requiredIf))) continue;
    if (panel.questions.every((name) => isBlankAnswer(answers[name]))) {
      submission.problems.push(problem(panel.name, 'REQUIRED', 'at least one question in this section must be answered'));
    }
  }
}
