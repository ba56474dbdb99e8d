import { labelOf } from './catalogue';

describe('labelOf', () => {
  // The special answers used to be an object looked up by value: a choice named like one of
  // its inherited properties was taken for a special answer and published without a label.
  it('labels a choice named like an object property with its own text', () => {
    const element = { type: 'radiogroup', name: 'q', choices: [{ value: 'constructor', text: { default: 'Builder' } }] };
    expect(labelOf(element, 'constructor')).toEqual({ default: 'Builder' });
  });

  it('labels the special answers with the question’s text, else Candor’s own', () => {
    const element = { type: 'radiogroup', name: 'q', choices: ['a'], noneText: { default: 'Nothing' } };
    expect(labelOf(element, 'none')).toEqual({ default: 'Nothing' });
    expect(labelOf(element, 'refused')).toEqual({ default: 'Prefer not to say', es: 'Prefiero no decirlo' });
  });
});
