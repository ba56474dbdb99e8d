import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { RespondentShell } from '../../../components/respondent/respondent-shell';
import { useTranslation } from '../../../lib/i18n/i18n';
import { useSurveyTaking } from '../hooks/use-survey-taking';
import { AnsweringPage } from './answering-page';
import { ClosingPage } from './closing-page';
import { OutreachCodeForm } from './outreach-code-form';
import { RejectedAnswers } from './rejected-answers';
import { SurveyStatus } from './survey-status';

/** `/s/:slug`: loads the open survey, lets the respondent answer, submits once. */
export default function SurveyPage() {
  const { slug = '' } = useParams();
  const { locale } = useTranslation();
  const taking = useSurveyTaking(slug);
  const { survey, phase } = taking;

  const shell = (content: ReactNode) => (
    <RespondentShell
      locale={locale}
      content={taking.surveyLocale}
      languages={survey?.locales ?? ['en', 'es']}
      languageNames={survey?.languageNames}
    >
      {content}
    </RespondentShell>
  );

  switch (phase.kind) {
    case 'code':
      return shell(
        <OutreachCodeForm
          code={taking.outreachCode}
          onChange={taking.setOutreachCode}
          error={phase.error}
          onSend={() => void taking.send()}
        />,
      );
    case 'rejected':
      return shell(<RejectedAnswers details={phase.details} model={taking.model} onBack={taking.backToAnswers} />);
    case 'done':
      return shell(<ClosingPage closing={phase.closing} surveyLocale={taking.surveyLocale} />);
    case 'answering':
      return shell(<AnsweringPage taking={taking} />);
    default:
      return shell(
        <SurveyStatus
          kind={phase.kind}
          proofOfWork={Boolean(survey?.protection.proofOfWork)}
          onReload={() => void taking.load()}
          onResend={() => void taking.send()}
        />,
      );
  }
}
