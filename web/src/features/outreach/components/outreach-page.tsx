import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { CreatedOutreachBatch, OutreachBatch, SurveyDetail } from '@candor/shared';
import { api } from '../../lib/api-client';
import { ErrorNotice } from '../../lib/staff/error-notice';
import { useStaffTranslation } from '../../lib/staff/staff-i18n';
import { useResource } from '../../lib/staff/use-resource';
import '../../styles/outreach.css';
import { OutreachDevicesSection } from './outreach-devices-section';

const base = (id: string) => `/api/surveys/${encodeURIComponent(id)}`;
const outreachApi = {
  survey: (id: string) => api.get<SurveyDetail>(base(id)),
  batches: (id: string) => api.get<OutreachBatch[]>(`${base(id)}/outreach-batches`),
  create: (id: string, size: number, label: string) => api.post<CreatedOutreachBatch>(`${base(id)}/outreach-batches`, { size, label }),
};

/** The two languages every card carries, whatever the staff member reads. */
const CARD_TEXT = {
  en: 'Type this code when you send your answers. It is only marked as used — never joined to your answers.',
  es: 'Escribe este código al enviar tus respuestas. Solo se marca como usado; nunca se une a tus respuestas.',
};

/**
 * `/staff/surveys/:id/outreach`: batches of single-use codes for surveys that require
 * them. The codes are shown once, as printable cards; the server keeps only keyed hashes.
 */
export function OutreachPage() {
  const { id = '' } = useParams();
  const { t } = useStaffTranslation();
  const survey = useResource(() => outreachApi.survey(id), [id]);
  const batches = useResource(() => outreachApi.batches(id), [id]);
  const [size, setSize] = useState(50);
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<CreatedOutreachBatch | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setCreated(await outreachApi.create(id, size, label));
      void batches.reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const link = survey.data ? `${window.location.origin}/s/${survey.data.slug}` : '';
  return (
    <section className="outreach">
      <div className="no-print">
        <p>
          <Link to={`/staff/surveys/${id}`}>← {survey.data?.title}</Link>
        </p>
        <h1>{t('outreach.title')}</h1>
        <p>{t('outreach.intro')}</p>
        {survey.data && !survey.data.privacy.requiresOutreachCode && <p className="notice">{t('outreach.notRequired')}</p>}
        <form className="form-grid" onSubmit={(event) => void create(event)}>
          <label>
            {t('outreach.size')}
            <input type="number" min={1} max={1000} value={size} onChange={(e) => setSize(Number(e.target.value))} required />
          </label>
          <label>
            {t('outreach.label')}
            <input
              value={label}
              onChange={(e) => setLabel(e.target.value)}
              maxLength={120}
              required
              placeholder={t('outreach.labelExample')}
            />
          </label>
          <ErrorNotice error={error} />
          <button type="submit" disabled={busy}>
            {t('outreach.create')}
          </button>
        </form>
        <h2>{t('outreach.batches')}</h2>
        {batches.data?.length === 0 && <p>{t('outreach.none')}</p>}
        {batches.data && batches.data.length > 0 && (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('outreach.label')}</th>
                <th scope="col">{t('outreach.size')}</th>
                <th scope="col">{t('outreach.used')}</th>
                <th scope="col">{t('outreach.created')}</th>
              </tr>
            </thead>
            <tbody>
              {batches.data.map((batch) => (
                <tr key={batch.id}>
                  <td>{batch.label}</td>
                  <td>{batch.size}</td>
                  <td>{batch.used}</td>
                  <td>{new Date(batch.createdAt).toLocaleDateString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="hint">{t('outreach.usedNote')}</p>
      </div>
      <OutreachDevicesSection surveyId={id} />
      {created && (
        <>
          <div className="no-print notice" role="status">
            <p>{t('outreach.createdNote', { count: created.codes.length })}</p>
            <button type="button" onClick={() => window.print()}>
              {t('outreach.print')}
            </button>
          </div>
          <ul className="cards" aria-label={created.batch.label}>
            {created.codes.map((code) => (
              <li key={code} className="card">
                <p className="card-link">{link}</p>
                <p className="card-code">{code}</p>
                <p lang="en">{CARD_TEXT.en}</p>
                <p lang="es">{CARD_TEXT.es}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
