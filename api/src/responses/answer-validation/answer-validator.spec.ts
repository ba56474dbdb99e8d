import { compileSurvey, validateAnswers, type SurveyDefinition } from '@candor/shared';
import { createConditionEvaluator } from './survey-core-conditions';

/**
 * Where Candor is deliberately stricter than survey-core's own `validate()`: values a
 * SurveyJS client never sends (its inputs prevent them) are refused, not stored.
 */
const definition: SurveyDefinition = {
  elements: [
    { type: 'text', name: 'clients', inputType: 'number', min: 0, max: 50 },
    { type: 'comment', name: 'story', maxLength: 10 },
    {
      type: 'checkbox',
      name: 'tools',
      choices: ['a', 'b', 'c'],
      showNoneItem: true,
      showRefuseItem: true,
      maxSelectedChoices: 2,
      showOtherItem: true,
    },
    { type: 'rating', name: 'score', rateMin: 1, rateMax: 5 },
    { type: 'boolean', name: 'agree' },
    { type: 'matrix', name: 'grid', rows: ['r1'], columns: ['x', 'y'] },
  ],
};
const compiled = compileSurvey(definition);
const evaluate = createConditionEvaluator();
const codes = (answers: Record<string, unknown>) => validateAnswers(compiled, answers, evaluate).map((p) => `${p.path}:${p.code}`);

describe('the answer validator is stricter than survey-core where a client cannot go', () => {
  it.each([
    ['a number sent as text', { clients: '5' }, 'clients:WRONG_TYPE'],
    ['a number out of bounds', { clients: 51 }, 'clients:OUT_OF_RANGE'],
    ['text longer than its box allows', { story: 'x'.repeat(11) }, 'story:TOO_LONG'],
    ['a choice picked twice', { tools: ['a', 'a'] }, 'tools:DUPLICATE_CHOICE'],
    ['"none" with another choice', { tools: ['none', 'a'] }, 'tools:EXCLUSIVE_CHOICE'],
    ['"prefer not to say" with another choice', { tools: ['refused', 'b'] }, 'tools:EXCLUSIVE_CHOICE'],
    ['more choices than allowed', { tools: ['a', 'b', 'c'] }, 'tools:TOO_MANY_CHOICES'],
    ['a rating off the scale', { score: 6 }, 'score:CHOICE_NOT_OFFERED'],
    ['a rating sent as text', { score: '3' }, 'score:CHOICE_NOT_OFFERED'],
    ['a boolean sent as text', { agree: 'true' }, 'agree:WRONG_TYPE'],
    ['a matrix row that does not exist', { grid: { r9: 'x' } }, 'grid.r9:UNKNOWN_QUESTION'],
    ['a matrix sent as a list', { grid: ['x'] }, 'grid:WRONG_TYPE'],
    ['"Other" text without "other" chosen', { tools: ['a'], 'tools-Comment': 'mine' }, 'tools-Comment:COMMENT_NOT_ALLOWED'],
    ['an empty string', { story: '' }, 'story:EMPTY_ANSWER'],
    ['an empty list', { tools: [] }, 'tools:EMPTY_ANSWER'],
    ['a nested object where text belongs', { story: { text: 'x' } }, 'story:WRONG_TYPE'],
    ['a prototype-polluting key', JSON.parse('{"__proto__": {"polluted": true}}'), '__proto__:UNKNOWN_QUESTION'],
  ])('refuses %s', (_what, answers, expected) => {
    expect(codes(answers as Record<string, unknown>)).toContain(expected);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('accepts the same questions answered as a SurveyJS client would', () => {
    expect(
      codes({ clients: 5, story: 'fine', tools: ['other'], 'tools-Comment': 'mine', score: 3, agree: false, grid: { r1: 'y' } }),
    ).toEqual([]);
  });
});
