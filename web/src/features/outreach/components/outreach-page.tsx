import { Link, useParams } from 'react-router';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import '../../../styles/outreach.css';
import { useOutreachBatches } from '../hooks/use-outreach-batches';
import { BatchForm } from './batch-form';
import { BatchesTable } from './batches-table';
import { OutreachCards } from './outreach-cards';
import { OutreachDevicesSection } from './outreach-devices-section';

/**
 * `/staff/surveys/:id/outreach`: batches of single-use codes for surveys that require
 * them. The codes are shown once, as printable cards; the server keeps only keyed hashes.
 */
export function OutreachPage() {
  const { id = '' } = useParams();
  const { t } = useStaffTranslation();
  const { survey, batches, created, error, busy, create } = useOutreachBatches(id);

  const link = survey ? `${window.location.origin}/s/${survey.slug}` : '';
  return (
    <section className="outreach">
      <div className="no-print">
        <p>
          <Link to={`/staff/surveys/${id}`}>← {survey?.title}</Link>
        </p>
        <h1>{t('outreach.title')}</h1>
        <p>{t('outreach.intro')}</p>
        {survey && !survey.privacy.requiresOutreachCode && <p className="notice">{t('outreach.notRequired')}</p>}
        <BatchForm create={create} error={error} busy={busy} />
        <h2>{t('outreach.batches')}</h2>
        <BatchesTable batches={batches} />
        <p className="hint">{t('outreach.usedNote')}</p>
      </div>
      <OutreachDevicesSection surveyId={id} />
      {created && <OutreachCards created={created} link={link} />}
    </section>
  );
}
