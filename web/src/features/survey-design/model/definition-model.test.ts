import { describe, expect, it } from 'vitest';
import { checkDefinition, DEMO_SURVEY_DEFINITION, type SurveyDefinition } from '@candor/shared';
import { conditionSentence } from './condition-sentence';
import {
  addPage,
  addQuestion,
  elementNames,
  findElement,
  moveElement,
  normalizeDefinition,
  removeElement,
  renameElement,
  updateElement,
  type QuestionTemplate,
} from './definition-model';
import { htmlToText, setSourceText, textToHtml } from './localized-text';
import { expressionToRule, ruleToExpression } from './visibility-rule';

const base: SurveyDefinition = {
  elements: [
    { type: 'radiogroup', name: 'a', choices: ['x', 'y'] },
    { type: 'html', html: '<p>hi</p>' },
  ],
};

describe('the designer model', () => {
  it('moves top-level elements into a first page and names unnamed elements', () => {
    const normalized = normalizeDefinition(base);
    expect(normalized.pages?.[0]?.name).toBe('page1');
    expect(elementNames(normalized)).toEqual(['a', 'html1']);
    expect(normalized.elements).toBeUndefined();
  });

  it.each<QuestionTemplate>(['single', 'multiple', 'ordinal', 'banded', 'matrix', 'freeText', 'info'])(
    'adds a valid %s question',
    (template) => {
      const { definition, name } = addQuestion(base, 0, template);
      expect(findElement(definition, name)).toBeDefined();
      expect(checkDefinition(definition).valid).toBe(true);
    },
  );

  it('adds a before/after pair as two linked questions', () => {
    const { definition } = addQuestion(addQuestion(DEMO_SURVEY_DEFINITION, 1, 'pair').definition, 1, 'pair');
    expect(elementNames(definition).filter((n) => n.includes('__'))).toEqual(
      expect.arrayContaining(['change__before', 'change__after', 'change2__before', 'change2__after']),
    );
    expect(checkDefinition(definition).pairs).toEqual(expect.arrayContaining(['change', 'change2']));
  });

  it('keeps both halves of a pair on the same answers', () => {
    const { definition } = addQuestion(base, 0, 'pair');
    const edited = updateElement(definition, 'change__before', { choices: ['never', 'always'], title: { default: 'Before?' } });
    expect(findElement(edited, 'change__after')?.choices).toEqual(['never', 'always']);
    expect(findElement(edited, 'change__after')?.title).not.toEqual({ default: 'Before?' });
  });

  it('moves questions within a page and across pages', () => {
    let definition = addPage(normalizeDefinition(base));
    definition = moveElement(definition, 'html1', -1);
    expect(elementNames(definition)).toEqual(['html1', 'a']);
    definition = moveElement(definition, 'a', 1);
    expect(definition.pages?.[1]?.elements?.map((e) => e.name)).toEqual(['a']);
  });

  it('deletes questions, including inside panels', () => {
    const withPanel: SurveyDefinition = {
      pages: [{ name: 'p', elements: [{ type: 'panel', name: 'pn', elements: [{ type: 'comment', name: 'inner' }] }] }],
    };
    expect(elementNames(removeElement(withPanel, 'inner'))).toEqual(['pn']);
  });

  it('renames a question and every condition that refers to it', () => {
    const renamed = renameElement(DEMO_SURVEY_DEFINITION, 'violent_incident', 'violence');
    expect(findElement(renamed, 'violence')).toBeDefined();
    expect(findElement(renamed, 'incident_reported')?.visibleIf).toBe("{violence} = 'yes'");
  });

  it('edits source text without losing translations', () => {
    expect(setSourceText({ default: 'Yes', es: 'Sí' }, 'Yeah')).toEqual({ default: 'Yeah', es: 'Sí' });
    expect(setSourceText('Yes', 'Yeah')).toEqual({ default: 'Yeah' });
  });

  it('turns skip-logic rules into expressions and back', () => {
    const rules = [
      { kind: 'equals', question: 'q', value: "it's" },
      { kind: 'notEquals', question: 'q', value: 'no' },
      { kind: 'includes', question: 'tools', value: 'buddy' },
      { kind: 'answered', question: 'q' },
    ] as const;
    for (const rule of rules) expect(expressionToRule(ruleToExpression(rule))).toEqual(rule);
    expect(expressionToRule("{a} = 'x' and {b} = 'y'")).toEqual({ kind: 'advanced', expression: "{a} = 'x' and {b} = 'y'" });
    expect(expressionToRule(undefined)).toEqual({ kind: 'always' });
  });

  it('writes information text as escaped HTML paragraphs', () => {
    expect(textToHtml('Hello <b>\n\nSecond & last')).toBe('<p>Hello &lt;b&gt;</p><p>Second &amp; last</p>');
    expect(htmlToText(textToHtml('One\nline\n\nTwo'))).toBe('One\nline\n\nTwo');
  });
});

describe('conditions as sentences', () => {
  const words = {
    is: 'is',
    isNot: 'is not',
    includes: 'includes',
    isAnswered: 'is answered',
    isEmpty: 'is not answered',
    and: 'and',
    or: 'or',
  };
  const definition: SurveyDefinition = {
    pages: [
      {
        name: 'p',
        elements: [
          {
            type: 'radiogroup',
            name: 'adult',
            title: 'Are you 18 or older?',
            choices: [
              { value: 'yes', text: 'Yes' },
              { value: 'no', text: 'No' },
            ],
          },
          { type: 'radiogroup', name: 'worked', title: 'Did you work?', choices: ['yes', 'no'] },
        ],
      },
    ],
  };

  it('names questions by their text and answers by their labels, keeping the logic', () => {
    expect(conditionSentence(definition, "{adult} = 'yes' and ({worked} != 'no' or {worked} notempty)", words)).toBe(
      '“Are you 18 or older?” is “Yes” and (“Did you work?” is not “no” or “Did you work?” is answered)',
    );
  });

  it('leaves what it does not know as written', () => {
    expect(conditionSentence(definition, '{unknown_q} > 3', words)).toBe('“unknown_q” > 3');
  });
});
