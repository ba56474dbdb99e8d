import { COMMENT_SUFFIX } from '../survey-definition';

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
