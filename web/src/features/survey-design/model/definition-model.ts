import {
  pairQuestionName,
  PAIR_SUFFIXES,
  refuseItem,
  type ChoiceJson,
  type ElementJson,
  type LocalizableString,
  type PageJson,
  type SurveyDefinition,
} from '@candor/shared';

/**
 * Pure, immutable edits of a SurveyJS definition for the designer. Elements are found by
 * name (every element gets one when the designer opens a survey), so the same functions
 * work for questions on pages and inside panels.
 */
interface El {
  type: string;
  name?: string;
  elements?: El[];
  [key: string]: unknown;
}
interface Page {
  name?: string;
  elements?: El[];
  [key: string]: unknown;
}
interface Def {
  pages: Page[];
  [key: string]: unknown;
}

/** The designer edits plain mutable copies; callers get SurveyDefinition back. */
const asDef = (definition: SurveyDefinition): Def => definition as unknown as Def;
const asSurvey = (definition: Def): SurveyDefinition => definition;

export type QuestionTemplate = 'single' | 'multiple' | 'ordinal' | 'banded' | 'pair' | 'matrix' | 'freeText' | 'info';

const REFUSE = refuseItem();

export const CHOICE_PRESETS: Record<'frequency' | 'ability' | 'yesNo', ChoiceJson[]> = {
  frequency: [
    { value: 'never', text: { default: 'Never', es: 'Nunca' } },
    { value: 'rarely', text: { default: 'Rarely', es: 'Casi nunca' } },
    { value: 'sometimes', text: { default: 'Sometimes', es: 'A veces' } },
    { value: 'often', text: { default: 'Often', es: 'Seguido' } },
    { value: 'always', text: { default: 'Always', es: 'Siempre' } },
  ],
  ability: [
    { value: 'never', text: { default: 'Never able to', es: 'Nunca podía' } },
    { value: 'rarely', text: { default: 'Rarely able to', es: 'Casi nunca podía' } },
    { value: 'sometimes', text: { default: 'Sometimes able to', es: 'A veces podía' } },
    { value: 'usually', text: { default: 'Usually able to', es: 'Casi siempre podía' } },
    { value: 'always', text: { default: 'Always able to', es: 'Siempre podía' } },
  ],
  yesNo: [
    { value: 'yes', text: { default: 'Yes', es: 'Sí' } },
    { value: 'no', text: { default: 'No', es: 'No' } },
  ],
};

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A copy with `pages` (top-level `elements` moved to a first page) and every element named. */
export function normalizeDefinition(definition: SurveyDefinition): SurveyDefinition {
  const copy = clone(asDef(definition)) as Def & { elements?: El[] };
  if (!Array.isArray(copy.pages)) {
    copy.pages = [{ name: 'page1', elements: copy.elements ?? [] }];
    delete copy.elements;
  }
  const used = new Set(
    allElements(copy)
      .map((e) => e.name)
      .filter((n): n is string => typeof n === 'string'),
  );
  let counter = 0;
  const nameFor = (type: string) => {
    let name: string;
    do name = `${type}${++counter}`;
    while (used.has(name));
    used.add(name);
    return name;
  };
  copy.pages.forEach((page, index) => {
    if (typeof page.name !== 'string') page.name = `page${index + 1}`;
  });
  for (const element of allElements(copy)) if (typeof element.name !== 'string') element.name = nameFor(element.type);
  return asSurvey(copy);
}

function allElements(definition: { pages?: Page[] }): El[] {
  const out: El[] = [];
  const walk = (elements: El[] | undefined) => {
    for (const element of elements ?? []) {
      out.push(element);
      walk(element.elements);
    }
  };
  for (const page of definition.pages ?? []) walk(page.elements);
  return out;
}

/** Every question or element name in reading order. */
export function elementNames(definition: SurveyDefinition): string[] {
  return allElements(asDef(definition)).map((e) => e.name as string);
}

export function findElement(definition: SurveyDefinition, name: string): ElementJson | undefined {
  return allElements(asDef(definition)).find((e) => e.name === name);
}

/** The list (page or panel elements) holding `name`, and its index there. */
function locate(definition: Def, name: string): { list: El[]; index: number; pageIndex: number } | null {
  for (let pageIndex = 0; pageIndex < definition.pages.length; pageIndex++) {
    const search = (list: El[]): { list: El[]; index: number } | null => {
      for (let index = 0; index < list.length; index++) {
        const element = list[index] as El;
        if (element.name === name) return { list, index };
        if (element.elements) {
          const inner = search(element.elements);
          if (inner) return inner;
        }
      }
      return null;
    };
    const page = definition.pages[pageIndex] as Page;
    page.elements ??= [];
    const found = search(page.elements);
    if (found) return { ...found, pageIndex };
  }
  return null;
}

function uniqueName(definition: SurveyDefinition, base: string): string {
  const used = new Set(elementNames(definition));
  if (!used.has(base) && !used.has(base + PAIR_SUFFIXES.before)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}${n}`;
    if (!used.has(candidate) && !used.has(candidate + PAIR_SUFFIXES.before)) return candidate;
  }
}

function newElements(definition: SurveyDefinition, template: QuestionTemplate): El[] {
  switch (template) {
    case 'single':
      return [
        {
          type: 'radiogroup',
          name: uniqueName(definition, 'question'),
          title: { default: 'New question' },
          choices: clone(CHOICE_PRESETS.yesNo),
          ...clone(REFUSE),
        },
      ];
    case 'multiple':
      return [
        {
          type: 'checkbox',
          name: uniqueName(definition, 'question'),
          title: { default: 'New question (choose all that apply)' },
          choices: [
            { value: 'option1', text: { default: 'Option 1' } },
            { value: 'option2', text: { default: 'Option 2' } },
          ],
          showNoneItem: true,
          ...clone(REFUSE),
        },
      ];
    case 'ordinal':
      return [
        {
          type: 'radiogroup',
          name: uniqueName(definition, 'scale'),
          title: { default: 'How often…?' },
          candorScale: 'ordinal',
          choices: clone(CHOICE_PRESETS.frequency),
          ...clone(REFUSE),
        },
      ];
    case 'banded':
      return [
        {
          type: 'radiogroup',
          name: uniqueName(definition, 'bands'),
          title: { default: 'About how many…?' },
          candorScale: 'banded',
          choices: [
            { value: '0', text: { default: 'None' } },
            { value: '1_2', text: { default: '1–2' } },
            { value: '3_5', text: { default: '3–5' } },
            { value: '6_plus', text: { default: '6 or more' } },
          ],
          ...clone(REFUSE),
        },
      ];
    case 'pair': {
      const stem = uniqueName(definition, 'change');
      const half = (which: 'before' | 'after'): El => ({
        type: 'radiogroup',
        name: pairQuestionName(stem, which),
        title: { default: which === 'before' ? 'In the 3 months before the change, …?' : 'In the last 3 months, …?' },
        visibleIf: `{worked${PAIR_SUFFIXES[which]}} = 'yes'`,
        choices: clone(CHOICE_PRESETS.yesNo),
        ...clone(REFUSE),
      });
      return [half('before'), half('after')];
    }
    case 'matrix':
      return [
        {
          type: 'matrix',
          name: uniqueName(definition, 'grid'),
          title: { default: 'New matrix question' },
          rows: [
            { value: 'row1', text: { default: 'Row 1' } },
            { value: 'row2', text: { default: 'Row 2' } },
          ],
          columns: clone(CHOICE_PRESETS.frequency),
        },
      ];
    case 'freeText':
      return [
        {
          type: 'comment',
          name: uniqueName(definition, 'comments'),
          title: { default: 'Anything else you want to tell us?' },
          description: { default: 'Please do not include names, phone numbers, usernames, links, places or dates.' },
          maxLength: 1000,
          candorIdentifyingWarning: true,
        },
      ];
    case 'info':
      return [{ type: 'html', name: uniqueName(definition, 'info'), html: { default: '<p>Information for respondents.</p>' } }];
  }
}

/** Adds a question (two, for a pair) at the end of a page; returns the new definition and the first new name. */
export function addQuestion(
  definition: SurveyDefinition,
  pageIndex: number,
  template: QuestionTemplate,
): { definition: SurveyDefinition; name: string } {
  const copy = asDef(normalizeDefinition(definition));
  const added = newElements(asSurvey(copy), template);
  const page = copy.pages[Math.min(pageIndex, copy.pages.length - 1)] as Page;
  page.elements = [...(page.elements ?? []), ...added];
  return { definition: asSurvey(copy), name: added[0]?.name as string };
}

export function addPage(definition: SurveyDefinition): SurveyDefinition {
  const copy = asDef(normalizeDefinition(definition));
  const used = new Set(copy.pages.map((p) => p.name));
  let n = copy.pages.length + 1;
  while (used.has(`page${n}`)) n++;
  copy.pages.push({ name: `page${n}`, elements: [] });
  return asSurvey(copy);
}

export function removePage(definition: SurveyDefinition, pageIndex: number): SurveyDefinition {
  const copy = asDef(normalizeDefinition(definition));
  copy.pages.splice(pageIndex, 1);
  if (copy.pages.length === 0) copy.pages.push({ name: 'page1', elements: [] });
  return asSurvey(copy);
}

export function updatePage(definition: SurveyDefinition, pageIndex: number, patch: Partial<PageJson>): SurveyDefinition {
  const copy = asDef(normalizeDefinition(definition));
  copy.pages[pageIndex] = { ...copy.pages[pageIndex], ...(clone(patch) as Page) };
  return asSurvey(copy);
}

export function removeElement(definition: SurveyDefinition, name: string): SurveyDefinition {
  const copy = asDef(normalizeDefinition(definition));
  const found = locate(copy, name);
  if (found) found.list.splice(found.index, 1);
  return asSurvey(copy);
}

/** Moves an element up or down within its page or panel, or to the neighbouring page at an edge. */
export function moveElement(definition: SurveyDefinition, name: string, direction: -1 | 1): SurveyDefinition {
  const copy = asDef(normalizeDefinition(definition));
  const found = locate(copy, name);
  if (!found) return asSurvey(copy);
  const { list, index, pageIndex } = found;
  const target = index + direction;
  if (target >= 0 && target < list.length) {
    [list[index], list[target]] = [list[target] as El, list[index] as El];
    return asSurvey(copy);
  }
  const neighbour = copy.pages[pageIndex + direction];
  const topLevel = list === copy.pages[pageIndex]?.elements;
  if (neighbour && topLevel) {
    const [element] = list.splice(index, 1);
    neighbour.elements ??= [];
    if (direction === 1) neighbour.elements.unshift(element as El);
    else neighbour.elements.push(element as El);
  }
  return asSurvey(copy);
}

/** The other half of a before/after pair, if `name` is one. */
export function pairPartner(definition: SurveyDefinition, name: string): string | undefined {
  const half = name.endsWith(PAIR_SUFFIXES.before) ? 'before' : name.endsWith(PAIR_SUFFIXES.after) ? 'after' : null;
  if (!half) return undefined;
  const stem = name.slice(0, -PAIR_SUFFIXES[half].length);
  const partner = pairQuestionName(stem, half === 'before' ? 'after' : 'before');
  return findElement(definition, partner) ? partner : undefined;
}

/** Properties kept identical on both halves of a pair, so they stay comparable. */
const SHARED_PAIR_PROPERTIES = ['choices', 'showRefuseItem', 'refuseText', 'type', 'candorScale', 'showNoneItem'];

/** Changes properties of an element (and of its pair partner, for answer-defining ones). */
export function updateElement(definition: SurveyDefinition, name: string, patch: Record<string, unknown>): SurveyDefinition {
  const copy = asDef(normalizeDefinition(definition));
  const apply = (target: string, changes: Record<string, unknown>) => {
    const found = locate(copy, target);
    if (!found) return;
    const next = { ...(found.list[found.index] as El) } as Record<string, unknown>;
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) delete next[key];
      else next[key] = clone(value);
    }
    found.list[found.index] = next as El;
  };
  apply(name, patch);
  const partner = pairPartner(asSurvey(copy), name);
  if (partner) {
    const shared = Object.fromEntries(Object.entries(patch).filter(([key]) => SHARED_PAIR_PROPERTIES.includes(key)));
    if (Object.keys(shared).length > 0) apply(partner, shared);
  }
  return asSurvey(copy);
}

/** Renames an element and every `{name}` reference to it in conditions. */
export function renameElement(definition: SurveyDefinition, from: string, to: string): SurveyDefinition {
  if (from === to) return definition;
  const text = JSON.stringify(normalizeDefinition(definition));
  const renamedReferences = text.split(`{${from}}`).join(`{${to}}`);
  const copy = JSON.parse(renamedReferences) as Def;
  const found = locate(copy, from);
  if (found) found.list[found.index] = { ...(found.list[found.index] as El), name: to };
  return asSurvey(copy);
}

/** Sets the source-language text of a localizable string, keeping its translations. */
export function setSourceText(current: LocalizableString | undefined, text: string): LocalizableString {
  if (current === undefined || typeof current === 'string') return { default: text };
  return { ...current, default: text };
}

export function sourceText(value: LocalizableString | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return value['default'] ?? value['en'] ?? '';
}

/** A simple skip-logic rule the designer can edit without writing expressions. */
export type VisibilityRule =
  | { kind: 'always' }
  | { kind: 'equals' | 'notEquals' | 'includes'; question: string; value: string }
  | { kind: 'answered'; question: string }
  | { kind: 'advanced'; expression: string };

const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function ruleToExpression(rule: VisibilityRule): string | undefined {
  switch (rule.kind) {
    case 'always':
      return undefined;
    case 'equals':
      return `{${rule.question}} = ${quote(rule.value)}`;
    case 'notEquals':
      return `{${rule.question}} != ${quote(rule.value)}`;
    case 'includes':
      return `{${rule.question}} anyof [${quote(rule.value)}]`;
    case 'answered':
      return `{${rule.question}} notempty`;
    case 'advanced':
      return rule.expression.trim() || undefined;
  }
}

export function expressionToRule(expression: string | undefined): VisibilityRule {
  if (!expression || expression.trim() === '') return { kind: 'always' };
  const value = "'((?:[^'\\\\]|\\\\.)*)'";
  let match = new RegExp(`^\\{(\\w+)\\}\\s*=\\s*${value}$`).exec(expression.trim());
  if (match) return { kind: 'equals', question: match[1] as string, value: (match[2] as string).replace(/\\(.)/g, '$1') };
  match = new RegExp(`^\\{(\\w+)\\}\\s*!=\\s*${value}$`).exec(expression.trim());
  if (match) return { kind: 'notEquals', question: match[1] as string, value: (match[2] as string).replace(/\\(.)/g, '$1') };
  match = new RegExp(`^\\{(\\w+)\\}\\s*anyof\\s*\\[\\s*${value}\\s*\\]$`).exec(expression.trim());
  if (match) return { kind: 'includes', question: match[1] as string, value: (match[2] as string).replace(/\\(.)/g, '$1') };
  match = /^\{(\w+)\}\s*notempty$/.exec(expression.trim());
  if (match) return { kind: 'answered', question: match[1] as string };
  return { kind: 'advanced', expression };
}

/** Paragraphs of plain text as HTML, escaped (information text is never raw HTML). */
export function textToHtml(text: string): string {
  const escape = (s: string) =>
    s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
  return text
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escape(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

/** A question's text in the source language, or its name when it has none (for pickers and lists). */
export function questionLabel(definition: SurveyDefinition, name: string): string {
  const element = findElement(definition, name);
  const text = element ? htmlToText(sourceText(element.title)).trim() : '';
  return text || name;
}

/** The SurveyJS element types a researcher meets, by the names the designer gives them. */
export const ELEMENT_TYPE_NAMES = {
  radiogroup: 'single',
  dropdown: 'single',
  checkbox: 'multiple',
  tagbox: 'multiple',
  rating: 'ordinal',
  matrix: 'matrix',
  comment: 'freeText',
  text: 'shortText',
  html: 'info',
  panel: 'panel',
  boolean: 'yesNo',
  image: 'image',
  expression: 'computed',
} as const;
export type ElementTypeName = (typeof ELEMENT_TYPE_NAMES)[keyof typeof ELEMENT_TYPE_NAMES];

export function elementTypeName(type: string): ElementTypeName | null {
  return (ELEMENT_TYPE_NAMES as Record<string, ElementTypeName>)[type] ?? null;
}

/** The words a condition reads in (the staff UI's language). */
export interface ConditionWords {
  readonly is: string;
  readonly isNot: string;
  readonly includes: string;
  readonly isAnswered: string;
  readonly isEmpty: string;
  readonly and: string;
  readonly or: string;
}

/**
 * A skip-logic expression as a sentence researchers read: `{adult} = 'yes' and
 * ({worked__before} = 'yes' or …)` → `“Are you 18 or older?” is “Yes” and (“…” is “Yes” or …)`.
 * Question names become their text and choice values their labels; operators it does not
 * know stay as written, so nothing is hidden from the reader.
 */
export function conditionSentence(definition: SurveyDefinition, expression: string, words: ConditionWords): string {
  const choiceText = (question: string, value: string) => {
    const element = findElement(definition, question);
    for (const choice of element?.choices ?? []) {
      if (typeof choice === 'object' && String(choice.value) === value) return sourceText(choice.text) || value;
      if (String(choice) === value) return value;
    }
    if (value === 'refused') return value;
    return value;
  };
  let lastQuestion = '';
  const tokens = /\{(\w+)\}|'((?:[^'\\]|\\.)*)'|(!=|<>|=|\banyof\b|\bcontains\b|\bnotempty\b|\bempty\b|\band\b|\bor\b)/gi;
  return expression.replace(tokens, (whole, name: string | undefined, value: string | undefined, operator: string | undefined) => {
    if (name) {
      lastQuestion = name;
      return `“${questionLabel(definition, name)}”`;
    }
    if (value !== undefined) return `“${choiceText(lastQuestion, value.replace(/\\(.)/g, '$1'))}”`;
    switch ((operator ?? '').toLowerCase()) {
      case '=':
        return words.is;
      case '!=':
      case '<>':
        return words.isNot;
      case 'anyof':
      case 'contains':
        return words.includes;
      case 'notempty':
        return words.isAnswered;
      case 'empty':
        return words.isEmpty;
      case 'and':
        return words.and;
      case 'or':
        return words.or;
      default:
        return whole;
    }
  });
}
