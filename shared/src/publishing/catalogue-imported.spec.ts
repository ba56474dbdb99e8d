import { buildCatalogue } from './catalogue-builder';
import { categoryOf } from './count-in-memory';
import type { ElementJson, SurveyDefinition } from '../surveys/definition/survey-definition';

/** How questions imported from real SurveyJS questionnaires are counted and published (issue 14). */
const IMPORTED: SurveyDefinition = {
  pages: [
    {
      questions: [
        { type: 'dropdown', name: 'Care Provider', choices: ['clinic|A clinic', 'outreach|Outreach'], allowCustomChoices: true },
        { type: 'matrix', name: 'price-to-competitors', rows: ['r1|Rent', 'r2|Food'], columns: ['low', 'high'] },
        { type: 'text', name: 'when', inputType: 'date' },
        { type: 'text', name: 'n', inputType: 'number' },
        { type: 'expression', name: 'double', expression: '{n} * 2' },
        { type: 'comment', name: 'What should be improved?' },
        { type: 'multipletext', name: 'costs', items: [{ name: 'rent', inputType: 'number' }, { name: 'note' }] },
        {
          type: 'matrixdropdown',
          name: 'by-client',
          rows: ['regular', 'new'],
          choices: ['never', 'sometimes', 'always'],
          columns: [
            { name: 'screened', showRefuseItem: true },
            { name: 'tools', cellType: 'checkbox' },
            { name: 'count', cellType: 'text', inputType: 'number' },
          ],
        } as unknown as ElementJson,
      ],
    },
  ],
};

describe('the catalogue of an imported questionnaire', () => {
  const catalogue = buildCatalogue(IMPORTED, { crosstabs: [] });

  it('publishes choice questions under their imported names, and each matrix row as a question', () => {
    expect(catalogue.tables.map((t) => t.id)).toEqual([
      'q:Care Provider',
      'q:price-to-competitors.r1',
      'q:price-to-competitors.r2',
      'q:by-client.regular.screened',
      'q:by-client.new.screened',
    ]);
  });

  it('counts each choice cell of a matrix of dropdowns as a question; check-box and number cells are not published', () => {
    const cell = catalogue.dimensions.get('by-client.new.screened');
    expect(cell?.categories).toEqual(['never', 'sometimes', 'always', 'refused', '∅']);
    const answers = { 'by-client': { new: { screened: 'always', tools: ['never'], count: 3 }, regular: { screened: 'refused' } } };
    expect(cell && categoryOf(cell, answers)).toBe('always');
    const regular = catalogue.dimensions.get('by-client.regular.screened');
    expect(regular && categoryOf(regular, answers)).toBe('refused');
    expect(regular && categoryOf(regular, {})).toBe('∅');
  });

  it('never publishes dates, numbers, computed values or free text (multiple-text boxes are free text)', () => {
    const published = catalogue.tables.map((t) => t.question);
    for (const name of ['when', 'n', 'double', 'What should be improved?', 'costs']) expect(published).not.toContain(name);
    expect([...catalogue.dimensions.keys()].some((id) => id.startsWith('costs'))).toBe(false);
  });

  it('counts values a respondent added together as "other", never one by one', () => {
    const dimension = catalogue.dimensions.get('Care Provider');
    expect(dimension?.categories).toContain('other');
    expect(dimension && categoryOf(dimension, { 'Care Provider': 'my cousin’s place' })).toBe('other');
    expect(dimension && categoryOf(dimension, { 'Care Provider': 'clinic' })).toBe('clinic');
  });
});
