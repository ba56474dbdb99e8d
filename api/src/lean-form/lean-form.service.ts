import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { COMMENT_SUFFIX, isLastForeseeablePage, languageName, uiLocaleFor, validateAnswers } from '@candor/shared';
import { DomainError } from '../common/domain-error';
import { html } from '../common/html';
import { ProofOfWorkService } from '../protection/proof-of-work.service';
import { AnswerValidatorService } from '../responses/answer-validation/answer-validator.service';
import { toPublicSurvey } from '../surveys/survey.mapper';
import { SurveysService } from '../surveys/surveys.service';
import { identifyingTexts, problemMessages } from './form-messages';
import { formPage, type PageOptions } from './form-page';
import { nextPage, otherLanguage, pruneHidden, questionNamesOn, questionOf, visibleQuestionNames } from './form-navigation';
import { decodeState, MAX_PROOF_LENGTH, type FormState } from './form-state';
import { LeanSubmissionService } from './lean-submission.service';
import { leanMessages } from './lean-messages';
import type { LeanResult, LoadedSurvey } from './loaded-survey';
import { readFields } from './read-fields';
import { statusHtml, type Enhancement } from './render';
import { keepSealedTexts, sealLeftPage } from './sealed-texts';

export type { LeanResult } from './loaded-survey';

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
    private readonly proofOfWork: ProofOfWorkService,
    private readonly submission: LeanSubmissionService,
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
    const first = nextPage(survey, {}, -1);
    if (first === null)
      return {
        status: 200,
        html: statusHtml(survey.lang, leanMessages(survey.lang).notFoundTitle, [leanMessages(survey.lang).notFoundBody]),
      };
    return this.render(survey, { ...state, pages: [first] }, { enhance });
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

  /** A page sent: another language, back, the same page again (revealed questions, problems, warnings), the next page, or the end. */
  async step(slug: string, body: Record<string, unknown>): Promise<LeanResult> {
    const decoded = decodeState(body['state']);
    const loaded = await this.load(slug, decoded?.lang ?? 'en');
    if ('status' in loaded) return loaded;
    const { survey } = loaded;
    if (!decoded || decoded.versionId !== survey.versionId || decoded.pages.some((index) => index >= survey.pages.length)) {
      // A form from before the survey changed: start again on the current version.
      return this.start(slug, survey.lang);
    }
    const state = await this.acceptProof(slug, decoded, body);
    const pageNames = questionNamesOn(survey, state.pages.at(-1) ?? 0);
    const answers = pageAnswers(survey, state, pageNames, body);
    const outreachInput = typeof body['outreachCode'] === 'string' ? body['outreachCode'] : '';

    const action = typeof body['action'] === 'string' ? body['action'] : '';
    if (action === 'language' || action.startsWith('language:')) {
      // Another language, on the same page, with the answers so far: nothing is checked yet.
      const asked = action.slice('language:'.length);
      const other = await this.load(slug, asked !== '' ? asked : survey.lang === 'es' ? 'en' : 'es');
      if ('status' in other) return other;
      return this.render(other.survey, { ...state, answers, lang: other.survey.lang }, { outreachInput });
    }

    if (action === 'back' && state.pages.length > 1) {
      const back = state.pages.slice(0, -1);
      return this.render(survey, { ...state, answers: sealLeftPage(survey, answers), pages: back }, { outreachInput });
    }
    return this.moveOn(survey, { ...state, answers }, pageNames, outreachInput);
  }

  /** With JavaScript, the page's script sends a solved proof of work: kept (if it checks) for the last page. */
  private async acceptProof(slug: string, state: FormState, body: Record<string, unknown>): Promise<FormState> {
    const proof = body['proofOfWork'];
    if (state.proof !== undefined || typeof proof !== 'string' || proof.length > MAX_PROOF_LENGTH || !this.proofOfWork.enabled)
      return state;
    const checked = await this.proofOfWork.verify(slug, proof).then(
      () => true,
      () => false,
    );
    return checked ? { ...state, proof } : state;
  }

  /** "Next" or "Send": the page is checked, then the next page that shows anything, or the answers are sent. */
  private async moveOn(survey: LoadedSurvey, state: FormState, pageNames: readonly string[], outreachInput: string): Promise<LeanResult> {
    const current = state.pages.at(-1) ?? 0;
    const { answers } = state;
    // Skip logic may have revealed a question on this very page: show it before moving on.
    const visibleNow = visibleQuestionNames(survey, current, answers);
    if (visibleNow.some((name) => !state.shown.includes(name))) return this.render(survey, state, { outreachInput });

    const pruned = pruneHidden(survey, answers);
    const problems = validateAnswers(survey.compiled, pruned, survey.evaluate, {
      sealedText: survey.researchKey ? 'allowed' : undefined,
    }).filter((p) => pageNames.includes(questionOf(p.path ?? '')));
    if (problems.length > 0) return this.render(survey, state, { errors: problemMessages(problems, survey.lang), outreachInput });

    const warning = this.warnIdentifying(survey, state, pageNames, pruned, outreachInput);
    if (warning) return warning;

    const next = nextPage(survey, pruned, current);
    if (next !== null)
      return this.render(survey, { ...state, answers: sealLeftPage(survey, answers), pages: [...state.pages, next] }, { outreachInput });
    if (!isLastForeseeablePage(survey.definition, current) && state.endedOn !== current) {
      // The button said "Next", but these answers end the survey: say so, and let the button say "Send".
      const t = leanMessages(survey.lang);
      return this.render(survey, { ...state, endedOn: current }, { outreachInput, banner: { tone: 'info', lines: [t.lastForYou] } });
    }
    return this.submission.finish(survey, state, pruned, outreachInput);
  }

  /** Free text that looks identifying: warned once, here as on the JavaScript page; sending again keeps it. */
  private warnIdentifying(
    survey: LoadedSurvey,
    state: FormState,
    pageNames: readonly string[],
    pruned: Record<string, unknown>,
    outreachInput: string,
  ): LeanResult | null {
    const warnings = identifyingTexts(survey, pageNames, pruned);
    const unseen = Object.entries(warnings).filter(([name, kinds]) => !(state.warned ?? []).includes(`${name}:${kinds}`));
    if (unseen.length === 0) return null;
    const t = leanMessages(survey.lang);
    const warned = [...(state.warned ?? []), ...unseen.map(([name, kinds]) => `${name}:${kinds}`)];
    return this.render(
      survey,
      { ...state, warned },
      { outreachInput, banner: { tone: 'warning', lines: [t.identifyingAgain] }, identifying: warnings },
    );
  }

  private render(survey: LoadedSurvey, state: FormState, options: PageOptions = {}): LeanResult {
    return formPage(survey, state, this.proofOfWork.enabled, options);
  }

  /** The open survey at `slug` with its current version compiled, or the page that says why there is none. */
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
    await this.validator.ensureCompiled(version, version.definition, survey.researchPublicKey);
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

/** The answers so far with this page's read afresh from the form (sealed free text left empty stays). */
function pageAnswers(
  survey: LoadedSurvey,
  state: FormState,
  pageNames: readonly string[],
  body: Record<string, unknown>,
): Record<string, unknown> {
  const answers = { ...state.answers };
  for (const name of pageNames) {
    delete answers[name];
    delete answers[name + COMMENT_SUFFIX];
  }
  Object.assign(answers, readFields(survey, pageNames, body));
  keepSealedTexts(survey, pageNames, state.answers, answers);
  return answers;
}
