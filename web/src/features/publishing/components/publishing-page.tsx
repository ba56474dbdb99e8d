import { Link, useParams } from 'react-router';
import { formatCoarseCount } from '../../../lib/staff/coarse-count';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { usePublishing } from '../hooks/use-publishing';
import { ReleaseHistory } from './release-history';
import { ReleasePreview } from './release-preview';
import '../../../styles/dashboard.css';

/** `/staff/surveys/:id/publish`: preview, publish, withdraw and bring back releases (organizers). */
export function PublishingPage() {
  const { id = '' } = useParams();
  const { t } = useStaffTranslation();
  const { survey, history, preview, busy, error, notice, canPublish, actions } = usePublishing(id);
  const title = survey.data?.title ?? '';
  const minGroup = survey.data?.privacy.minGroup ?? 0;

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
          <button type="button" disabled={busy} onClick={() => void actions.preview()}>
            {busy ? t('publish.previewing') : t('publish.preview')}
          </button>
          {preview?.canPublish && (
            <button type="button" disabled={busy} onClick={() => window.confirm(t('publish.confirm')) && void actions.publish()}>
              {t('publish.publish')}
            </button>
          )}
        </div>
      )}

      {preview && <ReleasePreview preview={preview} minGroup={minGroup} />}

      <h2>{t('publish.history')}</h2>
      <ReleaseHistory history={history} canPublish={canPublish} actions={actions} />
    </section>
  );
}
