import type { DefinitionCheckResult } from '../contracts/surveys-admin';
import { canonicalJson } from './canonical-json';
import { compileSurvey, InvalidDefinitionError, type CompiledSurvey } from './compile-survey';
import { findQuestionPairs, QUALIFYING_PAIR_STEM } from './question-pairs';
import type { SurveyDefinition } from './survey-definition';

/**
 * Checks a definition for the designer: errors that stop saving (from the compiler)
 * and advice that does not — before/after halves with different choices, questions
 * without "Prefer not to say", free text without a warning about identifying details.
 */
export function checkDefinition(definition: SurveyDefinition): DefinitionCheckResult {
  let compiled: CompiledSurvey;
  try {
    compiled = compileSurvey(definition);
  } catch (error) {
    if (error instanceof InvalidDefinitionError) {
      return { valid: false, problems: error.problems, warnings: [], questionCount: 0, pairs: [] };
    }
    throw error;
  }
  const warnings: { path: string; message: string }[] = [];
  const pairs = findQuestionPairs(compiled.questions.keys());
  for (const pair of pairs) {
    const before = compiled.questions.get(pair.before);
    const after = compiled.questions.get(pair.after);
    if (!before || !after) continue;
    if (before.kind !== after.kind || canonicalJson(before.choices.map((c) => c.value)) !== canonicalJson(after.choices.map((c) => c.value))) {
      warnings.push({ path: pair.after, message: `the halves of the before/after pair "${pair.stem}" offer different answers, so they cannot be compared` });
    }
  }
  if (pairs.length > 0 && !pairs.some((p) => p.stem === QUALIFYING_PAIR_STEM)) {
    warnings.push({ path: 'pages', message: 'there are before/after pairs but no qualifying pair (worked__before / worked__after)' });
  }
  for (const question of compiled.questions.values()) {
    const choiceBased = question.kind === 'single' || question.kind === 'multi';
    if (choiceBased && !question.required && !question.navigation && !question.choices.some((c) => c.value === 'refused')) {
      warnings.push({ path: question.name, message: 'has no "Prefer not to say" answer' });
    }
  }
  return { valid: true, problems: [], warnings, questionCount: compiled.questions.size, pairs: pairs.map((p) => p.stem) };
}
