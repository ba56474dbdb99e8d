import { ConditionRunner } from 'survey-core';
import type { ConditionEvaluator } from '@candor/shared';

/**
 * Evaluates skip-logic conditions with survey-core's own expression engine, the one the
 * respondent's browser runs. One parsed runner per expression, reused.
 */
export function createConditionEvaluator(): ConditionEvaluator {
  const runners = new Map<string, ConditionRunner>();
  return (expression, values) => {
    let runner = runners.get(expression);
    if (!runner) {
      runner = new ConditionRunner(expression);
      runners.set(expression, runner);
    }
    return runner.runValues(values as Record<string, unknown>) === true;
  };
}
