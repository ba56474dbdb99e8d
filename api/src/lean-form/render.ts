import {
  languageName,
  localize,
  privacyNotice,
  safetyGuide,
  SPECIAL_VALUES,
  type ChoiceJson,
  type ChoiceSpec,
  type ElementJson,
  type PrivacyNotice,
  type QuestionSpec,
  type SurveyLanguage,
  uiLocaleFor,
} from '@candor/shared';
import { webEntry } from '../web/web-entry';
import { fill, leanMessages, type LeanMessages } from './lean-messages';

/**
 * HTML for the no-JavaScript form (Tor Browser on "Safest", very old phones): plain
 * forms, one page at a time, one external stylesheet, no scripts, no inline styles (the
 * CSP forbids both), neutral titles. Every string from a survey is escaped.
 */
/**
 * The element id of a question's field. Imported names may hold spaces, quotes and angle
 * brackets: such a name is hex-encoded (after "q--", which a plain name never yields), so the
 * id stays one token inside its attributes and in space-separated `aria-describedby` lists.
 */
export function questionFieldId(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? `q-${name}` : `q--${Buffer.from(name, 'utf8').toString('hex')}`;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Researcher-written HTML (content notes, intros) as plain paragraphs: tags are dropped, never rendered. */
export function htmlToParagraphs(html: string): string[] {
  return html
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
}

export const FORM_ID = 'survey-form';

export function documentHtml(chrome: Chrome, main: string): string {
  const t = leanMessages(chrome.lang);
  const other = chrome.lang === 'es' ? 'en' : 'es';
  const languages = chrome.languages ?? [
    { code: 'en', name: languageName('en') },
    { code: 'es', name: languageName('es') },
  ];
  const switcher = chrome.closingSwitch
    ? `<a class="to-alt" href="#closing-${escapeHtml(chrome.closingSwitch)}" lang="${escapeHtml(chrome.closingSwitch)}" hreflang="${escapeHtml(chrome.closingSwitch)}">${escapeHtml(t.switchTo)}</a>` +
      `<a class="to-main" href="#main" lang="${escapeHtml(chrome.lang)}" hreflang="${escapeHtml(chrome.lang)}">${escapeHtml(leanMessages(chrome.closingSwitch).switchTo)}</a>`
    : chrome.switchInForm
      ? languages
          .filter((language) => language.code !== chrome.lang)
          .map(
            (language) =>
              `<button type="submit" form="${FORM_ID}" name="action" value="language:${escapeHtml(language.code)}" class="link" lang="${escapeHtml(language.code)}">${escapeHtml(language.name)}</button>`,
          )
          .join('')
      : chrome.switchHref
        ? `<a href="${escapeHtml(chrome.switchHref)}" lang="${other}" hreflang="${other}">${escapeHtml(t.switchTo)}</a>`
        : '';
  const safetyHref = chrome.safetyInPage ? '#safety' : `/f/safety?lang=${chrome.lang}`;
  // Every page gets the boot script (Quick exit's blanking, warnings, focus); only the shared link may load SurveyJS.
  const boot = webEntry();
  const enhance = chrome.enhance ?? (boot ? { boot: boot.boot } : undefined);
  const script = enhance
    ? `<script type="module" src="${escapeHtml(enhance.boot)}"${
        enhance.app
          ? ` data-app="${escapeHtml(enhance.app.script)}" data-styles="${escapeHtml(enhance.app.styles.join(' '))}" data-bytes="${enhance.app.bytes}"`
          : ''
      }></script>\n`
    : '';
  return `<!doctype html>
<html lang="${escapeHtml(chrome.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(t.title)}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/lean.css">
${script}</head>
<body>
<header class="bar" id="bar">
<a class="exit" href="/api/public/exit">${escapeHtml(t.quickExit)}</a>
<nav aria-label="${escapeHtml(t.safety)}"><a href="${safetyHref}">${escapeHtml(t.safetyShort)}</a>${switcher}</nav>
</header>
<main id="main" tabindex="-1">
${chrome.safetyInPage ? `${safetySection(chrome.lang)}\n` : ''}${main}
</main>
</body>
</html>
`;
}

export function statusHtml(lang: string, title: string, paragraphs: readonly string[], closing?: string, switchHref?: string): string {
  const body =
    closing !== undefined ? `<div class="closing">${closing}</div>` : paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  return documentHtml({ lang, safetyInPage: true, ...(switchHref ? { switchHref } : {}) }, `<h1>${escapeHtml(title)}</h1>\n${body}`);
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

/**
 * The closing page. The other language is on the page too, shown by `:target` from the header's
 * language switch: the answers are gone by now (nothing to post again), and it works without scripts.
 */
export function closingPageHtml(main: ClosingView, other?: ClosingView): string {
  const body = (view: ClosingView) => {
    const sanitized = view.sanitized ?? '';
    if (sanitized.trim() === '')
      return `<h1>${escapeHtml(view.title)}</h1>\n${view.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}`;
    const heading = /<h([2-5])([^>]*)>([\s\S]*?)<\/h\1>/.exec(sanitized);
    return heading
      ? sanitized.replace(heading[0], () => `<h1${heading[2]}>${heading[3]}</h1>`)
      : `<h1>${escapeHtml(view.title)}</h1>${sanitized}`;
  };
  const alt = other
    ? `<div class="closing closing-alt" id="closing-${escapeHtml(other.lang)}" lang="${escapeHtml(other.lang)}" tabindex="-1">${body(other)}</div>\n`
    : '';
  return documentHtml(
    { lang: main.lang, safetyInPage: true, ...(other ? { closingSwitch: other.lang } : {}) },
    `${alt}<div class="closing closing-main">${body(main)}</div>`,
  );
}

/** The guide, each point marked for the path it describes: the boot script shows the `script` text. */
function guideHtml(lang: string, headingLevel: 1 | 2): string {
  const plain = safetyGuide(lang, 'plain');
  const scripted = safetyGuide(lang, 'script');
  const sections = plain.sections
    .map((section, index) => {
      const other = scripted.sections[index]?.points ?? [];
      const same = section.points.length === other.length && section.points.every((p, i) => p === other[i]);
      const items = same
        ? section.points.map((p) => `<li>${escapeHtml(p)}</li>`).join('')
        : section.points.map((p) => `<li class="without-script">${escapeHtml(p)}</li>`).join('') +
          other.map((p) => `<li class="with-script">${escapeHtml(p)}</li>`).join('');
      return `<h${headingLevel + 1}>${escapeHtml(section.heading)}</h${headingLevel + 1}>\n<ul>${items}</ul>`;
    })
    .join('\n');
  return `<h${headingLevel} id="safety-title">${escapeHtml(plain.title)}</h${headingLevel}>\n<p>${escapeHtml(plain.intro)}</p>\n${sections}`;
}

/** "Staying safe online" inside a page: shown by `:target`, so it works without scripts and loses nothing. */
function safetySection(lang: string): string {
  const t = leanMessages(lang);
  // Candor's own words: English where it has none for the survey's language.
  const ui = uiLocaleFor(lang);
  return `<section id="safety" class="safety-view" tabindex="-1" aria-labelledby="safety-title"${ui === lang ? '' : ` lang="${ui}"`}>\n${guideHtml(lang, 1)}\n<p><a class="back-to-survey" href="#main">${escapeHtml(t.backToSurvey)}</a></p>\n</section>`;
}

export function safetyHtml(lang: string): string {
  return documentHtml({ lang, switchHref: `/f/safety?lang=${lang === 'es' ? 'en' : 'es'}` }, guideHtml(lang, 1));
}

/** `lang`: the notice's own language (English where Candor has no words for the survey's). */
export function noticeHtml(notice: PrivacyNotice, lang?: string): string {
  return (
    `<section class="notice" aria-labelledby="notice-title"${lang ? ` lang="${escapeHtml(lang)}"` : ''}><h2 id="notice-title">${escapeHtml(notice.title)}</h2>` +
    `<ul>${notice.summary.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>` +
    `<details><summary>${escapeHtml(notice.more)}</summary><ul>${notice.points.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul></details></section>`
  );
}

export { privacyNotice };

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

export function pageHtml(view: PageView): string {
  const t = leanMessages(view.lang);
  const parts: string[] = [];
  if (view.surveyTitle) parts.push(`<h1>${escapeHtml(view.surveyTitle)}</h1>`);
  if (view.notice) parts.push(noticeHtml(view.notice, uiLocaleFor(view.lang) === view.lang ? undefined : uiLocaleFor(view.lang)));
  const sealing = view.freeText
    ? ` data-research-key="${escapeHtml(view.freeText.researchKey)}" data-free-text="${escapeHtml(JSON.stringify(view.freeText.fields))}"`
    : '';
  parts.push(
    `<form method="post" action="/f/${escapeHtml(view.slug)}" accept-charset="utf-8" autocomplete="off" id="${FORM_ID}"${view.challenge ? ` data-challenge="${escapeHtml(view.challenge)}" data-checking="${escapeHtml(t.checking)}"` : ''}${view.isLast ? ' data-last=""' : ''}${sealing}>`,
  );
  if (view.problems && view.problems.length > 0) {
    parts.push(
      `<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1"><h2 id="error-summary-title">${escapeHtml(t.problems)}</h2><ul>` +
        view.problems.map((p) => `<li><a href="#${escapeHtml(p.target)}">${escapeHtml(p.text)}</a></li>`).join('') +
        '</ul></div>',
    );
  }
  if (view.banner) {
    parts.push(
      `<div class="banner banner--${view.banner.tone}" role="alert">${view.banner.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}</div>`,
    );
  }
  for (const [name, value] of Object.entries(view.hidden))
    parts.push(`<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`);
  const progressText = fill(t.progress, { current: view.progress.current, total: view.progress.total });
  const bar = `<progress max="${view.progress.total}" value="${view.progress.current}" aria-hidden="true"></progress>`;
  // Without a page title the heading itself says "Page x of y"; otherwise it sits above the title.
  parts.push(`<p class="progress" id="progress">${view.pageTitle ? escapeHtml(progressText) : ''}${bar}</p>`);
  parts.push(`<h2 class="page-title" id="page-title" tabindex="-1">${escapeHtml(view.pageTitle ?? progressText)}</h2>`);
  if (view.outreachCode) {
    const error = view.outreachCode.error;
    parts.push(
      `<div class="question${error ? ' question--error' : ''}"><label for="outreachCode" class="question-title">${escapeHtml(t.outreachCode)} <span class="req">(${escapeHtml(t.required)})</span></label>` +
        `<p class="hint" id="outreachCode-hint">${escapeHtml(t.outreachHint)}</p>${error ? `<p class="error" id="outreachCode-error">${escapeHtml(error)}</p>` : ''}` +
        `<input id="outreachCode" name="outreachCode" value="${escapeHtml(view.outreachCode.value)}" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="32" aria-describedby="outreachCode-hint${error ? ' outreachCode-error' : ''}"></div>`,
    );
  }
  for (const element of view.elements) {
    if (element.kind === 'html')
      parts.push(
        `<div class="info">${htmlToParagraphs(element.html)
          .map((p) => `<p>${escapeHtml(p)}</p>`)
          .join('')}</div>`,
      );
    else parts.push(questionHtml(element, view.lang, t));
  }
  parts.push('<div class="actions">');
  if (view.canGoBack)
    parts.push(`<button type="submit" name="action" value="back" class="secondary" formnovalidate>${escapeHtml(t.back)}</button>`);
  parts.push(`<button type="submit" name="action" value="next">${escapeHtml(view.isLast ? t.send : t.next)}</button>`);
  parts.push('</div></form>');
  return documentHtml(
    { lang: view.lang, switchInForm: true, languages: view.languages, safetyInPage: true, enhance: view.enhance },
    parts.join('\n'),
  );
}

/** The warning beside free text: the boot script fills it as the respondent types; the server when a page comes back. */
function identifyingHtml(id: string, t: LeanMessages, found?: string): string {
  return (
    `<p class="hint" id="${id}-hint">${escapeHtml(t.identifying)}</p>` +
    `<p class="identifying-warning" id="${id}-warning" role="alert"${found ? '' : ' hidden'} data-template="${escapeHtml(t.identifyingFound)}" data-kinds="${escapeHtml(JSON.stringify(t.identifyingKinds))}">${found ? escapeHtml(found) : ''}</p>`
  );
}

const SPECIAL_LABELS_EN: Record<string, string> = {
  [SPECIAL_VALUES.refused]: 'Prefer not to say',
  [SPECIAL_VALUES.none]: 'None of these',
  [SPECIAL_VALUES.dontKnow]: 'Don’t know',
  [SPECIAL_VALUES.other]: 'Other',
};
const SPECIAL_LABELS: Record<string, Record<string, string>> = {
  en: SPECIAL_LABELS_EN,
  es: {
    [SPECIAL_VALUES.refused]: 'Prefiero no decirlo',
    [SPECIAL_VALUES.none]: 'Ninguna de estas',
    [SPECIAL_VALUES.dontKnow]: 'No sé',
    [SPECIAL_VALUES.other]: 'Otro',
  },
};

const SPECIAL_TEXT_PROPERTY: Record<string, string> = {
  [SPECIAL_VALUES.refused]: 'refuseText',
  [SPECIAL_VALUES.none]: 'noneText',
  [SPECIAL_VALUES.dontKnow]: 'dontKnowText',
  [SPECIAL_VALUES.other]: 'otherText',
};

function choiceLabel(element: ElementJson, choice: ChoiceSpec, lang: string, list: readonly ChoiceJson[] | undefined): string {
  const item = (list ?? []).find((c) => (typeof c === 'object' && c !== null ? c.value : c) === choice.value);
  if (typeof item === 'object' && item !== null && item.text !== undefined) return localize(item.text, lang);
  const property = SPECIAL_TEXT_PROPERTY[String(choice.value)];
  if (item === undefined && property) {
    const custom = element[property];
    if (typeof custom === 'string' || (typeof custom === 'object' && custom !== null))
      return localize(custom as Parameters<typeof localize>[0], lang);
    return (SPECIAL_LABELS[lang] ?? SPECIAL_LABELS_EN)[String(choice.value)] ?? String(choice.value);
  }
  return String(choice.value);
}

function questionHtml(view: Extract<RenderedElement, { kind: 'question' }>, lang: string, t: LeanMessages): string {
  const { element, spec, answers, error } = view;
  const id = questionFieldId(spec.name);
  const title = localize(element.title ?? spec.name, lang);
  const description = element.description !== undefined ? localize(element.description, lang) : '';
  const required = spec.required ? ` <span class="req">(${escapeHtml(t.required)})</span>` : '';
  const describedBy = [description ? `${id}-desc` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const aria = describedBy ? ` aria-describedby="${describedBy}"` : '';
  const head = (tag: 'legend' | 'label') =>
    `<${tag} class="question-title"${tag === 'label' ? ` for="${id}"` : ''}>${escapeHtml(title)}${required}</${tag}>` +
    (description ? `<p class="hint" id="${id}-desc">${escapeHtml(description)}</p>` : '') +
    (error ? `<p class="error" id="${id}-error">${escapeHtml(error)}</p>` : '') +
    (view.sealedKept ? `<p class="hint sealed-kept" id="${id}-sealed">${escapeHtml(t.sealedKept)}</p>` : '');
  const value = answers[spec.name];
  const cls = `question${error ? ' question--error' : ''}`;

  if (spec.kind === 'expression') return '';
  if (spec.kind === 'text' || spec.kind === 'number' || spec.kind === 'date') {
    const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    const textAria = ` aria-describedby="${[describedBy, `${id}-hint`, `${id}-warning`].filter(Boolean).join(' ')}"`;
    const max = spec.text?.maxLength ? ` maxlength="${spec.text.maxLength}"` : '';
    const field =
      element.type === 'comment'
        ? `<textarea id="${id}" name="${escapeHtml(spec.name)}" rows="5" autocomplete="off" spellcheck="false" data-identifying="${id}-warning"${max}${textAria}>${escapeHtml(text)}</textarea>${identifyingHtml(id, t, view.identifying)}`
        : `<input id="${id}" name="${escapeHtml(spec.name)}" value="${escapeHtml(text)}" ${spec.kind === 'number' ? 'inputmode="decimal"' : spec.kind === 'date' ? `type="${escapeHtml(spec.date?.inputType ?? 'date')}"` : `data-identifying="${id}-warning"`} autocomplete="off" spellcheck="false"${max}${spec.kind === 'text' ? textAria : aria}>${spec.kind === 'text' ? identifyingHtml(id, t, view.identifying) : ''}`;
    return `<div class="${cls}">${head('label')}${field}</div>`;
  }

  if (spec.kind === 'matrixdropdown') {
    const rows = (typeof value === 'object' && value !== null ? value : {}) as Record<string, Record<string, unknown> | undefined>;
    const rowsJson = element.rows;
    const columnsJson = (element['columns'] as readonly Record<string, unknown>[] | undefined) ?? [];
    const columns = spec.columns ?? [];
    const columnLabel = (column: QuestionSpec) => {
      const json = columnsJson.find((c) => c !== null && typeof c === 'object' && c['name'] === column.name);
      return json?.['title'] !== undefined ? localize(json['title'] as Parameters<typeof localize>[0], lang) : column.name;
    };
    const header = columns
      .map(
        (column) =>
          `<th scope="col">${escapeHtml(columnLabel(column))}${column.required ? ` <span class="req">(${escapeHtml(t.required)})</span>` : ''}</th>`,
      )
      .join('');
    const body = (spec.rows ?? [])
      .map((row) => {
        const rowLabel = choiceLabel(element, row, lang, rowsJson);
        const cells = columns
          .map((column) => {
            const field = `${spec.name}.${row.value}.${column.name}`;
            const current = rows[String(row.value)]?.[column.name];
            const label = `${rowLabel}: ${columnLabel(column)}`;
            if (column.kind === 'single' || column.kind === 'boolean') {
              const options =
                column.kind === 'boolean'
                  ? ([
                      ['true', column.booleanValues?.[0] ?? true],
                      ['false', column.booleanValues?.[1] ?? false],
                    ] as const)
                  : column.choices.map((c) => [String(c.value), c.value] as const);
              const list = options
                .map(
                  ([optionValue, raw]) =>
                    `<option value="${escapeHtml(optionValue)}"${current === raw ? ' selected' : ''}>${escapeHtml(column.kind === 'boolean' ? (optionValue === 'true' ? (lang === 'es' ? 'Sí' : 'Yes') : 'No') : choiceLabel(element, { value: raw as string | number, exclusive: false }, lang, (columnsJson.find((c) => c['name'] === column.name)?.['choices'] ?? element.choices) as readonly ChoiceJson[] | undefined))}</option>`,
                )
                .join('');
              return `<td><select name="${escapeHtml(field)}" aria-label="${escapeHtml(label)}"><option value=""></option>${list}</select></td>`;
            }
            if (column.kind === 'multi') {
              const chosen = Array.isArray(current) ? current : [];
              return `<td>${column.choices.map((c) => `<label class="choice"><input type="checkbox" name="${escapeHtml(field)}" value="${escapeHtml(String(c.value))}"${chosen.includes(c.value) ? ' checked' : ''}> ${escapeHtml(String(c.value))}</label>`).join('')}</td>`;
            }
            const text = typeof current === 'string' || typeof current === 'number' ? String(current) : '';
            return `<td><input name="${escapeHtml(field)}" value="${escapeHtml(text)}" aria-label="${escapeHtml(label)}" autocomplete="off" spellcheck="false"${column.kind === 'number' ? ' inputmode="decimal"' : ''}></td>`;
          })
          .join('');
        return `<tr><th scope="row">${escapeHtml(rowLabel)}</th>${cells}</tr>`;
      })
      .join('');
    return `<fieldset class="${cls}"${aria}>${head('legend')}<div class="matrix"><table><thead><tr><th scope="col">${escapeHtml(t.rowHeader)}</th>${header}</tr></thead><tbody>${body}</tbody></table></div></fieldset>`;
  }

  if (spec.kind === 'multipletext') {
    const boxes = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const itemsJson = (element['items'] as readonly Record<string, unknown>[] | undefined) ?? [];
    const fields = (spec.items ?? [])
      .map((item, index) => {
        const json = itemsJson.find((i) => i !== null && typeof i === 'object' && i['name'] === item.name);
        const label = json?.['title'] !== undefined ? localize(json['title'] as Parameters<typeof localize>[0], lang) : item.name;
        const text = typeof boxes[item.name] === 'string' || typeof boxes[item.name] === 'number' ? String(boxes[item.name]) : '';
        const itemId = `${id}-${index}`;
        return `<label class="other" for="${itemId}">${escapeHtml(label)}${item.required ? ` <span class="req">(${escapeHtml(t.required)})</span>` : ''}</label><input id="${itemId}" name="${escapeHtml(`${spec.name}.${item.name}`)}" value="${escapeHtml(text)}" ${item.kind === 'number' ? 'inputmode="decimal"' : ''} autocomplete="off" spellcheck="false" maxlength="${item.text.maxLength}">`;
      })
      .join('');
    return `<fieldset class="${cls}"${aria}>${head('legend')}${fields}<p class="hint">${escapeHtml(t.identifying)}</p></fieldset>`;
  }

  if (spec.kind === 'boolean') {
    const labels: [string, string] = [
      element['labelTrue'] !== undefined
        ? localize(element['labelTrue'] as Parameters<typeof localize>[0], lang)
        : lang === 'es'
          ? 'Sí'
          : 'Yes',
      element['labelFalse'] !== undefined ? localize(element['labelFalse'] as Parameters<typeof localize>[0], lang) : 'No',
    ];
    const options = (['true', 'false'] as const)
      .map((option, i) => {
        const checked = value !== undefined && value === spec.booleanValues?.[i] ? ' checked' : '';
        return `<label class="choice"><input type="radio" name="${escapeHtml(spec.name)}" value="${option}"${checked}> ${escapeHtml(labels[i] as string)}</label>`;
      })
      .join('');
    return `<fieldset class="${cls}" id="${id}"${aria}>${head('legend')}${options}</fieldset>`;
  }

  if (spec.kind === 'matrix') {
    const columns = element.columns;
    const rows = element.rows;
    const rowValues = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const header = spec.choices.map((c) => `<th scope="col">${escapeHtml(choiceLabel(element, c, lang, columns))}</th>`).join('');
    const body = (spec.rows ?? [])
      .map((row) => {
        const rowLabel = choiceLabel(element, row, lang, rows);
        const cells = spec.choices
          .map((c) => {
            const checked = rowValues[String(row.value)] === c.value ? ' checked' : '';
            const label = `${rowLabel}: ${choiceLabel(element, c, lang, columns)}`;
            return `<td><input type="radio" name="${escapeHtml(`${spec.name}.${row.value}`)}" value="${escapeHtml(String(c.value))}" aria-label="${escapeHtml(label)}"${checked}></td>`;
          })
          .join('');
        return `<tr><th scope="row">${escapeHtml(rowLabel)}</th>${cells}</tr>`;
      })
      .join('');
    return `<fieldset class="${cls}" id="${id}"${aria}>${head('legend')}<div class="matrix"><table><thead><tr><th scope="col">${escapeHtml(t.rowHeader)}</th>${header}</tr></thead><tbody>${body}</tbody></table></div></fieldset>`;
  }

  // single and multi
  const list = element.type === 'rating' ? element.rateValues : element.choices;
  const type = spec.kind === 'multi' ? 'checkbox' : 'radio';
  const chosen = (candidate: ChoiceSpec) => (Array.isArray(value) ? value.includes(candidate.value) : value === candidate.value);
  const options = view.visibleChoices
    .map((c) => {
      const checked = chosen(c) ? ' checked' : '';
      return `<label class="choice"><input type="${type}" name="${escapeHtml(spec.name)}" value="${escapeHtml(String(c.value))}"${checked}> ${escapeHtml(choiceLabel(element, c, lang, list))}</label>`;
    })
    .join('');
  const comment = answers[`${spec.name}-Comment`];
  const other =
    spec.hasOther || spec.hasComment
      ? `<label class="other" for="${id}-comment">${escapeHtml(t.otherText)}</label><input id="${id}-comment" name="${escapeHtml(`${spec.name}-Comment`)}" value="${escapeHtml(typeof comment === 'string' ? comment : '')}" autocomplete="off" spellcheck="false" data-identifying="${id}-comment-warning" aria-describedby="${id}-comment-hint ${id}-comment-warning" maxlength="${spec.text?.maxLength ?? 2000}">${identifyingHtml(`${id}-comment`, t, view.identifying)}`
      : '';
  return `<fieldset class="${cls}" id="${id}"${aria}>${head('legend')}${options}${other}</fieldset>`;
}
