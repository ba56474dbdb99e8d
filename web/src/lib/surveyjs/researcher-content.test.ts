import { describe, expect, it } from 'vitest';
import type { QuestionHtmlModel } from 'survey-core';
import type { SurveyDefinition } from '@candor/shared';
import { createSurveyModel } from './setup';
import { loadLinearRegex } from './linear-regex';

const META = '<meta http-equiv="refresh" content="0; url=http://elsewhere.example/">';

describe('researcher content in the respondent page and the designer preview', () => {
  it('renders html elements and the closing page only after cleaning, in every language', () => {
    const definition = {
      completedHtml: { default: `<p>Thanks</p>${META}`, es: `<p>Gracias</p><base href="//elsewhere.example">` },
      elements: [
        { type: 'html', name: 'intro', html: { default: `<p>Hi</p>${META}`, es: '<p>Hola</p><form action="//elsewhere.example"></form>' } },
        { type: 'text', name: 'a' },
      ],
    } as SurveyDefinition;
    const model = createSurveyModel(definition, 'en');
    const intro = model.getQuestionByName('intro') as QuestionHtmlModel;
    expect(intro.locHtml.renderedHtml).toBe('<p>Hi</p>');
    expect(model.processedCompletedHtml).toBe('<p>Thanks</p>');
    model.locale = 'es';
    expect(intro.locHtml.renderedHtml).toBe('<p>Hola</p>');
    expect(model.processedCompletedHtml).toBe('<p>Gracias</p>');
    model.dispose();
  });

  it('checks regex validators on the linear-time engine: a catastrophic pattern answers at once', async () => {
    await loadLinearRegex();
    const model = createSurveyModel(
      { elements: [{ type: 'comment', name: 'words', validators: [{ type: 'regex', regex: '^([a-zA-Z]+ ?)+$' }] }] },
      'en',
    );
    const question = model.getQuestionByName('words');
    question.value = `${'a'.repeat(1999)}1`;
    expect(question.validate(false)).toBe(false);
    question.value = 'only letters';
    expect(question.validate(false)).toBe(true);
    model.dispose();
  });
});
