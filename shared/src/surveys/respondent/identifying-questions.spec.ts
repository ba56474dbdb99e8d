import { buildPolicyImpactSurvey, POLICY_IMPACT_DEFAULTS } from '../../index';
import { findIdentifyingQuestions } from './identifying-questions';
import type { SurveyDefinition } from '../definition/survey-definition';

const survey = (...elements: Record<string, unknown>[]): SurveyDefinition => ({ pages: [{ name: 'p1', elements: elements as never }] });

describe('findIdentifyingQuestions', () => {
  it.each([
    ['What is your name?', 'name'],
    ['Your work name (optional)', 'name'],
    ['¿Cómo te llamas?', 'name'],
    ['Tu nombre completo', 'name'],
    ['A phone number we can text', 'phone'],
    ['Número de teléfono o WhatsApp', 'phone'],
    ['Your email', 'email'],
    ['Correo electrónico', 'email'],
    ['Your home address', 'address'],
    ['¿Dónde vives? (dirección)', 'address'],
    ['Your Instagram handle', 'handle'],
    ['Nombre de usuario en OnlyFans', 'handle'],
    ['Date of birth', 'birthDate'],
    ['Fecha de nacimiento', 'birthDate'],
    ['Send a selfie', 'photo'],
    ['Sube una foto', 'photo'],
  ])('flags free text asking "%s" as %s', (title, kind) => {
    expect(findIdentifyingQuestions(survey({ type: 'text', name: 'q', title }))).toEqual([{ name: 'q', kinds: [kind] }]);
  });

  it('reads every language of a localized title, descriptions, placeholders and multiple-text items, inside panels', () => {
    const found = findIdentifyingQuestions({
      pages: [
        {
          elements: [
            {
              type: 'panel',
              name: 'box',
              elements: [
                { type: 'comment', name: 'story', title: { default: 'Tell us more', es: 'Cuéntanos y deja tu correo electrónico' } },
              ],
            },
            {
              type: 'multipletext',
              name: 'contact',
              title: 'Contact',
              items: [
                { name: 'a', title: 'Street address' },
                { name: 'b', placeholder: 'Phone number' },
              ],
            },
            { type: 'text', name: 'why', title: 'Why?', description: 'Include your full name' },
          ],
        },
      ],
    });
    expect(found).toEqual([
      { name: 'story', kinds: ['email'] },
      { name: 'contact', kinds: ['phone', 'address'] },
      { name: 'why', kinds: ['name'] },
    ]);
  });

  it('flags input types and uploads whatever the wording, and a date only when it is a birth date', () => {
    expect(findIdentifyingQuestions(survey({ type: 'text', name: 'a', inputType: 'tel', title: 'Best way to reach you' }))).toEqual([
      { name: 'a', kinds: ['phone'] },
    ]);
    expect(findIdentifyingQuestions(survey({ type: 'text', name: 'b', inputType: 'email' }))).toEqual([{ name: 'b', kinds: ['email'] }]);
    expect(findIdentifyingQuestions(survey({ type: 'file', name: 'c', title: 'Upload' }))).toEqual([{ name: 'c', kinds: ['photo'] }]);
    expect(findIdentifyingQuestions(survey({ type: 'text', name: 'd', inputType: 'date', title: 'Your birthday' }))).toEqual([
      { name: 'd', kinds: ['birthDate'] },
    ]);
    expect(
      findIdentifyingQuestions(survey({ type: 'text', name: 'e', inputType: 'date', title: 'When did the raid happen? Name the month.' })),
    ).toEqual([]);
  });

  it.each([
    'How do you use your phone to screen clients?',
    'Did the police address your complaint?',
    'Name one thing that helped you stay safe',
    'What happened, in your own words?',
    '¿Qué cambió en tu trabajo después de la ley?',
    '¿Usas el teléfono para filtrar clientes?',
    'What changed? Please do not include names, phone numbers or usernames.',
    '¿Qué cambió? No escribas nombres, teléfonos ni tu dirección.',
  ])('does not cry wolf at "%s"', (title) => {
    expect(findIdentifyingQuestions(survey({ type: 'comment', name: 'q', title }))).toEqual([]);
  });

  it('leaves choice questions alone, and finds nothing in the policy-impact template', () => {
    expect(
      findIdentifyingQuestions(
        survey({ type: 'radiogroup', name: 'q', title: 'Do you share your phone number with clients?', choices: ['yes', 'no'] }),
      ),
    ).toEqual([]);
    expect(findIdentifyingQuestions(buildPolicyImpactSurvey(POLICY_IMPACT_DEFAULTS))).toEqual([]);
  });
});
