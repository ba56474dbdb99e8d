import { Injectable } from '@nestjs/common';
import { closingHtml, type AnswerProblem } from '@candor/shared';
import { RESPONDENT_CLEAR_SITE_DATA } from '../common/clear-site-data';
import { DomainError } from '../common/domain-error';
import { ProofOfWorkService } from '../protection/proof-of-work.service';
import { ResponsesService } from '../responses/responses.service';
import { sanitizeClosingHtml } from './closing-html';
import { problemMessages } from './form-messages';
import { formPage, type PageOptions } from './form-page';
import { otherLanguage } from './form-navigation';
import type { FormState } from './form-state';
import { fill, leanMessages } from './lean-messages';
import type { LeanResult, LoadedSurvey } from './loaded-survey';
import { closingPageHtml, statusHtml } from './render';

/**
 * The no-JS form's last step: the answers sent through the same intake as the JSON API,
 * with the script's proof of work when the page had one, else the signed ticket from the
 * first page; then the closing page, or the page that says why nothing was stored.
 */
@Injectable()
export class LeanSubmissionService {
  constructor(
    private readonly responses: ResponsesService,
    private readonly proofOfWork: ProofOfWorkService,
  ) {}

  async finish(survey: LoadedSurvey, state: FormState, answers: Record<string, unknown>, outreachInput: string): Promise<LeanResult> {
    if (state.proof !== undefined) {
      const sent = await this.sendWithProof(survey, state, answers, outreachInput);
      if (sent !== 'proof-refused') return sent;
      state = { ...state, proof: undefined };
    }
    return this.sendWithTicket(survey, state, answers, outreachInput);
  }

  /**
   * The script's proof of work, as the JSON API takes it: checked, reserved and spent with the write, once.
   * Free text may arrive plain (the page's cipher may never have loaded): this form checked it in
   * full above, and the intake seals it on receipt, as for a form without JavaScript.
   */
  private async sendWithProof(
    survey: LoadedSurvey,
    state: FormState,
    answers: Record<string, unknown>,
    outreachInput: string,
  ): Promise<LeanResult | 'proof-refused'> {
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
      return 'proof-refused';
    }
  }

  /** The no-JS stand-in for proof of work: the signed ticket from the first page, once its wait is over. */
  private async sendWithTicket(
    survey: LoadedSurvey,
    state: FormState,
    answers: Record<string, unknown>,
    outreachInput: string,
  ): Promise<LeanResult> {
    const t = leanMessages(survey.lang);
    let ticket: ReturnType<ProofOfWorkService['checkFormTicket']>;
    try {
      ticket = this.proofOfWork.checkFormTicket(survey.slug, state.ticket);
    } catch {
      // Expired or from before POW_SECRET changed: a fresh ticket, the answers kept.
      return this.render(
        survey,
        { ...state, ticket: this.proofOfWork.issueFormTicket(survey.slug) },
        {
          outreachInput,
          banner: { tone: 'warning', lines: [t.expired] },
        },
      );
    }
    if (ticket && ticket.wait > 0)
      return this.render(survey, state, { outreachInput, banner: { tone: 'info', lines: [fill(t.wait, { seconds: ticket.wait })] } });
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
      return this.render(survey, state, {
        outreachInput,
        banner: { tone: 'warning', lines: [t.refused, t.problem[error.code]] },
        outreachError: t.problem[error.code],
      });
    }
    if (error.code === 'INVALID_ANSWERS') {
      const problems = error.details as AnswerProblem[];
      return this.render(survey, state, {
        errors: problemMessages(problems, survey.lang),
        outreachInput,
        banner: { tone: 'warning', lines: [t.refused, t.tryAgain] },
      });
    }
    if (error.code === 'PROOF_OF_WORK_INVALID') return this.ticketSpent(survey, state, outreachInput);
    return this.render(survey, state, { outreachInput, banner: { tone: 'warning', lines: [t.refused, error.message] } });
  }

  /**
   * The ticket is spent, but these answers were not stored (a crash between reserving it
   * and the write): a fresh ticket, so the respondent can send them after the wait.
   */
  private ticketSpent(survey: LoadedSurvey, state: FormState, outreachInput: string): LeanResult {
    const t = leanMessages(survey.lang);
    const fresh = this.proofOfWork.issueFormTicket(survey.slug);
    const wait = this.proofOfWork.checkFormTicket(survey.slug, fresh)?.wait ?? 0;
    return this.render(
      survey,
      { ...state, ticket: fresh },
      {
        outreachInput,
        banner: { tone: 'info', lines: [wait > 0 ? fill(t.wait, { seconds: wait }) : t.expired] },
      },
    );
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

  private render(survey: LoadedSurvey, state: FormState, options: PageOptions): LeanResult {
    return formPage(survey, state, this.proofOfWork.enabled, options);
  }
}
