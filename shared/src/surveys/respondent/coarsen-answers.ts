import type { CompiledSurvey } from '../definition/compile-survey';
import { coarsenDate, isDateValue } from '../definition/compiler/dates';

/**
 * What is stored of a valid answer set: dates and times cut to the precision the survey
 * chose (`candorDatePrecision`), so the database never holds an exact date a respondent typed.
 * Call it only after {@link validateAnswers} found no problem.
 */
export function coarsenAnswers(survey: CompiledSurvey, answers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const stored: Record<string, unknown> = { ...answers };
  for (const [key, value] of Object.entries(answers)) {
    const rules = survey.questions.get(key)?.date;
    if (rules && isDateValue(value, rules.inputType)) stored[key] = coarsenDate(value, rules);
  }
  return stored;
}
