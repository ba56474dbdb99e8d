import type { Model } from 'survey-core';
import type { ErrorDetail } from '@candor/shared';
import { StatusPage } from '../../../components/ui/status-page';
import { useTranslation } from '../../../lib/i18n/i18n';

interface RejectedAnswersProps {
  readonly details: readonly ErrorDetail[];
  readonly model: Model | null;
  readonly onBack: () => void;
}

/** The server refused some answers: say which, by question title, and go back to fix them. */
export function RejectedAnswers({ details, model, onBack }: RejectedAnswersProps) {
  const { t } = useTranslation();
  const titleOf = (path: string | undefined) => {
    const name = (path ?? '').replace(/-Comment$/, '').split('.')[0] ?? '';
    return model?.getQuestionByName(name)?.processedTitle ?? name;
  };
  return (
    <StatusPage title={t('survey.rejected.title')} tone="warning">
      <p>{t('survey.rejected.body')}</p>
      <ul>
        {details.map((detail, index) => (
          <li key={index}>
            <strong>{titleOf(detail.path)}</strong>: {detail.message}
          </li>
        ))}
      </ul>
      <button type="button" onClick={onBack}>
        {t('survey.rejected.back')}
      </button>
    </StatusPage>
  );
}
