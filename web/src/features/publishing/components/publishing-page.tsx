import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { PublicationPreview } from '@candor/shared';
import { SnapshotView } from '../../../components/snapshot/snapshot-view';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffSession } from '../../../lib/staff/staff-session';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useResource } from '../../../lib/staff/use-resource';
import { publicationsApi } from '../api/publications-api';
import '../../../styles/dashboard.css';

/** `/staff/surveys/:id/publish`: preview, publish and withdraw releases (organizers). */
export function PublishingPage() {
  const { id = '' } = useParams();
  const { t, locale } = useStaffTranslation();
  const { user } = useStaffSession();
  const survey = useResource(() => publicationsApi.survey(id), [id]);
  const history = useResource(() => publicationsApi.list(id), [id]);
  const [preview, setPreview] = useState<PublicationPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const canPublish = user?.role === 'organizer' || user?.role === 'admin';

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const count = (reason: string) => preview?.suppressions.filter((s) => s.reason === reason).length ?? 0;
  const title = survey.data?.title ?? '';

  return (
    <section className="publishing">
      <p>
        <Link to={`/staff/surveys/${id}`}>← {title}</Link>
      </p>
      <h1>{t('publish.title', { title })}</h1>
      <p>{t('publish.intro')}</p>
      <ErrorNotice error={error ?? survey.error} />
      {notice && (
        <p role="status" className="notice">
          {notice} {survey.data && <a href={`/d/${survey.data.slug}`}>{t('publish.viewDashboard')}</a>}
        </p>
      )}
      {canPublish && (
        <div className="row">
          <button type="button" disabled={busy} onClick={() => void run(async () => setPreview(await publicationsApi.preview(id)))}>
            {busy ? t('publish.previewing') : t('publish.preview')}
          </button>
          {preview?.canPublish && (
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                window.confirm(t('publish.confirm')) &&
                void run(async () => {
                  const result = await publicationsApi.publish(id);
                  setNotice(t('publish.published', { number: result.publication.number }));
                  setPreview(null);
                  await history.reload();
                })
              }
            >
              {t('publish.publish')}
            </button>
          )}
        </div>
      )}

      {preview && (
        <div className="release-preview">
          {preview.canPublish ? (
            <p className="notice" role="status">
              ✓ {t('publish.ready')}
            </p>
          ) : (
            <div className="notice notice--error" role="alert">
              <p>{t('publish.blocked')}</p>
              <ul>
                {preview.blocks.map((block) => (
                  <li key={block.code}>{block.message}</li>
                ))}
              </ul>
              {preview.held.length > 0 && (
                <>
                  <p>{t('publish.held', { number: preview.comparedWith ?? '' })}</p>
                  <ul>
                    {preview.held.slice(0, 20).map((h) => (
                      <li key={h.id}>
                        <code>{t('publish.heldItem', { id: h.id, previous: h.previous, current: h.current })}</code>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          )}
          <p>
            {t('publish.audit', {
              targets: preview.audit.targets,
              solved: preview.audit.solved,
              rounds: preview.audit.iterations,
              result: preview.audit.passed ? t('publish.auditPassed') : t('publish.auditFailed'),
            })}
          </p>
          <p>{t('publish.suppressions', { primary: count('primary'), complementary: count('complementary'), groups: count('group-too-small') })}</p>
          {preview.warnings.length > 0 && (
            <div className="notice">
              <p>{t('publish.warnings')}</p>
              <ul>
                {preview.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </div>
          )}
          {preview.snapshot && (
            <div className="preview-frame">
              <SnapshotView snapshot={preview.snapshot} locale={locale} />
            </div>
          )}
        </div>
      )}

      <h2>{t('publish.history')}</h2>
      {history.data?.length === 0 && <p>{t('publish.none')}</p>}
      {history.data && history.data.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('publish.number')}</th>
              <th scope="col">{t('publish.when')}</th>
              <th scope="col">{t('publish.by')}</th>
              <th scope="col">{t('publish.responses')}</th>
              <th scope="col">{t('publish.status')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {history.data.map((publication) => (
              <tr key={publication.id}>
                <td>{publication.number}</td>
                <td>{new Date(publication.publishedAt).toLocaleString()}</td>
                <td>{publication.publishedBy ?? '—'}</td>
                <td>{publication.responses ?? '—'}</td>
                <td>{publication.withdrawnAt ? t('publish.withdrawn', { date: new Date(publication.withdrawnAt).toLocaleDateString() }) : t('publish.live')}</td>
                <td>
                  {canPublish && !publication.withdrawnAt && (
                    <button
                      type="button"
                      className="button--secondary"
                      onClick={() =>
                        window.confirm(t('publish.confirmWithdraw', { number: publication.number })) &&
                        void run(async () => {
                          await publicationsApi.withdraw(id, publication.id);
                          await history.reload();
                        })
                      }
                    >
                      {t('publish.withdraw')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
