import type { ElementJson, SurveyDefinition } from '../definition/survey-definition';

/**
 * What a question may ask for that identifies a respondent: the respondent-side detector's
 * kinds (phone, email, handle) and the ones only a question can ask for.
 */
export type IdentifyingQuestionKind = 'name' | 'phone' | 'email' | 'address' | 'handle' | 'birthDate' | 'photo';

export const IDENTIFYING_QUESTION_KINDS: readonly IdentifyingQuestionKind[] = [
  'name',
  'phone',
  'email',
  'address',
  'handle',
  'birthDate',
  'photo',
];

/** A question whose wording (or input type) asks the respondent to type something identifying. */
export interface IdentifyingQuestion {
  readonly name: string;
  readonly kinds: readonly IdentifyingQuestionKind[];
}

/**
 * The wording, English and Spanish, matched on lower-case text without accents. Each pattern
 * asks for the thing itself ("your phone number", "número de teléfono"), not the topic
 * ("how do you use your phone"): this is advice, and it should not cry wolf.
 */
const WORDING: readonly (readonly [IdentifyingQuestionKind, RegExp])[] = [
  [
    'name',
    /\b(?:your|full|first|last|legal|real|given|family|work|working|stage|client'?s?|their)\s+names?\b|\bsurname\b|\bwhat(?:\s+is|'s)\s+(?:your|their|his|her)\s+name\b|\bnames?\s+of\s+(?:the\s+)?(?:person|people|client|clients|manager|boss|officer)\b|\b(?:tu|su|sus)\s+nombres?\b|\bnombre\s+(?:completo|real|legal|de\s+trabajo|artistico)\b|\bcomo\s+te\s+llamas\b|\bapellidos?\b/,
  ],
  [
    'phone',
    /\b(?:phone|cell|mobile|telephone|whatsapp|signal|contact)\s*(?:number|#|no\.)|\bnumber\s+(?:to|we\s+can)\s+(?:call|text|reach)\b|\bnumero\s+de\s+(?:telefono|celular|movil|whatsapp|contacto)\b|\btu\s+(?:telefono|celular|whatsapp)\b/,
  ],
  ['email', /\be-?mail\b|\bcorreo\s+electronico\b|\btu\s+correo\b/],
  [
    'address',
    /\b(?:home|street|postal|mailing|your|physical|exact)\s+address(?:es)?\b|\bwhere\s+do\s+you\s+live\b|\bzip\s*code\b|\bpostcode\b|\bdireccion\b|\bdomicilio\b|\bdonde\s+vives\b|\bcodigo\s+postal\b/,
  ],
  [
    'handle',
    /\buser\s*names?\b|\bhandles?\b|\bscreen\s*name\b|\b(?:instagram|twitter|tiktok|onlyfans|snapchat|telegram|facebook|x|social(?:\s+media)?)\s+(?:account|profile|handle|page|link)s?\b|\bnombre\s+de\s+usuario\b|\b(?:usuario|perfil|cuenta)\s+(?:de|en)\s+(?:instagram|twitter|tiktok|onlyfans|snapchat|telegram|facebook|x|redes(?:\s+sociales)?)\b/,
  ],
  [
    'birthDate',
    /\bdate\s+of\s+birth\b|\bbirth\s*date\b|\bbirthday\b|\bdob\b|\bwhen\s+were\s+you\s+born\b|\bfecha\s+de\s+nacimiento\b|\bcumpleanos\b|\bcuando\s+naciste\b/,
  ],
  ['photo', /\b(?:photo|photograph|picture|selfie|image)s?\b|\bfotos?\b|\bfotografias?\b|\bimagen(?:es)?\b/],
];

/** A sentence that tells the respondent what not to write. */
const ADVICE = /\b(?:do\s+not|don'?t|never|avoid|no\s+(?:incluyas|escribas|pongas|des|compartas|uses)|nunca|evita)\b[^.!?\n]*/g;

/** Input types that ask for one kind whatever the wording. */
const INPUT_TYPES: Readonly<Record<string, IdentifyingQuestionKind>> = { tel: 'phone', email: 'email' };

/** Element types where the respondent types (or uploads) an answer: only these can be given an identifying detail. */
const TYPED = new Set(['text', 'comment', 'multipletext', 'file', 'signaturepad']);

/**
 * Questions in a survey definition that ask for identifying details (P1 in docs/PRIVACY.md: respondents
 * are anonymous): by their wording in every language of the survey, their input type, or an
 * upload. Choice questions are not flagged ("Do you have a phone?" identifies nobody); a date
 * is flagged only when it asks for a birth date.
 */
export function findIdentifyingQuestions(definition: SurveyDefinition): IdentifyingQuestion[] {
  const found: IdentifyingQuestion[] = [];
  const visit = (elements: unknown): void => {
    if (!Array.isArray(elements)) return;
    for (const element of elements as ElementJson[]) {
      if (element === null || typeof element !== 'object') continue;
      visit(element.elements);
      visit(element['templateElements']);
      const kinds = questionKinds(element);
      if (kinds.length > 0 && typeof element.name === 'string') found.push({ name: element.name, kinds });
    }
  };
  visit(definition.elements);
  for (const page of Array.isArray(definition.pages) ? definition.pages : []) if (page && typeof page === 'object') visit(page.elements);
  return found;
}

function questionKinds(element: ElementJson): IdentifyingQuestionKind[] {
  const inputType = typeof element['inputType'] === 'string' ? element['inputType'].toLowerCase() : '';
  const isDate = element.type === 'text' && /^(?:date|datetime-local|month|week|time)$/.test(inputType);
  if (!TYPED.has(element.type) && !isDate) return [];
  const kinds = new Set<IdentifyingQuestionKind>();
  if (element.type === 'file' || element.type === 'signaturepad') kinds.add('photo');
  const byType = INPUT_TYPES[inputType];
  if (byType) kinds.add(byType);
  const items = Array.isArray(element['items']) ? (element['items'] as unknown[]) : [];
  const texts = [
    element.title,
    element.description,
    element['placeholder'],
    ...items.flatMap((item) =>
      item && typeof item === 'object'
        ? [(item as Record<string, unknown>)['title'], (item as Record<string, unknown>)['placeholder']]
        : [],
    ),
  ];
  // "Please do not include names or phone numbers" asks for none: a warning's own sentence is dropped first.
  const wording = texts
    .flatMap(localizedTexts)
    .map((text) => normalize(text).replace(ADVICE, ' '))
    .join('\n');
  for (const [kind, pattern] of WORDING) {
    // A date question can only ask for a birth date among these.
    if (isDate && kind !== 'birthDate') continue;
    if (pattern.test(wording)) kinds.add(kind);
  }
  return IDENTIFYING_QUESTION_KINDS.filter((kind) => kinds.has(kind));
}

function localizedTexts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object' && !Array.isArray(value))
    return Object.values(value).filter((text): text is string => typeof text === 'string');
  return [];
}

function normalize(text: string): string {
  return text
    .slice(0, 5_000)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}
