import { diffDefinitions } from './diff-definitions';
import { applyTranslations, countMissingTranslations, listTranslatableStrings, TranslationPathError } from './translations';
import type { SurveyDefinition } from './survey-definition';

const definition: SurveyDefinition = {
  title: 'Check-in',
  pages: [
    {
      name: 'p1',
      title: { default: 'First', es: 'Primero' },
      elements: [
        {
          type: 'radiogroup',
          name: 'q1',
          title: 'Worked?',
          choices: ['yes', { value: 'no', text: { default: 'No', es: 'No' } }],
          showRefuseItem: true,
          refuseText: 'Prefer not to say',
        },
        { type: 'panel', name: 'panel', elements: [{ type: 'comment', name: 'c', title: 'Anything else?' }] },
      ],
    },
  ],
};

describe('translations', () => {
  it('lists every visible string with its translations', () => {
    expect(listTranslatableStrings(definition).map((s) => [s.path, s.source, s.translations['es'] ?? null])).toEqual([
      ['title', 'Check-in', null],
      ['pages.0.title', 'First', 'Primero'],
      ['pages.0.elements.0.title', 'Worked?', null],
      ['pages.0.elements.0.refuseText', 'Prefer not to say', null],
      ['pages.0.elements.0.choices.0.text', 'yes', null],
      ['pages.0.elements.0.choices.1.text', 'No', 'No'],
      ['pages.0.elements.1.elements.0.title', 'Anything else?', null],
    ]);
    expect(countMissingTranslations(definition, ['en', 'es'])).toEqual({ es: 5 });
  });

  it('applies translations without touching the source or other languages, and removes empty ones', () => {
    const translated = applyTranslations(definition, 'es', {
      title: 'Seguimiento',
      'pages.0.elements.0.choices.0.text': 'sí',
      'pages.0.title': '',
    });
    expect(translated.title).toEqual({ default: 'Check-in', es: 'Seguimiento' });
    expect(translated.pages?.[0]?.title).toEqual({ default: 'First' });
    expect(translated.pages?.[0]?.elements?.[0]?.choices?.[0]).toEqual({ value: 'yes', text: { default: 'yes', es: 'sí' } });
    expect(definition.title).toBe('Check-in');
  });

  it('refuses paths that are not translatable strings, and the source language', () => {
    expect(() => applyTranslations(definition, 'es', { 'pages.0.elements.0.name': 'x' })).toThrow(TranslationPathError);
    expect(() => applyTranslations(definition, 'en', { title: 'x' })).toThrow(/source language/);
  });
});

describe('diffDefinitions', () => {
  it('reports added, removed, changed and moved questions by name', () => {
    const after: SurveyDefinition = {
      title: 'Check-in',
      pages: [
        {
          name: 'p1',
          title: { default: 'First', es: 'Primero' },
          elements: [{ type: 'radiogroup', name: 'q1', title: 'Did you work?', choices: ['yes', 'no'] }],
        },
        {
          name: 'p2',
          elements: [
            { type: 'comment', name: 'c', title: 'Anything else?' },
            { type: 'text', name: 'new_one' },
          ],
        },
      ],
    };
    expect(diffDefinitions(definition, after)).toEqual([
      { kind: 'added', target: 'page', name: 'p2', fields: [] },
      { kind: 'changed', target: 'question', name: 'q1', fields: ['choices', 'refuseText', 'showRefuseItem', 'title'] },
      { kind: 'moved', target: 'question', name: 'c', fields: ['page: p1 → p2'] },
      { kind: 'added', target: 'question', name: 'new_one', fields: [] },
      { kind: 'removed', target: 'element', name: 'panel', fields: [] },
    ]);
  });
});
