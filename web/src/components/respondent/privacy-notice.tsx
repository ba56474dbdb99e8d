import { privacyNotice, type PublicSurvey } from '@candor/shared';

/** The notice before the first question, generated from the survey's real settings (P9): three lines, the rest behind "more". */
export function PrivacyNotice({ survey, locale }: { readonly survey: PublicSurvey; readonly locale: string }) {
  const notice = privacyNotice(survey.privacy, survey.protection, locale);
  return (
    <section className="privacy-notice" aria-labelledby="privacy-notice-title" lang={locale}>
      <h2 id="privacy-notice-title">{notice.title}</h2>
      <ul>
        {notice.summary.map((point) => (
          <li key={point}>{point}</li>
        ))}
      </ul>
      <details>
        <summary>{notice.more}</summary>
        <ul>
          {notice.points.map((point) => (
            <li key={point}>{point}</li>
          ))}
        </ul>
      </details>
    </section>
  );
}
