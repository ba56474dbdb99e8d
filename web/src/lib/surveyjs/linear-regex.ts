import { RegexValidator } from 'survey-core';

/**
 * SurveyJS runs `regex` validators with the browser's backtracking RegExp: a pattern like
 * `^([a-zA-Z]+ ?)+$` freezes a cheap phone for minutes on a long answer. Here they run on
 * RE2 (re2js, the engine the server validates with), loaded only for surveys that have such
 * validators. Until it has loaded the browser does not check patterns: the server does,
 * and its answer is shown like any other rejected answer.
 */
type Engine = typeof import('re2js').RE2JS;

let engine: Engine | null = null;
let loading: Promise<void> | null = null;
const compiled = new Map<string, { test(text: string): boolean } | null>();

export function loadLinearRegex(): Promise<void> {
  loading ??= import('re2js').then((module) => {
    engine = module.RE2JS;
  });
  return loading;
}

/** Whether a pattern matches (anywhere, like RegExp.test); true while the engine loads. */
export function testLinear(source: string, caseInsensitive: boolean, text: string): boolean {
  if (!engine) {
    void loadLinearRegex();
    return true;
  }
  const key = `${caseInsensitive ? 'i' : '-'}${source}`;
  if (!compiled.has(key)) {
    try {
      compiled.set(key, engine.compile(source, caseInsensitive ? engine.CASE_INSENSITIVE : 0));
    } catch {
      // The survey check refuses such patterns; one saved before that rule is left to the server.
      compiled.set(key, null);
    }
  }
  return compiled.get(key)?.test(text) ?? true;
}

let installed = false;

/** Makes every SurveyJS regex validator use the linear-time engine. */
export function installLinearRegexValidator(): void {
  if (installed) return;
  installed = true;
  // createRegExp is SurveyJS's one place where a validator builds its RegExp (private in the typings).
  const prototype = RegexValidator.prototype as unknown as { createRegExp: (this: RegexValidator) => RegExp };
  prototype.createRegExp = function createRegExp(this: RegexValidator): RegExp {
    const source = String(this.regex ?? '');
    const caseInsensitive = this.caseInsensitive === true;
    return { test: (value: unknown) => testLinear(source, caseInsensitive, String(value)) } as unknown as RegExp;
  };
}

/** Whether a definition has any regex validator (so the engine is worth loading). */
export function hasRegexValidators(definition: unknown): boolean {
  return JSON.stringify(definition).includes('"regex"');
}
