import { ABILITY_SCALE, FREQUENCY_SCALE, refuseItem, YES_NO_SCALE } from '../answer-scales';
import { pairQuestionName, QUALIFYING_PAIR_STEM } from '../question-pairs';
import type { ElementJson, PageJson } from '../../definition/survey-definition';
import { choice, CLIENTS_PER_WEEK, escapeHtml, incomeBands, pair, t, type Bilingual, type TemplateWording } from './wording';

/**
 * The policy-impact template's first pages, one function each: the welcome and 18+ gate, the two
 * periods, the respondent's work, screening, income and clients, and setting their terms.
 */

/** One short paragraph: the privacy notice above it already says it is anonymous (the first question must fit a phone's first screen). */
function introHtml({ event, secondText, organization }: TemplateWording): Bilingual {
  return {
    en:
      `<p>This survey asks how your work changed after ${escapeHtml(event.en)}${secondText ? ` and ${escapeHtml(secondText.en)}` : ''}.` +
      `${organization ? ` It is run by ${escapeHtml(organization)}.` : ''} It takes about 10 minutes; every question except the first can be skipped.</p>`,
    es:
      `<p>Esta encuesta pregunta cómo cambió tu trabajo después de ${escapeHtml(event.es)}${secondText ? ` y ${escapeHtml(secondText.es)}` : ''}.` +
      `${organization ? ` La realiza ${escapeHtml(organization)}.` : ''} Toma unos 10 minutos; puedes saltar todas las preguntas menos la primera.</p>`,
  };
}

/** The introduction and the one required question: the 18+ gate. */
export function welcomePage(wording: TemplateWording): PageJson {
  return {
    name: 'welcome',
    title: t({ en: 'About this survey', es: 'Sobre esta encuesta' }),
    elements: [
      { type: 'html', name: 'intro', html: t(introHtml(wording)) },
      {
        type: 'radiogroup',
        name: 'adult',
        title: t({ en: 'Are you 18 or older?', es: '¿Tienes 18 años o más?' }),
        isRequired: true,
        choices: YES_NO_SCALE,
      },
    ],
  };
}

/** The two recall windows, and whether the respondent worked in each (the qualifying pair). */
export function periodsPage(wording: TemplateWording): PageJson {
  const { windows, periods, eligible } = wording;
  return {
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
        choices: YES_NO_SCALE,
        ...refuseItem(),
      },
      {
        type: 'radiogroup',
        name: pairQuestionName(QUALIFYING_PAIR_STEM, 'after'),
        title: t({ en: `${windows.after.en}, have you done sex work?`, es: `${windows.after.es}, ¿has hecho trabajo sexual?` }),
        choices: YES_NO_SCALE,
        ...refuseItem(),
      },
    ],
  };
}

/** Where the respondent works and whether that changed (and which change mattered more, when there are two). */
export function workContextPage(wording: TemplateWording): PageJson {
  const { eventName, event, secondText, workedEither } = wording;
  const second = wording.config.secondEvent;
  return {
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
        ...refuseItem(),
      },
      {
        type: 'radiogroup',
        name: 'setting_changed',
        title: t({
          en: `Did where or how you find clients change after ${event.en}?`,
          es: `¿Cambió dónde o cómo encuentras clientes después de ${event.es}?`,
        }),
        choices: YES_NO_SCALE,
        ...refuseItem(),
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
              ...refuseItem(),
            } satisfies ElementJson,
          ]
        : []),
    ],
  };
}

/** Screening clients, before and after. */
export function screeningPage(wording: TemplateWording): PageJson {
  const { windows, workedEither } = wording;
  return {
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
        FREQUENCY_SCALE,
        windows,
      ),
      ...pair(
        'online_screening',
        (w) => ({
          en: `${w.en}, did you use websites, apps or references from other workers to screen clients?`,
          es: `${w.es}, ¿usabas sitios web, aplicaciones o referencias de otras compañeras para verificar clientes?`,
        }),
        YES_NO_SCALE,
        windows,
      ),
    ],
  };
}

/** Income bands, dependants and clients per week, before and after; then the last window alone. */
export function incomeClientsPage(wording: TemplateWording): PageJson {
  const { windows, currency, workedEither } = wording;
  return {
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
        YES_NO_SCALE,
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
        choices: YES_NO_SCALE,
        ...refuseItem(),
      },
      {
        type: 'radiogroup',
        name: 'less_safe_clients',
        visibleIf: "{worked__after} = 'yes'",
        title: t({
          en: `${windows.after.en}, did you see clients you felt were less safe because you needed the money?`,
          es: `${windows.after.es}, ¿viste a clientes que te parecían menos seguros porque necesitabas el dinero?`,
        }),
        choices: YES_NO_SCALE,
        ...refuseItem(),
      },
    ],
  };
}

/** Being able to insist on protection and to turn clients down, before and after. */
export function bargainingPage(wording: TemplateWording): PageJson {
  const { windows, workedEither } = wording;
  return {
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
        ABILITY_SCALE,
        windows,
      ),
      ...pair(
        'refuse_clients',
        (w) => ({
          en: `${w.en}, how often were you able to turn down a client you did not want to see?`,
          es: `${w.es}, ¿con qué frecuencia podías rechazar a un cliente que no querías ver?`,
        }),
        ABILITY_SCALE,
        windows,
      ),
    ],
  };
}
