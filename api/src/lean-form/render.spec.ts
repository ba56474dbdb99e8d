import type { Response } from 'express';
import { compileSurvey, type ElementJson, type QuestionSpec, type SurveyDefinition } from '@candor/shared';
import { sendErrorPage } from '../common/error-page';
import { sanitizeClosingHtml } from './closing-html';
import { closingPageHtml, pageHtml, safetyHtml, statusHtml, type PageView, type RenderedElement } from './render';

/**
 * Issue 15 point 6: a researcher's hostile survey (titles, choices, translations, names), a
 * hostile error message or language code, leaves every page's markup as it was. Each page is
 * rendered twice — once with the hostile strings, once with a plain word in their place —
 * and the two must have the same tags and attributes in the same order: nothing written by
 * the survey became markup. The hostile text must be there (escaped), so the test is not empty.
 */
const HOSTILE = `x"><script>alert(1)</script></textarea></select>' onmouseover='alert(2)' <!-- &amp;`;
const ESCAPED = 'x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/textarea&gt;';

/** Tag names and attribute names, in order: the page's structure without its text. */
function structure(page: string): string[] {
  const out: string[] = [];
  for (const tag of page.matchAll(/<(\/?[a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*>|<!--|<!doctype html>/g)) {
    if (tag[0] === '<!--') {
      out.push('COMMENT');
      continue;
    }
    out.push(tag[1] ?? tag[0]);
    for (const attribute of (tag[2] ?? '').matchAll(/\s+([^\s=>]+)(?:="[^"]*")?/g)) out.push(`@${attribute[1]}`);
  }
  // Anything left that looks like a tag the scan above did not take is a break-out too.
  out.push(`unmatched:${page.replace(/<(\/?[a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*>/g, '').includes('<')}`);
  return out;
}

function definition(s: string): SurveyDefinition {
  const loc = { default: s, es: s };
  const choices = [{ value: 'a', text: loc }, { value: 'b', text: s }, 'none'];
  return {
    title: loc,
    pages: [
      {
        name: 'p1',
        title: loc,
        elements: [
          { type: 'html', name: 'intro', html: `<p>${s}</p>` },
          { type: 'text', name: 'age', title: loc, description: loc, isRequired: true },
          { type: 'comment', name: 'story', title: loc, maxLength: 500 },
          { type: 'text', name: 'when', inputType: 'date', title: loc },
          { type: 'radiogroup', name: 'work', title: loc, choices, showOtherItem: true, otherText: loc, showNoneItem: true, noneText: loc },
          { type: 'checkbox', name: 'places', title: loc, choices },
          { type: 'rating', name: 'score', title: loc, rateValues: [{ value: 1, text: loc }, 2] },
          { type: 'boolean', name: 'yes', title: loc, labelTrue: loc, labelFalse: s },
          { type: 'matrix', name: 'grid', title: loc, rows: [{ value: 'r1', text: loc }], columns: [{ value: 'c1', text: loc }] },
          {
            type: 'matrixdropdown',
            name: 'table',
            title: loc,
            rows: [{ value: 'r1', text: loc }],
            columns: [
              { name: 'c1', title: loc, cellType: 'dropdown', choices },
              { name: 'c2', title: loc, cellType: 'checkbox', choices },
              { name: 'c3', title: loc, cellType: 'text' },
            ],
          },
          { type: 'multipletext', name: 'boxes', title: loc, items: [{ name: 'i1', title: loc }] },
        ],
      },
    ],
  } as unknown as SurveyDefinition;
}

function formPage(s: string, lang: string): string {
  const survey = definition(s);
  const compiled = compileSurvey(survey);
  const specOf = (element: ElementJson) => compiled.questions.get(element.name as string) as QuestionSpec;
  const elements: RenderedElement[] = ((survey.pages?.[0]?.elements ?? []) as ElementJson[]).map((element) =>
    element.type === 'html'
      ? { kind: 'html', html: String(element['html']) }
      : {
          kind: 'question',
          element,
          spec: specOf(element),
          answers: {
            age: s,
            story: s,
            work: 'a',
            'work-Comment': s,
            table: { r1: { c1: 'a', c3: s } },
            boxes: { i1: s },
          },
          error: s,
          identifying: s,
          visibleChoices: specOf(element).choices,
        },
  );
  const view: PageView = {
    lang,
    languages: [
      { code: 'en', name: s },
      { code: s, name: s },
    ],
    slug: s,
    surveyTitle: s,
    pageTitle: s,
    progress: { current: 1, total: 2 },
    elements,
    notice: { title: s, summary: [s], more: s, points: [s] },
    banner: { tone: 'warning', lines: [s] },
    problems: [{ target: s, text: s }],
    hidden: { state: s, [s]: s },
    canGoBack: true,
    isLast: false,
    challenge: s,
    outreachCode: { value: s, error: s },
    freeText: { researchKey: s, fields: [s] },
    enhance: { boot: s, app: { script: s, styles: [s], bytes: 1 } },
  };
  return String(pageHtml(view));
}

function errorPage(s: string): string {
  let sent = '';
  const res = {
    status: () => res,
    set: () => res,
    type: () => res,
    send: (body: string) => {
      sent = body;
      return res;
    },
  };
  sendErrorPage(
    res as unknown as Response,
    400,
    { code: 'VALIDATION_FAILED', message: s, details: [{ path: s, message: s }] } as never,
    {},
  );
  return sent;
}

const PAGES: Record<string, (s: string) => string> = {
  'a form page with every question kind': (s) => formPage(s, 'en'),
  'a form page in a hostile language code': (s) => formPage('words', s),
  'a status page': (s) => String(statusHtml(s, s, [s, s], undefined, s)),
  'the closing page, generic and sanitized, in two languages': (s) =>
    String(
      closingPageHtml(
        { lang: s, title: s, paragraphs: [s] },
        { lang: s, title: s, sanitized: sanitizeClosingHtml('<h2>Support</h2><p>Call 555</p><script>alert(3)</script>'), paragraphs: [] },
      ),
    ),
  'the safety page': (s) => String(safetyHtml(s)),
  'an error page': errorPage,
};

describe('server-rendered pages with hostile content', () => {
  it.each(Object.keys(PAGES))('%s: the survey adds no markup', (kind) => {
    const render = PAGES[kind] as (s: string) => string;
    const hostile = render(HOSTILE);
    expect(structure(hostile)).toEqual(structure(render('plain')));
    expect(hostile).not.toMatch(/<script>|onmouseover='alert/);
    if (kind !== 'the safety page' && kind !== 'a form page in a hostile language code') expect(hostile).toContain(ESCAPED);
  });

  it('the form page keeps every question kind (the comparison is not empty)', () => {
    const page = formPage('plain', 'en');
    for (const tag of ['<textarea', '<select', 'type="checkbox"', 'type="radio"', 'type="date"', '<table']) expect(page).toContain(tag);
  });
});
