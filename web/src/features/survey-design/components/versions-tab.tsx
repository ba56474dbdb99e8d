import { useState } from 'react';
import type { DefinitionChange, SurveyDetail, SurveyVersionSummary } from '@candor/shared';
import { DataTable, type DataTableColumn } from '../../../components/ui/data-table';
import { formatCoarseCount } from '../../../lib/staff/coarse-count';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation, type StaffTranslate } from '../../../lib/staff/staff-i18n';
import { useResource } from '../../../lib/staff/use-resource';
import { downloadJson, surveysApi } from '../api/surveys-api';

/** Every version with its responses, what changed from the one before, and JSON export. */
export function VersionsTab({ survey }: { readonly survey: SurveyDetail }) {
  const { t } = useStaffTranslation();
  const versions = useResource(() => surveysApi.versions(survey.id), [survey.id, survey.currentVersion]);
  const [changes, setChanges] = useState<Record<number, DefinitionChange[]>>({});
  const [error, setError] = useState<unknown>(null);

  const showChanges = async (number: number) => {
    try {
      const diff = await surveysApi.diff(survey.id, number);
      setChanges({ ...changes, [number]: diff.changes });
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <div>
      <ErrorNotice error={error ?? versions.error} />
      <DataTable
        columns={versionColumns({ survey, changes, showChanges, t })}
        rows={versions.data ?? []}
        rowKey={(version) => String(version.number)}
      />
    </div>
  );
}

interface VersionColumnsInput {
  readonly survey: SurveyDetail;
  /** The changes of each version whose changes were asked for. */
  readonly changes: Record<number, DefinitionChange[]>;
  readonly showChanges: (number: number) => Promise<void>;
  readonly t: StaffTranslate;
}

/** The versions table's columns: number, when and by whom, responses, changes, and a JSON export button. */
function versionColumns({ survey, changes, showChanges, t }: VersionColumnsInput): DataTableColumn<SurveyVersionSummary>[] {
  return [
    { key: 'number', header: t('versions.number'), cell: (version) => version.number },
    { key: 'created', header: t('versions.created'), cell: (version) => new Date(version.createdAt).toLocaleString() },
    { key: 'by', header: t('versions.by'), cell: (version) => version.createdBy ?? '—' },
    { key: 'responses', header: t('versions.responses'), cell: (version) => formatCoarseCount(version.responseCount, t) },
    {
      key: 'changes',
      header: t('versions.changes'),
      cell: (version) => (
        <VersionChanges number={version.number} changes={changes[version.number]} onShow={() => void showChanges(version.number)} />
      ),
    },
    {
      key: 'export',
      header: '',
      cell: (version) => (
        <button
          type="button"
          className="button--link"
          onClick={async () =>
            downloadJson(`${survey.slug}-v${version.number}.json`, (await surveysApi.version(survey.id, version.number)).definition)
          }
        >
          {t('editor.export')}
        </button>
      ),
    },
  ];
}

interface VersionChangesProps {
  readonly number: number;
  /** `undefined` until asked for. */
  readonly changes: readonly DefinitionChange[] | undefined;
  readonly onShow: () => void;
}

/** What changed from the version before: nothing for the first, a button until asked, then the list. */
function VersionChanges({ number, changes, onShow }: VersionChangesProps) {
  const { t } = useStaffTranslation();
  if (number === 1) return t('versions.first');
  if (!changes)
    return (
      <button type="button" className="button--link" onClick={onShow}>
        {t('versions.showChanges')}
      </button>
    );
  if (changes.length === 0) return t('versions.noChanges');
  return (
    <ul className="changes">
      {changes.map((change, index) => (
        <li key={index}>
          <strong>{t(`versions.kind.${change.kind}`)}</strong> {change.target} <code>{change.name}</code>
          {change.fields.length > 0 && `: ${change.fields.join(', ')}`}
        </li>
      ))}
    </ul>
  );
}
