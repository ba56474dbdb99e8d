import { pairQuestionName, QUALIFYING_PAIR_STEM } from './question-pairs';
import type { ElementJson, LocalizableString, PageJson, SurveyDefinition } from './survey-definition';

/**
 * The policy-impact template (DESIGN.md §6), in English and Spanish: how screening,
 * income, clients, bargaining power, safety and access to services changed between a
 * fixed window before a policy change and the most recent window.
 *
 * Never asked: names, contact details, city or postcode, exact income, dates of
 * incidents, usernames or ad links. Before/after items follow the pair convention
 * (`<stem>__before` / `<stem>__after`), and every "before" item is shown only to
 * respondents who worked in that period (the qualifying pair `worked__*`).
 */
export interface PolicyImpactConfig {
  /** The policy change, e.g. "FOSTA-SESTA". */
  readonly eventName: string;
  /** ISO date of the change, e.g. "2018-04-11". */
  readonly eventDate: string;
  /** An optional second change close in time (e.g. a platform seizure). */
  readonly secondEvent?: { readonly name: string; readonly date: string };
  /** Length of both recall windows, in months (default 3). */
  readonly recallMonths?: number;
  /** Coarse demographics for cross-tabs; switch off when the group is small. */
  readonly includeDemographics?: boolean;
  /** Coarse regions offered (no city or postcode); a default list otherwise. */
  readonly regions?: readonly { readonly value: string; readonly en: string; readonly es: string }[];
  /** Currency symbol for income bands. */
  readonly currency?: string;
  /** Shown on the closing page. */
  readonly resources?: readonly { readonly name: string; readonly contact: string }[];
  /** Who runs the survey, shown in the introduction. */
  readonly organization?: string;
}

export const POLICY_IMPACT_DEFAULTS = {
  eventName: 'FOSTA-SESTA',
  eventDate: '2018-04-11',
  recallMonths: 3,
  includeDemographics: true,
  currency: '$',
} as const;

const DEFAULT_REGIONS = [
  { value: 'northeast', en: 'Northeast', es: 'Noreste' },
  { value: 'midwest', en: 'Midwest', es: 'Medio Oeste' },
  { value: 'south', en: 'South', es: 'Sur' },
  { value: 'west', en: 'West', es: 'Oeste' },
  { value: 'outside', en: 'Outside the United States', es: 'Fuera de Estados Unidos' },
] as const;

const MONTHS = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
} as const;

/** "11 April 2018" / "11 de abril de 2018"; the input must be an ISO date. */
export function formatEventDate(isoDate: string, locale: 'en' | 'es'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`"${isoDate}" is not a date in the form YYYY-MM-DD`);
  const [, year, month, day] = match;
  const name = MONTHS[locale][Number(month) - 1];
  if (!name || Number(day) < 1 || Number(day) > 31) throw new Error(`"${isoDate}" is not a valid date`);
  return locale === 'en' ? `${Number(day)} ${name} ${year}` : `${Number(day)} de ${name} de ${year}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

type Bilingual = { readonly en: string; readonly es: string };
const t = (text: Bilingual): LocalizableString => ({ default: text.en, es: text.es });
const choice = (value: string, text: Bilingual) => ({ value, text: t(text) });

const REFUSE = { showRefuseItem: true, refuseText: t({ en: 'Prefer not to say', es: 'Prefiero no decirlo' }) };

const YES_NO = [choice('yes', { en: 'Yes', es: 'Sí' }), choice('no', { en: 'No', es: 'No' })];

/** Ordered from least to most: aggregation reads choice order as the ordinal scale. */
const FREQUENCY = [
  choice('never', { en: 'Never', es: 'Nunca' }),
  choice('rarely', { en: 'Rarely', es: 'Casi nunca' }),
  choice('sometimes', { en: 'Sometimes', es: 'A veces' }),
  choice('often', { en: 'Often', es: 'Seguido' }),
  choice('always', { en: 'Always', es: 'Siempre' }),
];

const ABILITY = [
  choice('never', { en: 'Never able to', es: 'Nunca podía' }),
  choice('rarely', { en: 'Rarely able to', es: 'Casi nunca podía' }),
  choice('sometimes', { en: 'Sometimes able to', es: 'A veces podía' }),
  choice('usually', { en: 'Usually able to', es: 'Casi siempre podía' }),
  choice('always', { en: 'Always able to', es: 'Siempre podía' }),
];

const CLIENTS_PER_WEEK = [
  choice('0', { en: 'None', es: 'Ninguno' }),
  choice('1_2', { en: '1–2', es: '1–2' }),
  choice('3_5', { en: '3–5', es: '3–5' }),
  choice('6_10', { en: '6–10', es: '6–10' }),
  choice('11_plus', { en: 'More than 10', es: 'Más de 10' }),
];

function incomeBands(currency: string) {
  const c = currency;
  return [
    choice('lt250', { en: `Less than ${c}250`, es: `Menos de ${c}250` }),
    choice('250_499', { en: `${c}250–${c}499`, es: `${c}250–${c}499` }),
    choice('500_999', { en: `${c}500–${c}999`, es: `${c}500–${c}999` }),
    choice('1000_1999', { en: `${c}1,000–${c}1,999`, es: `${c}1.000–${c}1.999` }),
    choice('2000_plus', { en: `${c}2,000 or more`, es: `${c}2.000 o más` }),
  ];
}

interface Windows {
  readonly before: Bilingual;
  readonly after: Bilingual;
}

/** A before/after pair: same choices, each half shown only to those who worked then. */
function pair(
  stem: string,
  question: (window: Bilingual) => Bilingual,
  choices: readonly ElementJson[] | readonly unknown[],
  windows: Windows,
  extra: Partial<ElementJson> = {},
): ElementJson[] {
  const half = (which: 'before' | 'after'): ElementJson => ({
    type: 'radiogroup',
    name: pairQuestionName(stem, which),
    title: t(question(windows[which])),
    visibleIf: `{${pairQuestionName(QUALIFYING_PAIR_STEM, which)}} = 'yes'`,
    choices: choices as ElementJson['choices'],
    ...REFUSE,
    ...extra,
  });
  return [half('before'), half('after')];
}

function contentNote(name: string, note: Bilingual, questions: ElementJson[]): ElementJson[] {
  return [
    {
      type: 'html',
      name: `${name}_note`,
      html: t({ en: `<p><strong>Content note.</strong> ${note.en}</p>`, es: `<p><strong>Aviso de contenido.</strong> ${note.es}</p>` }),
    },
    {
      type: 'radiogroup',
      name: `${name}_skip`,
      candorRole: 'section-skip',
      title: t({ en: 'Do you want to answer these questions?', es: '¿Quieres responder estas preguntas?' }),
      choices: [
        choice('continue', { en: 'Yes, show them', es: 'Sí, mostrarlas' }),
        choice('skip', { en: 'No, skip this section', es: 'No, saltar esta sección' }),
      ],
    },
    { type: 'panel', name: `${name}_questions`, visibleIf: `{${name}_skip} = 'continue'`, elements: questions },
  ];
}

/** Builds the template's SurveyJS definition for one policy change. */
export function buildPolicyImpactSurvey(config: PolicyImpactConfig): SurveyDefinition {
  const months = config.recallMonths ?? POLICY_IMPACT_DEFAULTS.recallMonths;
  if (!Number.isInteger(months) || months < 1 || months > 24) throw new Error('the recall window must be 1 to 24 months');
  const eventName = config.eventName.trim();
  if (eventName === '') throw new Error('the event needs a name');
  const date = { en: formatEventDate(config.eventDate, 'en'), es: formatEventDate(config.eventDate, 'es') };
  const event = { en: `${eventName} (${date.en})`, es: `${eventName} (${date.es})` };
  const windows: Windows = {
    before: { en: `In the ${months} months before ${event.en}`, es: `En los ${months} meses antes de ${event.es}` },
    after: { en: `In the last ${months} months`, es: `En los últimos ${months} meses` },
  };
  const periods = {
    before: { en: `the ${months} months before ${event.en}`, es: `los ${months} meses antes de ${event.es}` },
    after: { en: `the last ${months} months`, es: `los últimos ${months} meses` },
  };
  const currency = config.currency ?? POLICY_IMPACT_DEFAULTS.currency;
  const regions = config.regions && config.regions.length > 0 ? config.regions : DEFAULT_REGIONS;
  const organization = config.organization?.trim();
  const second = config.secondEvent;
  const secondText = second
    ? { en: `${second.name} (${formatEventDate(second.date, 'en')})`, es: `${second.name} (${formatEventDate(second.date, 'es')})` }
    : null;

  // One short paragraph: the privacy notice above it already says it is anonymous (the first question must fit a phone's first screen).
  const intro = {
    en:
      `<p>This survey asks how your work changed after ${escapeHtml(event.en)}${secondText ? ` and ${escapeHtml(secondText.en)}` : ''}.` +
      `${organization ? ` It is run by ${escapeHtml(organization)}.` : ''} It takes about 10 minutes; every question except the first can be skipped.</p>`,
    es:
      `<p>Esta encuesta pregunta cómo cambió tu trabajo después de ${escapeHtml(event.es)}${secondText ? ` y ${escapeHtml(secondText.es)}` : ''}.` +
      `${organization ? ` La realiza ${escapeHtml(organization)}.` : ''} Toma unos 10 minutos; puedes saltar todas las preguntas menos la primera.</p>`,
  };

  const eligible = "{adult} = 'yes'";
  const workedEither = `${eligible} and ({worked__before} = 'yes' or {worked__after} = 'yes')`;

  const pages: PageJson[] = [
    {
      name: 'welcome',
      title: t({ en: 'About this survey', es: 'Sobre esta encuesta' }),
      elements: [
        { type: 'html', name: 'intro', html: t(intro) },
        {
          type: 'radiogroup',
          name: 'adult',
          title: t({ en: 'Are you 18 or older?', es: '¿Tienes 18 años o más?' }),
          isRequired: true,
          choices: YES_NO,
        },
      ],
    },
    {
      name: 'periods',
      visibleIf: eligible,
      title: t({ en: 'Two periods of time', es: 'Dos periodos de tiempo' }),
      elements: [
        {
          type: 'html',
          name: 'periods_intro',
          html: t({
            en: `<p>Many questions ask about two periods: <strong>${escapeHtml(periods.before.en)}</strong>, and <strong>${escapeHtml(periods.after.en)}</strong>.</p>`,
            es: `<p>Muchas preguntas son sobre dos periodos: <strong>${escapeHtml(periods.before.es)}</strong>, y <strong>${escapeHtml(periods.after.es)}</strong>.</p>`,
          }),
        },
        {
          type: 'radiogroup',
          name: pairQuestionName(QUALIFYING_PAIR_STEM, 'before'),
          title: t({ en: `${windows.before.en}, did you do sex work?`, es: `${windows.before.es}, ¿hacías trabajo sexual?` }),
          choices: YES_NO,
          ...REFUSE,
        },
        {
          type: 'radiogroup',
          name: pairQuestionName(QUALIFYING_PAIR_STEM, 'after'),
          title: t({ en: `${windows.after.en}, have you done sex work?`, es: `${windows.after.es}, ¿has hecho trabajo sexual?` }),
          choices: YES_NO,
          ...REFUSE,
        },
      ],
    },
    {
      name: 'work_context',
      visibleIf: workedEither,
      title: t({ en: 'Your work', es: 'Tu trabajo' }),
      elements: [
        {
          type: 'checkbox',
          name: 'work_settings',
          title: t({
            en: 'Where have you worked in the last year? Choose all that apply.',
            es: '¿Dónde has trabajado en el último año? Elige todas las que correspondan.',
          }),
          choices: [
            choice('street', { en: 'Street or outdoors', es: 'En la calle o al aire libre' }),
            choice('indoor_independent', { en: 'Indoors, on my own', es: 'En un lugar cerrado, por mi cuenta' }),
            choice('venue', { en: 'A venue, agency or club', es: 'Un local, agencia o club' }),
            choice('online', { en: 'Through online ads or platforms', es: 'Por anuncios o plataformas en línea' }),
            choice('elsewhere', { en: 'Somewhere else', es: 'En otro lugar' }),
          ],
          ...REFUSE,
        },
        {
          type: 'radiogroup',
          name: 'setting_changed',
          title: t({
            en: `Did where or how you find clients change after ${event.en}?`,
            es: `¿Cambió dónde o cómo encuentras clientes después de ${event.es}?`,
          }),
          choices: YES_NO,
          ...REFUSE,
        },
        ...(secondText
          ? [
              {
                type: 'radiogroup',
                name: 'bigger_change',
                title: t({ en: 'Which changed your work more?', es: '¿Qué cambió más tu trabajo?' }),
                choices: [
                  choice('first', { en: eventName, es: eventName }),
                  choice('second', { en: second?.name ?? '', es: second?.name ?? '' }),
                  choice('both', { en: 'Both about the same', es: 'Los dos por igual' }),
                  choice('neither', { en: 'Neither', es: 'Ninguno' }),
                ],
                ...REFUSE,
              } satisfies ElementJson,
            ]
          : []),
      ],
    },
    {
      name: 'screening',
      visibleIf: workedEither,
      title: t({ en: 'Screening clients', es: 'Verificar a los clientes' }),
      elements: [
        ...pair(
          'screened_clients',
          (w) => ({
            en: `${w.en}, how often did you screen new clients before meeting them?`,
            es: `${w.es}, ¿con qué frecuencia verificabas a los clientes nuevos antes de verlos?`,
          }),
          FREQUENCY,
          windows,
        ),
        ...pair(
          'online_screening',
          (w) => ({
            en: `${w.en}, did you use websites, apps or references from other workers to screen clients?`,
            es: `${w.es}, ¿usabas sitios web, aplicaciones o referencias de otras compañeras para verificar clientes?`,
          }),
          YES_NO,
          windows,
        ),
      ],
    },
    {
      name: 'income_clients',
      visibleIf: workedEither,
      title: t({ en: 'Income and clients', es: 'Ingresos y clientes' }),
      elements: [
        ...pair(
          'weekly_income',
          (w) => ({
            en: `${w.en}, about how much did you earn from sex work in a usual week?`,
            es: `${w.es}, ¿cuánto ganabas más o menos con el trabajo sexual en una semana normal?`,
          }),
          incomeBands(currency),
          windows,
        ),
        ...pair(
          'support_dependants',
          (w) => ({
            en: `${w.en}, were you able to support yourself and your dependants (children, family you provide for)?`,
            es: `${w.es}, ¿pudiste mantenerte a ti y a las personas que dependen de ti (hijos, familia que mantienes)?`,
          }),
          YES_NO,
          windows,
        ),
        ...pair(
          'clients_per_week',
          (w) => ({
            en: `${w.en}, how many clients did you see in a usual week?`,
            es: `${w.es}, ¿cuántos clientes veías en una semana normal?`,
          }),
          CLIENTS_PER_WEEK,
          windows,
        ),
        {
          type: 'radiogroup',
          name: 'sole_income',
          visibleIf: "{worked__after} = 'yes'",
          title: t({
            en: `${windows.after.en}, was sex work your only source of income?`,
            es: `${windows.after.es}, ¿el trabajo sexual fue tu única fuente de ingresos?`,
          }),
          choices: YES_NO,
          ...REFUSE,
        },
        {
          type: 'radiogroup',
          name: 'less_safe_clients',
          visibleIf: "{worked__after} = 'yes'",
          title: t({
            en: `${windows.after.en}, did you see clients you felt were less safe because you needed the money?`,
            es: `${windows.after.es}, ¿viste a clientes que te parecían menos seguros porque necesitabas el dinero?`,
          }),
          choices: YES_NO,
          ...REFUSE,
        },
      ],
    },
    {
      name: 'bargaining',
      visibleIf: workedEither,
      title: t({ en: 'Setting your terms', es: 'Poner tus condiciones' }),
      elements: [
        ...pair(
          'insist_condoms',
          (w) => ({
            en: `${w.en}, how often were you able to insist on condoms or other protection?`,
            es: `${w.es}, ¿con qué frecuencia podías exigir condones u otra protección?`,
          }),
          ABILITY,
          windows,
        ),
        ...pair(
          'refuse_clients',
          (w) => ({
            en: `${w.en}, how often were you able to turn down a client you did not want to see?`,
            es: `${w.es}, ¿con qué frecuencia podías rechazar a un cliente que no querías ver?`,
          }),
          ABILITY,
          windows,
        ),
      ],
    },
    {
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
            YES_NO,
            windows,
          ),
          ...pair(
            'robbed',
            (w) => ({ en: `${w.en}, did a client rob you or refuse to pay?`, es: `${w.es}, ¿algún cliente te robó o se negó a pagar?` }),
            YES_NO,
            windows,
          ),
          ...pair(
            'felt_safe',
            (w) => ({
              en: `${w.en}, how often did you feel safe at work?`,
              es: `${w.es}, ¿con qué frecuencia te sentías segura o seguro en el trabajo?`,
            }),
            FREQUENCY,
            windows,
          ),
        ],
      ),
    },
    {
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
            YES_NO,
            windows,
          ),
          {
            type: 'radiogroup',
            name: 'would_report',
            title: t({
              en: 'If a client hurt you today, would you report it to the police?',
              es: 'Si hoy un cliente te hiciera daño, ¿lo denunciarías a la policía?',
            }),
            choices: [...YES_NO, choice('unsure', { en: 'Not sure', es: 'No estoy segura o seguro' })],
            ...REFUSE,
          },
        ],
      ),
    },
    {
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
          choices: YES_NO,
          ...REFUSE,
        },
        ...pair(
          'health_services',
          (w) => ({
            en: `${w.en}, how often could you get health or support services when you needed them?`,
            es: `${w.es}, ¿con qué frecuencia podías conseguir servicios de salud o de apoyo cuando los necesitabas?`,
          }),
          ABILITY,
          windows,
        ),
      ],
    },
  ];

  if (config.includeDemographics ?? POLICY_IMPACT_DEFAULTS.includeDemographics) {
    pages.push({
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
          ...REFUSE,
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
          ...REFUSE,
        },
        {
          type: 'radiogroup',
          name: 'region',
          title: t({ en: 'In which region do you mostly work?', es: '¿En qué región trabajas principalmente?' }),
          choices: regions.map((region) => choice(region.value, { en: region.en, es: region.es })),
          ...REFUSE,
        },
      ],
    });
  }

  pages.push({
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
  });

  const resources = config.resources ?? [];
  const resourceList =
    resources.length > 0
      ? `<ul>${resources.map((r) => `<li><strong>${escapeHtml(r.name)}</strong>: ${escapeHtml(r.contact)}</li>`).join('')}</ul>`
      : '';
  return {
    title: t({ en: `How ${eventName} changed our work`, es: `Cómo cambió nuestro trabajo con ${eventName}` }),
    description: t({ en: 'An anonymous community survey', es: 'Una encuesta comunitaria anónima' }),
    locale: 'en',
    showQuestionNumbers: 'off',
    showProgressBar: 'top',
    // By pages the respondent can foresee (Candor's pages count them the same way on both paths).
    progressBarType: 'pages',
    clearInvisibleValues: 'onHidden',
    maxTextLength: 1000,
    completedHtml: t({
      en: `<h3>Thank you</h3><p>Your answers were received. Nothing about you was stored with them.</p>${resourceList ? `<p>If you need support:</p>${resourceList}` : ''}`,
      es: `<h3>Gracias</h3><p>Recibimos tus respuestas. No se guardó nada sobre ti junto con ellas.</p>${resourceList ? `<p>Si necesitas apoyo:</p>${resourceList}` : ''}`,
    }),
    // Under 18: the screen-out message, not "your answers were received".
    completedHtmlOnCondition: [
      {
        expression: "{adult} = 'no'",
        html: t({
          en: `<h3>This survey is only for adults</h3><p>Thank you for your interest.</p>${resourceList ? `<p>If you need support:</p>${resourceList}` : ''}`,
          es: `<h3>Esta encuesta es solo para personas adultas</h3><p>Gracias por tu interés.</p>${resourceList ? `<p>Si necesitas apoyo:</p>${resourceList}` : ''}`,
        }),
      },
    ],
    candorTemplate: { id: 'policy-impact', version: 1, config: { ...config } },
    pages,
  };
}
