import {
  localize,
  privacyNotice,
  safetyGuide,
  SPECIAL_VALUES,
  type ChoiceJson,
  type ChoiceSpec,
  type ElementJson,
  type PrivacyNotice,
  type QuestionSpec,
} from '@candor/shared';
import { fill, leanMessages, type LeanMessages } from './lean-messages';

/**
 * HTML for the no-JavaScript form (Tor Browser on "Safest", very old phones): plain
 * forms, one page at a time, one external stylesheet, no scripts, no inline styles (the
 * CSP forbids both), neutral titles. Every string from a survey is escaped.
 */
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

export interface Chrome {
  readonly lang: string;
  /** Where the language switch points (the same page in the other language), when there is one. */
  readonly switchHref?: string;
}

export function documentHtml(chrome: Chrome, main: string): string {
  const t = leanMessages(chrome.lang);
  const other = chrome.lang === 'es' ? 'en' : 'es';
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
</head>
<body>
<header class="bar">
<a class="exit" href="/api/public/exit">${escapeHtml(t.quickExit)}</a>
<nav><a href="/f/safety?lang=${chrome.lang}">${escapeHtml(t.safety)}</a>${chrome.switchHref ? ` <a href="${escapeHtml(chrome.switchHref)}" lang="${other}" hreflang="${other}">${escapeHtml(t.switchTo)}</a>` : ''}</nav>
</header>
<main>
${main}
</main>
</body>
</html>
`;
}

export function statusHtml(lang: string, title: string, paragraphs: readonly string[]): string {
  return documentHtml({ lang }, `<h1>${escapeHtml(title)}</h1>\n${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}`);
}

export function safetyHtml(lang: string): string {
  const guide = safetyGuide(lang);
  const sections = guide.sections
    .map((section) => `<h2>${escapeHtml(section.heading)}</h2>\n<ul>${section.points.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>`)
    .join('\n');
  return documentHtml({ lang, switchHref: `/f/safety?lang=${lang === 'es' ? 'en' : 'es'}` }, `<h1>${escapeHtml(guide.title)}</h1>\n<p>${escapeHtml(guide.intro)}</p>\n${sections}`);
}

export function noticeHtml(notice: PrivacyNotice): string {
  return `<section class="notice" aria-labelledby="notice-title"><h2 id="notice-title">${escapeHtml(notice.title)}</h2><ul>${notice.points.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul></section>`;
}

export { privacyNotice };

/** What one form page needs to render. */
export interface PageView {
  readonly lang: string;
  readonly slug: string;
  readonly surveyTitle?: string;
  readonly pageTitle?: string;
  readonly pageNumber: number;
  readonly elements: readonly RenderedElement[];
  readonly notice?: PrivacyNotice;
  readonly banner?: { readonly tone: 'info' | 'warning'; readonly lines: readonly string[] };
  readonly hidden: Readonly<Record<string, string>>;
  readonly canGoBack: boolean;
  readonly isLast: boolean;
  readonly outreachCode?: { readonly value: string; readonly error?: string };
}

export type RenderedElement =
  | { readonly kind: 'html'; readonly html: string }
  | { readonly kind: 'question'; readonly element: ElementJson; readonly spec: QuestionSpec; readonly answers: Readonly<Record<string, unknown>>; readonly error?: string; readonly visibleChoices: readonly ChoiceSpec[] };

export function pageHtml(view: PageView): string {
  const t = leanMessages(view.lang);
  const parts: string[] = [];
  if (view.surveyTitle) parts.push(`<h1>${escapeHtml(view.surveyTitle)}</h1>`);
  if (view.notice) parts.push(noticeHtml(view.notice));
  if (view.banner) {
    parts.push(`<div class="banner banner--${view.banner.tone}" role="alert">${view.banner.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}</div>`);
  }
  parts.push(`<form method="post" action="/f/${escapeHtml(view.slug)}" accept-charset="utf-8" autocomplete="off">`);
  for (const [name, value] of Object.entries(view.hidden)) parts.push(`<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`);
  parts.push(`<h2 class="page-title">${escapeHtml(view.pageTitle ?? fill(t.page, { current: view.pageNumber }))}</h2>`);
  if (view.outreachCode) {
    const error = view.outreachCode.error;
    parts.push(
      `<div class="question${error ? ' question--error' : ''}"><label for="outreachCode" class="question-title">${escapeHtml(t.outreachCode)} <span class="req">(${escapeHtml(t.required)})</span></label>` +
        `<p class="hint" id="outreachCode-hint">${escapeHtml(t.outreachHint)}</p>${error ? `<p class="error" id="outreachCode-error">${escapeHtml(error)}</p>` : ''}` +
        `<input id="outreachCode" name="outreachCode" value="${escapeHtml(view.outreachCode.value)}" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="32" aria-describedby="outreachCode-hint${error ? ' outreachCode-error' : ''}"></div>`,
    );
  }
  for (const element of view.elements) {
    if (element.kind === 'html') parts.push(`<div class="info">${htmlToParagraphs(element.html).map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</div>`);
    else parts.push(questionHtml(element, view.lang, t));
  }
  parts.push('<div class="actions">');
  if (view.canGoBack) parts.push(`<button type="submit" name="action" value="back" class="secondary" formnovalidate>${escapeHtml(t.back)}</button>`);
  parts.push(`<button type="submit" name="action" value="next">${escapeHtml(view.isLast ? t.send : t.next)}</button>`);
  parts.push('</div></form>');
  return documentHtml({ lang: view.lang, switchHref: view.pageNumber === 1 && !view.banner ? `/f/${view.slug}?lang=${view.lang === 'es' ? 'en' : 'es'}` : undefined }, parts.join('\n'));
}

const SPECIAL_LABELS: Record<string, Record<string, string>> = {
  en: { [SPECIAL_VALUES.refused]: 'Prefer not to say', [SPECIAL_VALUES.none]: 'None of these', [SPECIAL_VALUES.dontKnow]: 'Don’t know', [SPECIAL_VALUES.other]: 'Other' },
  es: { [SPECIAL_VALUES.refused]: 'Prefiero no decirlo', [SPECIAL_VALUES.none]: 'Ninguna de estas', [SPECIAL_VALUES.dontKnow]: 'No sé', [SPECIAL_VALUES.other]: 'Otro' },
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
    if (typeof custom === 'string' || (typeof custom === 'object' && custom !== null)) return localize(custom as Parameters<typeof localize>[0], lang);
    return (SPECIAL_LABELS[lang] ?? SPECIAL_LABELS['en'] as Record<string, string>)[String(choice.value)] ?? String(choice.value);
  }
  return String(choice.value);
}

function questionHtml(view: Extract<RenderedElement, { kind: 'question' }>, lang: string, t: LeanMessages): string {
  const { element, spec, answers, error } = view;
  const id = `q-${spec.name}`;
  const title = localize(element.title ?? spec.name, lang);
  const description = element.description !== undefined ? localize(element.description, lang) : '';
  const required = spec.required ? ` <span class="req">(${escapeHtml(t.required)})</span>` : '';
  const describedBy = [description ? `${id}-desc` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const aria = describedBy ? ` aria-describedby="${describedBy}"` : '';
  const head = (tag: 'legend' | 'label') =>
    `<${tag} class="question-title"${tag === 'label' ? ` for="${id}"` : ''}>${escapeHtml(title)}${required}</${tag}>` +
    (description ? `<p class="hint" id="${id}-desc">${escapeHtml(description)}</p>` : '') +
    (error ? `<p class="error" id="${id}-error">${escapeHtml(error)}</p>` : '');
  const value = answers[spec.name];
  const cls = `question${error ? ' question--error' : ''}`;

  if (spec.kind === 'text' || spec.kind === 'number') {
    const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    const max = spec.text?.maxLength ? ` maxlength="${spec.text.maxLength}"` : '';
    const field =
      element.type === 'comment'
        ? `<textarea id="${id}" name="${escapeHtml(spec.name)}" rows="5" autocomplete="off" spellcheck="false"${max}${aria}>${escapeHtml(text)}</textarea><p class="hint">${escapeHtml(t.identifying)}</p>`
        : `<input id="${id}" name="${escapeHtml(spec.name)}" value="${escapeHtml(text)}" ${spec.kind === 'number' ? 'inputmode="decimal"' : ''} autocomplete="off" spellcheck="false"${max}${aria}>${spec.kind === 'text' ? `<p class="hint">${escapeHtml(t.identifying)}</p>` : ''}`;
    return `<div class="${cls}">${head('label')}${field}</div>`;
  }

  if (spec.kind === 'boolean') {
    const labels: [string, string] = [
      element['labelTrue'] !== undefined ? localize(element['labelTrue'] as Parameters<typeof localize>[0], lang) : lang === 'es' ? 'Sí' : 'Yes',
      element['labelFalse'] !== undefined ? localize(element['labelFalse'] as Parameters<typeof localize>[0], lang) : 'No',
    ];
    const options = (['true', 'false'] as const)
      .map((option, i) => {
        const checked = value !== undefined && value === spec.booleanValues?.[i] ? ' checked' : '';
        return `<label class="choice"><input type="radio" name="${escapeHtml(spec.name)}" value="${option}"${checked}> ${escapeHtml(labels[i] as string)}</label>`;
      })
      .join('');
    return `<fieldset class="${cls}"${aria}>${head('legend')}${options}</fieldset>`;
  }

  if (spec.kind === 'matrix') {
    const columns = element.columns as readonly ChoiceJson[] | undefined;
    const rows = element.rows as readonly ChoiceJson[] | undefined;
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
    return `<fieldset class="${cls}"${aria}>${head('legend')}<div class="matrix"><table><thead><tr><th scope="col">${escapeHtml(t.rowHeader)}</th>${header}</tr></thead><tbody>${body}</tbody></table></div></fieldset>`;
  }

  // single and multi
  const list = (element.type === 'rating' ? element.rateValues : element.choices) as readonly ChoiceJson[] | undefined;
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
      ? `<label class="other" for="${id}-comment">${escapeHtml(t.otherText)}</label><input id="${id}-comment" name="${escapeHtml(`${spec.name}-Comment`)}" value="${escapeHtml(typeof comment === 'string' ? comment : '')}" autocomplete="off" spellcheck="false" maxlength="${spec.text?.maxLength ?? 2000}"><p class="hint">${escapeHtml(t.identifying)}</p>`
      : '';
  return `<fieldset class="${cls}"${aria}>${head('legend')}${options}${other}</fieldset>`;
}
