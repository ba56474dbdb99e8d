import { languageName, safetyGuide, type SurveyLanguage, uiLocaleFor } from '@candor/shared';
import { html, joinHtml, trustedSanitizedHtml, type SafeHtml } from '../common/html';
import { webEntry } from '../web/web-entry';
import { leanMessages } from './lean-messages';

/**
 * The one document shell of the server-rendered pages (the no-JS form, the shared link, the
 * safety page, status and closing pages, and the `/f/` error pages): one external stylesheet,
 * no inline script or style (the CSP forbids both), neutral titles, Quick exit first.
 */

/** The script that enhances a server-rendered page (the shared link `/s/:slug`), and what it may load. */
export interface Enhancement {
  /** The small boot script (quick exit, identifying-details warning, the choice of renderer). */
  readonly boot: string;
  /** The SurveyJS app's entry module and stylesheets, fetched only on a link fast enough for them. */
  readonly app?: { readonly script: string; readonly styles: readonly string[]; readonly bytes: number };
}

export interface Chrome {
  readonly lang: string;
  /** Where the language switch points (the same page in the other language), when it is a link. */
  readonly switchHref?: string;
  /** The language switch as a button of the page's form: it keeps the answers on the page. */
  readonly switchInForm?: boolean;
  /** The survey's languages, for the in-form switch (default English and Spanish). */
  readonly languages?: readonly SurveyLanguage[];
  /** "Staying safe online" as a view inside this page (no navigation, nothing lost). */
  readonly safetyInPage?: boolean;
  /** On the closing page: the language whose closing is on the page too (shown by `#closing-<lang>`). */
  readonly closingSwitch?: string;
  readonly enhance?: Enhancement;
  /**
   * An error page, which cannot know the respondent's language: Quick exit named in English
   * and Spanish, no navigation and no script (it may answer before the app is ready).
   */
  readonly errorPage?: boolean;
}

export const FORM_ID = 'survey-form';

function switcherHtml(chrome: Chrome): SafeHtml | '' {
  const t = leanMessages(chrome.lang);
  if (chrome.closingSwitch) {
    const other = chrome.closingSwitch;
    return html`<a class="to-alt" href="#closing-${other}" lang="${other}" hreflang="${other}">${t.switchTo}</a><a class="to-main" href="#main" lang="${chrome.lang}" hreflang="${chrome.lang}">${leanMessages(other).switchTo}</a>`;
  }
  if (chrome.switchInForm) {
    const languages = chrome.languages ?? [
      { code: 'en', name: languageName('en') },
      { code: 'es', name: languageName('es') },
    ];
    return joinHtml(
      languages
        .filter((language) => language.code !== chrome.lang)
        .map(
          (language) =>
            html`<button type="submit" form="${FORM_ID}" name="action" value="language:${language.code}" class="link" lang="${language.code}">${language.name}</button>`,
        ),
    );
  }
  const other = chrome.lang === 'es' ? 'en' : 'es';
  return chrome.switchHref ? html`<a href="${chrome.switchHref}" lang="${other}" hreflang="${other}">${t.switchTo}</a>` : '';
}

function scriptHtml(chrome: Chrome): SafeHtml | '' {
  if (chrome.errorPage) return '';
  // Every page gets the boot script (Quick exit's blanking, warnings, focus); only the shared link may load SurveyJS.
  const boot = webEntry();
  const enhance = chrome.enhance ?? (boot ? { boot: boot.boot } : undefined);
  if (!enhance) return '';
  const app = enhance.app;
  const data = app && html` data-app="${app.script}" data-styles="${app.styles.join(' ')}" data-bytes="${app.bytes}"`;
  return html`<script type="module" src="${enhance.boot}"${data}></script>\n`;
}

function barHtml(chrome: Chrome): SafeHtml {
  const t = leanMessages(chrome.lang);
  if (chrome.errorPage)
    return html`<a class="exit" href="/api/public/exit">${leanMessages('en').quickExit} / ${leanMessages('es').quickExit}</a>`;
  const safetyHref = chrome.safetyInPage ? '#safety' : `/f/safety?lang=${chrome.lang}`;
  return html`<a class="exit" href="/api/public/exit">${t.quickExit}</a>
<nav aria-label="${t.safety}"><a href="${safetyHref}">${t.safetyShort}</a>${switcherHtml(chrome)}</nav>`;
}

/** The whole page: the finished document, as sent. */
export function documentHtml(chrome: Chrome, main: SafeHtml): string {
  const t = leanMessages(chrome.lang);
  return String(html`<!doctype html>
<html lang="${chrome.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${t.title}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/lean.css">
${scriptHtml(chrome)}</head>
<body>
<header class="bar" id="bar">
${barHtml(chrome)}
</header>
<main id="main" tabindex="-1">
${chrome.safetyInPage && html`${safetySection(chrome.lang)}\n`}${main}
</main>
</body>
</html>
`);
}

const paragraphs = (lines: readonly string[]) =>
  joinHtml(
    lines.map((p) => html`<p>${p}</p>`),
    '\n',
  );

/** A page with a heading and a few lines (closed, not found, expired); `closing` replaces the lines. */
export function statusHtml(lang: string, title: string, lines: readonly string[], closing?: SafeHtml, switchHref?: string): string {
  const body = closing !== undefined ? html`<div class="closing">${closing}</div>` : paragraphs(lines);
  return documentHtml({ lang, safetyInPage: true, ...(switchHref ? { switchHref } : {}) }, html`<h1>${title}</h1>\n${body}`);
}

/** One language's closing page: the survey's own content (sanitized), or the generic thank-you. */
export interface ClosingView {
  readonly lang: string;
  readonly title: string;
  /** Sanitized closing content; its first heading becomes the page's, else `title` is. */
  readonly sanitized?: string;
  /** The generic thank-you, when the survey has no closing content. */
  readonly paragraphs: readonly string[];
}

function closingBody(view: ClosingView): SafeHtml {
  const sanitized = view.sanitized ?? '';
  if (sanitized.trim() === '') return html`<h1>${view.title}</h1>\n${paragraphs(view.paragraphs)}`;
  const heading = /<h([2-5])([^>]*)>([\s\S]*?)<\/h\1>/.exec(sanitized);
  // The sanitized content's first heading, promoted to the page's h1 (its attributes and words as sanitized).
  return heading
    ? trustedSanitizedHtml(sanitized.replace(heading[0], () => `<h1${heading[2]}>${heading[3]}</h1>`))
    : html`<h1>${view.title}</h1>${trustedSanitizedHtml(sanitized)}`;
}

/**
 * The closing page. The other language is on the page too, shown by `:target` from the header's
 * language switch: the answers are gone by now (nothing to post again), and it works without scripts.
 */
export function closingPageHtml(main: ClosingView, other?: ClosingView): string {
  const alt =
    other &&
    html`<div class="closing closing-alt" id="closing-${other.lang}" lang="${other.lang}" tabindex="-1">${closingBody(other)}</div>\n`;
  return documentHtml(
    { lang: main.lang, safetyInPage: true, ...(other ? { closingSwitch: other.lang } : {}) },
    html`${alt}<div class="closing closing-main">${closingBody(main)}</div>`,
  );
}

/** The guide, each point marked for the path it describes: the boot script shows the `script` text. */
function guideHtml(lang: string, headingLevel: 1 | 2): SafeHtml {
  const plain = safetyGuide(lang, 'plain');
  const scripted = safetyGuide(lang, 'script');
  const sub = headingLevel + 1;
  const sections = plain.sections.map((section, index) => {
    const other = scripted.sections[index]?.points ?? [];
    const same = section.points.length === other.length && section.points.every((p, i) => p === other[i]);
    const items = same
      ? section.points.map((p) => html`<li>${p}</li>`)
      : [
          ...section.points.map((p) => html`<li class="without-script">${p}</li>`),
          ...other.map((p) => html`<li class="with-script">${p}</li>`),
        ];
    return html`<h${sub}>${section.heading}</h${sub}>\n<ul>${items}</ul>`;
  });
  return html`<h${headingLevel} id="safety-title">${plain.title}</h${headingLevel}>\n<p>${plain.intro}</p>\n${joinHtml(sections, '\n')}`;
}

/** "Staying safe online" inside a page: shown by `:target`, so it works without scripts and loses nothing. */
function safetySection(lang: string): SafeHtml {
  const t = leanMessages(lang);
  // Candor's own words: English where it has none for the survey's language.
  const ui = uiLocaleFor(lang);
  return html`<section id="safety" class="safety-view" tabindex="-1" aria-labelledby="safety-title"${ui === lang ? '' : html` lang="${ui}"`}>\n${guideHtml(lang, 1)}\n<p><a class="back-to-survey" href="#main">${t.backToSurvey}</a></p>\n</section>`;
}

export function safetyHtml(lang: string): string {
  return documentHtml({ lang, switchHref: `/f/safety?lang=${lang === 'es' ? 'en' : 'es'}` }, guideHtml(lang, 1));
}
