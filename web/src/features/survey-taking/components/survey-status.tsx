import { StatusPage } from '../../../components/ui/status-page';
import { useTranslation } from '../../../lib/i18n/i18n';

export type StatusPhaseKind = 'loading' | 'not-found' | 'closed' | 'load-failed' | 'sending' | 'send-failed';

interface SurveyStatusProps {
  readonly kind: StatusPhaseKind;
  /** Whether the survey asks for a proof of work (solving it may take a moment while sending). */
  readonly proofOfWork: boolean;
  readonly onReload: () => void;
  readonly onResend: () => void;
}

/** The full-page messages around answering: loading, missing, closed, sending, and the two failures. */
export function SurveyStatus({ kind, proofOfWork, onReload, onResend }: SurveyStatusProps) {
  const { t } = useTranslation();
  switch (kind) {
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
          <button type="button" onClick={onReload}>
            {t('common.tryAgain')}
          </button>
        </StatusPage>
      );
    case 'sending':
      return <StatusPage title={t('survey.sending')}>{proofOfWork && <p className="hint">{t('pow.working')}</p>}</StatusPage>;
    case 'send-failed':
      return (
        <StatusPage title={t('survey.sendFailed.title')} tone="warning">
          <p>{t('survey.sendFailed.body')}</p>
          <button type="button" onClick={onResend}>
            {t('common.tryAgain')}
          </button>
        </StatusPage>
      );
  }
}
