import {
  localize,
  shippedTextIn,
  SPECIAL_ANSWERS,
  YES_TEXT,
  type ChoiceJson,
  type ChoiceSpec,
  type ElementJson,
  type QuestionSpec,
} from '@candor/shared';
import { html, type SafeHtml } from '../common/html';
import type { LeanMessages } from './lean-messages';
import type { RenderedElement } from './render';

/** One question as the no-JS form shows it: every kind the compiler knows, each in its own function. */
type QuestionView = Extract<RenderedElement, { kind: 'question' }>;
type Localized = Parameters<typeof localize>[0];

/**
 * The element id of a question's field. Imported names may hold spaces, quotes and angle
 * brackets: such a name is hex-encoded (after "q--", which a plain name never yields), so the
 * id stays one token inside its attributes and in space-separated `aria-describedby` lists.
 */
export function questionFieldId(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? `q-${name}` : `q--${Buffer.from(name, 'utf8').toString('hex')}`;
}

/** The warning beside free text: the boot script fills it as the respondent types; the server when a page comes back. */
function identifyingHtml(id: string, t: LeanMessages, found?: string): SafeHtml {
  return html`<p class="hint" id="${id}-hint">${t.identifying}</p><p class="identifying-warning" id="${id}-warning" role="alert"${!found && ' hidden'} data-template="${t.identifyingFound}" data-kinds="${JSON.stringify(t.identifyingKinds)}">${found}</p>`;
}

function choiceLabel(element: ElementJson, choice: ChoiceSpec, lang: string, list: readonly ChoiceJson[] | undefined): string {
  const item = (list ?? []).find((c) => (typeof c === 'object' && c !== null ? c.value : c) === choice.value);
  if (typeof item === 'object' && item !== null && item.text !== undefined) return localize(item.text, lang);
  const special = SPECIAL_ANSWERS.get(String(choice.value));
  if (item === undefined && special) {
    const custom = element[special.textProperty];
    if (typeof custom === 'string' || (typeof custom === 'object' && custom !== null)) return localize(custom as Localized, lang);
    return shippedTextIn(special.text, lang);
  }
  return String(choice.value);
}

const yesLabel = (lang: string) => shippedTextIn(YES_TEXT, lang);

/** What every kind shares: the id, the heading (title, description, error, sealed note), the error class. */
interface Frame {
  readonly view: QuestionView;
  readonly lang: string;
  readonly t: LeanMessages;
  readonly id: string;
  readonly value: unknown;
  readonly cls: string;
  readonly describedBy: string;
  /** ` aria-describedby="…"` when the question has a description or an error. */
  readonly aria: SafeHtml | '';
  readonly head: (tag: 'legend' | 'label') => SafeHtml;
}

function frameOf(view: QuestionView, lang: string, t: LeanMessages): Frame {
  const { element, spec, error } = view;
  const id = questionFieldId(spec.name);
  const title = localize(element.title ?? spec.name, lang);
  const description = element.description !== undefined ? localize(element.description, lang) : '';
  const required = spec.required && html` <span class="req">(${t.required})</span>`;
  const describedBy = [description ? `${id}-desc` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const notes = html`${description && html`<p class="hint" id="${id}-desc">${description}</p>`}${error && html`<p class="error" id="${id}-error">${error}</p>`}${view.sealedKept && html`<p class="hint sealed-kept" id="${id}-sealed">${t.sealedKept}</p>`}`;
  return {
    view,
    lang,
    t,
    id,
    value: view.answers[spec.name],
    cls: `question${error ? ' question--error' : ''}`,
    describedBy,
    aria: describedBy ? html` aria-describedby="${describedBy}"` : '',
    head: (tag) => html`<${tag} class="question-title"${tag === 'label' && html` for="${id}"`}>${title}${required}</${tag}>${notes}`,
  };
}

const textOf = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const objectOf = <T>(value: unknown) => (typeof value === 'object' && value !== null ? value : {}) as T;

function textQuestion({ view, t, id, value, cls, describedBy, aria, head }: Frame): SafeHtml {
  const { element, spec } = view;
  const text = textOf(value);
  const textAria = html` aria-describedby="${[describedBy, `${id}-hint`, `${id}-warning`].filter(Boolean).join(' ')}"`;
  const max = spec.text?.maxLength ? html` maxlength="${spec.text.maxLength}"` : '';
  if (element.type === 'comment')
    return html`<div class="${cls}">${head('label')}<textarea id="${id}" name="${spec.name}" rows="5" autocomplete="off" spellcheck="false" data-identifying="${id}-warning"${max}${textAria}>${text}</textarea>${identifyingHtml(id, t, view.identifying)}</div>`;
  const kindAttribute =
    spec.kind === 'number'
      ? html`inputmode="decimal"`
      : spec.kind === 'date'
        ? html`type="${spec.date?.inputType ?? 'date'}"`
        : html`data-identifying="${id}-warning"`;
  const isText = spec.kind === 'text';
  return html`<div class="${cls}">${head('label')}<input id="${id}" name="${spec.name}" value="${text}" ${kindAttribute} autocomplete="off" spellcheck="false"${max}${isText ? textAria : aria}>${isText && identifyingHtml(id, t, view.identifying)}</div>`;
}

function matrixDropdownCell(frame: Frame, row: ChoiceSpec, rowLabel: string, column: QuestionSpec, current: unknown): SafeHtml {
  const { view, lang } = frame;
  const { element, spec } = view;
  const columnsJson = (element['columns'] as readonly Record<string, unknown>[] | undefined) ?? [];
  const field = `${spec.name}.${row.value}.${column.name}`;
  const label = `${rowLabel}: ${columnLabel(frame, column)}`;
  if (column.kind === 'single' || column.kind === 'boolean') {
    const choicesJson = (columnsJson.find((c) => c['name'] === column.name)?.['choices'] ?? element.choices) as
      readonly ChoiceJson[] | undefined;
    const options =
      column.kind === 'boolean'
        ? ([
            ['true', column.booleanValues?.[0] ?? true, yesLabel(lang)],
            ['false', column.booleanValues?.[1] ?? false, 'No'],
          ] as const)
        : column.choices.map(
            (c) => [String(c.value), c.value, choiceLabel(element, { value: c.value, exclusive: false }, lang, choicesJson)] as const,
          );
    const list = options.map(
      ([optionValue, raw, text]) => html`<option value="${optionValue}"${current === raw && ' selected'}>${text}</option>`,
    );
    return html`<td><select name="${field}" aria-label="${label}"><option value=""></option>${list}</select></td>`;
  }
  if (column.kind === 'multi') {
    const chosen = Array.isArray(current) ? current : [];
    const boxes = column.choices.map(
      (c) =>
        html`<label class="choice"><input type="checkbox" name="${field}" value="${String(c.value)}"${chosen.includes(c.value) && ' checked'}> ${String(c.value)}</label>`,
    );
    return html`<td>${boxes}</td>`;
  }
  return html`<td><input name="${field}" value="${textOf(current)}" aria-label="${label}" autocomplete="off" spellcheck="false"${column.kind === 'number' && ' inputmode="decimal"'}></td>`;
}

function columnLabel({ view, lang }: Frame, column: QuestionSpec): string {
  const columnsJson = (view.element['columns'] as readonly Record<string, unknown>[] | undefined) ?? [];
  const json = columnsJson.find((c) => c !== null && typeof c === 'object' && c['name'] === column.name);
  return json?.['title'] !== undefined ? localize(json['title'] as Localized, lang) : column.name;
}

function matrixDropdownQuestion(frame: Frame): SafeHtml {
  const { view, lang, t, value, cls, aria, head } = frame;
  const { element, spec } = view;
  const rows = objectOf<Record<string, Record<string, unknown> | undefined>>(value);
  const columns = spec.columns ?? [];
  const header = columns.map(
    (column) =>
      html`<th scope="col">${columnLabel(frame, column)}${column.required && html` <span class="req">(${t.required})</span>`}</th>`,
  );
  const body = (spec.rows ?? []).map((row) => {
    const rowLabel = choiceLabel(element, row, lang, element.rows);
    const cells = columns.map((column) => matrixDropdownCell(frame, row, rowLabel, column, rows[String(row.value)]?.[column.name]));
    return html`<tr><th scope="row">${rowLabel}</th>${cells}</tr>`;
  });
  return html`<fieldset class="${cls}"${aria}>${head('legend')}<div class="matrix"><table><thead><tr><th scope="col">${t.rowHeader}</th>${header}</tr></thead><tbody>${body}</tbody></table></div></fieldset>`;
}

function multipleTextQuestion({ view, lang, t, id, value, cls, aria, head }: Frame): SafeHtml {
  const { element, spec } = view;
  const boxes = objectOf<Record<string, unknown>>(value);
  const itemsJson = (element['items'] as readonly Record<string, unknown>[] | undefined) ?? [];
  const fields = (spec.items ?? []).map((item, index) => {
    const json = itemsJson.find((i) => i !== null && typeof i === 'object' && i['name'] === item.name);
    const label = json?.['title'] !== undefined ? localize(json['title'] as Localized, lang) : item.name;
    const itemId = `${id}-${index}`;
    return html`<label class="other" for="${itemId}">${label}${item.required && html` <span class="req">(${t.required})</span>`}</label><input id="${itemId}" name="${`${spec.name}.${item.name}`}" value="${textOf(boxes[item.name])}" ${item.kind === 'number' && html`inputmode="decimal"`} autocomplete="off" spellcheck="false" maxlength="${item.text.maxLength}">`;
  });
  return html`<fieldset class="${cls}"${aria}>${head('legend')}${fields}<p class="hint">${t.identifying}</p></fieldset>`;
}

function booleanQuestion({ view, lang, id, value, cls, aria, head }: Frame): SafeHtml {
  const { element, spec } = view;
  const labels = [
    element['labelTrue'] !== undefined ? localize(element['labelTrue'] as Localized, lang) : yesLabel(lang),
    element['labelFalse'] !== undefined ? localize(element['labelFalse'] as Localized, lang) : 'No',
  ];
  const options = (['true', 'false'] as const).map(
    (option, i) =>
      html`<label class="choice"><input type="radio" name="${spec.name}" value="${option}"${value !== undefined && value === spec.booleanValues?.[i] && ' checked'}> ${labels[i]}</label>`,
  );
  return html`<fieldset class="${cls}" id="${id}"${aria}>${head('legend')}${options}</fieldset>`;
}

function matrixQuestion({ view, lang, t, id, value, cls, aria, head }: Frame): SafeHtml {
  const { element, spec } = view;
  const columns = element.columns;
  const rowValues = objectOf<Record<string, unknown>>(value);
  const header = spec.choices.map((c) => html`<th scope="col">${choiceLabel(element, c, lang, columns)}</th>`);
  const body = (spec.rows ?? []).map((row) => {
    const rowLabel = choiceLabel(element, row, lang, element.rows);
    const cells = spec.choices.map((c) => {
      const label = `${rowLabel}: ${choiceLabel(element, c, lang, columns)}`;
      return html`<td><input type="radio" name="${`${spec.name}.${row.value}`}" value="${String(c.value)}" aria-label="${label}"${rowValues[String(row.value)] === c.value && ' checked'}></td>`;
    });
    return html`<tr><th scope="row">${rowLabel}</th>${cells}</tr>`;
  });
  return html`<fieldset class="${cls}" id="${id}"${aria}>${head('legend')}<div class="matrix"><table><thead><tr><th scope="col">${t.rowHeader}</th>${header}</tr></thead><tbody>${body}</tbody></table></div></fieldset>`;
}

/** single and multi (radio groups, checkboxes, dropdowns, ratings), with their "other" box. */
function choiceQuestion({ view, lang, t, id, value, cls, aria, head }: Frame): SafeHtml {
  const { element, spec, answers } = view;
  const list = element.type === 'rating' ? element.rateValues : element.choices;
  const type = spec.kind === 'multi' ? 'checkbox' : 'radio';
  const chosen = (candidate: ChoiceSpec) => (Array.isArray(value) ? value.includes(candidate.value) : value === candidate.value);
  const options = view.visibleChoices.map(
    (c) =>
      html`<label class="choice"><input type="${type}" name="${spec.name}" value="${String(c.value)}"${chosen(c) && ' checked'}> ${choiceLabel(element, c, lang, list)}</label>`,
  );
  const comment = answers[`${spec.name}-Comment`];
  const other =
    (spec.hasOther || spec.hasComment) &&
    html`<label class="other" for="${id}-comment">${t.otherText}</label><input id="${id}-comment" name="${`${spec.name}-Comment`}" value="${typeof comment === 'string' ? comment : ''}" autocomplete="off" spellcheck="false" data-identifying="${id}-comment-warning" aria-describedby="${id}-comment-hint ${id}-comment-warning" maxlength="${spec.text?.maxLength ?? 2000}">${identifyingHtml(`${id}-comment`, t, view.identifying)}`;
  return html`<fieldset class="${cls}" id="${id}"${aria}>${head('legend')}${options}${other}</fieldset>`;
}

export function questionHtml(view: QuestionView, lang: string, t: LeanMessages): SafeHtml {
  const frame = frameOf(view, lang, t);
  switch (view.spec.kind) {
    case 'expression':
      return html``;
    case 'text':
    case 'number':
    case 'date':
      return textQuestion(frame);
    case 'matrixdropdown':
      return matrixDropdownQuestion(frame);
    case 'multipletext':
      return multipleTextQuestion(frame);
    case 'boolean':
      return booleanQuestion(frame);
    case 'matrix':
      return matrixQuestion(frame);
    default:
      return choiceQuestion(frame);
  }
}
