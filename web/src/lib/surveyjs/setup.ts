/**
 * Everything a page that renders SurveyJS needs, in one import: the stylesheet
 * (system fonts only), the theme variables as a static file (a strict CSP forbids the
 * <style> elements SurveyJS would inject), Spanish UI strings, and the icon fix.
 */
import 'survey-core/survey-core.fontless.min.css';
import './surveyjs-theme.generated.css';
import 'survey-core/i18n/spanish';
import './surveyjs-csp';
import { Model, type Question } from 'survey-core';
import { findIdentifyingDetails, type IdentifyingKind, type SurveyDefinition } from '@candor/shared';

/** A model configured for Candor: no injected stylesheet, no SurveyJS completed page. */
export function createSurveyModel(definition: SurveyDefinition, locale: string): Model {
  const model = new Model(definition);
  model.generateStylesheet = false;
  model.showCompletedPage = false;
  model.locale = locale;
  return model;
}

const FREE_TEXT = new Set(['text', 'comment']);

/**
 * What respondents' pages add to a model: free-text boxes that browsers neither remember
 * (autocomplete) nor send to a spelling service, and a warning beside them when the text
 * looks identifying — computed here, on the device; the text is not sent anywhere for it.
 */
export function protectFreeText(model: Model, warning: (kinds: readonly IdentifyingKind[]) => string): void {
  model.textUpdateMode = 'onTyping';
  const original = new Map<string, unknown>();
  const check = (question: Question) => {
    if (!FREE_TEXT.has(question.getType()) && !question.hasComment && !question.hasOther) return;
    if (!original.has(question.name)) original.set(question.name, question.locDescription.getJson() ?? '');
    const texts = [question.value, question.comment].filter((value): value is string => typeof value === 'string');
    const kinds = [...new Set(texts.flatMap((text) => findIdentifyingDetails(text)))];
    question.locDescription.setJson(original.get(question.name));
    if (kinds.length > 0) {
      const base = question.description ? `${question.description} ` : '';
      question.description = `${base}⚠ ${warning(kinds)}`;
    }
  };
  model.onValueChanged.add((_sender, options) => {
    const question = model.getQuestionByName(options.name.replace(/-Comment$/, ''));
    if (question) check(question);
  });
  model.onAfterRenderQuestion.add((_sender, options) => {
    for (const field of options.htmlElement.querySelectorAll('input:not([type=radio]):not([type=checkbox]), textarea')) {
      field.setAttribute('autocomplete', 'off');
      field.setAttribute('spellcheck', 'false');
      field.setAttribute('autocorrect', 'off');
    }
  });
}
