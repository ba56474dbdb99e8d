import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import type { Model } from 'survey-core';
import { closingHtml, localize, type ErrorDetail, type PublicSurvey } from '@candor/shared';
import { SURVEYJS_READY } from '../../../boot/events';
import { PrivacyNotice } from '../../../components/respondent/privacy-notice';
import { RespondentShell } from '../../../components/respondent/respondent-shell';
import { StatusPage } from '../../../components/ui/status-page';
import { ApiError } from '../../../lib/api-client';
import { sanitizeResearcherHtml } from '../../../lib/safe-html';
import { sealAnswersForSending } from '../../../lib/sealed-answers';
import { useTranslation } from '../../../lib/i18n/i18n';
import { solveProofOfWork } from '../api/proof-of-work';
import { fetchSurvey, newIdempotencyKey, submitResponse } from '../api/survey-api';
import { useContentLocale } from '../hooks/use-content-locale';
import { usePageProgress } from '../hooks/use-page-progress';
import { useSurveyModel } from '../hooks/use-survey-model';
import { OutreachCodeField } from './outreach-code-field';
import { RejectedAnswers } from './rejected-answers';
import { SurveyRunner } from './survey-runner';

type Phase =
  | { kind: 'loading' }
  | { kind: 'not-found' }
  | { kind: 'closed' }
  | { kind: 'load-failed' }
  | { kind: 'answering' }
  | { kind: 'code'; error?: string }
  | { kind: 'sending' }
  | { kind: 'send-failed' }
  | { kind: 'rejected'; details: readonly ErrorDetail[] }
  /** The survey's closing content by language (sanitized), so the language switch keeps it. */
  | { kind: 'done'; closing?: Readonly<Record<string, string>> };

interface PendingSubmission {
  readonly answers: Record<string, unknown>;
  /** What is sent: the answers with free text sealed once, so a retry resends the same ciphertext. */
  readonly sealed: Record<string, unknown>;
  readonly idempotencyKey: string;
}

/** `/s/:slug`: loads the open survey, lets the respondent answer, submits once. */
export default function SurveyPage() {
  const { slug = '' } = useParams();
  const { locale, t } = useTranslation();
  const [survey, setSurvey] = useState<PublicSurvey | null>(null);
  // The survey's own words may be in any language it is offered in; Candor's own (buttons,
  // notices) are in English or Spanish, English where it has none for that language.
  const surveyLocale = useContentLocale(survey, locale);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [carriedAnswers, setCarriedAnswers] = useState<Record<string, unknown> | undefined>(undefined);
  const [updatedNotice, setUpdatedNotice] = useState(false);
  const [outreachCode, setOutreachCode] = useState('');
  const pending = useRef<PendingSubmission | null>(null);
  const proof = useRef<Promise<string> | null>(null);
  const [warning, setWarning] = useState('');
  const model = useSurveyModel(survey, surveyLocale, carriedAnswers, setWarning);
  const onFirstPage = useFirstPage(model);
  const progress = usePageProgress(model, survey?.definition, model?.pageNextText ?? t('survey.send'), t('survey.send'));
  const closing = useRef<Readonly<Record<string, string>> | undefined>(undefined);

  const startProof = useCallback(() => {
    const solving = solveProofOfWork(slug);
    // A failure here surfaces when sending (and is retried then); never as an unhandled rejection.
    solving.catch(() => undefined);
    proof.current = solving;
  }, [slug]);

  const load = useCallback(async () => {
    setPhase({ kind: 'loading' });
    try {
      const loaded = await fetchSurvey(slug);
      setSurvey(loaded);
      if (loaded.protection.proofOfWork) startProof();
      setPhase({ kind: 'answering' });
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'NETWORK';
      setPhase({
        kind:
          code === 'SURVEY_NOT_FOUND' || code === 'VALIDATION_FAILED' ? 'not-found' : code === 'SURVEY_CLOSED' ? 'closed' : 'load-failed',
      });
    }
  }, [slug, startProof]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  // Loaded behind the server-rendered page of the shared link: it takes over once this is on screen.
  useEffect(() => {
    if (phase.kind === 'answering' && model) document.dispatchEvent(new Event(SURVEYJS_READY));
  }, [phase.kind, model]);

  const send = useCallback(
    async (retriedProof = false) => {
      const submission = pending.current;
      if (!survey || !submission) return;
      if (survey.protection.outreachCode && outreachCode.trim() === '') {
        setPhase({ kind: 'code' });
        return;
      }
      setPhase({ kind: 'sending' });
      try {
        if (survey.protection.proofOfWork && !proof.current) startProof();
        const proofOfWork = survey.protection.proofOfWork ? await (proof.current as Promise<string>) : undefined;
        await submitResponse(slug, {
          versionId: survey.versionId,
          answers: submission.sealed,
          idempotencyKey: submission.idempotencyKey,
          ...(proofOfWork ? { proofOfWork } : {}),
          ...(survey.protection.outreachCode ? { outreachCode } : {}),
        });
        pending.current = null;
        proof.current = null;
        setPhase({ kind: 'done', closing: closing.current });
      } catch (error) {
        if (!(error instanceof ApiError)) {
          // The puzzle failed or the network did: keep the answers, offer to try again.
          proof.current = null;
          setPhase({ kind: 'send-failed' });
          return;
        }
        switch (error.code) {
          case 'INVALID_ANSWERS':
            setPhase({ kind: 'rejected', details: error.body?.details ?? [] });
            return;
          case 'PROOF_OF_WORK_INVALID':
          case 'PROOF_OF_WORK_REQUIRED':
            // Expired or used (e.g. after a server restart): solve a fresh one, once, and resend.
            startProof();
            if (!retriedProof) await send(true);
            else setPhase({ kind: 'send-failed' });
            return;
          case 'OUTREACH_CODE_INVALID':
          case 'OUTREACH_CODE_REQUIRED':
            setPhase({ kind: 'code', error: t(error.code === 'OUTREACH_CODE_INVALID' ? 'outreach.invalid' : 'outreach.required') });
            return;
          case 'VERSION_MISMATCH': {
            // Load the new version and carry over the answers that still fit it.
            const fresh = await fetchSurvey(slug).catch(() => null);
            if (!fresh) {
              setPhase({ kind: 'send-failed' });
              return;
            }
            setCarriedAnswers({ ...submission.answers });
            setSurvey(fresh);
            setUpdatedNotice(true);
            pending.current = null;
            setPhase({ kind: 'answering' });
            return;
          }
          case 'SURVEY_CLOSED':
            setPhase({ kind: 'closed' });
            return;
          default:
            setPhase({ kind: 'send-failed' });
        }
      }
    },
    [slug, survey, outreachCode, startProof, t],
  );

  const onComplete = useCallback(
    (answers: Record<string, unknown>) => {
      pending.current = { answers, sealed: survey ? sealAnswersForSending(survey, answers) : answers, idempotencyKey: newIdempotencyKey() };
      // The survey's own closing page (or its screen-out message) for these answers, in each of its languages, sanitized.
      const byLanguage: Record<string, string> = {};
      for (const lang of survey && model ? survey.locales : []) {
        const found = closingHtml(
          (survey as PublicSurvey).definition,
          answers,
          (expression) => Boolean(model?.runExpression(expression)),
          lang,
        );
        const safe = found ? sanitizeResearcherHtml(found.html) : '';
        if (safe.trim() !== '') byLanguage[lang] = safe;
      }
      closing.current = Object.keys(byLanguage).length > 0 ? byLanguage : undefined;
      void send();
    },
    [send, survey, model],
  );

  const backToAnswers = useCallback(() => {
    model?.clear(false, true);
    setPhase({ kind: 'answering' });
  }, [model]);

  const shell = (content: React.ReactNode) => (
    <RespondentShell
      locale={locale}
      content={surveyLocale}
      languages={survey?.locales ?? ['en', 'es']}
      languageNames={survey?.languageNames}
    >
      {content}
    </RespondentShell>
  );

  switch (phase.kind) {
    case 'loading':
      return shell(<StatusPage title={t('common.loading')} />);
    case 'not-found':
      return shell(<StatusPage title={t('survey.notFound.title')}>{<p>{t('survey.notFound.body')}</p>}</StatusPage>);
    case 'closed':
      return shell(<StatusPage title={t('survey.closed.title')}>{<p>{t('survey.closed.body')}</p>}</StatusPage>);
    case 'load-failed':
      return shell(
        <StatusPage title={t('survey.loadFailed.title')} tone="warning">
          <p>{t('survey.loadFailed.body')}</p>
          <button type="button" onClick={() => void load()}>
            {t('common.tryAgain')}
          </button>
        </StatusPage>,
      );
    case 'sending':
      return shell(
        <StatusPage title={t('survey.sending')}>{survey?.protection.proofOfWork && <p className="hint">{t('pow.working')}</p>}</StatusPage>,
      );
    case 'send-failed':
      return shell(
        <StatusPage title={t('survey.sendFailed.title')} tone="warning">
          <p>{t('survey.sendFailed.body')}</p>
          <button type="button" onClick={() => void send()}>
            {t('common.tryAgain')}
          </button>
        </StatusPage>,
      );
    case 'code':
      return shell(
        <main className="status-page">
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void send();
            }}
          >
            <OutreachCodeField
              value={outreachCode}
              onChange={setOutreachCode}
              error={phase.error ?? (outreachCode.trim() === '' ? t('outreach.required') : undefined)}
            />
            <button type="submit">{t('outreach.send')}</button>
          </form>
        </main>,
      );
    case 'rejected':
      return shell(<RejectedAnswers details={phase.details} model={model} onBack={backToAnswers} />);
    case 'done': {
      const own = phase.closing?.[surveyLocale] ?? (phase.closing ? Object.values(phase.closing)[0] : undefined);
      if (own !== undefined) {
        return shell(
          <main className="status-page status-page--success closing">
            {/* Sanitized by sanitizeResearcherHtml (DOMPurify allowlist) in onComplete; its first heading is the page's. */}
            <div dangerouslySetInnerHTML={{ __html: withPageHeading(own, t('thanks.title')) }} />
          </main>,
        );
      }
      return shell(
        <StatusPage title={t('thanks.title')} tone="success">
          <p>{t('thanks.body')}</p>
          <p>{t('thanks.close')}</p>
        </StatusPage>,
      );
    }
    case 'answering':
      return shell(
        <main className="survey-page">
          <h1 className="survey-title">
            {survey?.definition.title !== undefined ? localize(survey.definition.title, surveyLocale) : t('app.name')}
          </h1>
          {updatedNotice && (
            <p className="notice" role="status">
              {t('survey.updated')}
            </p>
          )}
          {survey && onFirstPage && <PrivacyNotice survey={survey} locale={locale} />}
          {survey?.protection.outreachCode && onFirstPage && <OutreachCodeField value={outreachCode} onChange={setOutreachCode} />}
          {model && (
            <div className="page-progress">
              <h2 ref={progress.headingRef} tabIndex={-1}>
                {t('survey.progress', { current: progress.current, total: progress.total })}
              </h2>
              <progress max={progress.total} value={progress.current} aria-hidden="true" />
            </div>
          )}
          <div role="alert" className="visually-hidden">
            {warning ? t('identifying.announce', { text: warning }) : ''}
          </div>
          {model && <SurveyRunner model={model} onComplete={onComplete} />}
        </main>,
      );
  }
}

/** The closing content's first heading becomes the page's <h1>; without one, `title` is added. */
function withPageHeading(sanitized: string, title: string): string {
  const heading = /<h([2-5])([^>]*)>([\s\S]*?)<\/h\1>/.exec(sanitized);
  if (heading) return sanitized.replace(heading[0], () => `<h1${heading[2]}>${heading[3]}</h1>`);
  const escaped = title.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<h1>${escaped}</h1>${sanitized}`;
}

/** Whether the respondent is on the survey's first page (where the privacy notice belongs). */
function useFirstPage(model: Model | null): boolean {
  const [first, setFirst] = useState(true);
  useEffect(() => {
    if (!model) return undefined;
    const update = () => setFirst(model.isFirstPage);
    update();
    model.onCurrentPageChanged.add(update);
    return () => model.onCurrentPageChanged.remove(update);
  }, [model]);
  return first;
}
