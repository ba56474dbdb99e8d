import { compileSurvey, InvalidDefinitionError, type DefinitionProblem } from './compile-survey';
import { DEMO_SURVEY_DEFINITION } from '../templates/demo-survey';
import { normalizeLegacyElements } from './compiler/legacy';
import type { ElementJson, SurveyDefinition } from './survey-definition';

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
  it('refuses choicesFromQuestion that names no choice question, or asks for chosen items of a single choice', () => {
    const survey = (source: ElementJson, mode?: string): SurveyDefinition => ({
      pages: [
        {
          name: 'p1',
          elements: [
            source,
            { type: 'checkbox', name: 'copy', choicesFromQuestion: 'source', ...(mode ? { choicesFromQuestionMode: mode } : {}) },
          ],
        },
      ],
    });
    const messages = (definition: SurveyDefinition): string =>
      problemsOf(definition)
        .map((p) => p.message)
        .join();
    expect(messages(survey({ type: 'text', name: 'source' }))).toContain('choicesFromQuestion must name a choice question');
    expect(messages(survey({ type: 'radiogroup', name: 'source', choices: ['a', 'b'] }, 'selected'))).toContain(
      'needs a multi-select source',
    );
    // The valid case still compiles, with the source's choices copied.
    const ok = compileSurvey(survey({ type: 'checkbox', name: 'source', choices: ['a', 'b'] }, 'selected'));
    expect(ok.questions.get('copy')?.choices.map((c) => c.value)).toEqual(['a', 'b']);
  });

  it('refuses a small definition that would build a huge page: a thousand rows by two hundred dropdown columns', () => {
    const matrix = (rows: number, columns: number) =>
      ({
        elements: [
          {
            type: 'matrixdropdown',
            name: 'm',
            rows: Array.from({ length: rows }, (_, i) => `r${i}`),
            choices: ['a', 'b', 'c'],
            columns: Array.from({ length: columns }, (_, i) => ({ name: `c${i}` })),
          },
        ],
      }) as unknown as SurveyDefinition;
    expect(() => compileSurvey(matrix(1000, 200))).toThrow(/answer options/);
    expect(() =>
      compileSurvey({ elements: [{ type: 'dropdown', name: 'd', choices: Array.from({ length: 6000 }, (_, i) => `c${i}`) }] }),
    ).toThrow(/answer options/);
    expect(compileSurvey(matrix(30, 10)).questions.size).toBe(1);
  });

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
    const q = compileSurvey({
      elements: [{ type: 'text', name: 'n', inputType: 'number', min: 0, validators: [{ type: 'numeric', maxValue: 9 }] }],
    }).questions.get('n');
    expect(q?.kind).toBe('number');
    expect(q?.number).toEqual({ min: 0, max: 9 });
  });

  it('applies a generous default text cap where the definition sets no maxLength, and never less than its own', () => {
    const compiled = compileSurvey({
      elements: [
        { type: 'comment', name: 'c' },
        { type: 'text', name: 't', maxLength: 12000 },
        { type: 'text', name: 'u', maxLength: 0 },
      ],
    });
    expect(compiled.questions.get('c')?.text?.maxLength).toBe(10000);
    expect(compiled.questions.get('t')?.text?.maxLength).toBe(12000);
    expect(compiled.questions.get('u')?.text?.maxLength).toBe(10000);
    expect(compiled.maxTextLength).toBe(12000);
  });

  it('takes the survey’s maxTextLength where a question sets none', () => {
    expect(compileSurvey({ maxTextLength: 300, elements: [{ type: 'comment', name: 'c' }] }).questions.get('c')?.text?.maxLength).toBe(300);
  });

  it('stores legacy questions as elements, at every level, so every reader sees them', () => {
    expect(normalizeLegacyElements({ questions: [{ type: 'panel', name: 'p', questions: [{ type: 'text', name: 'a' }] }] })).toEqual({
      elements: [{ type: 'panel', name: 'p', elements: [{ type: 'text', name: 'a' }] }],
    });
    expect(normalizeLegacyElements({ pages: [{ name: 'p1', questions: [{ type: 'text', name: 'a' }] }] })).toEqual({
      pages: [{ name: 'p1', elements: [{ type: 'text', name: 'a' }] }],
    });
    const both = { pages: [{ elements: [], questions: [{ type: 'text', name: 'a' }] }] };
    expect(normalizeLegacyElements(both)).toEqual(both);
  });

  it('lists every expression the respondent’s survey-core runs among the conditions', () => {
    const compiled = compileSurvey({
      elements: [
        { type: 'text', name: 'n', inputType: 'number', defaultValueExpression: '1 + 1', minValueExpression: '{low}' },
        { type: 'expression', name: 'e', expression: '{n} * 2' },
        { type: 'matrix', name: 'm', rows: ['a'], columns: ['x'], rowsVisibleIf: "{item} != 'b'" },
      ],
    });
    expect(compiled.conditions).toEqual(expect.arrayContaining(['1 + 1', '{low}', '{n} * 2', "{item} != 'b'"]));
  });

  it('reads legacy pages[].questions as elements', () => {
    expect([...compileSurvey({ pages: [{ questions: [{ type: 'text', name: 'a' }] }] }).questions.keys()]).toEqual(['a']);
  });

  it('expands rating scales into their values', () => {
    const q = compileSurvey({ elements: [{ type: 'rating', name: 'r', rateMin: 0, rateMax: 10, rateStep: 5 }] }).questions.get('r');
    expect(q?.choices.map((c) => c.value)).toEqual([0, 5, 10]);
  });

  it.each([
    ['a question type it cannot validate', { elements: [{ type: 'file', name: 'upload' }] }, 'elements[0].type'],
    ['a signature pad', { elements: [{ type: 'signaturepad', name: 's' }] }, 'elements[0].type'],
    ['a missing name', { elements: [{ type: 'text' }] }, 'elements[0].name'],
    ['a name with braces (they end an expression variable)', { elements: [{ type: 'text', name: 'a{b}' }] }, 'elements[0].name'],
    ['a name with a dot (survey-core reads it as a path)', { elements: [{ type: 'text', name: 'a.b' }] }, 'elements[0].name'],
    ['a name ending like a comment key', { elements: [{ type: 'text', name: 'q-Comment' }] }, 'elements[0].name'],
    ['a name with outer spaces (survey-core trims them)', { elements: [{ type: 'text', name: 'q ' }] }, 'elements[0].name'],
    ['a name starting with a formula character', { elements: [{ type: 'text', name: '=cmd' }] }, 'elements[0].name'],
    ['a name with "|" (survey-core drops it)', { elements: [{ type: 'text', name: 'a|b' }] }, 'elements[0].name'],
    ['__proto__', { elements: [{ type: 'text', name: '__proto__' }] }, 'elements[0].name'],
    ['a name with "#" (it joins published table ids)', { elements: [{ type: 'text', name: 'tools#a' }] }, 'elements[0].name'],
    ['a signature pad, naming why', { elements: [{ type: 'signaturepad', name: 's' }] }, 'elements[0].type'],
    ['a reserved name', { elements: [{ type: 'text', name: 'constructor' }] }, 'elements[0].name'],
    [
      'a duplicated name',
      {
        elements: [
          { type: 'text', name: 'a' },
          { type: 'comment', name: 'a' },
        ],
      },
      'elements[1].name',
    ],
    ['a choice question without choices', { elements: [{ type: 'radiogroup', name: 'a' }] }, 'elements[0].choices'],
    ['duplicated choice values', { elements: [{ type: 'radiogroup', name: 'a', choices: ['x', 'x'] }] }, 'elements[0].choices[1]'],
    ['a cookie that would stay on the device', { cookieName: 'done', elements: [{ type: 'text', name: 'a' }] }, 'cookieName'],
    ['the SurveyJS cloud service', { surveyPostId: 'abc', elements: [{ type: 'text', name: 'a' }] }, 'surveyPostId'],
    ['a redirect after completion', { navigateToUrl: 'https://x.example', elements: [{ type: 'text', name: 'a' }] }, 'navigateToUrl'],
    ['an image from another site', { elements: [{ type: 'image', imageLink: 'https://cdn.example/x.png' }] }, 'elements[0].imageLink'],
    ['a logo from another site', { logo: '//cdn.example/logo.png', elements: [{ type: 'text', name: 'a' }] }, 'logo'],
    ['triggers', { triggers: [{ type: 'complete' }], elements: [{ type: 'text', name: 'a' }] }, 'triggers'],
    [
      'choices loaded from a URL',
      { elements: [{ type: 'dropdown', name: 'a', choices: ['x'], choicesByUrl: { url: 'https://x' } }] },
      'elements[0].choicesByUrl',
    ],
    [
      'an unsupported validator',
      { elements: [{ type: 'text', name: 'a', validators: [{ type: 'answercount' }] }] },
      'elements[0].validators[0].type',
    ],
    [
      'an invalid regular expression',
      { elements: [{ type: 'text', name: 'a', validators: [{ type: 'regex', regex: '(' }] }] },
      'elements[0].validators[0].regex',
    ],
    ['no questions at all', {}, 'pages'],
    [
      'a maxLength longer than a submission can carry',
      { elements: [{ type: 'comment', name: 'c', maxLength: 100000 }] },
      'elements[0].maxLength',
    ],
    [
      'a survey maxTextLength longer than a submission can carry',
      { maxTextLength: 100000, elements: [{ type: 'comment', name: 'c' }] },
      'maxTextLength',
    ],
    [
      'both elements and legacy questions on a page',
      { pages: [{ elements: [], questions: [{ type: 'text', name: 'a' }] }] },
      'pages[0].questions',
    ],
  ])('rejects %s, naming where', (_what, definition, path) => {
    const problems = problemsOf(definition as SurveyDefinition);
    expect(problems.map((p) => p.path)).toContain(path);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({ cookieName: 'x', elements: [{ type: 'file', name: 'f' }, { type: 'text' }] });
    expect(problems).toHaveLength(3);
  });

  it('accepts the names real SurveyJS questionnaires use: spaces, hyphens, punctuation', () => {
    const names = ['Care Provider', 'price-to-competitors', 'What should be improved?', 'año_2024'];
    expect([...compileSurvey({ elements: names.map((name) => ({ type: 'text', name })) }).questions.keys()]).toEqual(names);
  });

  it('says why a file upload or a signature is refused', () => {
    expect(problemsOf({ elements: [{ type: 'file', name: 'f' }] })[0]?.message).toMatch(/metadata/);
    expect(problemsOf({ elements: [{ type: 'signaturepad', name: 's' }] })[0]?.message).toMatch(/identifies/);
  });

  it('reads "value|text" choices as survey-core does', () => {
    expect(
      compileSurvey({ elements: [{ type: 'radiogroup', name: 'r', choices: ['a|Apple', 'b|Banana'] }] })
        .questions.get('r')
        ?.choices.map((c) => c.value),
    ).toEqual(['a', 'b']);
  });

  it('keeps display elements out of the answerable questions', () => {
    const compiled = compileSurvey({
      elements: [
        { type: 'html', name: 'intro', html: '<p>Hi</p>' },
        { type: 'text', name: 'a' },
      ],
    });
    expect([...compiled.questions.keys()]).toEqual(['a']);
  });
});
