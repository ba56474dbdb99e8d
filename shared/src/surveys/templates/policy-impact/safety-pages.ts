import { ABILITY_SCALE, FREQUENCY_SCALE, refuseItem, YES_NO_SCALE } from '../answer-scales';
import type { PageJson } from '../../definition/survey-definition';
import { choice, contentNote, pair, t, type TemplateWording } from './wording';

/**
 * The policy-impact template's later pages, one function each: safety and police (each behind a
 * content note), services, coarse demographics, and a last free-text box.
 */

/** Violence, robbery and feeling safe, behind a content note. */
export function safetyPage(wording: TemplateWording): PageJson {
  const { windows, workedEither } = wording;
  return {
    name: 'safety',
    visibleIf: workedEither,
    title: t({ en: 'Safety at work', es: 'Seguridad en el trabajo' }),
    elements: contentNote(
      'safety',
      {
        en: 'The next questions are about violence and robbery at work. You can skip them.',
        es: 'Las siguientes preguntas son sobre violencia y robos en el trabajo. Puedes saltarlas.',
      },
      [
        ...pair(
          'violence',
          (w) => ({
            en: `${w.en}, did a client physically or sexually assault you?`,
            es: `${w.es}, ¿algún cliente te agredió física o sexualmente?`,
          }),
          YES_NO_SCALE,
          windows,
        ),
        ...pair(
          'robbed',
          (w) => ({ en: `${w.en}, did a client rob you or refuse to pay?`, es: `${w.es}, ¿algún cliente te robó o se negó a pagar?` }),
          YES_NO_SCALE,
          windows,
        ),
        ...pair(
          'felt_safe',
          (w) => ({
            en: `${w.en}, how often did you feel safe at work?`,
            es: `${w.es}, ¿con qué frecuencia te sentías segura o seguro en el trabajo?`,
          }),
          FREQUENCY_SCALE,
          windows,
        ),
      ],
    ),
  };
}

/** Contact with the police, behind a content note. */
export function policePage(wording: TemplateWording): PageJson {
  const { windows, workedEither } = wording;
  return {
    name: 'police',
    visibleIf: workedEither,
    title: t({ en: 'Police', es: 'Policía' }),
    elements: contentNote(
      'police',
      {
        en: 'The next questions are about contact with the police. You can skip them.',
        es: 'Las siguientes preguntas son sobre contacto con la policía. Puedes saltarlas.',
      },
      [
        ...pair(
          'police_harassment',
          (w) => ({
            en: `${w.en}, were you stopped, harassed or arrested by police because of your work?`,
            es: `${w.es}, ¿la policía te detuvo, acosó o arrestó por tu trabajo?`,
          }),
          YES_NO_SCALE,
          windows,
        ),
        {
          type: 'radiogroup',
          name: 'would_report',
          title: t({
            en: 'If a client hurt you today, would you report it to the police?',
            es: 'Si hoy un cliente te hiciera daño, ¿lo denunciarías a la policía?',
          }),
          choices: [...YES_NO_SCALE, choice('unsure', { en: 'Not sure', es: 'No estoy segura o seguro' })],
          ...refuseItem(),
        },
      ],
    ),
  };
}

/** Losing platforms, and reaching health or support services. */
export function servicesPage(wording: TemplateWording): PageJson {
  const { event, windows, eligible } = wording;
  return {
    name: 'services',
    visibleIf: eligible,
    title: t({ en: 'Services and platforms', es: 'Servicios y plataformas' }),
    elements: [
      {
        type: 'radiogroup',
        name: 'lost_platform',
        title: t({
          en: `After ${event.en}, did you lose access to a website or platform you used for work?`,
          es: `Después de ${event.es}, ¿perdiste acceso a un sitio web o plataforma que usabas para trabajar?`,
        }),
        choices: YES_NO_SCALE,
        ...refuseItem(),
      },
      ...pair(
        'health_services',
        (w) => ({
          en: `${w.en}, how often could you get health or support services when you needed them?`,
          es: `${w.es}, ¿con qué frecuencia podías conseguir servicios de salud o de apoyo cuando los necesitabas?`,
        }),
        ABILITY_SCALE,
        windows,
      ),
    ],
  };
}

/** Coarse demographics for cross-tabs (no exact age, no place smaller than a region). */
export function aboutYouPage(wording: TemplateWording): PageJson {
  const { regions, eligible } = wording;
  return {
    name: 'about_you',
    visibleIf: eligible,
    title: t({ en: 'About you', es: 'Sobre ti' }),
    description: t({
      en: 'Only broad groups are asked, so that published figures can be broken down without singling anyone out.',
      es: 'Solo se preguntan grupos amplios, para poder desglosar los resultados sin señalar a nadie.',
    }),
    elements: [
      {
        type: 'radiogroup',
        name: 'age_band',
        title: t({ en: 'How old are you?', es: '¿Cuántos años tienes?' }),
        choices: [
          choice('18_24', { en: '18–24', es: '18–24' }),
          choice('25_34', { en: '25–34', es: '25–34' }),
          choice('35_44', { en: '35–44', es: '35–44' }),
          choice('45_plus', { en: '45 or older', es: '45 o más' }),
        ],
        ...refuseItem(),
      },
      {
        type: 'radiogroup',
        name: 'gender',
        title: t({ en: 'What is your gender?', es: '¿Cuál es tu género?' }),
        choices: [
          choice('woman', { en: 'Woman', es: 'Mujer' }),
          choice('man', { en: 'Man', es: 'Hombre' }),
          choice('nonbinary', { en: 'Non-binary', es: 'No binario' }),
          choice('another', { en: 'Another gender', es: 'Otro género' }),
        ],
        ...refuseItem(),
      },
      {
        type: 'radiogroup',
        name: 'region',
        title: t({ en: 'In which region do you mostly work?', es: '¿En qué región trabajas principalmente?' }),
        choices: regions.map((region) => choice(region.value, { en: region.en, es: region.es })),
        ...refuseItem(),
      },
    ],
  };
}

/** One free-text box, with a warning about identifying details. */
export function anythingElsePage(wording: TemplateWording): PageJson {
  const { eligible } = wording;
  return {
    name: 'anything_else',
    visibleIf: eligible,
    title: t({ en: 'Anything else?', es: '¿Algo más?' }),
    elements: [
      {
        type: 'comment',
        name: 'comments',
        title: t({
          en: 'Is there anything else you want to tell us about how your work changed?',
          es: '¿Hay algo más que quieras contarnos sobre cómo cambió tu trabajo?',
        }),
        description: t({
          en: 'Please do not include names, phone numbers, usernames, links, places or dates: they could identify you or someone else.',
          es: 'Por favor no incluyas nombres, teléfonos, usuarios, enlaces, lugares ni fechas: podrían identificarte a ti o a otra persona.',
        }),
        maxLength: 1000,
        candorIdentifyingWarning: true,
      },
    ],
  };
}
