import { useMemo } from 'react';
import type { AuditEvent } from '@candor/shared';
import { DataTable } from '../../../components/ui/data-table';
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
      <DataTable
        columns={[
          { key: 'when', header: t('audit.when'), cell: (event) => new Date(event.occurredAt).toLocaleString(locale) },
          { key: 'what', header: t('audit.what'), cell: (event) => auditSentence(event, names, t) },
          { key: 'details', header: t('audit.details'), cell: (event) => <AuditDetails event={event} label={t('audit.details')} /> },
        ]}
        rows={events.data ?? []}
        rowKey={(event) => event.id}
      />
    </section>
  );
}

/** The raw event, folded away: for the rare question the sentence does not answer. */
function AuditDetails({ event, label }: { readonly event: AuditEvent; readonly label: string }) {
  return (
    <details>
      <summary>{label}</summary>
      <code className="audit-details">
        {event.action} {event.targetType ?? ''} {event.targetId ?? ''} {JSON.stringify(event.details)}
      </code>
    </details>
  );
}
