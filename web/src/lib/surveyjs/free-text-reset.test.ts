import { describe, expect, it } from 'vitest';
import type { SurveyDefinition } from '@candor/shared';
import { createSurveyModel, protectFreeText } from './setup';

describe('the identifying-details warning when the form is cleared for the next respondent', () => {
  it('is gone after model.clear, and the question keeps its own description', () => {
    // Before the fix clear() fired no onValueChanged: one respondent's warning stayed for the next.
    const definition = {
      elements: [
        { type: 'comment', name: 'need', description: 'What would help?' },
        { type: 'radiogroup', name: 'mood', choices: ['ok', 'other'], showOtherItem: true },
      ],
    } as SurveyDefinition;
    const model = createSurveyModel(definition, 'en');
    const announced: string[] = [];
    protectFreeText(
      model,
      (kinds) => `looks identifying: ${kinds.join(', ')}`,
      (text) => announced.push(text),
    );
    model.setValue('need', 'call me on 0612345678');
    model.setValue('mood', 'other');
    model.setComment('mood', 'mail me at someone@example.org');
    expect(model.getQuestionByName('need').description).toContain('looks identifying');
    expect(model.getQuestionByName('mood').description).toContain('looks identifying');
    model.clear(true, true);
    expect(model.getQuestionByName('need').description).toBe('What would help?');
    expect(model.getQuestionByName('mood').description ?? '').not.toContain('looks identifying');
    expect(announced.at(-1)).toBe('');
    // The next respondent is still warned.
    model.setValue('need', 'text me on 0687654321');
    expect(model.getQuestionByName('need').description).toContain('looks identifying');
    model.dispose();
  });
});
