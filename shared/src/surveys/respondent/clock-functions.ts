import type { DefinitionProblem } from '../definition/compiler/types';

/**
 * survey-core 3.0.0's built-in functions that read the clock or compute with dates
 * (`FunctionFactory.Instance.register(...)` in survey-core). A condition, validator or
 * calculated value that calls one can turn the time of submission into an answer — a
 * required choice shown only after 22:00, say — and so store what P2 forbids.
 */
export const CLOCK_FUNCTIONS: readonly string[] = [
  'today',
  'currentDate',
  'currentYear',
  'dateDiff',
  'dateAdd',
  'diffDays',
  'age',
  'getDate',
  'getYear',
  'year',
  'month',
  'day',
  'weekday',
];

const CLOCK_FUNCTION_NAMES = new Map(CLOCK_FUNCTIONS.map((name) => [name.toLowerCase(), name]));

/**
 * Properties whose value survey-core evaluates as an expression: conditions (`visibleIf`,
 * `enableIf`, `requiredIf`, `choicesVisibleIf`, `resetValueIf`…), expressions
 * (`minValueExpression`, `defaultValueExpression`, `totalExpression`…) and the
 * `expression` of validators, expression questions, calculated values and triggers.
 */
const EXPRESSION_PROPERTY = /(?:If|Expression)$|^expressions?$/;

/** Quoted strings in an expression are text, not calls: `{mood} = 'today()'` is harmless. */
const QUOTED = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g;
const CALL = /([A-Za-z_][A-Za-z0-9_]*)\s*\(/g;

/** The clock functions an expression calls, by their survey-core name, in order of appearance. */
export function clockFunctionsIn(expression: string): string[] {
  const found: string[] = [];
  const code = expression.replace(QUOTED, "''");
  for (const match of code.matchAll(CALL)) {
    const name = CLOCK_FUNCTION_NAMES.get((match[1] as string).toLowerCase());
    if (name && !found.includes(name)) found.push(name);
  }
  return found;
}

/**
 * Every place in a definition where an expression calls a date or time function: pages,
 * panels, questions, choices, matrix columns, validators, calculated values and triggers,
 * at any depth, including localized values (`{ "default": …, "es": … }`).
 */
export function findClockFunctions(definition: unknown): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const seen = new Set<unknown>();

  const scanExpression = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      for (const name of clockFunctionsIn(value)) {
        problems.push({
          path,
          message: `calls ${name}(), a date or time function: conditions, validators and calculated values may not read the clock, because the answers would record when someone responded`,
        });
      }
      return;
    }
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    for (const [key, inner] of Object.entries(value)) scanExpression(inner, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`);
  };

  const walk = (value: unknown, path: string): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${path}[${index}]`));
      return;
    }
    for (const [key, inner] of Object.entries(value)) {
      const innerPath = path ? `${path}.${key}` : key;
      if (EXPRESSION_PROPERTY.test(key)) scanExpression(inner, innerPath);
      else walk(inner, innerPath);
    }
  };

  walk(definition, '');
  return problems;
}
