import { useMemo } from 'react';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useResource } from '../../../lib/staff/use-resource';
import { staffApi } from '../api/staff-api';
import { auditSentence } from '../model/audit-sentence';

/** The staff audit log: who did what, when. Respondents never appear in it. */
export function AuditPage() {
  const { t, locale } = useStaffTranslation();
  const events = useResource(() => staffApi.audit(), []);
  const surveys = useResource(() => staffApi.surveys(), []);
  const users = useResource(() => staffApi.users(), []);
  const names = useMemo(
    () => ({
      surveys: new Map((surveys.data ?? []).map((s) => [s.id, s.title])),
      users: new Map((users.data ?? []).map((u) => [u.id, u.email])),
    }),
    [surveys.data, users.data],
  );
  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <ErrorNotice error={events.error} />
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('audit.when')}</th>
            <th scope="col">{t('audit.what')}</th>
            <th scope="col">{t('audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          {(events.data ?? []).map((event) => (
            <tr key={event.id}>
              <td>{new Date(event.occurredAt).toLocaleString(locale)}</td>
              <td>{auditSentence(event, names, t)}</td>
              <td>
                <details>
                  <summary>{t('audit.details')}</summary>
                  <code className="audit-details">
                    {event.action} {event.targetType ?? ''} {event.targetId ?? ''} {JSON.stringify(event.details)}
                  </code>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
