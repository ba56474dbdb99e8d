import { Link } from 'react-router';
import type { SurveySummary } from '@candor/shared';
import { DataTable, type DataTableColumn } from '../../../components/ui/data-table';
import { formatCoarseCount } from '../../../lib/staff/coarse-count';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffSession } from '../../../lib/staff/staff-session';
import { useStaffTranslation, type StaffTranslate } from '../../../lib/staff/staff-i18n';
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
      <DataTable columns={surveyColumns(t)} rows={surveys.data ?? undefined} rowKey={(survey) => survey.id} empty={t('surveys.empty')} />
    </section>
  );
}

/** The survey list's columns: title (a link to the survey), address, status, version, responses, last change. */
function surveyColumns(t: StaffTranslate): DataTableColumn<SurveySummary>[] {
  return [
    { key: 'title', header: t('newSurvey.surveyTitle'), cell: (survey) => <Link to={`/staff/surveys/${survey.id}`}>{survey.title}</Link> },
    { key: 'address', header: t('surveys.address'), cell: (survey) => <code>/s/{survey.slug}</code> },
    { key: 'status', header: t('surveys.status'), cell: (survey) => <StatusBadge status={survey.status} /> },
    { key: 'version', header: t('surveys.version'), cell: (survey) => survey.currentVersion },
    { key: 'responses', header: t('surveys.responses'), cell: (survey) => formatCoarseCount(survey.responseCount, t) },
    { key: 'updated', header: t('surveys.updated'), cell: (survey) => new Date(survey.updatedAt).toLocaleDateString() },
  ];
}
