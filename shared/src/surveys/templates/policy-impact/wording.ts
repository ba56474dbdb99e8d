import { refuseItem } from '../answer-scales';
import { pairQuestionName, QUALIFYING_PAIR_STEM } from '../question-pairs';
import type { ElementJson, LocalizableString } from '../../definition/survey-definition';
import { DEFAULT_REGIONS, formatEventDate, POLICY_IMPACT_DEFAULTS, type PolicyImpactConfig } from './config';

/** The template's vocabulary: bilingual texts, choices, before/after pairs and content notes. */
export type Bilingual = { readonly en: string; readonly es: string };
export const t = (text: Bilingual): LocalizableString => ({ default: text.en, es: text.es });
export const choice = (value: string, text: Bilingual) => ({ value, text: t(text) });

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export const CLIENTS_PER_WEEK = [
  choice('0', { en: 'None', es: 'Ninguno' }),
  choice('1_2', { en: '1–2', es: '1–2' }),
  choice('3_5', { en: '3–5', es: '3–5' }),
  choice('6_10', { en: '6–10', es: '6–10' }),
  choice('11_plus', { en: 'More than 10', es: 'Más de 10' }),
];

export function incomeBands(currency: string) {
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

/**
 * The texts every section builds on, read once from the settings: the event and its date, the
 * two recall windows, and the conditions that show a page (adults; those who worked in a window).
 */
export interface TemplateWording {
  readonly config: PolicyImpactConfig;
  readonly eventName: string;
  readonly event: Bilingual;
  /** The second change, when there is one, with its date. */
  readonly secondText: Bilingual | null;
  /** "In the 3 months before …" / "In the last 3 months", opening a question. */
  readonly windows: Windows;
  /** "the 3 months before …" / "the last 3 months", inside a sentence. */
  readonly periods: Windows;
  readonly currency: string;
  readonly regions: readonly { readonly value: string; readonly en: string; readonly es: string }[];
  readonly organization?: string;
  /** Shows a page to adults. */
  readonly eligible: string;
  /** Shows a page to adults who worked in either window. */
  readonly workedEither: string;
}

/** Reads the settings into the template's texts, refusing a recall window, name or date that cannot be used. */
export function readWording(config: PolicyImpactConfig): TemplateWording {
  const months = config.recallMonths ?? POLICY_IMPACT_DEFAULTS.recallMonths;
  if (!Number.isInteger(months) || months < 1 || months > 24) throw new Error('the recall window must be 1 to 24 months');
  const eventName = config.eventName.trim();
  if (eventName === '') throw new Error('the event needs a name');
  const date = { en: formatEventDate(config.eventDate, 'en'), es: formatEventDate(config.eventDate, 'es') };
  const event = { en: `${eventName} (${date.en})`, es: `${eventName} (${date.es})` };
  const second = config.secondEvent;
  const eligible = "{adult} = 'yes'";
  return {
    config,
    eventName,
    event,
    secondText: second
      ? { en: `${second.name} (${formatEventDate(second.date, 'en')})`, es: `${second.name} (${formatEventDate(second.date, 'es')})` }
      : null,
    windows: {
      before: { en: `In the ${months} months before ${event.en}`, es: `En los ${months} meses antes de ${event.es}` },
      after: { en: `In the last ${months} months`, es: `En los últimos ${months} meses` },
    },
    periods: {
      before: { en: `the ${months} months before ${event.en}`, es: `los ${months} meses antes de ${event.es}` },
      after: { en: `the last ${months} months`, es: `los últimos ${months} meses` },
    },
    currency: config.currency ?? POLICY_IMPACT_DEFAULTS.currency,
    regions: config.regions && config.regions.length > 0 ? config.regions : DEFAULT_REGIONS,
    organization: config.organization?.trim(),
    eligible,
    workedEither: `${eligible} and ({worked__before} = 'yes' or {worked__after} = 'yes')`,
  };
}

/** A before/after pair: same choices, each half shown only to those who worked then. */
export function pair(
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
    ...refuseItem(),
    ...extra,
  });
  return [half('before'), half('after')];
}

/** A content note before a hard section, with a question that lets the respondent skip it. */
export function contentNote(name: string, note: Bilingual, questions: ElementJson[]): ElementJson[] {
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
