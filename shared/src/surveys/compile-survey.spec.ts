import { compileSurvey, InvalidDefinitionError, type DefinitionProblem } from './compile-survey';
import { DEMO_SURVEY_DEFINITION } from './demo-survey';
import type { SurveyDefinition } from './survey-definition';

function problemsOf(definition: SurveyDefinition): DefinitionProblem[] {
  try {
    compileSurvey(definition);
    return [];
  } catch (error) {
    if (error instanceof InvalidDefinitionError) return [...error.problems];
    throw error;
  }
}

describe('compileSurvey', () => {
  it('compiles the demo survey into its six questions', () => {
    const compiled = compileSurvey(DEMO_SURVEY_DEFINITION);
    expect([...compiled.questions.keys()]).toEqual([
      'adult',
      'screened_clients__before',
      'screened_clients__after',
      'safety_tools',
      'violent_incident',
      'incident_reported',
    ]);
  });

  it('adds SurveyJS special items to the accepted values, exclusive in multi-selects', () => {
    const safety = compileSurvey(DEMO_SURVEY_DEFINITION).questions.get('safety_tools');
    expect(safety?.kind).toBe('multi');
    expect(safety?.choices.filter((c) => c.exclusive).map((c) => c.value)).toEqual(['none', 'refused']);
  });

  it('records page and panel conditions as containers of each question', () => {
    const compiled = compileSurvey({
      pages: [
        {
          visibleIf: "{a} = 'x'",
          elements: [{ type: 'panel', name: 'p', visibleIf: '{b} notempty', elements: [{ type: 'text', name: 'q' }] }],
        },
      ],
    });
    expect(compiled.questions.get('q')?.containers.map((c) => c.visibleIf)).toEqual(["{a} = 'x'", '{b} notempty']);
  });

  it('treats text questions with a number input type as numbers with their bounds', () => {
    const q = compileSurvey({ elements: [{ type: 'text', name: 'n', inputType: 'number', min: 0, validators: [{ type: 'numeric', maxValue: 9 }] }] }).questions.get('n');
    expect(q?.kind).toBe('number');
    expect(q?.number).toEqual({ min: 0, max: 9 });
  });

  it('caps free text at the platform limit even when the survey allows more', () => {
    const q = compileSurvey({ maxTextLength: 100000, elements: [{ type: 'comment', name: 'c' }] }).questions.get('c');
    expect(q?.text?.maxLength).toBe(2000);
  });

  it('expands rating scales into their values', () => {
    const q = compileSurvey({ elements: [{ type: 'rating', name: 'r', rateMin: 0, rateMax: 10, rateStep: 5 }] }).questions.get('r');
    expect(q?.choices.map((c) => c.value)).toEqual([0, 5, 10]);
  });

  it.each([
    ['a question type it cannot validate', { elements: [{ type: 'file', name: 'upload' }] }, 'elements[0].type'],
    ['a signature pad', { elements: [{ type: 'signaturepad', name: 's' }] }, 'elements[0].type'],
    ['a missing name', { elements: [{ type: 'text' }] }, 'elements[0].name'],
    ['a name that is not plain', { elements: [{ type: 'text', name: 'my question' }] }, 'elements[0].name'],
    ['a reserved name', { elements: [{ type: 'text', name: 'constructor' }] }, 'elements[0].name'],
    ['a duplicated name', { elements: [{ type: 'text', name: 'a' }, { type: 'comment', name: 'a' }] }, 'elements[1].name'],
    ['a choice question without choices', { elements: [{ type: 'radiogroup', name: 'a' }] }, 'elements[0].choices'],
    ['duplicated choice values', { elements: [{ type: 'radiogroup', name: 'a', choices: ['x', 'x'] }] }, 'elements[0].choices[1]'],
    ['a cookie that would stay on the device', { cookieName: 'done', elements: [{ type: 'text', name: 'a' }] }, 'cookieName'],
    ['the SurveyJS cloud service', { surveyPostId: 'abc', elements: [{ type: 'text', name: 'a' }] }, 'surveyPostId'],
    ['a redirect after completion', { navigateToUrl: 'https://x.example', elements: [{ type: 'text', name: 'a' }] }, 'navigateToUrl'],
    ['an image from another site', { elements: [{ type: 'image', imageLink: 'https://cdn.example/x.png' }] }, 'elements[0].imageLink'],
    ['a logo from another site', { logo: '//cdn.example/logo.png', elements: [{ type: 'text', name: 'a' }] }, 'logo'],
    ['triggers', { triggers: [{ type: 'complete' }], elements: [{ type: 'text', name: 'a' }] }, 'triggers'],
    ['choices loaded from a URL', { elements: [{ type: 'dropdown', name: 'a', choices: ['x'], choicesByUrl: { url: 'https://x' } }] }, 'elements[0].choicesByUrl'],
    ['an unsupported validator', { elements: [{ type: 'text', name: 'a', validators: [{ type: 'email' }] }] }, 'elements[0].validators[0].type'],
    ['an invalid regular expression', { elements: [{ type: 'text', name: 'a', validators: [{ type: 'regex', regex: '(' }] }] }, 'elements[0].validators[0].regex'],
    ['no questions at all', {}, 'pages'],
  ])('rejects %s, naming where', (_what, definition, path) => {
    const problems = problemsOf(definition as SurveyDefinition);
    expect(problems.map((p) => p.path)).toContain(path);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({ cookieName: 'x', elements: [{ type: 'file', name: 'f' }, { type: 'text' }] });
    expect(problems).toHaveLength(3);
  });

  it('keeps display elements out of the answerable questions', () => {
    const compiled = compileSurvey({ elements: [{ type: 'html', name: 'intro', html: '<p>Hi</p>' }, { type: 'text', name: 'a' }] });
    expect([...compiled.questions.keys()]).toEqual(['a']);
  });
});
