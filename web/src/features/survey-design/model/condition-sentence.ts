import type { SurveyDefinition } from '@candor/shared';
import { findElement } from './definition-model';
import { sourceText } from './localized-text';
import { questionLabel } from './question-label';

/** The words a condition reads in (the staff UI's language). */
export interface ConditionWords {
  readonly is: string;
  readonly isNot: string;
  readonly includes: string;
  readonly isAnswered: string;
  readonly isEmpty: string;
  readonly and: string;
  readonly or: string;
}

/**
 * A skip-logic expression as a sentence researchers read: `{adult} = 'yes' and
 * ({worked__before} = 'yes' or …)` → `“Are you 18 or older?” is “Yes” and (“…” is “Yes” or …)`.
 * Question names become their text and choice values their labels; operators it does not
 * know stay as written, so nothing is hidden from the reader.
 */
export function conditionSentence(definition: SurveyDefinition, expression: string, words: ConditionWords): string {
  const choiceText = (question: string, value: string) => {
    const element = findElement(definition, question);
    for (const choice of element?.choices ?? []) {
      if (typeof choice === 'object' && String(choice.value) === value) return sourceText(choice.text) || value;
      if (String(choice) === value) return value;
    }
    if (value === 'refused') return value;
    return value;
  };
  let lastQuestion = '';
  const tokens = /\{(\w+)\}|'((?:[^'\\]|\\.)*)'|(!=|<>|=|\banyof\b|\bcontains\b|\bnotempty\b|\bempty\b|\band\b|\bor\b)/gi;
  return expression.replace(tokens, (whole, name: string | undefined, value: string | undefined, operator: string | undefined) => {
    if (name) {
      lastQuestion = name;
      return `“${questionLabel(definition, name)}”`;
    }
    if (value !== undefined) return `“${choiceText(lastQuestion, value.replace(/\\(.)/g, '$1'))}”`;
    switch ((operator ?? '').toLowerCase()) {
      case '=':
        return words.is;
      case '!=':
      case '<>':
        return words.isNot;
      case 'anyof':
      case 'contains':
        return words.includes;
      case 'notempty':
        return words.isAnswered;
      case 'empty':
        return words.isEmpty;
      case 'and':
        return words.and;
      case 'or':
        return words.or;
      default:
        return whole;
    }
  });
}
