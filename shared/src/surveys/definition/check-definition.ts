import type { DefinitionCheckResult } from '../../contracts/surveys-admin';
import { SUBMISSION_LIMITS } from '../../contracts/public-surveys';
import { canonicalJson } from './canonical-json';
import { compileSurvey, InvalidDefinitionError, type CompiledSurvey } from './compile-survey';
import { findIdentifyingQuestions, type IdentifyingQuestionKind } from '../respondent/identifying-questions';
import { findQuestionPairs, QUALIFYING_PAIR_STEM } from '../templates/question-pairs';
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
    if (
      before.kind !== after.kind ||
      canonicalJson(before.choices.map((c) => c.value)) !== canonicalJson(after.choices.map((c) => c.value))
    ) {
      warnings.push({
        path: pair.after,
        message: `the halves of the before/after pair "${pair.stem}" offer different answers, so they cannot be compared`,
      });
    }
  }
  if (pairs.length > 0 && !pairs.some((p) => p.stem === QUALIFYING_PAIR_STEM)) {
    warnings.push({ path: 'pages', message: 'there are before/after pairs but no qualifying pair (worked__before / worked__after)' });
  }
  const uncapped = [...compiled.questions.values()].filter(
    (q) => (q.kind === 'text' || q.hasComment || q.hasOther) && q.text?.maxLength === SUBMISSION_LIMITS.defaultTextLength,
  );
  if (uncapped.length > 0) {
    warnings.push({
      path: uncapped.map((q) => q.name).join(', '),
      message: `free text without a maxLength is capped at ${SUBMISSION_LIMITS.defaultTextLength.toLocaleString('en')} characters (set maxLength, up to ${SUBMISSION_LIMITS.maxTextLength.toLocaleString('en')}, to change it)`,
    });
  }
  for (const question of compiled.questions.values()) {
    if (question.date) {
      warnings.push({
        path: question.name,
        message: `a date can identify someone: answers are stored to the ${question.date.precision} only (candorDatePrecision), and never published`,
      });
    }
    const choiceBased = question.kind === 'single' || question.kind === 'multi';
    if (choiceBased && !question.required && !question.navigation && !question.choices.some((c) => c.value === 'refused')) {
      warnings.push({ path: question.name, message: 'has no "Prefer not to say" answer' });
    }
  }
  for (const question of findIdentifyingQuestions(definition)) {
    warnings.push({
      path: question.name,
      message: `asks for details that identify someone (${question.kinds.map((kind) => IDENTIFYING_WORDS[kind]).join(', ')}): respondents are anonymous, so ask what happened, not who or where`,
    });
  }
  return { valid: true, problems: [], warnings, questionCount: compiled.questions.size, pairs: pairs.map((p) => p.stem) };
}

const IDENTIFYING_WORDS: Readonly<Record<IdentifyingQuestionKind, string>> = {
  name: 'a name',
  phone: 'a phone number',
  email: 'an email address',
  address: 'an address',
  handle: 'a social media handle',
  birthDate: 'an exact birth date',
  photo: 'a photo',
};
