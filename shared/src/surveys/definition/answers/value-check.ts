import type { ChoiceSpec, QuestionSpec } from '../compiler/types';
import type { AnswerProblem } from './problems';
import type { TextContext } from './text';

/** What checking one answer needs besides the question and the value. */
export interface ValueCheck {
  /** Where problems are added. */
  readonly problems: AnswerProblem[];
  /** Whether a choice (or a row or a column) is offered under the answers given. */
  readonly choiceVisible: (choice: ChoiceSpec) => boolean;
  /** A condition evaluated with `{item}` set to a row or column (`rowsVisibleIf`, `columnsVisibleIf`). */
  readonly evaluateWithItem: (expression: string, item: unknown) => boolean;
  /** The submission's pattern budget and how its free text arrives. */
  readonly budget: TextContext;
}

/** Checks one answer value against its question (the value checker, passed to matrices for their cells). */
export type ValueChecker = (question: QuestionSpec, value: unknown, check: ValueCheck) => void;
