import { Link } from 'react-router';
import { formatCoarseCount } from '../../../lib/staff/coarse-count';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffSession } from '../../../lib/staff/staff-session';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useResource } from '../../../lib/staff/use-resource';
import { surveysApi } from '../api/surveys-api';
import { StatusBadge } from './status-badge';

export function SurveyListPage() {
  const { t } = useStaffTranslation();
  const { user } = useStaffSession();
  const surveys = useResource(() => surveysApi.list(), []);
  const canDesign = user?.role === 'researcher' || user?.role === 'admin';
  return (
    <section>
      <div className="page-heading">
        <h1>{t('surveys.title')}</h1>
        {canDesign && (
          <Link className="button" to="/staff/surveys/new">
            {t('surveys.new')}
          </Link>
        )}
      </div>
      <ErrorNotice error={surveys.error} />
      {surveys.data && surveys.data.length === 0 && <p>{t('surveys.empty')}</p>}
      {surveys.data && surveys.data.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('newSurvey.surveyTitle')}</th>
              <th scope="col">{t('surveys.address')}</th>
              <th scope="col">{t('surveys.status')}</th>
              <th scope="col">{t('surveys.version')}</th>
              <th scope="col">{t('surveys.responses')}</th>
              <th scope="col">{t('surveys.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {surveys.data.map((survey) => (
              <tr key={survey.id}>
                <td>
                  <Link to={`/staff/surveys/${survey.id}`}>{survey.title}</Link>
                </td>
                <td>
                  <code>/s/{survey.slug}</code>
                </td>
                <td>
                  <StatusBadge status={survey.status} />
                </td>
                <td>{survey.currentVersion}</td>
                <td>{formatCoarseCount(survey.responseCount, t)}</td>
                <td>{new Date(survey.updatedAt).toLocaleDateString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
