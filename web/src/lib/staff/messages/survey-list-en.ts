/** English strings of the staff app: the survey list and its status words (source of truth for their keys). */
export const surveyListMessagesEn = {
  'surveys.title': 'Surveys',
  'surveys.new': 'New survey',
  'surveys.empty': 'No surveys yet.',
  'surveys.address': 'Address',
  'surveys.status': 'Status',
  'surveys.responses': 'Responses',
  'count.belowStep': 'fewer than {k}',
  'count.atLeast': 'at least {n}',
  'count.floorReached': 'at least {n} — enough to publish',
  'surveys.version': 'Version',
  'surveys.updated': 'Last change',
  'status.draft': 'Draft',
  'status.open': 'Open',
  'status.closed': 'Closed',
} as const;
