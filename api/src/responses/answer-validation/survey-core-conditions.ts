import { ConditionRunner, ExpressionRunner } from 'survey-core';
import type { ConditionEvaluator } from '@candor/shared';

/**
 * Evaluates skip-logic conditions with survey-core's own expression engine, the one the
 * respondent's browser runs. One parsed runner per expression, reused. `value` computes
 * an expression's value (`minValueExpression`, `maxValueExpression`) the same way.
 */
export function createConditionEvaluator(): ConditionEvaluator {
  const runners = new Map<string, ConditionRunner>();
  const valueRunners = new Map<string, ExpressionRunner>();
  const condition = (expression: string, values: Readonly<Record<string, unknown>>): boolean => {
    let runner = runners.get(expression);
    if (!runner) {
      runner = new ConditionRunner(expression);
      runners.set(expression, runner);
    }
    return runner.runValues(values as Record<string, unknown>) === true;
  };
  const value = (expression: string, values: Readonly<Record<string, unknown>>): unknown => {
    let runner = valueRunners.get(expression);
    if (!runner) {
      runner = new ExpressionRunner(expression);
      valueRunners.set(expression, runner);
    }
    return runner.runValues(values as Record<string, unknown>);
  };
  return Object.assign(condition, { value });
}
