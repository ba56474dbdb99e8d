import type { OutreachBatch } from '@candor/shared';
import { DataTable } from '../../../components/ui/data-table';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';

/** The batches printed so far, with their used counts (rounded, lagging: see the note below it). */
export function BatchesTable({ batches }: { readonly batches: readonly OutreachBatch[] | null }) {
  const { t } = useStaffTranslation();
  return (
    <DataTable
      columns={[
        { key: 'label', header: t('outreach.label'), cell: (batch) => batch.label },
        { key: 'size', header: t('outreach.size'), cell: (batch) => batch.size },
        { key: 'used', header: t('outreach.used'), cell: (batch) => batch.used },
        { key: 'created', header: t('outreach.created'), cell: (batch) => new Date(batch.createdAt).toLocaleDateString() },
      ]}
      rows={batches ?? undefined}
      rowKey={(batch) => batch.id}
      empty={t('outreach.none')}
    />
  );
}
