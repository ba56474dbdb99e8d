/**
 * Everything a page that renders SurveyJS needs, in one import: the stylesheet
 * (system fonts only), the theme variables as a static file (a strict CSP forbids the
 * <style> elements SurveyJS would inject), Spanish UI strings, and the icon fix.
 */
import 'survey-core/survey-core.fontless.min.css';
import './surveyjs-theme.generated.css';
import 'survey-core/i18n/spanish';
import './surveyjs-csp';
import { Model } from 'survey-core';
import type { SurveyDefinition } from '@candor/shared';

/** A model configured for Candor: no injected stylesheet, no SurveyJS completed page. */
export function createSurveyModel(definition: SurveyDefinition, locale: string): Model {
  const model = new Model(definition);
  model.generateStylesheet = false;
  model.showCompletedPage = false;
  model.locale = locale;
  return model;
}
