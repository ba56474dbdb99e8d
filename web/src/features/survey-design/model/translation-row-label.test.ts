import { buildPolicyImpactSurvey, listTranslatableStrings, type SurveyDefinition } from '@candor/shared';
import { describe, expect, it } from 'vitest';
import { staffMessagesEn } from '../../../lib/staff/staff-messages-en';
import { staffMessagesEs } from '../../../lib/staff/staff-messages-es';
import type { StaffMessageKey, StaffTranslate } from '../../../lib/staff/staff-i18n';
import { translationRowLabel } from './translation-row-label';

const translator =
  (messages: Record<StaffMessageKey, string>): StaffTranslate =>
  (key, vars = {}) =>
    messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));

const definition: SurveyDefinition = {
  title: 'Work and safety',
  completedHtml: '<p>Thank you</p>',
  pages: [
    {
      name: 'p1',
      title: 'About you',
      elements: [
        {
          type: 'radiogroup',
          name: 'adult',
          title: { default: 'Are you 18 or older?', es: '¿Tienes 18 años?' },
          choices: ['yes', { value: 'no', text: 'No' }],
        },
      ],
    },
  ],
};

describe('translation row labels', () => {
  it('names each row by the text respondents read, never by element types and names', () => {
    const labels = listTranslatableStrings(definition).map((entry) => translationRowLabel(entry, definition, translator(staffMessagesEn)));
    expect(labels).toEqual([
      'Survey · title',
      'Survey · closing page',
      'Page 1 · title',
      '“Are you 18 or older?” · question',
      '“Are you 18 or older?” · choice 1',
      '“Are you 18 or older?” · choice 2',
    ]);
    expect(labels.join(' ')).not.toMatch(/radiogroup|adult/);
  });

  it('speaks Spanish to Spanish-speaking staff and shortens long questions', () => {
    const long = 'x'.repeat(200);
    const withLong: SurveyDefinition = { pages: [{ name: 'p1', elements: [{ type: 'comment', name: 'c', title: long }] }] };
    const [entry] = listTranslatableStrings(withLong);
    expect(entry).toBeDefined();
    const label = translationRowLabel(entry!, withLong, translator(staffMessagesEs));
    expect(label.endsWith('· pregunta')).toBe(true);
    expect(label.length).toBeLessThan(90);
  });

  it('labels every string of the policy-impact template by its question text', () => {
    const template = buildPolicyImpactSurvey({ eventName: 'FOSTA-SESTA', eventDate: '2018-04-11' });
    for (const entry of listTranslatableStrings(template)) {
      const label = translationRowLabel(entry, template, translator(staffMessagesEn));
      expect(label).not.toBe(entry.context);
    }
  });
});
