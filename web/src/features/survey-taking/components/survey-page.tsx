import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import type { Model } from 'survey-core';
import { localize, type ErrorDetail, type PublicSurvey } from '@candor/shared';
import { PrivacyNotice } from '../../../components/respondent/privacy-notice';
import { RespondentShell } from '../../../components/respondent/respondent-shell';
import { StatusPage } from '../../../components/ui/status-page';
import { ApiError } from '../../../lib/api-client';
import { useTranslation } from '../../../lib/i18n/i18n';
import { solveProofOfWork } from '../api/proof-of-work';
import { fetchSurvey, newIdempotencyKey, submitResponse } from '../api/survey-api';
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
  | { kind: 'done' };

interface PendingSubmission {
  readonly answers: Record<string, unknown>;
  readonly idempotencyKey: string;
}

/** `/s/:slug`: loads the open survey, lets the respondent answer, submits once. */
export default function SurveyPage() {
  const { slug = '' } = useParams();
  const { locale, t } = useTranslation();
  const [survey, setSurvey] = useState<PublicSurvey | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [carriedAnswers, setCarriedAnswers] = useState<Record<string, unknown> | undefined>(undefined);
  const [updatedNotice, setUpdatedNotice] = useState(false);
  const [outreachCode, setOutreachCode] = useState('');
  const pending = useRef<PendingSubmission | null>(null);
  const proof = useRef<Promise<string> | null>(null);
  const model = useSurveyModel(survey, locale, carriedAnswers);
  const onFirstPage = useFirstPage(model);

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
      setPhase({ kind: code === 'SURVEY_NOT_FOUND' || code === 'VALIDATION_FAILED' ? 'not-found' : code === 'SURVEY_CLOSED' ? 'closed' : 'load-failed' });
    }
  }, [slug, startProof]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

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
          answers: submission.answers,
          idempotencyKey: submission.idempotencyKey,
          ...(proofOfWork ? { proofOfWork } : {}),
          ...(survey.protection.outreachCode ? { outreachCode } : {}),
        });
        pending.current = null;
        proof.current = null;
        setPhase({ kind: 'done' });
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
      pending.current = { answers, idempotencyKey: newIdempotencyKey() };
      void send();
    },
    [send],
  );

  const backToAnswers = useCallback(() => {
    model?.clear(false, true);
    setPhase({ kind: 'answering' });
  }, [model]);

  const shell = (content: React.ReactNode) => (
    <RespondentShell locale={locale} languages={survey?.locales ?? ['en', 'es']}>
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
        <StatusPage title={t('survey.sending')}>
          {survey?.protection.proofOfWork && <p className="hint">{t('pow.working')}</p>}
        </StatusPage>,
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
            <OutreachCodeField value={outreachCode} onChange={setOutreachCode} error={phase.error ?? (outreachCode.trim() === '' ? t('outreach.required') : undefined)} />
            <button type="submit">{t('outreach.send')}</button>
          </form>
        </main>,
      );
    case 'rejected':
      return shell(<RejectedAnswers details={phase.details} model={model} onBack={backToAnswers} />);
    case 'done':
      return shell(
        <StatusPage title={t('thanks.title')} tone="success">
          <p>{t('thanks.body')}</p>
          <p>{t('thanks.close')}</p>
        </StatusPage>,
      );
    case 'answering':
      return shell(
        <main className="survey-page">
          <h1 className="visually-hidden">{survey?.definition.title !== undefined ? localize(survey.definition.title, locale) : t('app.name')}</h1>
          {updatedNotice && (
            <p className="notice" role="status">
              {t('survey.updated')}
            </p>
          )}
          {survey && onFirstPage && <PrivacyNotice survey={survey} locale={locale} />}
          {survey?.protection.outreachCode && onFirstPage && <OutreachCodeField value={outreachCode} onChange={setOutreachCode} />}
          {model && <SurveyRunner model={model} onComplete={onComplete} />}
        </main>,
      );
  }
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
