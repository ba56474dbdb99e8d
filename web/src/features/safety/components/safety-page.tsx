import { useEffect } from 'react';
import { RespondentShell } from '../../../components/respondent/respondent-shell';
import { useTranslation } from '../../../lib/i18n/i18n';
import { SafetyGuideView } from '../../../components/respondent/safety-guide-view';

/** `/safety`: what Quick exit does and, honestly, what it cannot hide. */
export default function SafetyPage() {
  const { locale, t } = useTranslation();
  useEffect(() => {
    document.title = t('app.name');
  }, [t]);
  return (
    <RespondentShell locale={locale} safetyInPage={false}>
      <main className="safety-page">
        <SafetyGuideView locale={locale} />
      </main>
    </RespondentShell>
  );
}
