import { compileSafePattern, REGEX_LIMITS } from './safe-regex';
import { compileSurvey, InvalidDefinitionError } from './compile-survey';
import { validateAnswers } from './validate-answers';
import type { SurveyDefinition } from './survey-definition';

const neverVisibleIf = () => true;

function surveyWithPattern(regex: string, extra: Record<string, unknown> = {}): SurveyDefinition {
  return { elements: [{ type: 'comment', name: 'name_it', maxLength: 2000, validators: [{ type: 'regex', regex, ...extra }] }] };
}

function problemsOf(definition: SurveyDefinition): { path: string; message: string }[] {
  try {
    compileSurvey(definition);
    return [];
  } catch (error) {
    if (error instanceof InvalidDefinitionError) return [...error.problems];
    throw error;
  }
}

describe('regex validators on a linear-time engine', () => {
  // With JavaScript's backtracking RegExp this answer takes hours (11.6 s at 31 characters,
  // doubling with each one more); on RE2 it is one pass over the text.
  it('answers the catastrophic "letters only" pattern against 2,000 characters', () => {
    const compiled = compileSurvey(surveyWithPattern('^([a-zA-Z]+ ?)+$'));
    const problems = validateAnswers(compiled, { name_it: `${'a'.repeat(1999)}1` }, neverVisibleIf);
    expect(problems.map((p) => p.code)).toEqual(['PATTERN_MISMATCH']);
    expect(validateAnswers(compiled, { name_it: 'only letters and spaces' }, neverVisibleIf)).toEqual([]);
  });

  it.each([
    ['a backreference', '(a+)\\1'],
    ['a lookahead', '^(?=.*\\d).+$'],
    ['a negative lookbehind', '(?<!x)y'],
    ['an unbalanced group', '('],
    ['a pattern longer than the limit', 'a'.repeat(REGEX_LIMITS.maxSourceLength + 1)],
    ['a pattern whose program is too large', '(a{1000}){3}'],
  ])('refuses %s when the survey is saved, saying why', (_what, regex) => {
    const problems = problemsOf(surveyWithPattern(regex));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe('elements[0].validators[0].regex');
    expect(problems[0]?.message.length).toBeGreaterThan(10);
  });

  it('names the engine when it refuses a backreference', () => {
    expect(problemsOf(surveyWithPattern('(a)\\1'))[0]?.message).toMatch(/RE2/);
  });

  it('searches like RegExp.test (unanchored) and honours caseInsensitive', () => {
    const plain = compileSafePattern('\\d{5}');
    const folded = compileSafePattern('^abc$', true);
    if (!plain.ok || !folded.ok) throw new Error('should compile');
    expect(plain.pattern.test('zip 02134 here')).toBe(true);
    expect(plain.pattern.test('zip 0213')).toBe(false);
    expect(folded.pattern.test('ABC')).toBe(true);
  });

  it('stops checking one submission once its budget is spent, with its own code', () => {
    const elements = Array.from({ length: 60 }, (_, i) => ({
      type: 'comment',
      name: `t${i}`,
      maxLength: 2000,
      validators: Array.from({ length: REGEX_LIMITS.maxPerQuestion }, () => ({ type: 'regex', regex: '^(a|b|c|d|e|f|g|h|i|j| )+$' })),
    }));
    const compiled = compileSurvey({ elements });
    const answers = Object.fromEntries(elements.map((e) => [e.name, 'a'.repeat(2000)]));
    const codes = validateAnswers(compiled, answers, neverVisibleIf).map((p) => p.code);
    expect(codes).toContain('TOO_COSTLY');
    expect(codes).not.toContain('PATTERN_MISMATCH');
  });

  it('refuses more regex validators on one question than the limit', () => {
    const validators = Array.from({ length: REGEX_LIMITS.maxPerQuestion + 1 }, () => ({ type: 'regex', regex: 'a' }));
    expect(problemsOf({ elements: [{ type: 'text', name: 'a', validators }] })).toHaveLength(1);
  });
});

describe('images from other sites', () => {
  it.each([
    ['a backslash for a slash', '/\\cdn.example/x.png'],
    ['two backslashes', '\\\\cdn.example/x.png'],
    ['a tab inside the scheme', 'ht\ttps://cdn.example/x.png'],
    ['a leading control character', '\u0001//cdn.example/x.png'],
    ['another scheme', 'ftp://cdn.example/x.png'],
    ['a translated address', { en: '/img/x.png', es: '/\\cdn.example/x.png' }],
  ])('refuses %s', (_what, imageLink) => {
    expect(
      problemsOf({
        elements: [
          { type: 'image', name: 'i', imageLink },
          { type: 'text', name: 'a' },
        ] as never,
      }),
    ).toHaveLength(1);
  });

  it('accepts images on this site and inline data', () => {
    for (const imageLink of ['/img/x.png', 'img/x.png', 'data:image/png;base64,AAAA']) {
      expect(
        problemsOf({
          elements: [
            { type: 'image', name: 'i', imageLink },
            { type: 'text', name: 'a' },
          ] as never,
        }),
      ).toEqual([]);
    }
  });
});
