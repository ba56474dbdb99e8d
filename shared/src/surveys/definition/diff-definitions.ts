import { canonicalJson } from './canonical-json';
import type { ElementJson, PageJson, SurveyDefinition } from './survey-definition';

/** One difference between two versions of a survey, for staff to read. */
export interface DefinitionChange {
  readonly kind: 'added' | 'removed' | 'changed' | 'moved';
  readonly target: 'survey' | 'page' | 'question' | 'element';
  readonly name: string;
  /** Which properties changed (for `changed`). */
  readonly fields: readonly string[];
}

interface Located {
  readonly element: ElementJson;
  readonly page: string;
  readonly index: number;
}

function pagesOf(definition: SurveyDefinition): readonly PageJson[] {
  if (Array.isArray(definition.pages)) return definition.pages;
  return [{ name: 'page1', elements: definition.elements ?? [] }];
}

function collect(definition: SurveyDefinition): { elements: Map<string, Located>; pages: Map<string, PageJson> } {
  const elements = new Map<string, Located>();
  const pages = new Map<string, PageJson>();
  let order = 0;
  pagesOf(definition).forEach((page, pageIndex) => {
    const pageName = typeof page.name === 'string' ? page.name : `page${pageIndex + 1}`;
    pages.set(pageName, page);
    const walk = (list: readonly ElementJson[] | undefined) => {
      for (const element of list ?? []) {
        const name = typeof element.name === 'string' ? element.name : `${element.type}#${order}`;
        elements.set(name, { element, page: pageName, index: order++ });
        if (element.type === 'panel') walk(element.elements);
      }
    };
    walk(page.elements);
  });
  return { elements, pages };
}

function changedFields(a: Record<string, unknown>, b: Record<string, unknown>, ignore: readonly string[]): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((key) => !ignore.includes(key) && canonicalJson(a[key]) !== canonicalJson(b[key])).sort();
}

/**
 * What changed between two versions: questions and pages added, removed, changed
 * (and which properties) or moved to another page. Matching is by name.
 */
export function diffDefinitions(before: SurveyDefinition, after: SurveyDefinition): DefinitionChange[] {
  const a = collect(before);
  const b = collect(after);
  const changes: DefinitionChange[] = [];

  const surveyFields = changedFields(before, after, ['pages', 'elements']);
  if (surveyFields.length > 0) changes.push({ kind: 'changed', target: 'survey', name: 'survey', fields: surveyFields });

  for (const [name, page] of b.pages) {
    const old = a.pages.get(name);
    if (!old) changes.push({ kind: 'added', target: 'page', name, fields: [] });
    else {
      const fields = changedFields(old, page, ['elements', 'name']);
      if (fields.length > 0) changes.push({ kind: 'changed', target: 'page', name, fields });
    }
  }
  for (const name of a.pages.keys()) if (!b.pages.has(name)) changes.push({ kind: 'removed', target: 'page', name, fields: [] });

  const targetOf = (element: ElementJson): DefinitionChange['target'] =>
    ['html', 'image', 'expression', 'panel'].includes(element.type) ? 'element' : 'question';
  for (const [name, located] of b.elements) {
    const old = a.elements.get(name);
    if (!old) {
      changes.push({ kind: 'added', target: targetOf(located.element), name, fields: [] });
      continue;
    }
    const fields = changedFields(old.element, located.element, ['elements', 'name']);
    if (fields.length > 0) changes.push({ kind: 'changed', target: targetOf(located.element), name, fields });
    if (old.page !== located.page)
      changes.push({ kind: 'moved', target: targetOf(located.element), name, fields: [`page: ${old.page} → ${located.page}`] });
  }
  for (const [name, located] of a.elements) {
    if (!b.elements.has(name)) changes.push({ kind: 'removed', target: targetOf(located.element), name, fields: [] });
  }
  return changes;
}
