import type { PublicationSummary } from '@candor/shared';
import { DataTable, type DataTableColumn } from '../../../components/ui/data-table';
import { useStaffTranslation, type StaffTranslate } from '../../../lib/staff/staff-i18n';
import { currentRelease, type ReleaseActions } from '../hooks/use-publishing';

interface ReleaseHistoryProps {
  readonly history: readonly PublicationSummary[] | null;
  readonly canPublish: boolean;
  readonly actions: ReleaseActions;
}

/** Every release so far, newest first, with bringing one back or withdrawing it (organizers). */
export function ReleaseHistory({ history, canPublish, actions }: ReleaseHistoryProps) {
  const { t, locale } = useStaffTranslation();
  const current = currentRelease(history);
  const columns: DataTableColumn<PublicationSummary>[] = [
    { key: 'number', header: t('publish.number'), cell: (publication) => <ReleaseNumber publication={publication} t={t} /> },
    { key: 'when', header: t('publish.when'), cell: (publication) => new Date(publication.publishedAt).toLocaleString(locale) },
    { key: 'by', header: t('publish.by'), cell: (publication) => publication.publishedBy ?? '—' },
    { key: 'responses', header: t('publish.responses'), cell: (publication) => publication.responses ?? '—' },
    { key: 'status', header: t('publish.status'), cell: (publication) => <ReleaseStatus publication={publication} /> },
    {
      key: 'actions',
      header: '',
      cell: (publication) => (
        <ReleaseButtons publication={publication} canPublish={canPublish} isCurrent={publication.number === current} actions={actions} />
      ),
    },
  ];
  return <DataTable columns={columns} rows={history ?? undefined} rowKey={(publication) => publication.id} empty={t('publish.none')} />;
}

function ReleaseNumber({ publication, t }: { readonly publication: PublicationSummary; readonly t: StaffTranslate }) {
  return (
    <>
      {publication.number}
      {publication.republishes !== null && <span className="hint"> {t('publish.republishes', { number: publication.republishes })}</span>}
    </>
  );
}

function ReleaseStatus({ publication }: { readonly publication: PublicationSummary }) {
  const { t, locale } = useStaffTranslation();
  if (publication.withdrawnAt) {
    return (
      <span className="badge badge--withdrawn">
        {t('publish.withdrawn', { date: new Date(publication.withdrawnAt).toLocaleDateString(locale) })}
      </span>
    );
  }
  return <span className="badge badge--live">{t('publish.live')}</span>;
}

interface ReleaseButtonsProps {
  readonly publication: PublicationSummary;
  readonly canPublish: boolean;
  readonly isCurrent: boolean;
  readonly actions: ReleaseActions;
}

/** For organizers: show an older release again (not a republication, not the current one), or withdraw a live one. */
function ReleaseButtons({ publication, canPublish, isCurrent, actions }: ReleaseButtonsProps) {
  const { t } = useStaffTranslation();
  return (
    <>
      {canPublish && !publication.withdrawnAt && publication.republishes === null && !isCurrent && (
        <button
          type="button"
          className="button--secondary"
          onClick={() =>
            window.confirm(t('publish.confirmRepublish', { number: publication.number })) && void actions.republish(publication)
          }
        >
          {t('publish.republish')}
        </button>
      )}{' '}
      {canPublish && !publication.withdrawnAt && (
        <button
          type="button"
          className="button--secondary"
          onClick={() => window.confirm(t('publish.confirmWithdraw', { number: publication.number })) && void actions.withdraw(publication)}
        >
          {t('publish.withdraw')}
        </button>
      )}
    </>
  );
}
