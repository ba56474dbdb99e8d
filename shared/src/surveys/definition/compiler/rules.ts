import type { ValidatorJson } from '../survey-definition';
import { SUBMISSION_LIMITS } from '../../../contracts/public-surveys';
import { compileSafePattern, REGEX_LIMITS, type SafePattern } from '../safe-regex';
import { addCondition, type CompileContext } from './context';
import { asFiniteNumber, asNonNegativeInteger, maxOf, minOf } from './numbers';
import type { DefinitionProblem, NumberRules, TextRules } from './types';

/** The rules of a question or a multiple-text item, read from its properties and validators. */
export interface QuestionRules {
  readonly text: TextRules;
  readonly min?: number;
  readonly max?: number;
  readonly numeric?: NumberRules;
  readonly expressionValidators: readonly string[];
}

/** The text rules while the validators are read, one after another. */
interface RulesDraft {
  minLength?: number;
  maxLength: number;
  allowDigits: boolean;
  numeric?: { min?: number; max?: number };
  email: boolean;
  readonly patterns: SafePattern[];
  readonly expressionValidators: string[];
}

/**
 * A text length limit as survey-core reads it: a positive number is the limit; 0 means none
 * (Candor then applies its default); anything else means "not set". A limit above what a
 * request body can carry is refused, so a definition is never accepted and its answers then refused.
 */
export function readTextLength(value: unknown, path: string, problems: DefinitionProblem[]): number | undefined {
  const n = asFiniteNumber(value);
  if (n === undefined || n < 0) return undefined;
  if (n === 0) return SUBMISSION_LIMITS.defaultTextLength;
  if (n > SUBMISSION_LIMITS.maxTextLength) {
    problems.push({ path, message: `at most ${SUBMISSION_LIMITS.maxTextLength} characters: longer answers would not fit in a submission` });
    return undefined;
  }
  return Math.floor(n);
}

/** Length, pattern, number and expression rules of a question or a multiple-text item, from its properties and validators. */
export function readRules(
  context: CompileContext,
  owner: Readonly<Record<string, unknown>>,
  path: string,
  emailInput: boolean,
): QuestionRules {
  const validators = (owner['validators'] ?? []) as readonly ValidatorJson[];
  const draft: RulesDraft = {
    minLength: asNonNegativeInteger(owner['minLength']),
    // survey-core: a positive maxLength wins, -1 (or none) falls back to the survey's, 0 means none.
    maxLength: readTextLength(owner['maxLength'], `${path}.maxLength`, context.problems) ?? context.surveyMaxText,
    allowDigits: true,
    email: emailInput,
    patterns: [],
    expressionValidators: [],
  };
  if (!Array.isArray(validators)) {
    context.problems.push({ path: `${path}.validators`, message: 'validators must be an array' });
  } else {
    validators.forEach((validator: ValidatorJson, index) => applyValidator(context, draft, validator, `${path}.validators[${index}]`));
  }
  const { minLength, maxLength, patterns, allowDigits, numeric, email } = draft;
  const text: TextRules = { minLength, maxLength, patterns, allowDigits, numeric, email };
  return {
    text,
    min: asFiniteNumber(owner['min']),
    max: asFiniteNumber(owner['max']),
    numeric,
    expressionValidators: draft.expressionValidators,
  };
}

/** One validator's rule, added to those read before it. */
function applyValidator(context: CompileContext, draft: RulesDraft, validator: ValidatorJson, vPath: string): void {
  switch (validator?.type) {
    case 'numeric':
      draft.numeric = {
        min: maxOf(draft.numeric?.min, asFiniteNumber(validator['minValue'])),
        max: minOf(draft.numeric?.max, asFiniteNumber(validator['maxValue'])),
      };
      break;
    case 'email':
      draft.email = true;
      break;
    case 'text':
      applyTextValidator(draft, validator);
      break;
    case 'regex':
      applyRegexValidator(context, draft, validator, vPath);
      break;
    case 'expression': {
      const expression = addCondition(context, validator['expression'], `${vPath}.expression`);
      if (expression) draft.expressionValidators.push(expression);
      break;
    }
    default:
      context.problems.push({ path: `${vPath}.type`, message: `validator "${String(validator?.type)}" is not supported` });
  }
}

/** A `text` validator narrows the length and may forbid digits. */
function applyTextValidator(draft: RulesDraft, validator: ValidatorJson): void {
  draft.minLength = maxOf(draft.minLength, asNonNegativeInteger(validator['minLength']));
  const vMax = asNonNegativeInteger(validator['maxLength']);
  if (vMax !== undefined && vMax > 0) draft.maxLength = Math.min(draft.maxLength, vMax);
  if (validator['allowDigits'] === false) draft.allowDigits = false;
}

/** A `regex` validator is compiled safely (bounded cost), and only a few are allowed per question. */
function applyRegexValidator(context: CompileContext, draft: RulesDraft, validator: ValidatorJson, vPath: string): void {
  const compiled = compileSafePattern(validator['regex'], validator['caseInsensitive'] === true);
  if (!compiled.ok) context.problems.push({ path: `${vPath}.regex`, message: compiled.message });
  else if (draft.patterns.length >= REGEX_LIMITS.maxPerQuestion) {
    context.problems.push({
      path: `${vPath}.regex`,
      message: `a question may have at most ${REGEX_LIMITS.maxPerQuestion} regex validators`,
    });
  } else draft.patterns.push(compiled.pattern);
}
