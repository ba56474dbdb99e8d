/**
 * Evaluates a SurveyJS condition (e.g. `{incident} = 'yes'`) against answers. The API
 * passes survey-core's own expression engine, so skip logic means exactly what it
 * means in the respondent's browser.
 */
export type ConditionEvaluator = ((expression: string, values: Readonly<Record<string, unknown>>) => boolean) & {
  /** The value of an expression (`minValueExpression`, `maxValueExpression`), when the engine can compute one. */
  readonly value?: (expression: string, values: Readonly<Record<string, unknown>>) => unknown;
};
