import type { PublicPrivacySettings, SubmissionProtection, TimeGranularity } from '../../contracts/public-surveys';

/**
 * The privacy notice a respondent reads before the first question (P9), generated from the
 * survey's real settings so it cannot drift from what the software does. One source for
 * the JavaScript page and the server-rendered form.
 */
export interface PrivacyNotice {
  readonly title: string;
  /** The facts that matter most, in three short lines: shown above the first question. */
  readonly summary: readonly string[];
  /** Everything, behind "more about your privacy". */
  readonly more: string;
  readonly points: readonly string[];
}

type NoticeLocale = 'en' | 'es';

const PERIOD: Record<NoticeLocale, Record<TimeGranularity, string>> = {
  en: { day: 'the day', week: 'the week', month: 'the month' },
  es: { day: 'el día', week: 'la semana', month: 'el mes' },
};

export function privacyNotice(settings: PublicPrivacySettings, protection: SubmissionProtection, locale: string): PrivacyNotice {
  const lang: NoticeLocale = locale === 'es' ? 'es' : 'en';
  const period = PERIOD[lang][settings.timeGranularity];
  const { k, minResponses, retentionDays } = settings;
  if (lang === 'es') {
    return {
      title: 'Antes de empezar: tu privacidad',
      summary: [
        'Es anónima: sin nombre, contacto ni cuenta. No guardamos tu IP, tu teléfono ni la hora exacta.',
        `Solo se publican totales de al menos ${k} personas. Nada queda en este teléfono.`,
        'Puedes saltar preguntas con «Prefiero no decirlo» y dejarlo cuando quieras.',
      ],
      more: 'Más sobre tu privacidad',
      points: [
        'Esta encuesta es anónima. No te pedimos tu nombre ni datos de contacto, y no hace falta una cuenta.',
        `Guardamos solo tus respuestas, la versión de las preguntas y ${period} en que respondiste.`,
        'Nunca guardamos tu dirección IP, tu teléfono o navegador, cookies ni la hora exacta.',
        `Nadie ve respuestas individuales en Candor. Solo se publican totales de al menos ${k} personas, y solo cuando han respondido al menos ${minResponses}.`,
        `Tus respuestas se borran ${retentionDays} días después de que cierre la encuesta; los totales publicados se quedan.`,
        'Puedes dejarlo cuando quieras. Si una pregunta ofrece «Prefiero no decirlo», elegirlo siempre está bien.',
        'Nada queda guardado en este dispositivo. Al terminar o al usar «Salida rápida», la página pide al navegador que borre lo que guardó (el historial no se borra: mira «Cómo protegerte en línea»).',
        ...(protection.outreachCode ? ['El código de tu tarjeta solo se marca como usado; nunca se une a tus respuestas.'] : []),
      ],
    };
  }
  return {
    title: 'Before you start: your privacy',
    summary: [
      'Anonymous: no name, contact details or account. We never store your IP address, phone or the exact time.',
      `Only totals of at least ${k} people are published. Nothing is kept on this phone.`,
      'Skip any question with “Prefer not to say”, and stop whenever you want.',
    ],
    more: 'More about your privacy',
    points: [
      'This survey is anonymous. We do not ask for your name or contact details, and you need no account.',
      `We store only your answers, the version of the questions and ${period} you answered.`,
      'We never store your IP address, your phone or browser, cookies or the exact time.',
      `Nobody sees individual answers in Candor. Only totals of at least ${k} people are published, and only once at least ${minResponses} people have answered.`,
      `Your answers are deleted ${retentionDays} days after the survey closes; published totals stay.`,
      'You can stop at any time. Where a question offers “Prefer not to say”, choosing it is always fine.',
      'Nothing is kept on this device. When you finish or use “Quick exit”, the page asks your browser to clear what it kept (your history is not erased: see “Staying safe online”).',
      ...(protection.outreachCode ? ['The code on your card is only marked as used; it is never joined to your answers.'] : []),
    ],
  };
}

/** What looks identifying in free text: checked on the respondent's device only. */
export type IdentifyingKind = 'phone' | 'email' | 'handle' | 'link';

const PATTERNS: readonly (readonly [IdentifyingKind, RegExp])[] = [
  ['email', /[^\s@]+@[^\s@]+\.[a-z]{2,}/i],
  ['link', /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+\.(?:com|net|org|io|me|co|ly|gg|app|xyz|info|biz|us|uk|ca|mx|es)(?:\/\S*)?\b/i],
  ['handle', /(?:^|[\s(])@[a-z0-9_.]{2,}/i],
  // Seven or more digits, allowing spaces, dots, dashes and brackets between them.
  ['phone', /(?:\+?\d[\s().-]*){7,}/],
];

export function findIdentifyingDetails(text: string): IdentifyingKind[] {
  const found: IdentifyingKind[] = [];
  const email = PATTERNS[0]?.[1] as RegExp;
  if (email.test(text)) found.push('email');
  // An email address also looks like a link and a handle: look for those in the rest.
  const rest = text.replace(new RegExp(email.source, 'gi'), ' ');
  for (const [kind, pattern] of PATTERNS.slice(1)) if (pattern.test(rest)) found.push(kind);
  return found;
}
