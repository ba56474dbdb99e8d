import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { StaffPreview } from '@candor/shared';
import { HiddenReasonContext } from '../../../components/snapshot/hidden-label';
import { SnapshotView } from '../../../components/snapshot/snapshot-view';
import { formatCoarseCount } from '../../../lib/staff/coarse-count';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffSession } from '../../../lib/staff/staff-session';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useResource } from '../../../lib/staff/use-resource';
import { publicationsApi } from '../api/publications-api';
import { explainSuppressions } from '../model/hidden-reasons';
import { plural } from '../model/plural';
import '../../../styles/dashboard.css';

/** `/staff/surveys/:id/publish`: preview, publish, withdraw and bring back releases (organizers). */
export function PublishingPage() {
  const { id = '' } = useParams();
  const { t, locale } = useStaffTranslation();
  const { user } = useStaffSession();
  const survey = useResource(() => publicationsApi.survey(id), [id]);
  const history = useResource(() => publicationsApi.list(id), [id]);
  const [preview, setPreview] = useState<StaffPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const canPublish = user?.role === 'organizer' || user?.role === 'admin';
  // The public page shows the highest-numbered publication, unless it was withdrawn.
  const latest = history.data?.[0];
  const current = latest && !latest.withdrawnAt ? (latest.republishes ?? latest.number) : null;

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
  const minGroup = survey.data?.privacy.minGroup ?? 0;
  const reasons = useMemo(
    () => (preview?.snapshot ? explainSuppressions(preview.snapshot, preview.suppressions, { minGroup }, locale, t) : null),
    // `t` changes identity on every render; the locale is what it depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [preview, minGroup, locale],
  );
  const reasonOf = useMemo(() => (reasons ? (id: string) => reasons.byId.get(id)?.reason : null), [reasons]);

  return (
    <section className="publishing">
      <p>
        <Link to={`/staff/surveys/${id}`}>← {title}</Link>
      </p>
      <h1>{t('publish.title', { title })}</h1>
      <p>{t('publish.intro')}</p>
      {survey.data && (
        <p className="hint">
          {t('surveys.responses')}: {formatCoarseCount(survey.data.responseCount, t)}
        </p>
      )}
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
            <p className="notice notice--success" role="status">
              <span aria-hidden="true">✓ </span>
              {t('publish.ready')}
            </p>
          ) : (
            <div className="notice notice--error" role="alert">
              <p>{t('publish.blocked')}</p>
              <ul>
                {preview.blocks.map((block) => (
                  <li key={block.code}>{block.message}</li>
                ))}
              </ul>
              <p>{t('publish.heldNoNumbers')}</p>
            </div>
          )}
          {preview.audit && (
            <p>
              {t('publish.audit', {
                targets: preview.audit.targets,
                solved: preview.audit.solved,
                rounds: preview.audit.iterations,
                result: preview.audit.passed ? t('publish.auditPassed') : t('publish.auditFailed'),
              })}
            </p>
          )}
          {preview.snapshot && (
            <p>
              {[
                plural(t, 'publish.hidden.primary', count('primary'), { k: preview.snapshot.k }),
                plural(t, 'publish.hidden.complementary', count('complementary')),
                plural(t, 'publish.hidden.groups', count('group-too-small'), { minGroup }),
              ].join(' ')}
            </p>
          )}
          {preview.warnings.length > 0 && (
            <div className="notice notice--warning">
              <p>{t('publish.warnings')}</p>
              <ul>
                {preview.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </div>
          )}
          {reasons && reasons.byFigure.length > 0 && (
            <section className="hidden-reasons" aria-labelledby="hidden-reasons-heading">
              <h2 id="hidden-reasons-heading">{t('publish.reasonsTitle')}</h2>
              <p className="hint">{t('publish.reasonsIntro')}</p>
              <details>
                <summary>{plural(t, 'publish.reasonsShow', preview?.suppressions.length ?? 0)}</summary>
                <ul>
                  {reasons.byFigure.map((entry) => (
                    <li key={entry.figure}>
                      <strong>{entry.figure}</strong>
                      <ul>
                        {entry.numbers.map((number) => (
                          <li key={number.id}>
                            {number.label}: <em>{number.reason}</em>
                          </li>
                        ))}
                      </ul>
                    </li>
                  ))}
                </ul>
              </details>
            </section>
          )}
          {preview.snapshot && (
            <div className="preview-frame">
              <HiddenReasonContext.Provider value={reasonOf}>
                <SnapshotView snapshot={preview.snapshot} locale={locale} preview />
              </HiddenReasonContext.Provider>
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
                <td>
                  {publication.number}
                  {publication.republishes !== null && (
                    <span className="hint"> {t('publish.republishes', { number: publication.republishes })}</span>
                  )}
                </td>
                <td>{new Date(publication.publishedAt).toLocaleString(locale)}</td>
                <td>{publication.publishedBy ?? '—'}</td>
                <td>{publication.responses ?? '—'}</td>
                <td>
                  {publication.withdrawnAt ? (
                    <span className="badge badge--withdrawn">
                      {t('publish.withdrawn', { date: new Date(publication.withdrawnAt).toLocaleDateString(locale) })}
                    </span>
                  ) : (
                    <span className="badge badge--live">{t('publish.live')}</span>
                  )}
                </td>
                <td>
                  {canPublish && !publication.withdrawnAt && publication.republishes === null && publication.number !== current && (
                    <button
                      type="button"
                      className="button--secondary"
                      onClick={() =>
                        window.confirm(t('publish.confirmRepublish', { number: publication.number })) &&
                        void run(async () => {
                          await publicationsApi.republish(id, publication.id);
                          setNotice(t('publish.republished', { number: publication.number }));
                          await history.reload();
                        })
                      }
                    >
                      {t('publish.republish')}
                    </button>
                  )}{' '}
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
