import {
  ABILITY_SCALE,
  FREQUENCY_SCALE,
  YES_NO_SCALE,
  pairQuestionName,
  PAIR_SUFFIXES,
  refuseItem,
  type ChoiceJson,
  type ElementJson,
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
  frequency: [...FREQUENCY_SCALE],
  ability: [...ABILITY_SCALE],
  yesNo: [...YES_NO_SCALE],
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

/** A new single-choice question: yes or no, with "prefer not to say". */
function newSingleChoice(definition: SurveyDefinition): El {
  return {
    type: 'radiogroup',
    name: uniqueName(definition, 'question'),
    title: { default: 'New question' },
    choices: clone(CHOICE_PRESETS.yesNo),
    ...clone(REFUSE),
  };
}

/** A new choose-all-that-apply question, with "none of these" and "prefer not to say". */
function newMultipleChoice(definition: SurveyDefinition): El {
  return {
    type: 'checkbox',
    name: uniqueName(definition, 'question'),
    title: { default: 'New question (choose all that apply)' },
    choices: [
      { value: 'option1', text: { default: 'Option 1' } },
      { value: 'option2', text: { default: 'Option 2' } },
    ],
    showNoneItem: true,
    ...clone(REFUSE),
  };
}

/** A new ordinal scale (how often), compared by order rather than by category. */
function newOrdinalScale(definition: SurveyDefinition): El {
  return {
    type: 'radiogroup',
    name: uniqueName(definition, 'scale'),
    title: { default: 'How often…?' },
    candorScale: 'ordinal',
    choices: clone(CHOICE_PRESETS.frequency),
    ...clone(REFUSE),
  };
}

/** A new count asked in bands, so no exact number can single anyone out. */
function newBandedCount(definition: SurveyDefinition): El {
  return {
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
  };
}

/** A new before/after pair: two halves with the same answers, named from one stem. */
function newPair(definition: SurveyDefinition): El[] {
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

/** A new matrix: rows answered on the frequency scale. */
function newMatrix(definition: SurveyDefinition): El {
  return {
    type: 'matrix',
    name: uniqueName(definition, 'grid'),
    title: { default: 'New matrix question' },
    rows: [
      { value: 'row1', text: { default: 'Row 1' } },
      { value: 'row2', text: { default: 'Row 2' } },
    ],
    columns: clone(CHOICE_PRESETS.frequency),
  };
}

/** A new free-text question, warning respondents off identifying details. */
function newFreeText(definition: SurveyDefinition): El {
  return {
    type: 'comment',
    name: uniqueName(definition, 'comments'),
    title: { default: 'Anything else you want to tell us?' },
    description: { default: 'Please do not include names, phone numbers, usernames, links, places or dates.' },
    maxLength: 1000,
    candorIdentifyingWarning: true,
  };
}

/** New information text for respondents (no answer). */
function newInfo(definition: SurveyDefinition): El {
  return { type: 'html', name: uniqueName(definition, 'info'), html: { default: '<p>Information for respondents.</p>' } };
}

/** The element(s) a template adds: one builder per kind, two elements for a pair. */
function newElements(definition: SurveyDefinition, template: QuestionTemplate): El[] {
  switch (template) {
    case 'single':
      return [newSingleChoice(definition)];
    case 'multiple':
      return [newMultipleChoice(definition)];
    case 'ordinal':
      return [newOrdinalScale(definition)];
    case 'banded':
      return [newBandedCount(definition)];
    case 'pair':
      return newPair(definition);
    case 'matrix':
      return [newMatrix(definition)];
    case 'freeText':
      return [newFreeText(definition)];
    case 'info':
      return [newInfo(definition)];
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
