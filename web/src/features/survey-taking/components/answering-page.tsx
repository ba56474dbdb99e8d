import { localize } from '@candor/shared';
import { PrivacyNotice } from '../../../components/respondent/privacy-notice';
import { useTranslation } from '../../../lib/i18n/i18n';
import type { SurveyTaking } from '../hooks/use-survey-taking';
import { OutreachCodeField } from './outreach-code-field';
import { SurveyRunner } from './survey-runner';

/** The survey itself: title, privacy notice and code field on the first page, progress, and the questions. */
export function AnsweringPage({ taking }: { readonly taking: SurveyTaking }) {
  const { locale, t } = useTranslation();
  const { survey, surveyLocale, model, onFirstPage, progress, warning } = taking;
  return (
    <main className="survey-page">
      <h1 className="survey-title">
        {survey?.definition.title !== undefined ? localize(survey.definition.title, surveyLocale) : t('app.name')}
      </h1>
      {taking.updatedNotice && (
        <p className="notice" role="status">
          {t('survey.updated')}
        </p>
      )}
      {survey && onFirstPage && <PrivacyNotice survey={survey} locale={locale} />}
      {survey?.protection.outreachCode && onFirstPage && (
        <OutreachCodeField value={taking.outreachCode} onChange={taking.setOutreachCode} />
      )}
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
      {model && <SurveyRunner model={model} onComplete={taking.onComplete} />}
    </main>
  );
}
