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

/**
 * A survey definition compiled once per version into the plain facts the answer
 * validator needs: which questions exist, which values each accepts, and the
 * conditions that show or require them. Building this is the expensive part; using
 * it is a few map look-ups and condition evaluations per answer.
 */
export type QuestionKind = 'text' | 'number' | 'single' | 'multi' | 'boolean' | 'matrix';

export interface ChoiceSpec {
  readonly value: ChoiceValue;
  readonly visibleIf?: string;
  /** `none`, `refused` and `dontknow` must stand alone in a multi-select answer. */
  readonly exclusive: boolean;
}

export interface ContainerSpec {
  readonly kind: 'page' | 'panel';
  readonly name: string;
  readonly visible: boolean;
  readonly visibleIf?: string;
}

export interface TextRules {
  readonly minLength?: number;
  readonly maxLength: number;
  readonly patterns: readonly { readonly regex: RegExp; readonly source: string }[];
  readonly allowDigits: boolean;
}

export interface NumberRules {
  readonly min?: number;
  readonly max?: number;
}

export interface QuestionSpec {
  readonly name: string;
  readonly type: string;
  readonly kind: QuestionKind;
  readonly visible: boolean;
  readonly visibleIf?: string;
  readonly required: boolean;
  readonly requiredIf?: string;
  /** Page and panels that contain the question, outermost first. */
  readonly containers: readonly ContainerSpec[];
  readonly choices: readonly ChoiceSpec[];
  readonly hasOther: boolean;
  readonly hasComment: boolean;
  readonly minSelected?: number;
  readonly maxSelected?: number;
  readonly text?: TextRules;
  readonly number?: NumberRules;
  readonly booleanValues?: readonly [unknown, unknown];
  readonly rows?: readonly ChoiceSpec[];
  readonly eachRowRequired?: boolean;
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

/** Question names are keys in stored answers and variables in expressions: keep them plain. */
export const QUESTION_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const RESERVED_NAMES = new Set(['constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty']);

/** Elements that show content but take no answer. */
const DISPLAY_TYPES = new Set(['html', 'image', 'expression']);

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
  'choicesVisibleIf',
  'choicesEnableIf',
  'choicesByUrl',
  'choicesFromQuestion',
  'defaultValueExpression',
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

  const surveyMaxText = clampTextLength(definition['maxTextLength']);
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

  const topLevelElements = !Array.isArray(definition.pages);
  pages.forEach((page, pageIndex) => {
    const pagePath = `pages[${pageIndex}]`;
    const pageSpec: ContainerSpec = {
      kind: 'page',
      name: typeof page.name === 'string' ? page.name : `page${pageIndex + 1}`,
      visible: page.visible !== false,
      visibleIf: addCondition(page.visibleIf, `${pagePath}.visibleIf`),
    };
    walkElements(page.elements ?? [], topLevelElements ? 'elements' : `${pagePath}.elements`, [pageSpec]);
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
        };
        walkElements(element.elements ?? [], `${elementPath}.elements`, [...containers, panel]);
        return;
      }
      if (DISPLAY_TYPES.has(element.type)) {
        checkNoExternalAssets(element['imageLink'], `${elementPath}.imageLink`, problems);
        addCondition(element.visibleIf, `${elementPath}.visibleIf`);
        return;
      }
      const kind = QUESTION_KINDS[element.type];
      if (!kind) {
        problems.push({ path: `${elementPath}.type`, message: `question type "${element.type}" is not supported` });
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
    if (typeof name !== 'string' || !QUESTION_NAME_PATTERN.test(name) || RESERVED_NAMES.has(name)) {
      problems.push({
        path: `${path}.name`,
        message: 'each question needs a name of letters, digits and underscores, starting with a letter (at most 64)',
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
      if (typeof inputType !== 'string' || !TEXT_INPUT_TYPES.has(inputType)) {
        problems.push({ path: `${path}.inputType`, message: `input type "${String(inputType)}" is not supported` });
      } else if (NUMBER_INPUT_TYPES.has(inputType)) {
        resolvedKind = 'number';
      }
    }

    const hasOther = element['showOtherItem'] === true || element['hasOther'] === true;
    const hasComment = element['showCommentArea'] === true || element['hasComment'] === true;
    const validators = element.validators ?? [];
    const expressionValidators: string[] = [];
    const patterns: { regex: RegExp; source: string }[] = [];
    let minLength = asNonNegativeInteger(element['minLength']);
    let maxLength = Math.min(clampTextLength(element['maxLength'], surveyMaxText), surveyMaxText);
    let allowDigits = true;
    let min = asFiniteNumber(element['min']);
    let max = asFiniteNumber(element['max']);

    if (!Array.isArray(validators)) {
      problems.push({ path: `${path}.validators`, message: 'validators must be an array' });
    } else {
      validators.forEach((validator: ValidatorJson, index) => {
        const vPath = `${path}.validators[${index}]`;
        switch (validator?.type) {
          case 'numeric':
            min = maxOf(min, asFiniteNumber(validator['minValue']));
            max = minOf(max, asFiniteNumber(validator['maxValue']));
            break;
          case 'text': {
            minLength = maxOf(minLength, asNonNegativeInteger(validator['minLength']));
            const vMax = asNonNegativeInteger(validator['maxLength']);
            if (vMax !== undefined && vMax > 0) maxLength = Math.min(maxLength, vMax);
            if (validator['allowDigits'] === false) allowDigits = false;
            break;
          }
          case 'regex': {
            const source = validator['regex'];
            try {
              if (typeof source !== 'string') throw new Error('missing');
              patterns.push({ regex: new RegExp(source), source });
            } catch {
              problems.push({ path: `${vPath}.regex`, message: 'not a valid regular expression' });
            }
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

    const base = {
      name,
      type: element.type,
      visible: element.visible !== false,
      visibleIf: addCondition(element.visibleIf, `${path}.visibleIf`),
      required: element.isRequired === true,
      requiredIf: addCondition(element.requiredIf, `${path}.requiredIf`),
      containers,
      hasOther,
      hasComment,
      expressionValidators,
      navigation: element['candorRole'] === 'section-skip',
      text: { minLength, maxLength, patterns, allowDigits },
    };

    switch (resolvedKind) {
      case 'text':
        return { ...base, kind: 'text', choices: [] };
      case 'number':
        return { ...base, kind: 'number', choices: [], number: { min, max } };
      case 'boolean': {
        const valueTrue = element['valueTrue'] ?? true;
        const valueFalse = element['valueFalse'] ?? false;
        return { ...base, kind: 'boolean', choices: [], booleanValues: [valueTrue, valueFalse] };
      }
      case 'single':
      case 'multi': {
        const choices = element.type === 'rating' ? ratingChoices(element, path) : choiceList(element, path);
        const withSpecial = [...choices, ...specialChoices(element, resolvedKind)];
        const minSelected = asNonNegativeInteger(element['minSelectedChoices']);
        const maxSelected = asNonNegativeInteger(element['maxSelectedChoices']);
        return {
          ...base,
          kind: resolvedKind,
          choices: withSpecial,
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
          eachRowRequired: element['eachRowRequired'] === true || element['isAllRowRequired'] === true,
        };
      }
    }
  }

  function choiceList(element: ElementJson, path: string): ChoiceSpec[] {
    const choices = choiceItems(element.choices, `${path}.choices`, true);
    if (choices.length === 0) problems.push({ path: `${path}.choices`, message: 'a choice question needs choices' });
    return choices;
  }

  function ratingChoices(element: ElementJson, path: string): ChoiceSpec[] {
    if (Array.isArray(element.rateValues) && element.rateValues.length > 0) {
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
      const value = typeof item === 'object' && item !== null ? item.value : item;
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

  if (problems.length > 0) throw new InvalidDefinitionError(problems);
  return { questions, commentKeys, conditions: [...new Set(conditions)], maxTextLength: surveyMaxText };
}

function specialChoices(element: ElementJson, kind: QuestionKind): ChoiceSpec[] {
  const specials: ChoiceSpec[] = [];
  const exclusive = kind === 'multi';
  if (element['showNoneItem'] === true || element['hasNone'] === true) {
    specials.push({ value: stringOr(element['noneValue'], SPECIAL_VALUES.none), exclusive });
  }
  if (element['showRefuseItem'] === true) specials.push({ value: SPECIAL_VALUES.refused, exclusive });
  if (element['showDontKnowItem'] === true) specials.push({ value: SPECIAL_VALUES.dontKnow, exclusive });
  if (element['showOtherItem'] === true || element['hasOther'] === true) {
    specials.push({ value: SPECIAL_VALUES.other, exclusive: false });
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
  if (Array.isArray(definition.elements)) return [{ elements: definition.elements }];
  return [];
}

function checkNoExternalAssets(value: unknown, path: string, problems: DefinitionProblem[]): void {
  if (typeof value === 'string' && /^\s*(https?:)?\/\//i.test(value)) {
    problems.push({ path, message: 'images must not come from another site (they would tell it who is taking the survey)' });
  }
}

function clampTextLength(value: unknown, fallback: number = SUBMISSION_LIMITS.maxTextLength): number {
  const n = asNonNegativeInteger(value);
  if (n === undefined || n === 0) return fallback;
  return Math.min(n, SUBMISSION_LIMITS.maxTextLength);
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
