import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import {
  COMMENT_SUFFIX,
  SPECIAL_VALUES,
  createVisibility,
  localize,
  validateAnswers,
  type AnswerProblem,
  type ElementJson,
  type PageJson,
  type QuestionSpec,
  type SurveyDefinition,
} from '@candor/shared';
import { DomainError } from '../common/domain-error';
import { ProofOfWorkService } from '../protection/proof-of-work.service';
import { AnswerValidatorService } from '../responses/answer-validation/answer-validator.service';
import { ResponsesService } from '../responses/responses.service';
import { toPublicSurvey } from '../surveys/survey.mapper';
import { SurveysService } from '../surveys/surveys.service';
import { leanMessages, fill } from './lean-messages';
import { pageHtml, privacyNotice, statusHtml, type RenderedElement } from './render';

/** What the form carries from page to page, in one hidden field: no cookie, no server session. */
interface FormState {
  /** Answers so far. */
  readonly a: Record<string, unknown>;
  /** Pages visited, oldest first; the last is the one on screen. */
  readonly p: number[];
  /** Questions shown on the current page (to notice ones that skip logic has just revealed). */
  readonly s: string[];
  readonly k: string;
  readonly t: string;
  readonly l: string;
  readonly v: string;
}

export interface LeanResult {
  readonly status: number;
  readonly html: string;
  /** Extra headers (Clear-Site-Data when finished). */
  readonly headers?: Readonly<Record<string, string>>;
}

const FIELD_PREFIX = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The survey as a plain HTML form, for browsers without JavaScript: one page at a time,
 * skip logic evaluated here with the same expression engine, and the same validation and
 * intake as the JSON API. The no-JS stand-in for proof of work is a signed ticket from the
 * first page: the answers may be sent only NOJS_MIN_SECONDS later, once.
 */
@Injectable()
export class LeanFormService {
  constructor(
    private readonly surveys: SurveysService,
    private readonly validator: AnswerValidatorService,
    private readonly responses: ResponsesService,
    private readonly proofOfWork: ProofOfWorkService,
  ) {}

  async start(slug: string, lang: string): Promise<LeanResult> {
    const loaded = await this.load(slug, lang);
    if ('status' in loaded) return loaded;
    const { survey } = loaded;
    const state: FormState = {
      a: {},
      p: [],
      s: [],
      k: randomBytes(18).toString('base64url'),
      t: this.proofOfWork.issueFormTicket(slug),
      l: survey.lang,
      v: survey.versionId,
    };
    const first = this.nextPage(survey, {}, -1);
    if (first === null) return { status: 200, html: statusHtml(survey.lang, leanMessages(survey.lang).notFoundTitle, [leanMessages(survey.lang).notFoundBody]) };
    return this.render(survey, { ...state, p: [first] }, {});
  }

  async step(slug: string, body: Record<string, unknown>): Promise<LeanResult> {
    const state = decodeState(body['state']);
    const loaded = await this.load(slug, state?.l ?? 'en');
    if ('status' in loaded) return loaded;
    const { survey } = loaded;
    if (!state || state.v !== survey.versionId || state.p.some((index) => index >= survey.pages.length)) {
      // A form from before the survey changed: start again on the current version.
      return this.start(slug, survey.lang);
    }
    const current = state.p.at(-1) ?? 0;
    const pageNames = this.questionNamesOn(survey, current);
    const answers = { ...state.a };
    for (const name of pageNames) {
      delete answers[name];
      delete answers[name + COMMENT_SUFFIX];
    }
    Object.assign(answers, this.readFields(survey, pageNames, body));
    const outreachInput = typeof body['outreachCode'] === 'string' ? body['outreachCode'] : '';

    if (body['action'] === 'back' && state.p.length > 1) {
      const back = state.p.slice(0, -1);
      return this.render(survey, { ...state, a: answers, p: back }, {}, outreachInput);
    }

    // Skip logic may have revealed a question on this very page: show it before moving on.
    const visibleNow = this.visibleQuestionNames(survey, current, answers);
    if (visibleNow.some((name) => !state.s.includes(name))) {
      return this.render(survey, { ...state, a: answers }, {}, outreachInput);
    }

    const pruned = this.pruneHidden(survey, answers);
    const problems = validateAnswers(survey.compiled, pruned, survey.evaluate).filter((p) => pageNames.includes(questionOf(p.path ?? '')));
    if (problems.length > 0) return this.render(survey, { ...state, a: answers }, this.messages(problems, survey.lang), outreachInput);

    const next = this.nextPage(survey, pruned, current);
    if (next !== null) return this.render(survey, { ...state, a: answers, p: [...state.p, next] }, {}, outreachInput);
    return this.finish(survey, { ...state, a: answers }, pruned, outreachInput);
  }

  private async finish(survey: LoadedSurvey, state: FormState, answers: Record<string, unknown>, outreachInput: string): Promise<LeanResult> {
    const t = leanMessages(survey.lang);
    let wait: number;
    try {
      wait = this.proofOfWork.checkFormTicket(survey.slug, state.t, false);
    } catch {
      // Expired or from before a restart: a fresh ticket, the answers kept.
      return this.render(survey, { ...state, t: this.proofOfWork.issueFormTicket(survey.slug) }, {}, outreachInput, { tone: 'warning', lines: [t.expired] });
    }
    if (wait > 0) return this.render(survey, state, {}, outreachInput, { tone: 'info', lines: [fill(t.wait, { seconds: wait })] });
    try {
      await this.responses.submit(survey.slug, { versionId: survey.versionId, answers, idempotencyKey: state.k, outreachCode: outreachInput || undefined }, 'checked');
      this.proofOfWork.checkFormTicket(survey.slug, state.t, true);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'SURVEY_CLOSED') return { status: 410, html: statusHtml(survey.lang, t.closedTitle, [t.closedBody]) };
      if (error.code === 'OUTREACH_CODE_REQUIRED' || error.code === 'OUTREACH_CODE_INVALID') {
        return this.render(survey, state, {}, outreachInput, { tone: 'warning', lines: [t.refused, t.problem[error.code]] }, t.problem[error.code]);
      }
      if (error.code === 'INVALID_ANSWERS') {
        const problems = error.details as AnswerProblem[];
        return this.render(survey, state, this.messages(problems, survey.lang), outreachInput, { tone: 'warning', lines: [t.refused, t.tryAgain] });
      }
      return this.render(survey, state, {}, outreachInput, { tone: 'warning', lines: [t.refused, error.message] });
    }
    return {
      status: 200,
      html: statusHtml(survey.lang, t.thanksTitle, [t.thanksBody, t.thanksClose]),
      headers: { 'Clear-Site-Data': '"cache", "cookies", "storage"' },
    };
  }

  private render(
    survey: LoadedSurvey,
    state: FormState,
    errors: Readonly<Record<string, string>>,
    outreachInput = '',
    banner?: { tone: 'info' | 'warning'; lines: string[] },
    outreachError?: string,
  ): LeanResult {
    const current = state.p.at(-1) ?? 0;
    const page = survey.pages[current] as PageJson;
    const visibility = createVisibility(state.a, survey.evaluate);
    const elements: RenderedElement[] = [];
    for (const element of flatten(page.elements ?? [])) {
      if (element.type === 'html') {
        if (element.visible === false || (typeof element.visibleIf === 'string' && !visibility.test(element.visibleIf))) continue;
        elements.push({ kind: 'html', html: localize(element['html'] as Parameters<typeof localize>[0], survey.lang) });
        continue;
      }
      const spec = typeof element.name === 'string' ? survey.compiled.questions.get(element.name) : undefined;
      if (!spec || !visibility.question(spec)) continue;
      elements.push({
        kind: 'question',
        element,
        spec,
        answers: state.a,
        error: errors[spec.name],
        visibleChoices: spec.choices.filter((choice) => visibility.choice(choice)),
      });
    }
    const shown = elements.flatMap((e) => (e.kind === 'question' ? [e.spec.name] : []));
    // Without scripts the button cannot change with the answers: "Send" only where no page could follow.
    const isLast = !this.laterPageCouldShow(survey, current);
    const first = state.p.length === 1;
    const next: FormState = { ...state, s: shown };
    const hasErrors = Object.keys(errors).length > 0;
    const t = leanMessages(survey.lang);
    return {
      status: hasErrors ? 400 : 200,
      html: pageHtml({
        lang: survey.lang,
        slug: survey.slug,
        surveyTitle: first ? (survey.definition.title !== undefined ? localize(survey.definition.title, survey.lang) : undefined) : undefined,
        pageTitle: page.title !== undefined ? localize(page.title, survey.lang) : undefined,
        pageNumber: state.p.length,
        elements,
        notice: first ? privacyNotice(survey.privacy, survey.protection, survey.lang) : undefined,
        banner: banner ?? (hasErrors ? { tone: 'warning', lines: [t.problems] } : undefined),
        hidden: { state: encodeState(next) },
        canGoBack: state.p.length > 1,
        isLast,
        outreachCode: survey.protection.outreachCode && (first || isLast) ? { value: outreachInput, error: outreachError } : undefined,
      }),
    };
  }

  /** The index of the next page after `after` that shows anything, or null at the end. */
  private nextPage(survey: LoadedSurvey, answers: Record<string, unknown>, after: number): number | null {
    const visibility = createVisibility(answers, survey.evaluate);
    for (let index = after + 1; index < survey.pages.length; index++) {
      const page = survey.pages[index] as PageJson;
      if (page.visible === false || (typeof page.visibleIf === 'string' && !visibility.test(page.visibleIf))) continue;
      const shows = flatten(page.elements ?? []).some((element) => {
        if (element.type === 'html') return element.visible !== false && (typeof element.visibleIf !== 'string' || visibility.test(element.visibleIf));
        const spec = typeof element.name === 'string' ? survey.compiled.questions.get(element.name) : undefined;
        return spec !== undefined && visibility.question(spec);
      });
      if (shows) return index;
    }
    return null;
  }

  /** Whether any later page has content that skip logic could show. */
  private laterPageCouldShow(survey: LoadedSurvey, current: number): boolean {
    return survey.pages.slice(current + 1).some((page) => page.visible !== false && flatten(page.elements ?? []).length > 0);
  }

  private questionNamesOn(survey: LoadedSurvey, index: number): string[] {
    const page = survey.pages[index];
    if (!page) return [];
    return flatten(page.elements ?? []).flatMap((element) => (typeof element.name === 'string' && survey.compiled.questions.has(element.name) ? [element.name] : []));
  }

  private visibleQuestionNames(survey: LoadedSurvey, index: number, answers: Record<string, unknown>): string[] {
    const visibility = createVisibility(answers, survey.evaluate);
    return this.questionNamesOn(survey, index).filter((name) => visibility.question(survey.compiled.questions.get(name) as QuestionSpec));
  }

  /** Drops answers to questions skip logic now hides (as SurveyJS does on completion). */
  private pruneHidden(survey: LoadedSurvey, answers: Record<string, unknown>): Record<string, unknown> {
    let current = answers;
    // Hiding one question can hide another that depends on it: repeat until stable.
    for (let round = 0; round < 10; round++) {
      const visibility = createVisibility(current, survey.evaluate);
      const next: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(current)) {
        const owner = survey.compiled.commentKeys.get(key) ?? key;
        const spec = survey.compiled.questions.get(owner);
        if (spec && visibility.question(spec)) next[key] = value;
      }
      if (Object.keys(next).length === Object.keys(current).length) return next;
      current = next;
    }
    return current;
  }

  /** Reads this page's fields from the form into typed answers. */
  private readFields(survey: LoadedSurvey, names: readonly string[], body: Record<string, unknown>): Record<string, unknown> {
    const answers: Record<string, unknown> = {};
    const text = (value: unknown) => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined);
    for (const name of names) {
      if (!FIELD_PREFIX.test(name)) continue;
      const spec = survey.compiled.questions.get(name) as QuestionSpec;
      const raw = body[name];
      const matchChoice = (value: string) => spec.choices.find((choice) => String(choice.value) === value)?.value ?? value;
      switch (spec.kind) {
        case 'text': {
          const value = text(raw)?.replace(/\r\n/g, '\n').trim();
          if (value) answers[name] = value;
          break;
        }
        case 'number': {
          const value = text(raw)?.trim();
          if (value) answers[name] = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
          break;
        }
        case 'boolean': {
          const value = text(raw);
          if (value === 'true') answers[name] = spec.booleanValues?.[0] ?? true;
          else if (value === 'false') answers[name] = spec.booleanValues?.[1] ?? false;
          break;
        }
        case 'single': {
          const value = text(raw);
          if (value) answers[name] = matchChoice(value);
          break;
        }
        case 'multi': {
          const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string');
          if (values.length > 0) answers[name] = spec.choices.filter((choice) => values.includes(String(choice.value))).map((choice) => choice.value);
          const unknown = values.filter((v) => !spec.choices.some((choice) => String(choice.value) === v));
          if (unknown.length > 0) answers[name] = [...((answers[name] as unknown[]) ?? []), ...unknown];
          break;
        }
        case 'matrix': {
          const rows: Record<string, unknown> = {};
          for (const row of spec.rows ?? []) {
            const value = text(body[`${name}.${row.value}`]);
            if (value) rows[String(row.value)] = matchChoice(value);
          }
          if (Object.keys(rows).length > 0) answers[name] = rows;
          break;
        }
      }
      if (spec.hasOther || spec.hasComment) {
        const comment = text(body[name + COMMENT_SUFFIX])?.trim();
        const wantsComment = spec.hasComment || (Array.isArray(answers[name]) ? (answers[name] as unknown[]).includes(SPECIAL_VALUES.other) : answers[name] === SPECIAL_VALUES.other);
        if (comment && wantsComment) answers[name + COMMENT_SUFFIX] = comment;
      }
    }
    return answers;
  }

  private messages(problems: readonly AnswerProblem[], lang: string): Record<string, string> {
    const t = leanMessages(lang);
    const messages: Record<string, string> = {};
    for (const problem of problems) {
      const name = questionOf(problem.path ?? '');
      if (messages[name]) continue;
      messages[name] = (t.problem as Record<string, string>)[problem.code] ?? t.problem.default;
    }
    return messages;
  }

  private async load(slug: string, lang: string): Promise<{ survey: LoadedSurvey } | LeanResult> {
    const t = leanMessages(lang);
    let found: Awaited<ReturnType<SurveysService['getOpenSurvey']>>;
    try {
      found = await this.surveys.getOpenSurvey(slug);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'SURVEY_CLOSED') return { status: 410, html: statusHtml(lang, t.closedTitle, [t.closedBody]) };
      if (error instanceof DomainError) return { status: 404, html: statusHtml(lang, t.notFoundTitle, [t.notFoundBody]) };
      throw error;
    }
    const { survey, version } = found;
    if (!this.validator.isCompiled(version.id, version.definitionHash)) this.validator.compile(version.id, version.definitionHash, version.definition);
    const entry = this.validator.entry(version.id);
    const publicView = toPublicSurvey(survey, version, this.proofOfWork.enabled);
    return {
      survey: {
        slug,
        lang: survey.locales.includes(lang) ? lang : (survey.locales[0] ?? 'en'),
        versionId: version.id,
        definition: version.definition,
        pages: version.definition.pages ?? [{ name: 'page1', elements: version.definition.elements ?? [] }],
        compiled: entry.compiled,
        evaluate: entry.evaluate,
        privacy: publicView.privacy,
        protection: publicView.protection,
      },
    };
  }
}

interface LoadedSurvey {
  readonly slug: string;
  readonly lang: string;
  readonly versionId: string;
  readonly definition: SurveyDefinition;
  readonly pages: readonly PageJson[];
  readonly compiled: ReturnType<AnswerValidatorService['entry']>['compiled'];
  readonly evaluate: ReturnType<AnswerValidatorService['entry']>['evaluate'];
  readonly privacy: ReturnType<typeof toPublicSurvey>['privacy'];
  readonly protection: ReturnType<typeof toPublicSurvey>['protection'];
}

function flatten(elements: readonly ElementJson[]): ElementJson[] {
  return elements.flatMap((element) => (element.type === 'panel' && Array.isArray(element.elements) ? flatten(element.elements) : [element]));
}

function questionOf(path: string): string {
  return path.replace(/-Comment$/, '').split('.')[0] as string;
}

function encodeState(state: FormState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

function decodeState(value: unknown): FormState | null {
  if (typeof value !== 'string' || value.length > 60_000) return null;
  try {
    const state = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as FormState;
    const valid =
      typeof state === 'object' && state !== null && typeof state.a === 'object' && state.a !== null && !Array.isArray(state.a) &&
      Array.isArray(state.p) && state.p.length > 0 && state.p.every((n) => Number.isInteger(n) && n >= 0 && n < 1000) &&
      Array.isArray(state.s) && typeof state.k === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(state.k) &&
      typeof state.t === 'string' && typeof state.l === 'string' && typeof state.v === 'string';
    return valid ? { ...state, a: Object.assign(Object.create(null) as Record<string, unknown>, state.a) } : null;
  } catch {
    return null;
  }
}
