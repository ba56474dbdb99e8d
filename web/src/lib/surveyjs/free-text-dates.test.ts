import { describe, expect, it } from 'vitest';
import type { SurveyDefinition } from '@candor/shared';
import { createSurveyModel, protectFreeText } from './setup';

describe('the identifying-details warning on the SurveyJS page', () => {
  it('reads free text, not the value of a date, time or number input', () => {
    const definition = {
      elements: [
        { type: 'text', name: 'visit', inputType: 'date' },
        { type: 'text', name: 'at', inputType: 'datetime-local' },
        { type: 'text', name: 'note' },
      ],
    } as SurveyDefinition;
    const model = createSurveyModel(definition, 'en');
    protectFreeText(model, (kinds) => `looks identifying: ${kinds.join(', ')}`);
    model.setValue('visit', '2024-05-17');
    model.setValue('at', '2024-05-17T10:30');
    model.setValue('note', 'call me on 0612345678');
    expect(model.getQuestionByName('visit').description ?? '').not.toContain('looks identifying');
    expect(model.getQuestionByName('at').description ?? '').not.toContain('looks identifying');
    expect(model.getQuestionByName('note').description).toContain('looks identifying');
    model.dispose();
  });
});
