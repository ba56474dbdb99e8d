import { privacyNotice, type PublicSurvey } from '@candor/shared';

/** The notice before the first question, generated from the survey's real settings (P9). */
export function PrivacyNotice({ survey, locale }: { readonly survey: PublicSurvey; readonly locale: string }) {
  const notice = privacyNotice(survey.privacy, survey.protection, locale);
  return (
    <section className="privacy-notice" aria-labelledby="privacy-notice-title">
      <h2 id="privacy-notice-title">{notice.title}</h2>
      <ul>
        {notice.points.map((point) => (
          <li key={point}>{point}</li>
        ))}
      </ul>
    </section>
  );
}
