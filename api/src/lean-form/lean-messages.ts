/** The no-JS form's own words, in the languages the web app speaks. */
const en = {
  title: 'Survey',
  quickExit: 'Quick exit',
  safety: 'Staying safe online',
  next: 'Next',
  back: 'Back',
  send: 'Send answers',
  required: 'required',
  problems: 'Please check the answers marked below.',
  page: 'Page {current}',
  otherText: 'Please describe',
  identifying: 'Do not write names, phone numbers, emails, @handles or links.',
  outreachCode: 'Code from your card',
  outreachHint: 'The code is only marked as used; it is never joined to your answers.',
  thanksTitle: 'Thank you',
  thanksBody: 'Your answers were received. Nothing about you was kept on this device or with your answers.',
  thanksClose: 'You can close this page now.',
  closedTitle: 'This survey is closed',
  closedBody: 'It no longer takes answers. Thank you for your interest.',
  notFoundTitle: 'Survey not found',
  notFoundBody: 'There is no survey at this address. Check the link you were given.',
  wait: 'Please take a moment to check your answers. You can send them in {seconds} seconds.',
  expired: 'This form was open for a long time. Your answers are kept here: press “Send answers” again.',
  refused: 'Your answers could not be sent:',
  tryAgain: 'Please correct them and send again.',
  switchTo: 'Español',
  rowHeader: 'Question',
  problem: {
    REQUIRED: 'Please answer this question.',
    OUTREACH_CODE_REQUIRED: 'Please type the code from your card.',
    OUTREACH_CODE_INVALID: 'This code is not valid or was already used.',
    OTHER_TEXT_MISSING: 'Please describe your “other” answer.',
    TOO_LONG: 'This answer is too long.',
    default: 'This answer could not be accepted.',
  },
};

export type LeanMessages = typeof en;

const es: LeanMessages = {
  title: 'Encuesta',
  quickExit: 'Salida rápida',
  safety: 'Cómo protegerte en línea',
  next: 'Siguiente',
  back: 'Atrás',
  send: 'Enviar respuestas',
  required: 'obligatoria',
  problems: 'Revisa las respuestas marcadas abajo.',
  page: 'Página {current}',
  otherText: 'Descríbelo, por favor',
  identifying: 'No escribas nombres, teléfonos, correos, @usuarios ni enlaces.',
  outreachCode: 'Código de tu tarjeta',
  outreachHint: 'El código solo se marca como usado; nunca se une a tus respuestas.',
  thanksTitle: 'Gracias',
  thanksBody: 'Recibimos tus respuestas. No se guardó nada sobre ti en este dispositivo ni junto a tus respuestas.',
  thanksClose: 'Ya puedes cerrar esta página.',
  closedTitle: 'Esta encuesta está cerrada',
  closedBody: 'Ya no acepta respuestas. Gracias por tu interés.',
  notFoundTitle: 'No encontramos la encuesta',
  notFoundBody: 'No hay ninguna encuesta en esta dirección. Revisa el enlace que te dieron.',
  wait: 'Tómate un momento para revisar tus respuestas. Podrás enviarlas en {seconds} segundos.',
  expired: 'Este formulario estuvo abierto mucho tiempo. Tus respuestas siguen aquí: pulsa «Enviar respuestas» otra vez.',
  refused: 'No se pudieron enviar tus respuestas:',
  tryAgain: 'Corrígelas y envíalas de nuevo.',
  switchTo: 'English',
  rowHeader: 'Pregunta',
  problem: {
    REQUIRED: 'Responde esta pregunta, por favor.',
    OUTREACH_CODE_REQUIRED: 'Escribe el código de tu tarjeta, por favor.',
    OUTREACH_CODE_INVALID: 'Este código no es válido o ya se usó.',
    OTHER_TEXT_MISSING: 'Describe tu respuesta «otro», por favor.',
    TOO_LONG: 'Esta respuesta es demasiado larga.',
    default: 'No se pudo aceptar esta respuesta.',
  },
};

export function leanMessages(locale: string): LeanMessages {
  return locale === 'es' ? es : en;
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}
