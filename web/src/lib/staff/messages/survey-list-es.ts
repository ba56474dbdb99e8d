import type { surveyListMessagesEn } from './survey-list-en';

/** Spanish strings of the staff app: the survey list and its status words; the type asks for exactly the English keys. */
export const surveyListMessagesEs: Record<keyof typeof surveyListMessagesEn, string> = {
  'surveys.title': 'Encuestas',
  'surveys.new': 'Nueva encuesta',
  'surveys.empty': 'Todavía no hay encuestas.',
  'surveys.address': 'Dirección',
  'surveys.status': 'Estado',
  'surveys.responses': 'Respuestas',
  'count.belowStep': 'menos de {k}',
  'count.atLeast': 'al menos {n}',
  'count.floorReached': 'al menos {n}: suficientes para publicar',
  'surveys.version': 'Versión',
  'surveys.updated': 'Último cambio',
  'status.draft': 'Borrador',
  'status.open': 'Abierta',
  'status.closed': 'Cerrada',
};
