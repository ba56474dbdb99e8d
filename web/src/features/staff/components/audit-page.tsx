import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useResource } from '../../../lib/staff/use-resource';
import { staffApi } from '../api/staff-api';

/** The staff audit log: who did what, when. Respondents never appear in it. */
export function AuditPage() {
  const { t } = useStaffTranslation();
  const events = useResource(() => staffApi.audit(), []);
  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <ErrorNotice error={events.error} />
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('audit.when')}</th>
            <th scope="col">{t('audit.who')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.target')}</th>
            <th scope="col">{t('audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          {(events.data ?? []).map((event) => (
            <tr key={event.id}>
              <td>{new Date(event.occurredAt).toLocaleString()}</td>
              <td>{event.actor?.email ?? t('audit.system')}</td>
              <td>
                <code>{event.action}</code>
              </td>
              <td>{event.targetType ? `${event.targetType} ${event.targetId ?? ''}` : ''}</td>
              <td>
                <code className="audit-details">{JSON.stringify(event.details)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
