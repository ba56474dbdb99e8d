import {
  privacyNotice,
  uiLocaleFor,
  type ChoiceSpec,
  type ElementJson,
  type PrivacyNotice,
  type QuestionSpec,
  type SurveyLanguage,
} from '@candor/shared';
import { html, joinHtml, type SafeHtml } from '../common/html';
import { documentHtml, FORM_ID, type Enhancement } from './document';
import { fill, leanMessages, type LeanMessages } from './lean-messages';
import { questionHtml } from './question-html';

/**
 * HTML for the no-JavaScript form (Tor Browser on "Safest", very old phones): plain forms,
 * one page at a time, in the one document shell (`document.ts`). Every page is built with
 * the `html` tagged template, so every string from a survey is escaped by construction.
 */
export {
  closingPageHtml,
  documentHtml,
  FORM_ID,
  safetyHtml,
  statusHtml,
  type Chrome,
  type ClosingView,
  type Enhancement,
} from './document';
export { questionFieldId } from './question-html';
export { privacyNotice };

/** Researcher-written HTML (content notes, intros) as plain paragraphs: tags are dropped, never rendered. */
export function htmlToParagraphs(source: string): string[] {
  return source
    .split(/<\/p>|<br\s*\/?>|<\/li>|<\/h\d>/i)
    .map((part) =>
      part
        .replace(/<[^>]*>/g, '')
        .replace(/&nbsp;/g, ' ')
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .trim(),
    )
    .filter((part) => part !== '');
}

/** `lang`: the notice's own language (English where Candor has no words for the survey's). */
export function noticeHtml(notice: PrivacyNotice, lang?: string): SafeHtml {
  const items = (points: readonly string[]) => points.map((p) => html`<li>${p}</li>`);
  return html`<section class="notice" aria-labelledby="notice-title"${lang && html` lang="${lang}"`}><h2 id="notice-title">${notice.title}</h2><ul>${items(notice.summary)}</ul><details><summary>${notice.more}</summary><ul>${items(notice.points)}</ul></details></section>`;
}

/** What one form page needs to render. */
export interface PageView {
  /**
   * Issue 17: the research key and the names of the free-text fields, for the boot script to
   * seal them in the browser before the form is sent.
   */
  readonly freeText?: { readonly researchKey: string; readonly fields: readonly string[] };
  readonly lang: string;
  /** The survey's languages (the switch offers the others). */
  readonly languages?: readonly SurveyLanguage[];
  readonly slug: string;
  readonly surveyTitle?: string;
  readonly pageTitle?: string;
  readonly progress: { readonly current: number; readonly total: number };
  readonly elements: readonly RenderedElement[];
  readonly notice?: PrivacyNotice;
  readonly banner?: { readonly tone: 'info' | 'warning'; readonly lines: readonly string[] };
  /** Problems with the answers, listed at the top of the form with links to the questions. */
  readonly problems?: readonly { readonly target: string; readonly text: string }[];
  readonly hidden: Readonly<Record<string, string>>;
  readonly canGoBack: boolean;
  readonly isLast: boolean;
  /** Where the page's script fetches a proof-of-work challenge to solve while the respondent answers (none once solved). */
  readonly challenge?: string;
  readonly outreachCode?: { readonly value: string; readonly error?: string };
  readonly enhance?: Enhancement;
}

export type RenderedElement =
  | { readonly kind: 'html'; readonly html: string }
  | {
      readonly kind: 'question';
      readonly element: ElementJson;
      readonly spec: QuestionSpec;
      readonly answers: Readonly<Record<string, unknown>>;
      readonly error?: string;
      readonly visibleChoices: readonly ChoiceSpec[];
      /** What the free text looks like it identifies (checked when the page was sent). */
      readonly identifying?: string;
      /** Free text written earlier is kept sealed for the research team (issue 17): the field shows empty. */
      readonly sealedKept?: boolean;
    };

function formOpenHtml(view: PageView, t: LeanMessages): SafeHtml {
  const challenge = view.challenge && html` data-challenge="${view.challenge}" data-checking="${t.checking}"`;
  const sealing =
    view.freeText && html` data-research-key="${view.freeText.researchKey}" data-free-text="${JSON.stringify(view.freeText.fields)}"`;
  return html`<form method="post" action="/f/${view.slug}" accept-charset="utf-8" autocomplete="off" id="${FORM_ID}"${challenge}${view.isLast && html` data-last=""`}${sealing}>`;
}

function problemsHtml(problems: PageView['problems'], t: LeanMessages): SafeHtml | undefined {
  if (!problems || problems.length === 0) return undefined;
  const items = problems.map((p) => html`<li><a href="#${p.target}">${p.text}</a></li>`);
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1"><h2 id="error-summary-title">${t.problems}</h2><ul>${items}</ul></div>`;
}

function outreachCodeHtml(code: NonNullable<PageView['outreachCode']>, t: LeanMessages): SafeHtml {
  const error = code.error;
  return html`<div class="question${error && ' question--error'}"><label for="outreachCode" class="question-title">${t.outreachCode} <span class="req">(${t.required})</span></label><p class="hint" id="outreachCode-hint">${t.outreachHint}</p>${error && html`<p class="error" id="outreachCode-error">${error}</p>`}<input id="outreachCode" name="outreachCode" value="${code.value}" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="32" aria-describedby="outreachCode-hint${error && ' outreachCode-error'}"></div>`;
}

function progressHtml(view: PageView, t: LeanMessages): SafeHtml {
  const progressText = fill(t.progress, { current: view.progress.current, total: view.progress.total });
  const bar = html`<progress max="${view.progress.total}" value="${view.progress.current}" aria-hidden="true"></progress>`;
  // Without a page title the heading itself says "Page x of y"; otherwise it sits above the title.
  return html`<p class="progress" id="progress">${view.pageTitle && progressText}${bar}</p>
<h2 class="page-title" id="page-title" tabindex="-1">${view.pageTitle ?? progressText}</h2>`;
}

function elementHtml(element: RenderedElement, lang: string, t: LeanMessages): SafeHtml {
  if (element.kind === 'html') return html`<div class="info">${htmlToParagraphs(element.html).map((p) => html`<p>${p}</p>`)}</div>`;
  return questionHtml(element, lang, t);
}

export function pageHtml(view: PageView): string {
  const t = leanMessages(view.lang);
  const ui = uiLocaleFor(view.lang);
  const parts: (SafeHtml | undefined)[] = [
    view.surveyTitle ? html`<h1>${view.surveyTitle}</h1>` : undefined,
    view.notice && noticeHtml(view.notice, ui === view.lang ? undefined : ui),
    formOpenHtml(view, t),
    problemsHtml(view.problems, t),
    view.banner &&
      html`<div class="banner banner--${view.banner.tone}" role="alert">${view.banner.lines.map((line) => html`<p>${line}</p>`)}</div>`,
    ...Object.entries(view.hidden).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`),
    progressHtml(view, t),
    view.outreachCode && outreachCodeHtml(view.outreachCode, t),
    ...view.elements.map((element) => elementHtml(element, view.lang, t)),
    html`<div class="actions">`,
    view.canGoBack ? html`<button type="submit" name="action" value="back" class="secondary" formnovalidate>${t.back}</button>` : undefined,
    html`<button type="submit" name="action" value="next">${view.isLast ? t.send : t.next}</button>`,
    html`</div></form>`,
  ];
  return documentHtml(
    { lang: view.lang, switchInForm: true, languages: view.languages, safetyInPage: true, enhance: view.enhance },
    joinHtml(
      parts.filter((part): part is SafeHtml => part !== undefined),
      '\n',
    ),
  );
}
