import { StatusPage } from '../../../components/ui/status-page';
import { useTranslation } from '../../../lib/i18n/i18n';
import { withPageHeading } from '../model/closing';

interface ClosingPageProps {
  /** The survey's closing content by language (sanitized), if it has one. */
  readonly closing: Readonly<Record<string, string>> | undefined;
  readonly surveyLocale: string;
}

/** After sending: the survey's own closing page in the chosen language, or Candor's thanks. */
export function ClosingPage({ closing, surveyLocale }: ClosingPageProps) {
  const { t } = useTranslation();
  const own = closing?.[surveyLocale] ?? (closing ? Object.values(closing)[0] : undefined);
  if (own !== undefined) {
    return (
      <main className="status-page status-page--success closing">
        {/* Sanitized by sanitizeResearcherHtml (DOMPurify allowlist) in onComplete; its first heading is the page's. */}
        <div dangerouslySetInnerHTML={{ __html: withPageHeading(own, t('thanks.title')) }} />
      </main>
    );
  }
  return (
    <StatusPage title={t('thanks.title')} tone="success">
      <p>{t('thanks.body')}</p>
      <p>{t('thanks.close')}</p>
    </StatusPage>
  );
}
