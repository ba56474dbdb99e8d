import { toSurveyNumber } from '../compiler/survey-values';
import type { ChoiceSpec, NumberRules, QuestionSpec } from '../compiler/types';
import { SPECIAL_VALUES } from '../survey-definition';
import { checkValue } from './check-value';
import { includesValue, problem } from './problems';
import type { Submission } from './submission';
import { checkText, NO_TEXT_RULES } from './text';

/** One key of the answers: a question's answer or the text of its "Other" / comment box. */
export function checkAnswer(submission: Submission, key: string): void {
  const commentOf = submission.survey.commentKeys.get(key);
  if (commentOf !== undefined) checkComment(submission, key, commentOf);
  else checkQuestionAnswer(submission, key);
}

/** A comment box takes text only when its question is shown and has a comment box or "Other" chosen. */
function checkComment(submission: Submission, key: string, commentOf: string): void {
  const { answers, problems } = submission;
  const question = submission.survey.questions.get(commentOf) as QuestionSpec;
  if (!submission.visibility.question(question)) {
    problems.push(problem(key, 'HIDDEN_QUESTION', `"${commentOf}" is hidden by skip logic, so it takes no answer`));
  } else if (!question.hasComment && !includesValue(answers[commentOf], SPECIAL_VALUES.other)) {
    problems.push(problem(key, 'COMMENT_NOT_ALLOWED', `"Other" text is only accepted when "${commentOf}" is "other"`));
  } else {
    const rules = { ...NO_TEXT_RULES, maxLength: question.text?.maxLength ?? NO_TEXT_RULES.maxLength };
    checkText(key, answers[key], rules, problems, submission.budget);
  }
}

/** A question's answer: shown, a valid value, within computed bounds, and passing its expression validators. */
function checkQuestionAnswer(submission: Submission, key: string): void {
  const { answers, evaluate, problems } = submission;
  const question = submission.survey.questions.get(key) as QuestionSpec;
  if (!submission.visibility.question(question)) {
    problems.push(problem(key, 'HIDDEN_QUESTION', 'this question is hidden by skip logic, so it takes no answer'));
    return;
  }
  checkValue(question, answers[key], {
    problems,
    choiceVisible: (choice) => isOffered(submission, question, choice),
    evaluateWithItem: (expression, item) => evaluate(expression, { ...answers, item }),
    budget: submission.budget,
  });
  if (question.kind === 'number' && problems[problems.length - 1]?.path !== key) {
    checkValueExpressions(submission, question, answers[key]);
  }
  if (problems.length === 0 || problems[problems.length - 1]?.path !== key) {
    for (const expression of question.expressionValidators) {
      if (!submission.visibility.test(expression))
        problems.push(problem(key, 'VALIDATOR_FAILED', `the answer fails the check "${expression}"`));
    }
  }
}

/** Whether a choice is offered: shown, kept by `choicesVisibleIf`, and (for copied choices) chosen or not in the source. */
function isOffered(submission: Submission, question: QuestionSpec, choice: ChoiceSpec): boolean {
  const { answers, survey } = submission;
  if (!submission.visibility.choice(choice)) return false;
  if (choice.special) return true;
  if (question.choicesVisibleIf !== undefined && !submission.evaluate(question.choicesVisibleIf, { ...answers, item: choice.value }))
    return false;
  const from = question.choicesFrom;
  if (!from || from.mode === 'all') return true;
  const source = survey.questions.get(from.question);
  const chosen =
    Array.isArray(answers[from.question]) && (!source || submission.visibility.question(source))
      ? (answers[from.question] as unknown[])
      : [];
  return chosen.includes(choice.value) === (from.mode === 'selected');
}

/** `minValueExpression` / `maxValueExpression`: bounds computed from the answers, ignored when not numbers (as in survey-core). */
function checkValueExpressions(submission: Submission, question: QuestionSpec, value: unknown): void {
  const { answers, problems } = submission;
  const rules: NumberRules = question.number ?? {};
  if (rules.minExpression === undefined && rules.maxExpression === undefined) return;
  const compute = submission.evaluate.value;
  if (!compute) {
    problems.push(problem(question.name, 'VALIDATOR_FAILED', 'the server cannot evaluate this question’s bounds'));
    return;
  }
  const bound = (expression: string | undefined): number => (expression === undefined ? NaN : toSurveyNumber(compute(expression, answers)));
  const min = bound(rules.minExpression);
  const max = bound(rules.maxExpression);
  const n = value as number;
  if ((!Number.isNaN(min) && n < min) || (!Number.isNaN(max) && n > max)) {
    problems.push(
      problem(
        question.name,
        'OUT_OF_RANGE',
        `the answer must be between ${Number.isNaN(min) ? '−∞' : min} and ${Number.isNaN(max) ? '∞' : max}`,
      ),
    );
  }
}
