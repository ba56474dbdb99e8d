import type { SurveyDefinition } from './survey-definition';
import { SUBMISSION_LIMITS } from '../../contracts/public-surveys';
import { checkAnswerOptions } from './compiler/answer-options';
import { copyChoicesFromQuestions } from './compiler/choices';
import type { CompileContext } from './compiler/context';
import { readPages, walkPages } from './compiler/elements';
import { checkSurveySettings } from './compiler/refusals';
import { readTextLength } from './compiler/rules';
import { InvalidDefinitionError, type CompiledSurvey, type DefinitionProblem } from './compiler/types';

/**
 * The survey compiler's public entry. The compilation itself lives in `compiler/`, one module
 * per concern: walking pages and panels (elements), each kind of question (questions,
 * question-kinds, matrix-dropdown, multiple-text), choices, validators (rules) and the
 * features refused (refusals).
 */
export type {
  ChoiceSpec,
  CompiledSurvey,
  ContainerSpec,
  DefinitionProblem,
  NumberRules,
  PanelRequirement,
  QuestionKind,
  QuestionSpec,
  TextItemSpec,
  TextRules,
} from './compiler/types';
export { InvalidDefinitionError } from './compiler/types';
export { isAcceptableQuestionName, QUESTION_NAME_PATTERN } from './compiler/names';
export { MAX_ANSWER_OPTIONS } from './compiler/answer-options';

/** Compiles a definition or throws {@link InvalidDefinitionError} listing every problem. */
export function compileSurvey(definition: SurveyDefinition): CompiledSurvey {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    throw new InvalidDefinitionError([{ path: '', message: 'a survey definition must be a JSON object' }]);
  }
  const problems: DefinitionProblem[] = [];
  checkSurveySettings(definition, problems);
  const context: CompileContext = {
    problems,
    conditions: [],
    questions: new Map(),
    commentKeys: new Map(),
    panels: [],
    surveyMaxText: readTextLength(definition['maxTextLength'], 'maxTextLength', problems) ?? SUBMISSION_LIMITS.defaultTextLength,
    surveyReadOnly: definition['mode'] === 'display',
  };
  const pages = readPages(definition, problems);
  if (pages.length === 0) problems.push({ path: 'pages', message: 'the survey has no pages or elements' });
  walkPages(context, definition, pages);

  const { questions, commentKeys, conditions, panels } = context;
  checkAnswerOptions(questions.values(), problems);
  if (problems.length > 0) throw new InvalidDefinitionError(problems);
  // Copied choices need every question compiled first; a source that cannot lend its
  // choices is a problem like any other, not a question silently left without choices.
  copyChoicesFromQuestions(questions, problems);
  if (problems.length > 0) throw new InvalidDefinitionError(problems);
  const maxTextLength = Math.max(context.surveyMaxText, ...[...questions.values()].map((q) => q.text?.maxLength ?? 0));
  return { questions, commentKeys, conditions: [...new Set(conditions)], maxTextLength, panels };
}
