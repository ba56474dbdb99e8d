import { Link, useParams } from 'react-router';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useResource } from '../../../lib/staff/use-resource';
import { customTablesApi } from '../api/custom-tables-api';
import { useCustomTable } from '../hooks/use-custom-table';
import { TableBuilderForm } from './table-builder-form';
import { TableResult } from './table-result';
import '../../../styles/tables.css';

/** `/staff/surveys/:id/tables`: the table builder (researchers and organizers). */
export function TableBuilderPage() {
  const { id = '' } = useParams();
  const { t } = useStaffTranslation();
  const survey = useResource(() => customTablesApi.survey(id), [id]);
  const questions = useResource(() => customTablesApi.questions(id), [id]);
  const { result, error, busy, build } = useCustomTable(id);
  const title = survey.data?.title ?? '';

  return (
    <section className="table-builder">
      <p>
        <Link to={`/staff/surveys/${id}`}>← {title}</Link>
      </p>
      <h1>{t('tables.title', { title })}</h1>
      <p>{t('tables.intro')}</p>
      <ErrorNotice error={survey.error ?? questions.error} />
      <TableBuilderForm options={questions.data ?? []} busy={busy} build={build} />
      <ErrorNotice error={error} />
      {result && <TableResult result={result} />}
    </section>
  );
}
