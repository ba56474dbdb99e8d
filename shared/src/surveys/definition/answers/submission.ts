import type { ConditionEvaluator } from '../../respondent/condition-evaluator';
import type { ChoiceSpec, CompiledSurvey, ContainerSpec, QuestionSpec } from '../compiler/types';
import type { Visibility } from '../../respondent/visibility';
import type { AnswerProblem } from './problems';
import type { TextContext } from './text';

/** One submission being checked: the survey version, the answers, what skip logic shows, and the problems found. */
export interface Submission {
  readonly survey: CompiledSurvey;
  readonly answers: Readonly<Record<string, unknown>>;
  readonly evaluate: ConditionEvaluator;
  readonly visibility: Visibility;
  readonly problems: AnswerProblem[];
  /** Shared by every text check of the submission. */
  readonly budget: TextContext;
}

/** survey-core requires nothing a respondent cannot edit: read-only or disabled pages and panels. */
export function isEditableContainer(submission: Submission, container: ContainerSpec): boolean {
  return container.readOnly !== true && (container.enableIf === undefined || submission.visibility.test(container.enableIf));
}

/** …nor read-only or disabled questions, or questions inside such a page or panel. */
export function isEditable(submission: Submission, question: QuestionSpec): boolean {
  return (
    question.readOnly !== true &&
    (question.enableIf === undefined || submission.visibility.test(question.enableIf)) &&
    question.containers.every((container) => isEditableContainer(submission, container))
  );
}

/** Whether a row or column is shown: its own condition, then the matrix's `rowsVisibleIf` / `columnsVisibleIf`. */
export function isItemVisible(submission: Submission, expression: string | undefined, item: ChoiceSpec): boolean {
  return (
    submission.visibility.choice(item) &&
    (expression === undefined || submission.evaluate(expression, { ...submission.answers, item: item.value }))
  );
}
