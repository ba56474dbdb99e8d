import {
  COMMENT_SUFFIX,
  SPECIAL_VALUES,
  type ChoiceJson,
  type ChoiceValue,
  type ElementJson,
  type PageJson,
  type SurveyDefinition,
  type ValidatorJson,
} from './survey-definition';
import { SUBMISSION_LIMITS } from '../contracts/public-surveys';
import { findClockFunctions } from './clock-functions';
import { isSameSiteUrl } from './same-site-url';
import { compileSafePattern, REGEX_LIMITS, type SafePattern } from './safe-regex';
import { DATE_INPUT_TYPES, readDatePrecision, type DateInputType, type DateRules } from './compiler/dates';

/**
 * A survey definition compiled once per version into the plain facts the answer
 * validator needs: which questions exist, which values each accepts, and the
 * conditions that show or require them. Building this is the expensive part; using
 * it is a few map look-ups and condition evaluations per answer.
 */
export type QuestionKind =
  'text' | 'number' | 'date' | 'single' | 'multi' | 'boolean' | 'matrix' | 'matrixdropdown' | 'multipletext' | 'expression';

/** One box of a `multipletext` question: its answer is text (or a number), never published. */
export interface TextItemSpec {
  readonly name: string;
  readonly kind: 'text' | 'number';
  readonly required: boolean;
  readonly text: TextRules;
  readonly number?: NumberRules;
}

export interface ChoiceSpec {
  readonly value: ChoiceValue;
  readonly visibleIf?: string;
  /** `none`, `refused` and `dontknow` must stand alone in a multi-select answer. */
  readonly exclusive: boolean;
  /** A special item ("none", "refused", "don't know", "other"): `choicesVisibleIf` does not filter it. */
  readonly special?: boolean;
}

export interface ContainerSpec {
  readonly kind: 'page' | 'panel';
  readonly name: string;
  readonly visible: boolean;
  readonly visibleIf?: string;
  /** A read-only or disabled page or panel: survey-core requires nothing inside it. */
  readonly readOnly?: boolean;
  readonly enableIf?: string;
}

/** A panel with `isRequired` / `requiredIf`: at least one question inside must be answered. */
export interface PanelRequirement {
  readonly name: string;
  readonly required: boolean;
  readonly requiredIf?: string;
  /** The panel itself last. */
  readonly containers: readonly ContainerSpec[];
  readonly questions: readonly string[];
}

export interface TextRules {
  readonly minLength?: number;
  readonly maxLength: number;
  readonly patterns: readonly SafePattern[];
  readonly allowDigits: boolean;
  /** A `numeric` validator on text: the text must read as a number within these bounds. */
  readonly numeric?: NumberRules;
  /** `inputType: 'email'` or an `email` validator: survey-core's e-mail pattern. */
  readonly email?: boolean;
}

export interface NumberRules {
  readonly min?: number;
  readonly max?: number;
  /** `minValueExpression` / `maxValueExpression`, evaluated against the answers. */
  readonly minExpression?: string;
  readonly maxExpression?: string;
}

export interface QuestionSpec {
  readonly name: string;
  readonly type: string;
  readonly kind: QuestionKind;
  readonly visible: boolean;
  readonly visibleIf?: string;
  readonly required: boolean;
  readonly requiredIf?: string;
  /** Read-only or disabled (`enableIf`) questions are never required, as in survey-core. */
  readonly readOnly?: boolean;
  readonly enableIf?: string;
  /** `allowCustomChoices`: the respondent may add a value of their own (kept, never published). */
  readonly customChoices?: boolean;
  /** Matrix `rowsVisibleIf` / `columnsVisibleIf`, evaluated with `{item}` set to each row or column. */
  readonly rowsVisibleIf?: string;
  readonly columnsVisibleIf?: string;
  /** `choicesVisibleIf`, evaluated with `{item}` set to each (non-special) choice. */
  readonly choicesVisibleIf?: string;
  /** `choicesFromQuestion`: the choices are another question's, all of them or only those chosen (or not) there. */
  readonly choicesFrom?: { readonly question: string; readonly mode: 'all' | 'selected' | 'unselected' };
  /** Page and panels that contain the question, outermost first. */
  readonly containers: readonly ContainerSpec[];
  readonly choices: readonly ChoiceSpec[];
  readonly hasOther: boolean;
  readonly hasComment: boolean;
  readonly minSelected?: number;
  readonly maxSelected?: number;
  readonly text?: TextRules;
  readonly number?: NumberRules;
  /** Date and time inputs: format, bounds and the precision answers are stored at. */
  readonly date?: DateRules;
  readonly booleanValues?: readonly [unknown, unknown];
  readonly rows?: readonly ChoiceSpec[];
  readonly eachRowRequired?: boolean;
  /** The boxes of a `multipletext` question. */
  readonly items?: readonly TextItemSpec[];
  /** The columns of a `matrixdropdown` question: each cell is validated as this question would be. */
  readonly columns?: readonly QuestionSpec[];
  /** `expression` validators: the answer is rejected when the expression is false. */
  readonly expressionValidators: readonly string[];
  /** A "skip this section?" question (`candorRole: 'section-skip'`): navigation, not data. */
  readonly navigation: boolean;
}

export interface CompiledSurvey {
  readonly questions: ReadonlyMap<string, QuestionSpec>;
  /** Comment keys (`q-Comment`) and the question each belongs to. */
  readonly commentKeys: ReadonlyMap<string, string>;
  /** Every condition in the survey, so an evaluator can be warmed or checked up front. */
  readonly conditions: readonly string[];
  /** The longest free text accepted anywhere in the survey. */
  readonly maxTextLength: number;
  /** Panels that require at least one answer inside. */
  readonly panels?: readonly PanelRequirement[];
}

export interface DefinitionProblem {
  readonly path: string;
  readonly message: string;
}

export class InvalidDefinitionError extends Error {
  constructor(readonly problems: readonly DefinitionProblem[]) {
    super(`The survey definition has ${problems.length} problem(s): ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    this.name = 'InvalidDefinitionError';
  }
}

/** The names the designer gives new questions: plain, so they read well in expressions and tables. */
export const QUESTION_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/**
 * Names imported from SurveyJS may hold spaces, hyphens and punctuation (real questionnaires use
 * "Care Provider" or "What should be improved?"). Refused: braces and brackets (they end an
 * expression variable), dots (survey-core reads `{a.b}` as a path), control characters, outer
 * spaces (survey-core trims them), "|" (survey-core drops it), "#" and "×" (they join the ids of
 * published tables), a leading formula character, and names ending in "-Comment" (the comment key suffix).
 */
const IMPORTED_NAME_PATTERN = /^[\p{L}\p{N}_](?:[^\p{Cc}{}[\].|#×]{0,198}[^\p{Cc}{}[\].|#×\s])?$/u;
const RESERVED_NAMES = new Set(['constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'item']);

/** Whether a question name can be stored, counted and used in expressions safely. */
export function isAcceptableQuestionName(name: unknown): name is string {
  return typeof name === 'string' && IMPORTED_NAME_PATTERN.test(name) && !RESERVED_NAMES.has(name) && !name.endsWith(COMMENT_SUFFIX);
}

/**
 * A ten-kilobyte definition can describe a matrix of a thousand rows by two hundred dropdown
 * columns: every anonymous visit to it would build a 35 MB page. Real questionnaires offer a
 * few hundred answer options; this bound keeps every page small and quick to build.
 */
export const MAX_ANSWER_OPTIONS = 5000;

/** The answer options a survey renders: choices, matrix cells (times their choices), text boxes. */
function countAnswerOptions(questions: Iterable<QuestionSpec>): number {
  let total = 0;
  for (const question of questions) {
    const choices = Math.max(1, question.choices.length);
    const rows = Math.max(1, question.rows?.length ?? 1);
    if (question.kind === 'matrixdropdown')
      total += rows * (question.columns ?? []).reduce((sum, column) => sum + Math.max(1, column.choices.length), 0);
    else if (question.kind === 'matrix') total += rows * choices;
    else if (question.kind === 'multipletext') total += Math.max(1, question.items?.length ?? 1);
    else total += choices;
  }
  return total;
}

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

/** Cell types of a `matrixdropdown` and the kind of answer each holds. */
const CELL_KINDS: Readonly<Record<string, QuestionKind>> = {
  dropdown: 'single',
  radiogroup: 'single',
  rating: 'single',
  checkbox: 'multi',
  tagbox: 'multi',
  boolean: 'boolean',
  text: 'text',
  comment: 'text',
};
/** Column properties that depend on the row (`{row.x}`) or store values elsewhere: not validated yet. */
const CELL_PROPERTIES_REFUSED = [
  'visibleIf',
  'enableIf',
  'requiredIf',
  'showOtherItem',
  'hasOther',
  'showCommentArea',
  'hasComment',
  'choicesByUrl',
  'choicesFromQuestion',
  'choicesVisibleIf',
  // A value of the respondent's own in a cell would be typed text the sealing cannot find yet.
  'allowCustomChoices',
] as const;

/** Question types refused, with the reason the researcher sees. */
const REFUSED_TYPES: Readonly<Record<string, string>> = {
  file: 'uploaded files carry metadata (names, camera, place, time) that can identify the respondent',
  signaturepad: 'a signature identifies the respondent',
  matrixdynamic: 'not supported yet: the server cannot validate or count its rows',
  paneldynamic: 'not supported yet: the server cannot validate or count its repeated panels',
  ranking: 'not supported yet: the server cannot validate or count rankings',
  imagepicker: 'not supported yet: the server cannot validate or count image choices',
};

/** Survey-level settings that would break anonymity, storage or validation. */
const FORBIDDEN_SURVEY_PROPERTIES: Readonly<Record<string, string>> = {
  cookieName: 'SurveyJS cookies would leave a trace on the respondent’s device',
  surveyId: 'the SurveyJS cloud service is a third party',
  surveyPostId: 'the SurveyJS cloud service is a third party',
  navigateToUrl: 'redirects after completion can leak that someone took part',
  navigateToUrlOnCondition: 'redirects after completion can leak that someone took part',
  triggers: 'triggers are not supported by the server-side validator',
  calculatedValues: 'calculated values are not supported by the server-side validator',
  sendResultOnPageNext: 'partial results are never sent; answers are submitted once, at the end',
};

const UNSUPPORTED_ELEMENT_PROPERTIES = [
  'choicesEnableIf',
  'choicesByUrl',
  'choiceValuesFromQuestion',
  'choiceTextsFromQuestion',
  'setValueExpression',
  'setValueIf',
  'resetValueIf',
  'valueName',
] as const;

const NUMBER_INPUT_TYPES = new Set(['number', 'range']);
const TEXT_INPUT_TYPES = new Set(['text', 'number', 'range', 'email', 'tel', 'url', 'password', 'color']);

/** Compiles a definition or throws {@link InvalidDefinitionError} listing every problem. */
export function compileSurvey(definition: SurveyDefinition): CompiledSurvey {
  const problems: DefinitionProblem[] = [];
  const questions = new Map<string, QuestionSpec>();
  const commentKeys = new Map<string, string>();
  const conditions: string[] = [];

  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    throw new InvalidDefinitionError([{ path: '', message: 'a survey definition must be a JSON object' }]);
  }

  for (const [property, reason] of Object.entries(FORBIDDEN_SURVEY_PROPERTIES)) {
    if (definition[property] !== undefined) problems.push({ path: property, message: `not allowed: ${reason}` });
  }
  if (definition['storeOthersAsComment'] === false) {
    problems.push({ path: 'storeOthersAsComment', message: 'must stay true: "Other" text is kept under <name>-Comment' });
  }
  if (definition['clearInvisibleValues'] === 'none') {
    problems.push({ path: 'clearInvisibleValues', message: 'answers to hidden questions must be cleared before submission' });
  }
  checkNoExternalAssets(definition['logo'], 'logo', problems);
  problems.push(...findClockFunctions(definition));

  const surveyMaxText = readTextLength(definition['maxTextLength'], 'maxTextLength', problems) ?? SUBMISSION_LIMITS.defaultTextLength;
  const surveyReadOnly = definition['mode'] === 'display';
  const panels: PanelRequirement[] = [];
  const pages = readPages(definition, problems);
  if (pages.length === 0) problems.push({ path: 'pages', message: 'the survey has no pages or elements' });

  const addCondition = (expression: unknown, path: string): string | undefined => {
    if (expression === undefined || expression === null || expression === '') return undefined;
    if (typeof expression !== 'string') {
      problems.push({ path, message: 'a condition must be a string expression' });
      return undefined;
    }
    conditions.push(expression);
    return expression;
  };

  const topLevelPath = Array.isArray(definition.pages) ? undefined : Array.isArray(definition['questions']) ? 'questions' : 'elements';
  pages.forEach((page, pageIndex) => {
    const pagePath = `pages[${pageIndex}]`;
    const pageSpec: ContainerSpec = {
      kind: 'page',
      name: typeof page.name === 'string' ? page.name : `page${pageIndex + 1}`,
      visible: page.visible !== false,
      visibleIf: addCondition(page.visibleIf, `${pagePath}.visibleIf`),
      readOnly: surveyReadOnly || page['readOnly'] === true,
      enableIf: addCondition(page['enableIf'], `${pagePath}.enableIf`),
    };
    walkElements(childElements(page, pagePath), topLevelPath ?? `${pagePath}.elements`, [pageSpec]);
  });

  function walkElements(elements: readonly ElementJson[], path: string, containers: readonly ContainerSpec[]): void {
    if (!Array.isArray(elements)) {
      problems.push({ path, message: 'elements must be an array' });
      return;
    }
    elements.forEach((element, index) => {
      const elementPath = `${path}[${index}]`;
      if (typeof element !== 'object' || element === null || typeof element.type !== 'string') {
        problems.push({ path: elementPath, message: 'each element needs a "type"' });
        return;
      }
      if (element.type === 'panel') {
        const panel: ContainerSpec = {
          kind: 'panel',
          name: typeof element.name === 'string' ? element.name : `panel${index + 1}`,
          visible: element.visible !== false,
          visibleIf: addCondition(element.visibleIf, `${elementPath}.visibleIf`),
          readOnly: element['readOnly'] === true,
          enableIf: addCondition(element['enableIf'], `${elementPath}.enableIf`),
        };
        const before = new Set(questions.keys());
        walkElements(childElements(element, elementPath), `${elementPath}.elements`, [...containers, panel]);
        const requiredIf = addCondition(element.requiredIf, `${elementPath}.requiredIf`);
        if (element.isRequired === true || requiredIf !== undefined) {
          const inside = [...questions.keys()].filter((name) => !before.has(name));
          panels.push({
            name: panel.name,
            required: element.isRequired === true,
            requiredIf,
            containers: [...containers, panel],
            questions: inside,
          });
        }
        return;
      }
      if (DISPLAY_TYPES.has(element.type)) {
        checkNoExternalAssets(element['imageLink'], `${elementPath}.imageLink`, problems);
        addCondition(element.visibleIf, `${elementPath}.visibleIf`);
        return;
      }
      const kind = QUESTION_KINDS[element.type];
      if (!kind) {
        const reason = REFUSED_TYPES[element.type] ?? 'the server cannot validate or count it';
        problems.push({ path: `${elementPath}.type`, message: `question type "${element.type}" is not supported: ${reason}` });
        return;
      }
      const question = compileQuestion(element, kind, elementPath, containers);
      if (question) {
        if (questions.has(question.name)) {
          problems.push({ path: `${elementPath}.name`, message: `the name "${question.name}" is used twice` });
          return;
        }
        questions.set(question.name, question);
        if (question.hasOther || question.hasComment) commentKeys.set(question.name + COMMENT_SUFFIX, question.name);
      }
    });
  }

  function compileQuestion(
    element: ElementJson,
    kind: QuestionKind,
    path: string,
    containers: readonly ContainerSpec[],
  ): QuestionSpec | undefined {
    const name = element.name;
    if (!isAcceptableQuestionName(name)) {
      problems.push({
        path: `${path}.name`,
        message:
          'each question needs a name (at most 200 characters, starting with a letter or digit) without braces, brackets, dots, "|", "#", "×", control characters or a "-Comment" ending',
      });
      return undefined;
    }
    for (const property of UNSUPPORTED_ELEMENT_PROPERTIES) {
      if (element[property] !== undefined) {
        problems.push({ path: `${path}.${property}`, message: `"${property}" is not supported by the server-side validator` });
      }
    }
    if (element['storeOthersAsComment'] === false) {
      problems.push({ path: `${path}.storeOthersAsComment`, message: 'must stay true' });
    }

    let resolvedKind = kind;
    if (element.type === 'text') {
      const inputType = element['inputType'] ?? 'text';
      if (typeof inputType === 'string' && DATE_INPUT_TYPES.has(inputType)) {
        resolvedKind = 'date';
      } else if (typeof inputType !== 'string' || !TEXT_INPUT_TYPES.has(inputType)) {
        problems.push({ path: `${path}.inputType`, message: `input type "${String(inputType)}" is not supported` });
      } else if (NUMBER_INPUT_TYPES.has(inputType) || sendsNumber(element)) {
        resolvedKind = 'number';
      }
    }

    const hasOther = element['showOtherItem'] === true || element['hasOther'] === true;
    const hasComment = element['showCommentArea'] === true || element['hasComment'] === true;
    // Expressions the respondent's survey-core runs but the server does not: listed with the
    // conditions, so checks over every expression of a survey (e.g. refused functions) see them.
    addCondition(element['defaultValueExpression'], `${path}.defaultValueExpression`);
    if (element.type === 'expression') addCondition(element['expression'], `${path}.expression`);
    const rules = readRules(element, path, element.type === 'text' && element['inputType'] === 'email');
    const { expressionValidators } = rules;
    let { min, max } = rules;
    const { numeric } = rules;

    const base = {
      name,
      type: element.type,
      visible: element.visible !== false,
      visibleIf: addCondition(element.visibleIf, `${path}.visibleIf`),
      required: element.isRequired === true,
      requiredIf: addCondition(element.requiredIf, `${path}.requiredIf`),
      readOnly: element['readOnly'] === true,
      enableIf: addCondition(element['enableIf'], `${path}.enableIf`),
      customChoices: element['allowCustomChoices'] === true && (element.type === 'dropdown' || element.type === 'tagbox'),
      containers,
      hasOther,
      hasComment,
      expressionValidators,
      navigation: element['candorRole'] === 'section-skip',
      text: rules.text,
    };

    switch (resolvedKind) {
      case 'text':
        return { ...base, kind: 'text', choices: [] };
      case 'expression':
        return { ...base, kind: 'expression', required: false, requiredIf: undefined, choices: [] };
      case 'multipletext':
        return { ...base, kind: 'multipletext', choices: [], items: textItems(element, path) };
      case 'matrixdropdown': {
        const rows = choiceItems(element.rows, `${path}.rows`, true);
        if (rows.length === 0) problems.push({ path: `${path}.rows`, message: 'a matrix needs rows' });
        return {
          ...base,
          kind: 'matrixdropdown',
          choices: [],
          rows,
          rowsVisibleIf: addCondition(element['rowsVisibleIf'], `${path}.rowsVisibleIf`),
          columns: dropdownColumns(element, path),
        };
      }
      case 'date': {
        const inputType = element['inputType'] as DateInputType;
        const precision = readDatePrecision(inputType, element['candorDatePrecision']);
        if (!['year', 'month', 'day', 'hour'].includes(precision)) {
          problems.push({ path: `${path}.candorDatePrecision`, message: precision });
        }
        const bound = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
        const date: DateRules = {
          inputType,
          precision: precision as DateRules['precision'],
          min: bound(element['min']),
          max: bound(element['max']),
        };
        return { ...base, kind: 'date', choices: [], date };
      }
      case 'number': {
        const minExpression = addCondition(element['minValueExpression'], `${path}.minValueExpression`);
        const maxExpression = addCondition(element['maxValueExpression'], `${path}.maxValueExpression`);
        if (numeric) {
          min = maxOf(min, numeric.min);
          max = minOf(max, numeric.max);
        }
        return { ...base, kind: 'number', choices: [], number: { min, max, minExpression, maxExpression } };
      }
      case 'boolean': {
        const valueTrue = element['valueTrue'] ?? true;
        const valueFalse = element['valueFalse'] ?? false;
        return { ...base, kind: 'boolean', choices: [], booleanValues: [valueTrue, valueFalse] };
      }
      case 'single':
      case 'multi': {
        const source = element['choicesFromQuestion'];
        const choicesFrom =
          typeof source === 'string' && source !== '' ? { question: source, mode: readChoicesFromMode(element, path) } : undefined;
        // Choices copied from another question are filled in once every question is compiled.
        const choices = choicesFrom ? [] : element.type === 'rating' ? ratingChoices(element, path) : choiceList(element, path);
        const withSpecial = [...choices, ...specialChoices(element, resolvedKind)];
        const minSelected = asNonNegativeInteger(element['minSelectedChoices']);
        const maxSelected = asNonNegativeInteger(element['maxSelectedChoices']);
        return {
          ...base,
          kind: resolvedKind,
          choices: withSpecial,
          choicesVisibleIf: addCondition(element['choicesVisibleIf'], `${path}.choicesVisibleIf`),
          choicesFrom,
          minSelected: minSelected || undefined,
          maxSelected: maxSelected || undefined,
        };
      }
      case 'matrix': {
        const rows = choiceItems(element.rows, `${path}.rows`, true);
        const columns = choiceItems(element.columns, `${path}.columns`, true);
        if (rows.length === 0) problems.push({ path: `${path}.rows`, message: 'a matrix needs rows' });
        if (columns.length === 0) problems.push({ path: `${path}.columns`, message: 'a matrix needs columns' });
        return {
          ...base,
          kind: 'matrix',
          choices: columns,
          rows,
          rowsVisibleIf: addCondition(element['rowsVisibleIf'], `${path}.rowsVisibleIf`),
          columnsVisibleIf: addCondition(element['columnsVisibleIf'], `${path}.columnsVisibleIf`),
          eachRowRequired: element['eachRowRequired'] === true || element['isAllRowRequired'] === true,
        };
      }
    }
  }

  /** Length, pattern, number and expression rules of a question or a multiple-text item, from its properties and validators. */
  function readRules(owner: Readonly<Record<string, unknown>>, path: string, emailInput: boolean) {
    const validators = (owner['validators'] ?? []) as readonly ValidatorJson[];
    const expressionValidators: string[] = [];
    const patterns: SafePattern[] = [];
    let minLength = asNonNegativeInteger(owner['minLength']);
    // survey-core: a positive maxLength wins, -1 (or none) falls back to the survey's, 0 means none.
    let maxLength = readTextLength(owner['maxLength'], `${path}.maxLength`, problems) ?? surveyMaxText;
    let allowDigits = true;
    const min = asFiniteNumber(owner['min']);
    const max = asFiniteNumber(owner['max']);
    let numeric: { min?: number; max?: number } | undefined;
    let email = emailInput;

    if (!Array.isArray(validators)) {
      problems.push({ path: `${path}.validators`, message: 'validators must be an array' });
    } else {
      validators.forEach((validator: ValidatorJson, index) => {
        const vPath = `${path}.validators[${index}]`;
        switch (validator?.type) {
          case 'numeric':
            numeric = {
              min: maxOf(numeric?.min, asFiniteNumber(validator['minValue'])),
              max: minOf(numeric?.max, asFiniteNumber(validator['maxValue'])),
            };
            break;
          case 'email':
            email = true;
            break;
          case 'text': {
            minLength = maxOf(minLength, asNonNegativeInteger(validator['minLength']));
            const vMax = asNonNegativeInteger(validator['maxLength']);
            if (vMax !== undefined && vMax > 0) maxLength = Math.min(maxLength, vMax);
            if (validator['allowDigits'] === false) allowDigits = false;
            break;
          }
          case 'regex': {
            const compiled = compileSafePattern(validator['regex'], validator['caseInsensitive'] === true);
            if (!compiled.ok) problems.push({ path: `${vPath}.regex`, message: compiled.message });
            else if (patterns.length >= REGEX_LIMITS.maxPerQuestion) {
              problems.push({
                path: `${vPath}.regex`,
                message: `a question may have at most ${REGEX_LIMITS.maxPerQuestion} regex validators`,
              });
            } else patterns.push(compiled.pattern);
            break;
          }
          case 'expression': {
            const expression = addCondition(validator['expression'], `${vPath}.expression`);
            if (expression) expressionValidators.push(expression);
            break;
          }
          default:
            problems.push({ path: `${vPath}.type`, message: `validator "${String(validator?.type)}" is not supported` });
        }
      });
    }

    const text: TextRules = { minLength, maxLength, patterns, allowDigits, numeric, email };
    return { text, min, max, numeric, expressionValidators };
  }

  function readChoicesFromMode(element: ElementJson, path: string): 'all' | 'selected' | 'unselected' {
    const mode = element['choicesFromQuestionMode'] ?? 'all';
    if (mode === 'all' || mode === 'selected' || mode === 'unselected') return mode;
    problems.push({ path: `${path}.choicesFromQuestionMode`, message: `"${String(mode)}" is not supported (all, selected or unselected)` });
    return 'all';
  }

  /** The columns of a `matrixdropdown`, each compiled as the question its cells are. */
  function dropdownColumns(element: ElementJson, path: string): QuestionSpec[] {
    const columns = element['columns'];
    if (!Array.isArray(columns) || columns.length === 0) {
      problems.push({ path: `${path}.columns`, message: 'a matrix needs columns' });
      return [];
    }
    const result: QuestionSpec[] = [];
    columns.forEach((raw: unknown, index) => {
      const columnPath = `${path}.columns[${index}]`;
      const column = (typeof raw === 'string' ? { name: raw } : raw) as Record<string, unknown> | null;
      if (column === null || typeof column !== 'object') {
        problems.push({ path: columnPath, message: 'each column must be an object with a name' });
        return;
      }
      for (const property of CELL_PROPERTIES_REFUSED) {
        if (column[property] !== undefined)
          problems.push({ path: `${columnPath}.${property}`, message: `"${property}" is not supported in matrix columns yet` });
      }
      const cellType = String(column['cellType'] ?? element['cellType'] ?? 'dropdown');
      const type = cellType === 'default' ? String(element['cellType'] ?? 'dropdown') : cellType;
      const kind = CELL_KINDS[type];
      if (!kind) {
        problems.push({ path: `${columnPath}.cellType`, message: `cells of type "${type}" are not supported` });
        return;
      }
      const cell = { choices: element.choices, ...column, type, name: column['name'] } as ElementJson;
      if ((kind === 'single' || kind === 'multi') && type !== 'rating' && cell.choices === undefined) {
        problems.push({ path: `${columnPath}.choices`, message: 'a choice column needs choices (its own or the matrix’s)' });
        return;
      }
      const spec = compileQuestion(cell, kind, columnPath, []);
      if (!spec) return;
      if (result.some((c) => c.name === spec.name)) {
        problems.push({ path: `${columnPath}.name`, message: `the column "${spec.name}" is listed twice` });
        return;
      }
      result.push(spec);
    });
    return result;
  }

  function textItems(element: ElementJson, path: string): TextItemSpec[] {
    const items = element['items'];
    if (!Array.isArray(items) || items.length === 0) {
      problems.push({ path: `${path}.items`, message: 'a multiple-text question needs items' });
      return [];
    }
    const seen = new Set<string>();
    const result: TextItemSpec[] = [];
    items.forEach((raw: unknown, index) => {
      const itemPath = `${path}.items[${index}]`;
      const item = (typeof raw === 'string' ? { name: raw } : raw) as Record<string, unknown> | null;
      const name = item?.['name'];
      if (!isAcceptableQuestionName(name) || seen.has(name)) {
        problems.push({ path: `${itemPath}.name`, message: 'each item needs its own name, following the rules for question names' });
        return;
      }
      seen.add(name);
      const inputType = item?.['inputType'] ?? 'text';
      if (typeof inputType !== 'string' || !TEXT_INPUT_TYPES.has(inputType)) {
        problems.push({
          path: `${itemPath}.inputType`,
          message: `input type "${String(inputType)}" is not supported in a multiple-text item`,
        });
        return;
      }
      const rules = readRules(item as Record<string, unknown>, itemPath, inputType === 'email');
      for (const expression of rules.expressionValidators) {
        problems.push({
          path: `${itemPath}.validators`,
          message: `expression validators are not supported in a multiple-text item (${expression})`,
        });
      }
      const isNumber = NUMBER_INPUT_TYPES.has(inputType) || sendsNumber(item as ElementJson);
      result.push({
        name,
        kind: isNumber ? 'number' : 'text',
        required: item?.['isRequired'] === true,
        text: rules.text,
        number: isNumber ? { min: maxOf(rules.min, rules.numeric?.min), max: minOf(rules.max, rules.numeric?.max) } : undefined,
      });
    });
    return result;
  }

  function choiceList(element: ElementJson, path: string): ChoiceSpec[] {
    const choices = choiceItems(element.choices, `${path}.choices`, true);
    if (choices.length === 0) problems.push({ path: `${path}.choices`, message: 'a choice question needs choices' });
    return choices;
  }

  function ratingChoices(element: ElementJson, path: string): ChoiceSpec[] {
    // survey-core generates the scale when `autoGenerate` is true, whatever rateValues says.
    if (element['autoGenerate'] !== true && Array.isArray(element.rateValues) && element.rateValues.length > 0) {
      return choiceItems(element.rateValues, `${path}.rateValues`, true);
    }
    const rateMin = asFiniteNumber(element['rateMin']) ?? 1;
    const rateStep = asFiniteNumber(element['rateStep']) ?? 1;
    const rateCount = asNonNegativeInteger(element['rateCount']);
    const rateMax = asFiniteNumber(element['rateMax']) ?? (rateCount ? rateMin + (rateCount - 1) * rateStep : 5);
    if (rateStep <= 0 || rateMax < rateMin || (rateMax - rateMin) / rateStep > 100) {
      problems.push({ path: `${path}.rateMax`, message: 'the rating scale is empty or too long' });
      return [];
    }
    const values: ChoiceSpec[] = [];
    for (let value = rateMin; value <= rateMax + 1e-9; value += rateStep) {
      values.push({ value: Math.round(value * 1e6) / 1e6, exclusive: false });
    }
    return values;
  }

  function choiceItems(items: readonly ChoiceJson[] | undefined, path: string, allowVisibleIf: boolean): ChoiceSpec[] {
    if (items === undefined) return [];
    if (!Array.isArray(items)) {
      problems.push({ path, message: 'must be an array' });
      return [];
    }
    const seen = new Set<string>();
    const result: ChoiceSpec[] = [];
    items.forEach((item, index) => {
      const raw = typeof item === 'object' && item !== null ? item.value : item;
      // survey-core reads "value|text" as a value and its label.
      const value = typeof raw === 'string' && raw.includes('|') ? raw.slice(0, raw.indexOf('|')) : raw;
      if (typeof value !== 'string' && (typeof value !== 'number' || !Number.isFinite(value))) {
        problems.push({ path: `${path}[${index}]`, message: 'each choice needs a string or number value' });
        return;
      }
      const key = JSON.stringify(value);
      if (seen.has(key)) {
        problems.push({ path: `${path}[${index}]`, message: `the value ${key} is listed twice` });
        return;
      }
      seen.add(key);
      const visibleIf =
        allowVisibleIf && typeof item === 'object' && item !== null
          ? addCondition(item.visibleIf, `${path}[${index}].visibleIf`)
          : undefined;
      result.push({ value, visibleIf, exclusive: false });
    });
    return result;
  }

  const options = countAnswerOptions(questions.values());
  if (options > MAX_ANSWER_OPTIONS) {
    problems.push({
      path: '',
      message: `the survey offers ${options} answer options (choices, matrix cells, boxes); at most ${MAX_ANSWER_OPTIONS}: every respondent's page is built from them`,
    });
  }
  if (problems.length > 0) throw new InvalidDefinitionError(problems);
  for (const [name, question] of questions) {
    if (!question.choicesFrom) continue;
    const source = questions.get(question.choicesFrom.question);
    if (!source || (source.kind !== 'single' && source.kind !== 'multi') || source.choicesFrom) {
      problems.push({
        path: name,
        message: `choicesFromQuestion must name a choice question with choices of its own ("${question.choicesFrom.question}" is not one)`,
      });
      continue;
    }
    if (question.choicesFrom.mode !== 'all' && source.kind !== 'multi') {
      problems.push({ path: name, message: 'choicesFromQuestionMode "selected" / "unselected" needs a multi-select source' });
      continue;
    }
    const own = question.choices.filter((c) => c.special);
    const copied = source.choices
      .filter((c) => !c.special && !own.some((o) => o.value === c.value))
      .map((c) => ({ ...c, exclusive: false }));
    questions.set(name, { ...question, choices: [...copied, ...own] });
  }
  const maxTextLength = Math.max(surveyMaxText, ...[...questions.values()].map((q) => q.text?.maxLength ?? 0));
  return { questions, commentKeys, conditions: [...new Set(conditions)], maxTextLength, panels };

  /** `elements`, or the legacy `questions` SurveyJS still reads; never both. */
  function childElements(container: PageJson | ElementJson, path: string): readonly ElementJson[] {
    const legacy = container['questions'];
    if (legacy === undefined) return container.elements ?? [];
    if (container.elements !== undefined) {
      problems.push({ path: `${path}.questions`, message: 'use either "elements" or the legacy "questions", not both' });
      return [];
    }
    return legacy as readonly ElementJson[];
  }
}

/** Masks that make survey-core send a number rather than the text typed (`maskSettings.saveMaskedValue` off). */
function sendsNumber(element: ElementJson): boolean {
  const maskType = element['maskType'];
  if (maskType !== 'numeric' && maskType !== 'currency') return false;
  const settings = element['maskSettings'];
  return !(typeof settings === 'object' && settings !== null && (settings as Record<string, unknown>)['saveMaskedValue'] === true);
}

function specialChoices(element: ElementJson, kind: QuestionKind): ChoiceSpec[] {
  const specials: ChoiceSpec[] = [];
  const exclusive = kind === 'multi';
  if (element['showNoneItem'] === true || element['hasNone'] === true) {
    specials.push({ value: stringOr(element['noneValue'], SPECIAL_VALUES.none), exclusive, special: true });
  }
  if (element['showRefuseItem'] === true) specials.push({ value: SPECIAL_VALUES.refused, exclusive, special: true });
  if (element['showDontKnowItem'] === true) specials.push({ value: SPECIAL_VALUES.dontKnow, exclusive, special: true });
  if (element['showOtherItem'] === true || element['hasOther'] === true) {
    specials.push({ value: SPECIAL_VALUES.other, exclusive: false, special: true });
  }
  return specials;
}

function readPages(definition: SurveyDefinition, problems: DefinitionProblem[]): readonly PageJson[] {
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

/** An image address must stay on this site (see {@link isSameSiteUrl}), in every language. */
function checkNoExternalAssets(value: unknown, path: string, problems: DefinitionProblem[]): void {
  if (typeof value === 'object' && value !== null) {
    for (const [language, text] of Object.entries(value)) checkNoExternalAssets(text, `${path}.${language}`, problems);
    return;
  }
  if (typeof value === 'string' && !isSameSiteUrl(value, { allowDataImages: true })) {
    problems.push({ path, message: 'images must not come from another site (they would tell it who is taking the survey)' });
  }
}

/**
 * A text length limit as survey-core reads it: a positive number is the limit; 0 means none
 * (Candor then applies its default); anything else means "not set". A limit above what a
 * request body can carry is refused, so a definition is never accepted and its answers then refused.
 */
function readTextLength(value: unknown, path: string, problems: DefinitionProblem[]): number | undefined {
  const n = asFiniteNumber(value);
  if (n === undefined || n < 0) return undefined;
  if (n === 0) return SUBMISSION_LIMITS.defaultTextLength;
  if (n > SUBMISSION_LIMITS.maxTextLength) {
    problems.push({ path, message: `at most ${SUBMISSION_LIMITS.maxTextLength} characters: longer answers would not fit in a submission` });
    return undefined;
  }
  return Math.floor(n);
}

function asFiniteNumber(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function asNonNegativeInteger(value: unknown): number | undefined {
  const n = asFiniteNumber(value);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

function maxOf(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

function minOf(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
