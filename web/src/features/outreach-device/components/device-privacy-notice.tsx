import { privacyNotice, type PublicSurvey } from '@candor/shared';
import type { Locale } from '../../../lib/i18n/i18n';
import { translateDevice } from '../model/device-messages';

/** Lines of the usual notice that promise nothing stays on the respondent's own phone: not true of a shared outreach device. */
const OWN_PHONE = /this phone|this device|este teléfono|este dispositivo/i;

/**
 * The privacy notice from the survey's real settings (P9), told honestly for a shared
 * device: the answers do stay on it, locked, until the staff member syncs.
 */
export function DevicePrivacyNotice({ survey, locale }: { readonly survey: PublicSurvey; readonly locale: Locale }) {
  const notice = privacyNotice(survey.privacy, survey.protection, locale);
  const stored = translateDevice(locale, 'respondent.stored');
  return (
    <section className="device-notice" aria-labelledby="device-notice-title">
      <h2 id="device-notice-title">{notice.title}</h2>
      <ul>
        {notice.summary
          .filter((line) => !OWN_PHONE.test(line))
          .map((line) => (
            <li key={line}>{line}</li>
          ))}
        <li>{stored}</li>
      </ul>
      <details>
        <summary>{notice.more}</summary>
        <ul>
          {notice.points
            .filter((line) => !OWN_PHONE.test(line))
            .map((line) => (
              <li key={line}>{line}</li>
            ))}
          <li>{stored}</li>
        </ul>
      </details>
    </section>
  );
}
