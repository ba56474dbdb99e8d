import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import {
  COMMENT_SUFFIX,
  SPECIAL_VALUES,
  closingHtml,
  createVisibility,
  findIdentifyingDetails,
  freeTextFields,
  isSealedText,
  sealFreeText,
  isLastForeseeablePage,
  pageProgress,
  languageName,
  localize,
  uiLocaleFor,
  validateAnswers,
  type AnswerProblem,
  type ElementJson,
  type PageJson,
  type QuestionSpec,
  type SurveyDefinition,
  type SurveyLanguage,
} from '@candor/shared';
import { DomainError } from '../common/domain-error';
import { html } from '../common/html';
import { ProofOfWorkService } from '../protection/proof-of-work.service';
import { AnswerValidatorService } from '../responses/answer-validation/answer-validator.service';
import { ResponsesService } from '../responses/responses.service';
import { toPublicSurvey } from '../surveys/survey.mapper';
import { SurveysService } from '../surveys/surveys.service';
import { sanitizeClosingHtml } from './closing-html';
import { leanMessages, fill } from './lean-messages';
import { closingPageHtml, pageHtml, privacyNotice, questionFieldId, statusHtml, type Enhancement, type RenderedElement } from './render';
import { RESPONDENT_CLEAR_SITE_DATA } from '../common/clear-site-data';

/** What the form carries from page to page, in one hidden field: no cookie, no server session. */
interface FormState {
  /** Answers so far. */
  readonly answers: Record<string, unknown>;
  /** Pages visited, oldest first; the last is the one on screen. */
  readonly pages: number[];
  /** Questions shown on the current page (to notice ones that skip logic has just revealed). */
  readonly shown: string[];
  /** The submission's idempotency key: a second send of the same form stores once. */
  readonly idempotencyKey: string;
  /** The signed no-JS ticket from the first page (the stand-in for proof of work). */
  readonly ticket: string;
  readonly lang: string;
  readonly versionId: string;
  /** The page on which the respondent was told there are no more questions for them. */
  readonly endedOn?: number;
  /** Identifying-details warnings already shown (question and kinds), so a second send keeps the text. */
  readonly warned?: string[];
  /** A proof of work the page's script solved (checked when it arrived): with it the answers need not wait for the ticket. */
  readonly proof?: string;
}

/**
 * The hidden field keeps its one-letter keys: a form open in a browser when the server is
 * updated still posts them, and they keep the field (and every page) small.
 */
const WIRE_KEYS = {
  answers: 'a',
  pages: 'p',
  shown: 's',
  idempotencyKey: 'k',
  ticket: 't',
  lang: 'l',
  versionId: 'v',
  endedOn: 'e',
  warned: 'w',
  proof: 'j',
} as const satisfies Record<keyof FormState, string>;

/** Longer than any altcha payload this server issues: anything longer is not kept. */
const MAX_PROOF_LENGTH = 2_000;

export interface LeanResult {
  readonly status: number;
  readonly html: string;
  /** Extra headers (Clear-Site-Data when finished). */
  readonly headers?: Readonly<Record<string, string>>;
}

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

  /** The first page; `enhance` adds the boot script (the shared link `/s/:slug`). */
  async start(slug: string, lang: string, enhance?: Enhancement): Promise<LeanResult> {
    const loaded = await this.load(slug, lang);
    if ('status' in loaded) return loaded;
    const { survey } = loaded;
    const state: FormState = {
      answers: {},
      pages: [],
      shown: [],
      idempotencyKey: randomBytes(18).toString('base64url'),
      ticket: this.proofOfWork.issueFormTicket(slug),
      lang: survey.lang,
      versionId: survey.versionId,
    };
    const first = this.nextPage(survey, {}, -1);
    if (first === null)
      return {
        status: 200,
        html: statusHtml(survey.lang, leanMessages(survey.lang).notFoundTitle, [leanMessages(survey.lang).notFoundBody]),
      };
    return this.render(survey, { ...state, pages: [first] }, {}, '', undefined, undefined, enhance);
  }

  /** A one-time page already read, or never there: says so, and shows no answers. */
  expired(slug: string, lang: string): LeanResult {
    const t = leanMessages(lang);
    return {
      status: 410,
      html: statusHtml(
        lang,
        t.expiredTitle,
        [t.expiredBody],
        html`<p>${t.expiredBody}</p><p><a href="/f/${encodeURIComponent(slug)}?lang=${lang}">${t.startAgain}</a></p>`,
        `/f/${encodeURIComponent(slug)}?lang=${lang === 'es' ? 'en' : 'es'}`,
      ),
    };
  }

  async step(slug: string, body: Record<string, unknown>): Promise<LeanResult> {
    let state = decodeState(body['state']);
    const loaded = await this.load(slug, state?.lang ?? 'en');
    if ('status' in loaded) return loaded;
    const { survey } = loaded;
    if (!state || state.versionId !== survey.versionId || state.pages.some((index) => index >= survey.pages.length)) {
      // A form from before the survey changed: start again on the current version.
      return this.start(slug, survey.lang);
    }
    // With JavaScript, the page's script sends a solved proof of work: kept (if it checks) for the last page.
    if (
      state.proof === undefined &&
      typeof body['proofOfWork'] === 'string' &&
      body['proofOfWork'].length <= MAX_PROOF_LENGTH &&
      this.proofOfWork.enabled
    ) {
      const proof = body['proofOfWork'];
      const checked = await this.proofOfWork.verify(slug, proof).then(
        () => true,
        () => false,
      );
      if (checked) state = { ...state, proof };
    }
    const current = state.pages.at(-1) ?? 0;
    const pageNames = this.questionNamesOn(survey, current);
    const answers = { ...state.answers };
    for (const name of pageNames) {
      delete answers[name];
      delete answers[name + COMMENT_SUFFIX];
    }
    Object.assign(answers, this.readFields(survey, pageNames, body));
    keepSealedTexts(survey, pageNames, state.answers, answers);
    const outreachInput = typeof body['outreachCode'] === 'string' ? body['outreachCode'] : '';

    const action = typeof body['action'] === 'string' ? body['action'] : '';
    if (action === 'language' || action.startsWith('language:')) {
      // Another language, on the same page, with the answers so far: nothing is checked yet.
      const asked = action.slice('language:'.length);
      const other = await this.load(slug, asked !== '' ? asked : survey.lang === 'es' ? 'en' : 'es');
      if ('status' in other) return other;
      return this.render(other.survey, { ...state, answers, lang: other.survey.lang }, {}, outreachInput);
    }

    if (body['action'] === 'back' && state.pages.length > 1) {
      const back = state.pages.slice(0, -1);
      return this.render(survey, { ...state, answers: sealLeftPage(survey, answers), pages: back }, {}, outreachInput);
    }

    // Skip logic may have revealed a question on this very page: show it before moving on.
    const visibleNow = this.visibleQuestionNames(survey, current, answers);
    if (visibleNow.some((name) => !state.shown.includes(name))) {
      return this.render(survey, { ...state, answers }, {}, outreachInput);
    }

    const pruned = this.pruneHidden(survey, answers);
    const problems = validateAnswers(survey.compiled, pruned, survey.evaluate, {
      sealedText: survey.researchKey ? 'allowed' : undefined,
    }).filter((p) => pageNames.includes(questionOf(p.path ?? '')));
    if (problems.length > 0) return this.render(survey, { ...state, answers }, this.messages(problems, survey.lang), outreachInput);

    // Free text that looks identifying: warned once, here as on the JavaScript page; sending again keeps it.
    const warnings = this.identifying(survey, pageNames, pruned);
    const unseen = Object.entries(warnings).filter(([name, kinds]) => !(state.warned ?? []).includes(`${name}:${kinds}`));
    if (unseen.length > 0) {
      const t = leanMessages(survey.lang);
      const warned = [...(state.warned ?? []), ...unseen.map(([name, kinds]) => `${name}:${kinds}`)];
      return this.render(
        survey,
        { ...state, answers, warned },
        {},
        outreachInput,
        { tone: 'warning', lines: [t.identifyingAgain] },
        undefined,
        undefined,
        warnings,
      );
    }

    const next = this.nextPage(survey, pruned, current);
    if (next !== null)
      return this.render(survey, { ...state, answers: sealLeftPage(survey, answers), pages: [...state.pages, next] }, {}, outreachInput);
    if (!isLastForeseeablePage(survey.definition, current) && state.endedOn !== current) {
      // The button said "Next", but these answers end the survey: say so, and let the button say "Send".
      const t = leanMessages(survey.lang);
      return this.render(survey, { ...state, answers, endedOn: current }, {}, outreachInput, { tone: 'info', lines: [t.lastForYou] });
    }
    return this.finish(survey, { ...state, answers }, pruned, outreachInput);
  }

  private async finish(
    survey: LoadedSurvey,
    state: FormState,
    answers: Record<string, unknown>,
    outreachInput: string,
  ): Promise<LeanResult> {
    const t = leanMessages(survey.lang);
    if (state.proof !== undefined) {
      // The script's proof of work, as the JSON API takes it: checked, reserved and spent with the write, once.
      // Free text may arrive plain (the page's cipher may never have loaded): this form checked it in
      // full above, and the intake seals it on receipt, as for a form without JavaScript.
      try {
        await this.responses.submit(
          survey.slug,
          {
            versionId: survey.versionId,
            answers,
            idempotencyKey: state.idempotencyKey,
            outreachCode: outreachInput || undefined,
            proofOfWork: state.proof,
          },
          'challenge',
          'sealed-on-receipt',
        );
        return this.closing(survey, answers);
      } catch (error) {
        // Spent, expired or from before POW_SECRET changed: the ticket (and its wait) decides, as without JavaScript.
        if (!(error instanceof DomainError) || (error.code !== 'PROOF_OF_WORK_INVALID' && error.code !== 'PROOF_OF_WORK_REQUIRED'))
          return this.refusal(survey, state, outreachInput, error);
        state = { ...state, proof: undefined };
      }
    }
    let ticket: ReturnType<ProofOfWorkService['checkFormTicket']>;
    try {
      ticket = this.proofOfWork.checkFormTicket(survey.slug, state.ticket);
    } catch {
      // Expired or from before POW_SECRET changed: a fresh ticket, the answers kept.
      return this.render(survey, { ...state, ticket: this.proofOfWork.issueFormTicket(survey.slug) }, {}, outreachInput, {
        tone: 'warning',
        lines: [t.expired],
      });
    }
    if (ticket && ticket.wait > 0)
      return this.render(survey, state, {}, outreachInput, { tone: 'info', lines: [fill(t.wait, { seconds: ticket.wait })] });
    try {
      // The ticket is reserved before the write and spent with it (or released): one response per ticket.
      await this.responses.submit(
        survey.slug,
        { versionId: survey.versionId, answers, idempotencyKey: state.idempotencyKey, outreachCode: outreachInput || undefined },
        { ticket: ticket?.proof ?? null },
      );
    } catch (error) {
      return this.refusal(survey, state, outreachInput, error);
    }
    return this.closing(survey, answers);
  }

  /** The page that says why the answers were not stored (they are kept on it). */
  private refusal(survey: LoadedSurvey, state: FormState, outreachInput: string, error: unknown): LeanResult {
    const t = leanMessages(survey.lang);
    if (!(error instanceof DomainError)) throw error;
    if (error.code === 'SURVEY_CLOSED')
      return {
        status: 410,
        html: statusHtml(survey.lang, t.closedTitle, [t.closedBody], undefined, otherLanguage(survey.slug, survey.lang)),
      };
    if (error.code === 'OUTREACH_CODE_REQUIRED' || error.code === 'OUTREACH_CODE_INVALID') {
      return this.render(
        survey,
        state,
        {},
        outreachInput,
        { tone: 'warning', lines: [t.refused, t.problem[error.code]] },
        t.problem[error.code],
      );
    }
    if (error.code === 'INVALID_ANSWERS') {
      const problems = error.details as AnswerProblem[];
      return this.render(survey, state, this.messages(problems, survey.lang), outreachInput, {
        tone: 'warning',
        lines: [t.refused, t.tryAgain],
      });
    }
    if (error.code === 'PROOF_OF_WORK_INVALID') {
      // The ticket is spent, but these answers were not stored (a crash between reserving it
      // and the write): a fresh ticket, so the respondent can send them after the wait.
      const fresh = this.proofOfWork.issueFormTicket(survey.slug);
      const wait = this.proofOfWork.checkFormTicket(survey.slug, fresh)?.wait ?? 0;
      return this.render(survey, { ...state, ticket: fresh }, {}, outreachInput, {
        tone: 'info',
        lines: [wait > 0 ? fill(t.wait, { seconds: wait }) : t.expired],
      });
    }
    return this.render(survey, state, {}, outreachInput, { tone: 'warning', lines: [t.refused, error.message] });
  }

  private closing(survey: LoadedSurvey, answers: Record<string, unknown>): LeanResult {
    // The survey's own closing page (support lines, resources), or its screen-out message, in each of its languages.
    const view = (lang: string) => {
      const t = leanMessages(lang);
      const closing = closingHtml(survey.definition, answers, survey.evaluate, lang);
      return {
        lang,
        title: t.thanksTitle,
        sanitized: closing ? sanitizeClosingHtml(closing.html) : undefined,
        paragraphs: [t.thanksBody, t.thanksClose],
      };
    };
    const other = survey.lang === 'es' ? 'en' : 'es';
    return {
      status: 200,
      html: closingPageHtml(view(survey.lang), survey.locales.includes(other) ? view(other) : undefined),
      headers: { 'Clear-Site-Data': RESPONDENT_CLEAR_SITE_DATA },
    };
  }

  private render(
    survey: LoadedSurvey,
    state: FormState,
    errors: Readonly<Record<string, string>>,
    outreachInput = '',
    banner?: { tone: 'info' | 'warning'; lines: string[] },
    outreachError?: string,
    enhance?: Enhancement,
    identifying: Readonly<Record<string, string>> = {},
  ): LeanResult {
    const current = state.pages.at(-1) ?? 0;
    const page = survey.pages[current] as PageJson;
    const visibility = createVisibility(state.answers, survey.evaluate);
    // Free text sealed already (a page left, or sealed by the boot script) is never shown again: the field is empty, a note says it is kept.
    const shownAnswers = withoutSealedTexts(survey, state.answers);
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
        answers: shownAnswers,
        sealedKept: shownAnswers !== state.answers && hasSealedText(survey, spec.name, state.answers),
        error: errors[spec.name],
        visibleChoices: spec.choices.filter((choice) => visibility.choice(choice)),
        identifying: identifying[spec.name],
      });
    }
    const shown = elements.flatMap((e) => (e.kind === 'question' ? [e.spec.name] : []));
    // Without scripts the button cannot change with the answers: "Send" only where no page could follow.
    const isLast = isLastForeseeablePage(survey.definition, current) || state.endedOn === current;
    // Until a proof arrives, the form asks the page's script (if any) to solve one while the respondent answers.
    const challenge =
      this.proofOfWork.enabled && state.proof === undefined
        ? `/api/public/surveys/${encodeURIComponent(survey.slug)}/challenge`
        : undefined;
    const first = state.pages.length === 1;
    const next: FormState = { ...state, shown };
    const hasErrors = Object.keys(errors).length > 0;
    return {
      status: hasErrors ? 400 : 200,
      html: pageHtml({
        lang: survey.lang,
        languages: survey.languages,
        slug: survey.slug,
        surveyTitle: first
          ? survey.definition.title !== undefined
            ? localize(survey.definition.title, survey.lang)
            : undefined
          : undefined,
        pageTitle: page.title !== undefined ? localize(page.title, survey.lang) : undefined,
        progress: pageProgress(survey.definition, current),
        elements,
        notice: first ? privacyNotice(survey.privacy, survey.protection, survey.lang) : undefined,
        banner,
        problems: elements.flatMap((e) =>
          e.kind === 'question' && e.error
            ? [{ target: questionFieldId(e.spec.name), text: `${questionTitle(e.element, e.spec.name, survey.lang)}: ${e.error}` }]
            : [],
        ),
        enhance,
        hidden: { state: encodeState(next) },
        canGoBack: state.pages.length > 1,
        isLast,
        challenge,
        outreachCode: survey.protection.outreachCode && (first || isLast) ? { value: outreachInput, error: outreachError } : undefined,
        freeText: survey.researchKey
          ? {
              researchKey: survey.researchKey,
              // Choice fields that take values of the respondent's own are sealed on receipt: sealing the choice would lose it.
              fields: freeTextFields(survey.compiled)
                .filter((field) => !field.offered)
                .map((field) => field.key),
            }
          : undefined,
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
        if (element.type === 'html')
          return element.visible !== false && (typeof element.visibleIf !== 'string' || visibility.test(element.visibleIf));
        const spec = typeof element.name === 'string' ? survey.compiled.questions.get(element.name) : undefined;
        return spec !== undefined && visibility.question(spec);
      });
      if (shows) return index;
    }
    return null;
  }

  /** Question → the identifying kinds its free text shows ("phone,link"), for this page's questions. */
  private identifying(survey: LoadedSurvey, names: readonly string[], answers: Record<string, unknown>): Record<string, string> {
    const t = leanMessages(survey.lang);
    const found: Record<string, string> = {};
    for (const name of names) {
      // Free text only (and "Other" boxes): a date, a number or a chosen value is not checked — it has no warning to show.
      const own = survey.compiled.questions.get(name)?.kind === 'text' ? answers[name] : undefined;
      const texts = [own, answers[name + COMMENT_SUFFIX]].filter((value): value is string => typeof value === 'string');
      const kinds = [...new Set(texts.flatMap((text) => findIdentifyingDetails(text)))];
      if (kinds.length > 0)
        found[name] = fill(t.identifyingFound, { kinds: kinds.map((kind) => t.identifyingKinds[kind] ?? kind).join(', ') });
    }
    return found;
  }

  private questionNamesOn(survey: LoadedSurvey, index: number): string[] {
    const page = survey.pages[index];
    if (!page) return [];
    return flatten(page.elements ?? []).flatMap((element) =>
      typeof element.name === 'string' && survey.compiled.questions.has(element.name) ? [element.name] : [],
    );
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
    const text = (value: unknown) =>
      typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
    for (const name of names) {
      if (!survey.compiled.questions.has(name)) continue;
      const spec = survey.compiled.questions.get(name) as QuestionSpec;
      const raw = body[name];
      const matchChoice = (value: string) => spec.choices.find((choice) => String(choice.value) === value)?.value ?? value;
      switch (spec.kind) {
        case 'date':
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
          if (values.length > 0)
            answers[name] = spec.choices.filter((choice) => values.includes(String(choice.value))).map((choice) => choice.value);
          const unknown = values.filter((v) => !spec.choices.some((choice) => String(choice.value) === v));
          if (unknown.length > 0) answers[name] = [...((answers[name] as unknown[]) ?? []), ...unknown];
          break;
        }
        case 'matrixdropdown': {
          const rows: Record<string, Record<string, unknown>> = {};
          for (const row of spec.rows ?? []) {
            const cells: Record<string, unknown> = {};
            for (const column of spec.columns ?? []) {
              const field = `${name}.${row.value}.${column.name}`;
              const raw = body[field];
              if (column.kind === 'multi') {
                const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
                  (v): v is string => typeof v === 'string',
                );
                const chosen = column.choices.filter((c) => values.includes(String(c.value))).map((c) => c.value);
                if (values.length > 0)
                  cells[column.name] = [...chosen, ...values.filter((v) => !column.choices.some((c) => String(c.value) === v))];
                continue;
              }
              const value = text(raw)?.trim();
              if (!value) continue;
              if (column.kind === 'boolean')
                cells[column.name] =
                  value === 'true' ? (column.booleanValues?.[0] ?? true) : value === 'false' ? (column.booleanValues?.[1] ?? false) : value;
              else if (column.kind === 'single') cells[column.name] = column.choices.find((c) => String(c.value) === value)?.value ?? value;
              else if (column.kind === 'number') cells[column.name] = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
              else cells[column.name] = value;
            }
            if (Object.keys(cells).length > 0) rows[String(row.value)] = cells;
          }
          if (Object.keys(rows).length > 0) answers[name] = rows;
          break;
        }
        case 'expression':
          break; // computed by the survey from other answers; the form has no field for it
        case 'multipletext': {
          const boxes: Record<string, unknown> = {};
          for (const item of spec.items ?? []) {
            const value = text(body[`${name}.${item.name}`])?.trim();
            if (value) boxes[item.name] = item.kind === 'number' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
          }
          if (Object.keys(boxes).length > 0) answers[name] = boxes;
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
        const wantsComment =
          spec.hasComment ||
          (Array.isArray(answers[name])
            ? (answers[name] as unknown[]).includes(SPECIAL_VALUES.other)
            : answers[name] === SPECIAL_VALUES.other);
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
      if (error instanceof DomainError && error.code === 'SURVEY_CLOSED')
        return { status: 410, html: statusHtml(uiLocaleFor(lang), t.closedTitle, [t.closedBody], undefined, otherLanguage(slug, lang)) };
      if (error instanceof DomainError)
        return {
          status: 404,
          html: statusHtml(uiLocaleFor(lang), t.notFoundTitle, [t.notFoundBody], undefined, otherLanguage(slug, lang)),
        };
      throw error;
    }
    const { survey, version } = found;
    if (!this.validator.isCompiled(version.id, version.definitionHash))
      this.validator.compile(version.id, version.definitionHash, version.definition, survey.researchPublicKey);
    const entry = this.validator.entry(version.id);
    const publicView = toPublicSurvey(survey, version, this.proofOfWork.enabled);
    return {
      survey: {
        slug,
        lang: survey.locales.includes(lang) ? lang : (survey.locales[0] ?? 'en'),
        languages: survey.locales.map((code) => ({ code, name: languageName(code, survey.languageNames) })),
        locales: survey.locales,
        versionId: version.id,
        definition: version.definition,
        pages: version.definition.pages ?? [{ name: 'page1', elements: version.definition.elements ?? [] }],
        compiled: entry.compiled,
        evaluate: entry.evaluate,
        privacy: publicView.privacy,
        protection: publicView.protection,
        researchKey: survey.researchPublicKey,
      },
    };
  }
}

interface LoadedSurvey {
  readonly slug: string;
  readonly lang: string;
  readonly languages: readonly SurveyLanguage[];
  readonly locales: readonly string[];
  readonly versionId: string;
  readonly definition: SurveyDefinition;
  readonly pages: readonly PageJson[];
  readonly compiled: ReturnType<AnswerValidatorService['entry']>['compiled'];
  readonly evaluate: ReturnType<AnswerValidatorService['entry']>['evaluate'];
  readonly privacy: ReturnType<typeof toPublicSurvey>['privacy'];
  readonly protection: ReturnType<typeof toPublicSurvey>['protection'];
  /** The research public key free text is sealed to (issue 17), or null. */
  readonly researchKey: string | null;
}

/**
 * Issue 17: free text in the form's state is sealed once its page is left, so the pages that
 * carry the answers onward (one-time pages in memory, the browser's form) hold only what the
 * respondent is looking at in plain text. The last page is sealed on receipt by the intake.
 */
function sealLeftPage(survey: LoadedSurvey, answers: Record<string, unknown>): Record<string, unknown> {
  return survey.researchKey ? sealFreeText(survey.compiled, answers, survey.researchKey) : answers;
}

/** A free-text field left empty where a sealed text was kept: the sealed text stays (it cannot be shown to edit). */
function keepSealedTexts(
  survey: LoadedSurvey,
  pageNames: readonly string[],
  before: Readonly<Record<string, unknown>>,
  answers: Record<string, unknown>,
): void {
  if (!survey.researchKey) return;
  for (const field of freeTextFields(survey.compiled)) {
    if (!pageNames.includes(field.question)) continue;
    const kept = valueAt(before, field.path);
    if (!isSealedText(kept) || valueAt(answers, field.path) !== undefined) continue;
    let node = answers;
    for (const step of field.path.slice(0, -1)) {
      const child = node[step];
      if (typeof child !== 'object' || child === null || Array.isArray(child)) node[step] = {};
      node = node[step] as Record<string, unknown>;
    }
    node[field.path[field.path.length - 1] as string] = kept;
  }
}

/** The answers with sealed free text left out (what the form shows); the same object when there is none. */
function withoutSealedTexts(survey: LoadedSurvey, answers: Record<string, unknown>): Record<string, unknown> {
  if (!survey.researchKey) return answers;
  const sealed = freeTextFields(survey.compiled).filter((field) => isSealedText(valueAt(answers, field.path)));
  if (sealed.length === 0) return answers;
  const shown = JSON.parse(JSON.stringify(answers)) as Record<string, unknown>;
  for (const field of sealed) {
    const parent = field.path.length === 1 ? shown : (valueAt(shown, field.path.slice(0, -1)) as Record<string, unknown>);
    delete parent[field.path[field.path.length - 1] as string];
  }
  return shown;
}

function hasSealedText(survey: LoadedSurvey, question: string, answers: Readonly<Record<string, unknown>>): boolean {
  return freeTextFields(survey.compiled).some((field) => field.question === question && isSealedText(valueAt(answers, field.path)));
}

function valueAt(answers: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let node: unknown = answers;
  for (const step of path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.prototype.hasOwnProperty.call(node, step))
      return undefined;
    node = (node as Record<string, unknown>)[step];
  }
  return node;
}

/** The same address in the other language (for pages without a form: closed, not found). */
function otherLanguage(slug: string, lang: string): string {
  return `/f/${encodeURIComponent(slug)}?lang=${lang === 'es' ? 'en' : 'es'}`;
}

function flatten(elements: readonly ElementJson[]): ElementJson[] {
  return elements.flatMap((element) =>
    element.type === 'panel' && Array.isArray(element.elements) ? flatten(element.elements) : [element],
  );
}

function questionTitle(element: ElementJson, name: string, lang: string): string {
  return element.title !== undefined ? localize(element.title, lang) : name;
}

function questionOf(path: string): string {
  return path.replace(/-Comment$/, '').split('.')[0] as string;
}

function encodeState(state: FormState): string {
  const wire = Object.fromEntries(
    (Object.keys(WIRE_KEYS) as (keyof FormState)[]).filter((key) => state[key] !== undefined).map((key) => [WIRE_KEYS[key], state[key]]),
  );
  return Buffer.from(JSON.stringify(wire)).toString('base64url');
}

function decodeState(value: unknown): FormState | null {
  if (typeof value !== 'string' || value.length > 60_000) return null;
  try {
    const wire = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown;
    if (typeof wire !== 'object' || wire === null || Array.isArray(wire)) return null;
    const read = (key: keyof FormState): unknown =>
      Object.prototype.hasOwnProperty.call(wire, WIRE_KEYS[key]) ? (wire as Record<string, unknown>)[WIRE_KEYS[key]] : undefined;
    const state = Object.fromEntries(
      (Object.keys(WIRE_KEYS) as (keyof FormState)[]).map((key) => [key, read(key)]),
    ) as unknown as FormState;
    const valid =
      typeof state.answers === 'object' &&
      state.answers !== null &&
      !Array.isArray(state.answers) &&
      Array.isArray(state.pages) &&
      state.pages.length > 0 &&
      state.pages.every((n) => Number.isInteger(n) && n >= 0 && n < 1000) &&
      Array.isArray(state.shown) &&
      typeof state.idempotencyKey === 'string' &&
      /^[A-Za-z0-9_-]{16,128}$/.test(state.idempotencyKey) &&
      typeof state.ticket === 'string' &&
      typeof state.lang === 'string' &&
      typeof state.versionId === 'string' &&
      (state.endedOn === undefined || Number.isInteger(state.endedOn)) &&
      (state.warned === undefined ||
        (Array.isArray(state.warned) && state.warned.length <= 200 && state.warned.every((w) => typeof w === 'string'))) &&
      (state.proof === undefined || (typeof state.proof === 'string' && state.proof.length <= MAX_PROOF_LENGTH));
    return valid ? { ...state, answers: Object.assign(Object.create(null) as Record<string, unknown>, state.answers) } : null;
  } catch {
    return null;
  }
}
