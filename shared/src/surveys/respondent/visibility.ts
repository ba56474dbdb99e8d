import type { ChoiceSpec, ContainerSpec, QuestionSpec } from '../definition/compile-survey';
import type { ConditionEvaluator } from './condition-evaluator';

/** What skip logic shows for one set of answers; each condition is evaluated at most once. */
export interface Visibility {
  question(question: QuestionSpec): boolean;
  container(container: ContainerSpec): boolean;
  choice(choice: ChoiceSpec): boolean;
  /** A condition's value, for `requiredIf` and expression validators. */
  test(expression: string): boolean;
}

export function createVisibility(answers: Readonly<Record<string, unknown>>, evaluate: ConditionEvaluator): Visibility {
  const cache = new Map<string, boolean>();
  const test = (expression: string): boolean => {
    let result = cache.get(expression);
    if (result === undefined) {
      result = evaluate(expression, answers);
      cache.set(expression, result);
    }
    return result;
  };
  const container = (spec: ContainerSpec): boolean => spec.visible && (spec.visibleIf === undefined || test(spec.visibleIf));
  return {
    test,
    container,
    question: (spec) => spec.visible && (spec.visibleIf === undefined || test(spec.visibleIf)) && spec.containers.every(container),
    choice: (spec) => spec.visibleIf === undefined || test(spec.visibleIf),
  };
}
