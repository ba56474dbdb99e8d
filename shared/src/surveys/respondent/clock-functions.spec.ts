import { clockFunctionsIn } from './clock-functions';
import { compileSurvey, InvalidDefinitionError, type DefinitionProblem } from '../definition/compile-survey';
import { DEMO_SURVEY_DEFINITION } from '../templates/demo-survey';
import { buildPolicyImpactSurvey, POLICY_IMPACT_DEFAULTS } from '../templates/policy-impact-template';
import type { SurveyDefinition } from '../definition/survey-definition';

function problemsOf(definition: SurveyDefinition): DefinitionProblem[] {
  try {
    compileSurvey(definition);
    return [];
  } catch (error) {
    if (error instanceof InvalidDefinitionError) return [...error.problems];
    throw error;
  }
}

const choice = { type: 'radiogroup', name: 'mood', choices: ['ok', 'bad'] };
const survey = (elements: unknown[], extra: Record<string, unknown> = {}): SurveyDefinition =>
  ({ ...extra, pages: [{ name: 'p1', elements }] }) as unknown as SurveyDefinition;

describe('date and time functions in expressions (P2)', () => {
  it.each([
    ['visibleIf', { ...choice, visibleIf: 'today() > 0' }, 'pages[0].elements[1].visibleIf', 'today'],
    ['enableIf', { ...choice, enableIf: 'currentDate() notempty' }, 'pages[0].elements[1].enableIf', 'currentDate'],
    ['requiredIf', { ...choice, requiredIf: "dateDiff({x}, today(), 'hours') > 3" }, 'pages[0].elements[1].requiredIf', 'dateDiff'],
    ['a nested call', { ...choice, visibleIf: 'iif(age({x}) > 30, true, false)' }, 'pages[0].elements[1].visibleIf', 'age'],
    [
      'a choice condition',
      { ...choice, choices: [{ value: 'a', visibleIf: 'weekday(today()) = 1' }] },
      'pages[0].elements[1].choices[0].visibleIf',
      'weekday',
    ],
    [
      'an expression validator',
      { ...choice, validators: [{ type: 'expression', expression: 'year(currentDate()) > 2000' }] },
      'pages[0].elements[1].validators[0].expression',
      'year',
    ],
    [
      'minValueExpression',
      { type: 'text', inputType: 'number', name: 'n', minValueExpression: 'month(today())' },
      'pages[0].elements[1].minValueExpression',
      'month',
    ],
    [
      'maxValueExpression',
      { type: 'text', inputType: 'number', name: 'n', maxValueExpression: 'DAY(today())' },
      'pages[0].elements[1].maxValueExpression',
      'day',
    ],
    [
      'an expression question',
      { type: 'expression', name: 'e', expression: 'currentYear()' },
      'pages[0].elements[1].expression',
      'currentYear',
    ],
    [
      'a localized expression',
      { ...choice, visibleIf: { default: '{x} = 1', es: 'getDate({x}) < today()' } },
      'pages[0].elements[1].visibleIf.es',
      'getDate',
    ],
  ])('refuses %s that reads the clock, naming the function and where', (_label, element, path, name) => {
    const problems = problemsOf(survey([{ type: 'text', name: 'x' }, element]));
    const problem = problems.find((p) => p.path === path);
    expect(problem?.message).toContain(`${name}()`);
    expect(problem?.message).toMatch(/date or time function/);
  });

  it('refuses them in page and panel conditions and in calculated values and triggers', () => {
    const definition = {
      calculatedValues: [{ name: 'late', expression: 'diffDays({x}, today()) > 1' }],
      triggers: [{ type: 'setvalue', expression: 'dateAdd(today(), 1, "days") notempty' }],
      pages: [
        {
          name: 'p1',
          visibleIf: 'getYear(today()) > 0',
          elements: [{ type: 'panel', name: 'pn', visibleIf: "today() > '2020-01-01'", elements: [choice] }],
        },
      ],
    } as unknown as SurveyDefinition;
    const paths = problemsOf(definition)
      .filter((p) => /date or time/.test(p.message))
      .map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'calculatedValues[0].expression',
        'triggers[0].expression',
        'pages[0].visibleIf',
        'pages[0].elements[0].visibleIf',
      ]),
    );
  });

  it('accepts ordinary conditions, and the names inside quoted text', () => {
    expect(problemsOf(DEMO_SURVEY_DEFINITION)).toEqual([]);
    expect(problemsOf(buildPolicyImpactSurvey({ ...POLICY_IMPACT_DEFAULTS }))).toEqual([]);
    expect(
      problemsOf(
        survey([
          { type: 'text', name: 'x' },
          { ...choice, visibleIf: '{x} = \'today()\' or {x} contains "age("' },
        ]),
      ),
    ).toEqual([]);
    expect(clockFunctionsIn('{today} = 1 and {birthday} notempty')).toEqual([]);
  });
});
