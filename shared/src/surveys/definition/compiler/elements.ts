import { COMMENT_SUFFIX, type ElementJson, type PageJson, type SurveyDefinition } from '../survey-definition';
import { addCondition, type CompileContext } from './context';
import { compileQuestion } from './questions';
import { checkNoExternalAssets, refuseQuestionType } from './refusals';
import type { ContainerSpec, DefinitionProblem, QuestionKind } from './types';

/** Elements that show content but take no answer. */
const DISPLAY_TYPES = new Set(['html', 'image']);

const QUESTION_KINDS: Readonly<Record<string, QuestionKind>> = {
  text: 'text',
  comment: 'text',
  radiogroup: 'single',
  dropdown: 'single',
  rating: 'single',
  checkbox: 'multi',
  tagbox: 'multi',
  boolean: 'boolean',
  matrix: 'matrix',
  multipletext: 'multipletext',
  matrixdropdown: 'matrixdropdown',
  expression: 'expression',
};

/** The survey's pages: its `pages`, or one page holding its top-level `elements` (or legacy `questions`). */
export function readPages(definition: SurveyDefinition, problems: DefinitionProblem[]): readonly PageJson[] {
  if (Array.isArray(definition.pages)) {
    if (definition.elements !== undefined) {
      problems.push({ path: 'elements', message: 'use either "pages" or top-level "elements", not both' });
    }
    return definition.pages.filter((page, index) => {
      if (typeof page !== 'object' || page === null) {
        problems.push({ path: `pages[${index}]`, message: 'each page must be an object' });
        return false;
      }
      return true;
    });
  }
  if (definition.pages !== undefined) problems.push({ path: 'pages', message: 'pages must be an array' });
  const legacy = definition['questions'];
  if (Array.isArray(legacy)) {
    // SurveyJS still reads a survey-level "questions" list as the elements of one page.
    if (definition.elements !== undefined)
      problems.push({ path: 'questions', message: 'use either top-level "elements" or the legacy "questions", not both' });
    return [{ elements: legacy as readonly ElementJson[] }];
  }
  if (Array.isArray(definition.elements)) return [{ elements: definition.elements }];
  return [];
}

/** Walks every page and what it contains; problems are reported at the paths the researcher wrote. */
export function walkPages(context: CompileContext, definition: SurveyDefinition, pages: readonly PageJson[]): void {
  const topLevelPath = Array.isArray(definition.pages) ? undefined : Array.isArray(definition['questions']) ? 'questions' : 'elements';
  pages.forEach((page, pageIndex) => {
    const pagePath = `pages[${pageIndex}]`;
    const pageSpec: ContainerSpec = {
      kind: 'page',
      name: typeof page.name === 'string' ? page.name : `page${pageIndex + 1}`,
      visible: page.visible !== false,
      visibleIf: addCondition(context, page.visibleIf, `${pagePath}.visibleIf`),
      readOnly: context.surveyReadOnly || page['readOnly'] === true,
      enableIf: addCondition(context, page['enableIf'], `${pagePath}.enableIf`),
    };
    walkElements(context, childElements(context, page, pagePath), topLevelPath ?? `${pagePath}.elements`, [pageSpec]);
  });
}

/** `elements`, or the legacy `questions` SurveyJS still reads; never both. */
function childElements(context: CompileContext, container: PageJson | ElementJson, path: string): readonly ElementJson[] {
  const legacy = container['questions'];
  if (legacy === undefined) return container.elements ?? [];
  if (container.elements !== undefined) {
    context.problems.push({ path: `${path}.questions`, message: 'use either "elements" or the legacy "questions", not both' });
    return [];
  }
  return legacy as readonly ElementJson[];
}

function walkElements(context: CompileContext, elements: readonly ElementJson[], path: string, containers: readonly ContainerSpec[]): void {
  if (!Array.isArray(elements)) {
    context.problems.push({ path, message: 'elements must be an array' });
    return;
  }
  elements.forEach((element, index) => {
    const elementPath = `${path}[${index}]`;
    if (typeof element !== 'object' || element === null || typeof element.type !== 'string') {
      context.problems.push({ path: elementPath, message: 'each element needs a "type"' });
    } else if (element.type === 'panel') {
      walkPanel(context, element, index, elementPath, containers);
    } else if (DISPLAY_TYPES.has(element.type)) {
      checkNoExternalAssets(element['imageLink'], `${elementPath}.imageLink`, context.problems);
      addCondition(context, element.visibleIf, `${elementPath}.visibleIf`);
    } else {
      addQuestion(context, element, elementPath, containers);
    }
  });
}

/** A panel: its contents walked inside it, and a requirement when it must hold at least one answer. */
function walkPanel(context: CompileContext, element: ElementJson, index: number, path: string, containers: readonly ContainerSpec[]): void {
  const panel: ContainerSpec = {
    kind: 'panel',
    name: typeof element.name === 'string' ? element.name : `panel${index + 1}`,
    visible: element.visible !== false,
    visibleIf: addCondition(context, element.visibleIf, `${path}.visibleIf`),
    readOnly: element['readOnly'] === true,
    enableIf: addCondition(context, element['enableIf'], `${path}.enableIf`),
  };
  const before = new Set(context.questions.keys());
  walkElements(context, childElements(context, element, path), `${path}.elements`, [...containers, panel]);
  const requiredIf = addCondition(context, element.requiredIf, `${path}.requiredIf`);
  if (element.isRequired === true || requiredIf !== undefined) {
    const inside = [...context.questions.keys()].filter((name) => !before.has(name));
    context.panels.push({
      name: panel.name,
      required: element.isRequired === true,
      requiredIf,
      containers: [...containers, panel],
      questions: inside,
    });
  }
}

/** A question of a known type, compiled and recorded under its (unique) name with its comment key. */
function addQuestion(context: CompileContext, element: ElementJson, path: string, containers: readonly ContainerSpec[]): void {
  const kind = QUESTION_KINDS[element.type];
  if (!kind) {
    refuseQuestionType(element.type, path, context.problems);
    return;
  }
  const question = compileQuestion(context, element, kind, path, containers);
  if (!question) return;
  if (context.questions.has(question.name)) {
    context.problems.push({ path: `${path}.name`, message: `the name "${question.name}" is used twice` });
    return;
  }
  context.questions.set(question.name, question);
  if (question.hasOther || question.hasComment) context.commentKeys.set(question.name + COMMENT_SUFFIX, question.name);
}
