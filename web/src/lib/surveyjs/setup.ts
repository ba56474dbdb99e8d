/**
 * Everything a page that renders SurveyJS needs, in one import: the stylesheet
 * (system fonts only), the theme variables as a static file (a strict CSP forbids the
 * <style> elements SurveyJS would inject), Spanish UI strings, and the icon fix.
 */
import 'survey-core/survey-core.fontless.min.css';
import './surveyjs-theme.generated.css';
import 'survey-core/i18n/spanish';
import './surveyjs-csp';
import { Model, settings, surveyLocalization, type Question } from 'survey-core';
import { findIdentifyingDetails, type IdentifyingKind, type SurveyDefinition } from '@candor/shared';
import { sanitizeResearcherHtml } from '../safe-html';
import { hasRegexValidators, installLinearRegexValidator, loadLinearRegex } from './linear-regex';

/**
 * SurveyJS's Spanish strings address the respondent as "usted"; Candor's surveys use "tú".
 * One register everywhere: the strings a respondent can meet, rewritten.
 */
const SPANISH_TU: Record<string, string> = {
  completeText: 'Enviar respuestas',
  otherItemText: 'Otro (descríbelo)',
  commentText: 'Deja un comentario, por favor',
  placeholder: 'Elige…',
  requiredError: 'Responde esta pregunta, por favor.',
  requiredErrorInPanel: 'Responde al menos una pregunta, por favor.',
  requiredInAllRowsError: 'Responde en cada fila, por favor.',
  stepError: 'Escribe un valor que vaya de {0} en {0}.',
  textMinLength: 'Escribe al menos {0} caracteres, por favor.',
  textMaxLength: 'Escribe menos de {0} caracteres, por favor.',
  textMinMaxLength: 'Escribe entre {0} y {1} caracteres, por favor.',
  minRowCountError: 'Completa al menos {0} filas, por favor.',
  minSelectError: 'Elige al menos {0} opciones, por favor.',
  maxSelectError: 'Elige como máximo {0} opciones, por favor.',
  invalidEmail: 'Escribe un correo válido, por favor.',
  otherRequiredError: 'Describe tu respuesta «otro», por favor.',
  numericError: 'Escribe un número.',
};
const spanish = surveyLocalization.locales['es'] as Record<string, string> | undefined;
if (spanish) Object.assign(spanish, SPANISH_TU);
const english = surveyLocalization.locales['en'] as Record<string, string> | undefined;
if (english) english['completeText'] = 'Send answers';

installLinearRegexValidator();

// No animations: questions that appear through skip logic would otherwise slide in while a
// respondent taps them (a tap on a moving choice can miss it), and on a cheap phone the
// animation frames cost the CPU the page needs.
settings.animationEnabled = false;

/**
 * A model configured for Candor: no injected stylesheet, no SurveyJS completed page or
 * progress bar (ours counts pages), researcher HTML cleaned before it is rendered, regex
 * validators on a linear-time engine.
 */
export function createSurveyModel(definition: SurveyDefinition, locale: string): Model {
  const model = new Model(definition);
  model.onProcessHtml.add((_sender, options) => {
    options.html = sanitizeResearcherHtml(options.html);
  });
  if (hasRegexValidators(definition)) void loadLinearRegex();
  model.generateStylesheet = false;
  model.showCompletedPage = false;
  model.showProgressBar = false;
  // The page shows the title itself, above the privacy notice and the progress (as the server-rendered form does).
  model.showTitle = false;
  // Focus goes to the new page's heading (ours), not into the first question.
  model.autoFocusFirstQuestion = false;
  model.locale = locale;
  return model;
}

const FREE_TEXT = new Set(['text', 'comment']);
const NOT_FREE_TEXT_INPUTS = new Set(['date', 'datetime-local', 'month', 'week', 'time', 'number', 'range', 'color']);

/**
 * What respondents' pages add to a model: free-text boxes that browsers neither remember
 * (autocomplete) nor send to a spelling service, and a warning beside them when the text
 * looks identifying — computed here, on the device; the text is not sent anywhere for it.
 */
export function protectFreeText(
  model: Model,
  warning: (kinds: readonly IdentifyingKind[]) => string,
  announce: (text: string) => void = () => undefined,
): void {
  model.textUpdateMode = 'onTyping';
  const original = new Map<string, unknown>();
  const warned = new Set<string>();
  // A warning looks like one: its own colour and sign (styles.css), on the question's description.
  model.onUpdateQuestionCssClasses.add((_sender, options) => {
    if (warned.has(options.question.name))
      options.cssClasses.description = `${options.cssClasses.description ?? ''} identifying-warning`.trim();
  });
  const check = (question: Question) => {
    if (!FREE_TEXT.has(question.getType()) && !question.hasComment && !question.hasOther) return;
    if (!original.has(question.name)) original.set(question.name, question.locDescription.getJson() ?? '');
    // A date, time or number input holds no free text (a date reads like a phone number).
    const inputType = (question as Question & { inputType?: string }).inputType;
    const own = FREE_TEXT.has(question.getType()) && !NOT_FREE_TEXT_INPUTS.has(inputType ?? 'text') ? question.value : undefined;
    const texts = [own, question.comment].filter((value): value is string => typeof value === 'string');
    const kinds = [...new Set(texts.flatMap((text) => findIdentifyingDetails(text)))];
    question.locDescription.setJson(original.get(question.name));
    const was = warned.has(question.name);
    if (kinds.length > 0) {
      const text = warning(kinds);
      question.description = text;
      warned.add(question.name);
      announce(text);
    } else {
      warned.delete(question.name);
      if (was) announce('');
    }
    if (was !== warned.has(question.name)) question.updateElementCss(true);
  };
  model.onValueChanged.add((_sender, options) => {
    const question = model.getQuestionByName(options.name.replace(/-Comment$/, ''));
    if (question) check(question);
  });
  // clear() (an outreach device's reset between respondents) fires no onValueChanged: without
  // this, one respondent's warning would stay on the page for the next.
  const clear = model.clear.bind(model);
  model.clear = (clearData?: boolean, goToFirstPage?: boolean) => {
    clear(clearData, goToFirstPage);
    for (const name of [...warned]) {
      const question = model.getQuestionByName(name);
      if (question) check(question);
      else warned.delete(name);
    }
  };
  model.onAfterRenderQuestion.add((_sender, options) => {
    for (const field of options.htmlElement.querySelectorAll('input:not([type=radio]):not([type=checkbox]), textarea')) {
      field.setAttribute('autocomplete', 'off');
      field.setAttribute('spellcheck', 'false');
      field.setAttribute('autocorrect', 'off');
    }
  });
}
