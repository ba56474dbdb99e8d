import type { DefinitionProblem, PanelRequirement, QuestionSpec } from './types';

/**
 * What one compilation gathers as it walks a definition: every problem (all are reported at
 * once), every condition, the questions and comment keys found so far, the required panels,
 * and the survey-level settings the questions inherit.
 */
export interface CompileContext {
  readonly problems: DefinitionProblem[];
  readonly conditions: string[];
  readonly questions: Map<string, QuestionSpec>;
  readonly commentKeys: Map<string, string>;
  readonly panels: PanelRequirement[];
  /** The survey's `maxTextLength`, the default of every text question. */
  readonly surveyMaxText: number;
  /** `mode: 'display'`: every page is read-only. */
  readonly surveyReadOnly: boolean;
}

/** Records a condition (visibleIf, requiredIf, …) and returns it; absent or blank means none. */
export function addCondition(context: CompileContext, expression: unknown, path: string): string | undefined {
  if (expression === undefined || expression === null || expression === '') return undefined;
  if (typeof expression !== 'string') {
    context.problems.push({ path, message: 'a condition must be a string expression' });
    return undefined;
  }
  context.conditions.push(expression);
  return expression;
}
