import { useEffect } from 'react';
import { safetyGuide } from '@candor/shared';
import { RespondentShell } from '../../components/respondent/respondent-shell';
import { useTranslation } from '../../lib/i18n/i18n';

/** `/safety`: what Quick exit does and, honestly, what it cannot hide. */
export default function SafetyPage() {
  const { locale, t } = useTranslation();
  const guide = safetyGuide(locale);
  useEffect(() => {
    document.title = t('app.name');
  }, [t]);
  return (
    <RespondentShell locale={locale}>
      <main className="safety-page">
        <h1>{guide.title}</h1>
        <p>{guide.intro}</p>
        {guide.sections.map((section) => (
          <section key={section.heading}>
            <h2>{section.heading}</h2>
            <ul>
              {section.points.map((point) => (
                <li key={point}>{point}</li>
              ))}
            </ul>
          </section>
        ))}
      </main>
    </RespondentShell>
  );
}
