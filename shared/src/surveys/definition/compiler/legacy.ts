import type { ElementJson, PageJson, SurveyDefinition } from '../survey-definition';

/**
 * SurveyJS still reads the legacy `questions` list (of the survey, a page or a panel) as
 * `elements`. Candor stores definitions with `elements` only, so every reader (the no-JS form,
 * the catalogue's titles, the designer) sees the questions survey-core shows. Where both are
 * present nothing is changed: the compiler refuses that definition.
 */
export function normalizeLegacyElements(definition: SurveyDefinition): SurveyDefinition {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) return definition;
  let result: SurveyDefinition = definition;
  if (!Array.isArray(definition.pages) && Array.isArray(definition['questions']) && definition.elements === undefined) {
    const { questions, ...rest } = definition as SurveyDefinition & { questions: readonly ElementJson[] };
    result = { ...rest, elements: questions };
  }
  if (Array.isArray(result.pages)) result = { ...result, pages: result.pages.map((page) => withElements(page)) };
  if (Array.isArray(result.elements)) result = { ...result, elements: result.elements.map((element) => withElements(element)) };
  return result;
}

function withElements<T extends PageJson | ElementJson>(container: T): T {
  if (typeof container !== 'object' || container === null) return container;
  let result = container;
  const legacy = container['questions'];
  if (Array.isArray(legacy) && container.elements === undefined) {
    const { questions: _legacy, ...rest } = container as T & { questions: unknown };
    result = { ...rest, elements: legacy } as unknown as T;
  }
  if (Array.isArray(result.elements))
    result = { ...result, elements: result.elements.map((element: ElementJson) => withElements(element)) };
  return result;
}
