import { coarsenAnswers } from './coarsen-answers';
import { compileSurvey, InvalidDefinitionError } from '../definition/compile-survey';
import { validateAnswers, type ConditionEvaluator } from '../definition/validate-answers';

const never: ConditionEvaluator = () => false;

describe('dates', () => {
  const survey = compileSurvey({
    elements: [
      { type: 'text', name: 'when', inputType: 'date' },
      { type: 'text', name: 'year', inputType: 'date', candorDatePrecision: 'year', min: '2020-01-01', max: '2026-12-31' },
      { type: 'text', name: 'month', inputType: 'month' },
      { type: 'text', name: 'at', inputType: 'time' },
      { type: 'text', name: 'stamp', inputType: 'datetime-local', candorDatePrecision: 'day' },
    ],
  });

  it('are stored cut to the precision the survey chose (the month by default)', () => {
    const answers = { when: '2024-05-17', year: '2024-05-17', month: '2024-05', at: '21:47', stamp: '2024-05-17T21:47' };
    expect(validateAnswers(survey, answers, never)).toEqual([]);
    expect(coarsenAnswers(survey, answers)).toEqual({ when: '2024-05', year: '2024', month: '2024-05', at: '21:00', stamp: '2024-05-17' });
  });

  it.each([['2024-02-30'], ['17/05/2024'], ['2024-5-7'], [20240517], ['2024-05-17T10:00']])(
    'refuses %j, which is no date an input sends',
    (value) => {
      expect(validateAnswers(survey, { when: value }, never).map((p) => p.code)).toEqual(['WRONG_TYPE']);
    },
  );

  it('refuses a date outside the question’s min and max', () => {
    expect(validateAnswers(survey, { year: '2019-12-31' }, never).map((p) => p.code)).toEqual(['OUT_OF_RANGE']);
  });

  it('refuses a precision that does not fit the input', () => {
    expect(() => compileSurvey({ elements: [{ type: 'text', name: 't', inputType: 'time', candorDatePrecision: 'day' }] })).toThrow(
      InvalidDefinitionError,
    );
  });

  it('keeps the other answers as they are', () => {
    const mixed = compileSurvey({
      elements: [
        { type: 'text', name: 'd', inputType: 'date' },
        { type: 'text', name: 'note' },
      ],
    });
    expect(coarsenAnswers(mixed, { note: '2024-05-17' })).toEqual({ note: '2024-05-17' });
  });
});
