import { refuseItem, YES_NO_SCALE } from './answer-scales';
import type { SurveyDefinition } from '../definition/survey-definition';

/**
 * The survey seeded on an empty database at slug `demo`: short, in English and Spanish,
 * with an 18+ gate (the one required item), one before/after pair, one multi-select,
 * "Prefer not to say" on every other item, and one item shown only through skip logic.
 */
export const DEMO_SURVEY_SLUG = 'demo';

export const DEMO_SURVEY_DEFINITION: SurveyDefinition = {
  title: { default: 'Work and safety check-in', es: 'Trabajo y seguridad' },
  description: {
    default: 'A short anonymous survey. Every question except the first can be skipped.',
    es: 'Una encuesta anónima y corta. Todas las preguntas menos la primera se pueden saltar.',
  },
  showQuestionNumbers: 'off',
  clearInvisibleValues: 'onHidden',
  completedHtml: {
    default:
      '<h3>Thank you</h3><p>Your answers were received. Nothing about you was stored with them.</p><p>If you need support, your local sex worker-led organization can help.</p>',
    es: '<h3>Gracias</h3><p>Recibimos tus respuestas. No se guardó nada sobre ti junto con ellas.</p><p>Si necesitas apoyo, la organización de trabajadoras sexuales de tu zona puede ayudarte.</p>',
  },
  completedHtmlOnCondition: [
    {
      expression: "{adult} = 'no'",
      html: {
        default: '<h3>This survey is only for adults</h3><p>Thank you for your interest.</p>',
        es: '<h3>Esta encuesta es solo para personas adultas</h3><p>Gracias por tu interés.</p>',
      },
    },
  ],
  pages: [
    {
      name: 'eligibility',
      elements: [
        {
          type: 'radiogroup',
          name: 'adult',
          title: { default: 'Are you 18 or older?', es: '¿Tienes 18 años o más?' },
          isRequired: true,
          choices: YES_NO_SCALE,
        },
      ],
    },
    {
      name: 'screening',
      visibleIf: "{adult} = 'yes'",
      elements: [
        {
          type: 'radiogroup',
          name: 'screened_clients__before',
          title: {
            default: 'In the 3 months before the law changed, did you usually screen new clients?',
            es: 'En los 3 meses antes del cambio de ley, ¿solías verificar a los clientes nuevos?',
          },
          choices: YES_NO_SCALE,
          ...refuseItem(),
        },
        {
          type: 'radiogroup',
          name: 'screened_clients__after',
          title: {
            default: 'In the last 3 months, did you usually screen new clients?',
            es: 'En los últimos 3 meses, ¿solías verificar a los clientes nuevos?',
          },
          choices: YES_NO_SCALE,
          ...refuseItem(),
        },
        {
          type: 'checkbox',
          name: 'safety_tools',
          title: {
            default: 'Which of these do you use to stay safe? Choose all that apply.',
            es: '¿Cuáles de estas usas para cuidarte? Elige todas las que correspondan.',
          },
          choices: [
            { value: 'bad_date_list', text: { default: 'Bad-date lists', es: 'Listas de malos clientes' } },
            { value: 'buddy', text: { default: 'A buddy who knows where I am', es: 'Alguien que sabe dónde estoy' } },
            { value: 'references', text: { default: 'References from other workers', es: 'Referencias de otras compañeras' } },
            { value: 'deposit', text: { default: 'Deposits before meeting', es: 'Depósitos antes de la cita' } },
          ],
          showNoneItem: true,
          noneText: { default: 'None of these', es: 'Ninguna de estas' },
          ...refuseItem(),
        },
      ],
    },
    {
      name: 'safety',
      visibleIf: "{adult} = 'yes'",
      elements: [
        {
          type: 'radiogroup',
          name: 'violent_incident',
          title: {
            default: 'In the last 3 months, has a client been violent towards you?',
            es: 'En los últimos 3 meses, ¿algún cliente ha sido violento contigo?',
          },
          choices: YES_NO_SCALE,
          ...refuseItem(),
        },
        {
          type: 'radiogroup',
          name: 'incident_reported',
          visibleIf: "{violent_incident} = 'yes'",
          title: { default: 'Did you tell anyone about it?', es: '¿Se lo contaste a alguien?' },
          choices: [
            { value: 'peers', text: { default: 'Other workers or a support group', es: 'Otras compañeras o un grupo de apoyo' } },
            { value: 'service', text: { default: 'A health or support service', es: 'Un servicio de salud o de apoyo' } },
            { value: 'police', text: { default: 'The police', es: 'La policía' } },
            { value: 'nobody', text: { default: 'Nobody', es: 'Nadie' } },
          ],
          ...refuseItem(),
        },
      ],
    },
  ],
};
