import { localize, type SurveyDefinition, type TranslatableString } from '@candor/shared';
import type { StaffTranslate } from '../../../lib/staff/staff-i18n';

const SHORT = 70;

function shorten(text: string): string {
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > SHORT ? `${plain.slice(0, SHORT - 1)}…` : plain;
}

/** The value at a dotted path of the definition (`pages.0.elements.2`), or undefined. */
function at(definition: SurveyDefinition, path: string): unknown {
  let node: unknown = definition;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** What part of a question a string is, in the staff member's language ("choice 2"). */
function partName(rest: string, t: StaffTranslate): string {
  const item = /^(choices|rows|columns|items|validators)\.(\d+)\./.exec(rest);
  if (item) {
    const n = Number(item[2]) + 1;
    if (item[1] === 'choices') return t('translations.part.choice', { n });
    if (item[1] === 'rows') return t('translations.part.row', { n });
    if (item[1] === 'columns') return t('translations.part.column', { n });
    return t('translations.part.item', { n });
  }
  if (rest === 'title') return t('translations.part.question');
  if (rest === 'completedHtml') return t('translations.part.closing');
  if (rest === 'description') return t('translations.part.description');
  return rest;
}

/**
 * A translation row named by what respondents read — the question's own text and the part
 * of it ("“Are you 18 or older?” · choice 2") — never by element types and names.
 */
export function translationRowLabel(entry: TranslatableString, definition: SurveyDefinition, t: StaffTranslate): string {
  const element = /^(.*elements\.\d+)\.(.+)$/.exec(entry.path);
  if (element) {
    const [, elementPath = '', rest = ''] = element;
    const node = at(definition, elementPath);
    if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      const title = record['title'] !== undefined ? localize(record['title'] as Parameters<typeof localize>[0], 'en') : '';
      const text = shorten(title || String(record['name'] ?? ''));
      return `“${text}” · ${partName(rest, t)}`;
    }
    return entry.context;
  }
  const page = /^pages\.(\d+)\.(\w+)$/.exec(entry.path);
  if (page)
    return t('translations.part.page', {
      n: Number(page[1]) + 1,
      part: page[2] === 'title' ? t('translations.part.title') : partName(page[2] ?? '', t),
    });
  if (!entry.path.includes('.')) {
    const part = entry.path === 'title' ? t('translations.part.title') : partName(entry.path, t);
    return t('translations.part.survey', { part });
  }
  return entry.context;
}
