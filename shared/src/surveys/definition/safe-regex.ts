import { RE2JS } from 're2js';

/**
 * Researcher-written regular expressions (SurveyJS `regex` validators) run on RE2
 * semantics (re2js, pure JavaScript): matching takes time linear in the answer's length
 * whatever the pattern, so `^([a-zA-Z]+ ?)+$` against 2,000 characters cannot freeze the
 * API (with JavaScript's backtracking engine it takes hours). Patterns RE2 cannot run
 * (backreferences, lookaround) are refused when the survey is saved, with a clear message;
 * the respondent's browser runs the same engine, so both sides agree on every answer.
 */
export interface SafePattern {
  readonly source: string;
  readonly caseInsensitive: boolean;
  /** An approximate cost per character of input (RE2's program size), for budgets. */
  readonly cost: number;
  /** Like `RegExp.prototype.test`: true if the pattern matches anywhere in the text. */
  test(text: string): boolean;
}

export const REGEX_LIMITS = {
  /** Longest pattern source accepted. */
  maxSourceLength: 500,
  /** Largest compiled program accepted (RE2's own measure of a pattern's cost). */
  maxProgramSize: 2_000,
  /** Regex validators per question. */
  maxPerQuestion: 5,
  /**
   * Work allowed for all the pattern tests of one submission, in characters tested ×
   * program size: 20 questions with 2,000-character answers against 100-instruction patterns.
   */
  submissionBudget: 4_000_000,
} as const;

export type PatternCompilation = { readonly ok: true; readonly pattern: SafePattern } | { readonly ok: false; readonly message: string };

/** Compiles a researcher's pattern on RE2, or says in words why it cannot be used. */
export function compileSafePattern(source: unknown, caseInsensitive = false): PatternCompilation {
  if (typeof source !== 'string' || source === '') return { ok: false, message: 'a regex validator needs a pattern' };
  if (source.length > REGEX_LIMITS.maxSourceLength) {
    return { ok: false, message: `the pattern is longer than ${REGEX_LIMITS.maxSourceLength} characters` };
  }
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source, caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : 'not a valid regular expression';
    return {
      ok: false,
      message: `this pattern cannot be used (${reason}); patterns run on a linear-time engine (RE2 syntax), which has no backreferences or lookaround`,
    };
  }
  const cost = compiled.programSize();
  if (cost > REGEX_LIMITS.maxProgramSize) {
    return { ok: false, message: 'the pattern is too complex (use fewer repetitions such as {1,500} or alternatives)' };
  }
  return {
    ok: true,
    pattern: { source, caseInsensitive, cost, test: (text: string) => compiled.test(text) },
  };
}
