import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import type { ErrorDetail, PublicSurvey } from '@candor/shared';
import { LanguageSwitch } from '../../../components/ui/language-switch';
import { StatusPage } from '../../../components/ui/status-page';
import { ApiError } from '../../../lib/api-client';
import { useTranslation } from '../../../lib/i18n/i18n';
import { fetchSurvey, newIdempotencyKey, submitResponse } from '../api/survey-api';
import { useSurveyModel } from '../hooks/use-survey-model';
import { SurveyRunner } from './survey-runner';
import { RejectedAnswers } from './rejected-answers';

type Phase =
  | { kind: 'loading' }
  | { kind: 'not-found' }
  | { kind: 'closed' }
  | { kind: 'load-failed' }
  | { kind: 'answering' }
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
  const pending = useRef<PendingSubmission | null>(null);
  const model = useSurveyModel(survey, locale, carriedAnswers);

  const load = useCallback(async () => {
    setPhase({ kind: 'loading' });
    try {
      setSurvey(await fetchSurvey(slug));
      setPhase({ kind: 'answering' });
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'NETWORK';
      setPhase({ kind: code === 'SURVEY_NOT_FOUND' || code === 'VALIDATION_FAILED' ? 'not-found' : code === 'SURVEY_CLOSED' ? 'closed' : 'load-failed' });
    }
  }, [slug]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  const send = useCallback(async () => {
    const submission = pending.current;
    if (!survey || !submission) return;
    setPhase({ kind: 'sending' });
    try {
      await submitResponse(slug, { versionId: survey.versionId, answers: submission.answers, idempotencyKey: submission.idempotencyKey });
      pending.current = null;
      setPhase({ kind: 'done' });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      switch (error.code) {
        case 'INVALID_ANSWERS':
          setPhase({ kind: 'rejected', details: error.body?.details ?? [] });
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
  }, [slug, survey]);

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

  switch (phase.kind) {
    case 'loading':
      return <StatusPage title={t('common.loading')} />;
    case 'not-found':
      return <StatusPage title={t('survey.notFound.title')}>{<p>{t('survey.notFound.body')}</p>}</StatusPage>;
    case 'closed':
      return <StatusPage title={t('survey.closed.title')}>{<p>{t('survey.closed.body')}</p>}</StatusPage>;
    case 'load-failed':
      return (
        <StatusPage title={t('survey.loadFailed.title')} tone="warning">
          <p>{t('survey.loadFailed.body')}</p>
          <button type="button" onClick={() => void load()}>
            {t('common.tryAgain')}
          </button>
        </StatusPage>
      );
    case 'sending':
      return <StatusPage title={t('survey.sending')} />;
    case 'send-failed':
      return (
        <StatusPage title={t('survey.sendFailed.title')} tone="warning">
          <p>{t('survey.sendFailed.body')}</p>
          <button type="button" onClick={() => void send()}>
            {t('common.tryAgain')}
          </button>
        </StatusPage>
      );
    case 'rejected':
      return <RejectedAnswers details={phase.details} model={model} onBack={backToAnswers} />;
    case 'done':
      return (
        <StatusPage title={t('thanks.title')} tone="success">
          <p>{t('thanks.body')}</p>
          <p>{t('thanks.close')}</p>
        </StatusPage>
      );
    case 'answering':
      return (
        <div className="survey-page">
          <LanguageSwitch current={locale} available={survey?.locales ?? []} />
          {updatedNotice && (
            <p className="notice" role="status">
              {t('survey.updated')}
            </p>
          )}
          {model && <SurveyRunner model={model} onComplete={onComplete} />}
        </div>
      );
  }
}
