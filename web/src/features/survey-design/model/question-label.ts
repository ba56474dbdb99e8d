import type { SurveyDefinition } from '@candor/shared';
import { findElement } from './definition-model';
import { htmlToText, sourceText } from './localized-text';

/** A question's text in the source language, or its name when it has none (for pickers and lists). */
export function questionLabel(definition: SurveyDefinition, name: string): string {
  const element = findElement(definition, name);
  const text = element ? htmlToText(sourceText(element.title)).trim() : '';
  return text || name;
}
