import { looksLikeHtml, richTextFits, sourceHash } from './rich-text';
import type { SurveyDefinition } from './survey-definition';

/**
 * Every string a respondent can see, with its translations, so researchers can see
 * what is missing and fill it in. Paths are dot-separated JSON paths
 * (`pages.2.elements.0.choices.1.text`).
 */
export interface TranslatableString {
  readonly path: string;
  /** Where it appears, for people: "question weekly_income__before: choice 3". */
  readonly context: string;
  /** The source text (SurveyJS's `default` locale). */
  readonly source: string;
  readonly translations: Readonly<Record<string, string>>;
  /**
   * How a person edits it: `text` as it is; `rich` HTML edited as text (paragraphs, links,
   * lists kept: see rich-text.ts); `html` HTML that does not fit the text form (tables, images).
   */
  readonly format: TranslationFormat;
}

export type TranslationFormat = 'text' | 'rich' | 'html';

/** Properties SurveyJS renders as HTML (the server cleans them on every save). */
const HTML_KEYS = new Set(['html', 'completedHtml', 'completedBeforeHtml']);

/** How a string is edited, from where it sits and what it holds. */
export function translationFormat(path: string, source: string): TranslationFormat {
  const key = path.slice(path.lastIndexOf('.') + 1);
  if (!HTML_KEYS.has(key) && !looksLikeHtml(source)) return 'text';
  return richTextFits(source) ? 'rich' : 'html';
}

/**
 * For each language, the fingerprint of the source text each translation was made from
 * (`locale → path → sourceHash`): stored beside the survey when a translation is saved.
 */
export type TranslationSources = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * The paths whose translation into `locale` was made from another source text than today's
 * ("source changed since translated"). A translation saved before fingerprints were kept has
 * none and is not flagged.
 */
export function staleTranslations(strings: readonly TranslatableString[], sources: TranslationSources, locale: string): string[] {
  const made = sources[locale] ?? {};
  return strings
    .filter((s) => (s.translations[locale] ?? '').trim() !== '' && made[s.path] !== undefined && made[s.path] !== sourceHash(s.source))
    .map((s) => s.path);
}

/**
 * The fingerprints after saving `texts` into `locale`: each saved text records the source it
 * was made from (`madeFrom`, default today's source); a removed translation drops its entry;
 * entries for paths no longer in the survey are dropped.
 */
export function recordTranslationSources(
  strings: readonly TranslatableString[],
  previous: TranslationSources,
  locale: string,
  texts: Readonly<Record<string, string>>,
  madeFrom: Readonly<Record<string, string>> = {},
): Record<string, Record<string, string>> {
  const byPath = new Map(strings.map((s) => [s.path, s.source]));
  const next: Record<string, Record<string, string>> = {};
  for (const [code, entries] of Object.entries(previous))
    next[code] = Object.fromEntries(Object.entries(entries).filter(([path]) => byPath.has(path)));
  const mine = { ...(next[locale] ?? {}) };
  for (const [path, text] of Object.entries(texts)) {
    if (text.trim() === '') delete mine[path];
    else mine[path] = sourceHash(madeFrom[path] ?? byPath.get(path) ?? '');
  }
  next[locale] = mine;
  return next;
}

const SURVEY_STRINGS = ['title', 'description', 'completedHtml', 'completedBeforeHtml', 'pagePrevText', 'pageNextText', 'completeText'];
const PAGE_STRINGS = ['title', 'description'];
const ELEMENT_STRINGS = [
  'title',
  'description',
  'html',
  'placeholder',
  'requiredErrorText',
  'otherText',
  'noneText',
  'refuseText',
  'dontKnowText',
  'otherPlaceholder',
  'commentText',
  'labelTrue',
  'labelFalse',
  'minRateDescription',
  'maxRateDescription',
];
const ITEM_LISTS = ['choices', 'rows', 'columns', 'rateValues'];

type Json = Record<string, unknown>;

/** The language survey definitions are written in (SurveyJS's `default`). */
export const SOURCE_LOCALE = 'en';

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readLocalizable(value: unknown): { source: string; translations: Record<string, string> } | null {
  if (typeof value === 'string') return { source: value, translations: {} };
  if (!isObject(value)) return null;
  const translations: Record<string, string> = {};
  for (const [locale, text] of Object.entries(value)) {
    if (locale !== 'default' && typeof text === 'string') translations[locale] = text;
  }
  const source = typeof value['default'] === 'string' ? value['default'] : (translations['en'] ?? '');
  if (value['default'] === undefined && translations['en'] !== undefined) delete translations['en'];
  return { source, translations };
}

/** Lists every translatable string of a definition, in reading order. */
export function listTranslatableStrings(definition: SurveyDefinition): TranslatableString[] {
  const strings: TranslatableString[] = [];
  const add = (container: Json, key: string, path: string, context: string) => {
    const read = readLocalizable(container[key]);
    const full = `${path}${path ? '.' : ''}${key}`;
    if (read && read.source.trim() !== '') strings.push({ path: full, context, ...read, format: translationFormat(full, read.source) });
  };
  const root = definition as Json;
  for (const key of SURVEY_STRINGS) add(root, key, '', `survey ${key}`);

  const walkElements = (elements: unknown, path: string) => {
    if (!Array.isArray(elements)) return;
    elements.forEach((element, index) => {
      if (!isObject(element)) return;
      const elementPath = `${path}.${index}`;
      const label = `${String(element['type'])} ${String(element['name'] ?? index + 1)}`;
      for (const key of ELEMENT_STRINGS) add(element, key, elementPath, `${label}: ${key}`);
      for (const list of ITEM_LISTS) {
        const items = element[list];
        if (!Array.isArray(items)) continue;
        items.forEach((item, itemIndex) => {
          const itemPath = `${elementPath}.${list}.${itemIndex}`;
          const itemLabel = `${label}: ${list.replace(/s$/, '')} ${itemIndex + 1}`;
          if (isObject(item)) {
            if (item['text'] !== undefined) add(item, 'text', itemPath, itemLabel);
            else if (typeof item['value'] === 'string')
              strings.push({ path: `${itemPath}.text`, context: itemLabel, source: item['value'], translations: {}, format: 'text' });
          } else if (typeof item === 'string') {
            strings.push({ path: `${itemPath}.text`, context: itemLabel, source: item, translations: {}, format: 'text' });
          }
        });
      }
      walkElements(element['elements'], `${elementPath}.elements`);
    });
  };

  if (Array.isArray(root['pages'])) {
    (root['pages'] as unknown[]).forEach((page, index) => {
      if (!isObject(page)) return;
      const pagePath = `pages.${index}`;
      for (const key of PAGE_STRINGS) add(page, key, pagePath, `page ${String(page['name'] ?? index + 1)}: ${key}`);
      walkElements(page['elements'], `${pagePath}.elements`);
    });
  } else {
    walkElements(root['elements'], 'elements');
  }
  return strings;
}

/** How many strings lack a translation, per locale (the source locale never does). */
export function countMissingTranslations(definition: SurveyDefinition, locales: readonly string[]): Record<string, number> {
  const strings = listTranslatableStrings(definition);
  const counts: Record<string, number> = {};
  for (const locale of locales) {
    if (locale === SOURCE_LOCALE) continue;
    counts[locale] = strings.filter((s) => (s.translations[locale] ?? '').trim() === '').length;
  }
  return counts;
}

export class TranslationPathError extends Error {
  constructor(readonly path: string) {
    super(`"${path}" is not a translatable string of this survey`);
    this.name = 'TranslationPathError';
  }
}

/**
 * Returns a copy of the definition with the given texts set for `locale` (an empty
 * text removes the translation). Only paths that {@link listTranslatableStrings} lists
 * are accepted. A choice given as a bare value becomes `{ value, text }`.
 */
export function applyTranslations(definition: SurveyDefinition, locale: string, texts: Readonly<Record<string, string>>): SurveyDefinition {
  if (!/^[a-z]{2}(-[A-Z]{2})?$/.test(locale)) throw new Error(`"${locale}" is not a language code`);
  if (locale === SOURCE_LOCALE) throw new Error('English is the source language: edit it in the designer');
  const allowed = new Set(listTranslatableStrings(definition).map((s) => s.path));
  const copy = JSON.parse(JSON.stringify(definition)) as Json;
  for (const [path, text] of Object.entries(texts)) {
    if (!allowed.has(path)) throw new TranslationPathError(path);
    const keys = path.split('.');
    const last = keys.pop() as string;
    let container: unknown = copy;
    let parent: unknown = null;
    let parentKey = '';
    for (const key of keys) {
      parent = container;
      parentKey = key;
      container = Array.isArray(container) ? container[Number(key)] : (container as Json)[key];
    }
    if (!isObject(container)) {
      // A bare choice value: turn it into an item object first.
      const value = container;
      const item: Json = { value, text: { default: String(value) } };
      if (Array.isArray(parent)) parent[Number(parentKey)] = item;
      container = item;
    }
    const target = container as Json;
    const current = target[last];
    const localized: Record<string, string> =
      typeof current === 'string'
        ? { default: current }
        : isObject(current)
          ? { ...(current as Record<string, string>) }
          : { default: String((target['value'] as string) ?? '') };
    if (localized['default'] === undefined && localized['en'] !== undefined) {
      localized['default'] = localized['en'];
      delete localized['en'];
    }
    if (text.trim() === '') delete localized[locale];
    else localized[locale] = text;
    target[last] = localized;
  }
  return copy;
}
