import { useState } from 'react';
import type { DefinitionChange, SurveyDetail } from '@candor/shared';
import { formatCoarseCount } from '../../../lib/staff/coarse-count';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
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
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('versions.number')}</th>
            <th scope="col">{t('versions.created')}</th>
            <th scope="col">{t('versions.by')}</th>
            <th scope="col">{t('versions.responses')}</th>
            <th scope="col">{t('versions.changes')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {(versions.data ?? []).map((version) => (
            <tr key={version.number}>
              <td>{version.number}</td>
              <td>{new Date(version.createdAt).toLocaleString()}</td>
              <td>{version.createdBy ?? '—'}</td>
              <td>{formatCoarseCount(version.responseCount, t)}</td>
              <td>
                {version.number === 1 ? (
                  t('versions.first')
                ) : changes[version.number] ? (
                  changes[version.number]?.length === 0 ? (
                    t('versions.noChanges')
                  ) : (
                    <ul className="changes">
                      {changes[version.number]?.map((change, index) => (
                        <li key={index}>
                          <strong>{t(`versions.kind.${change.kind}`)}</strong> {change.target} <code>{change.name}</code>
                          {change.fields.length > 0 && `: ${change.fields.join(', ')}`}
                        </li>
                      ))}
                    </ul>
                  )
                ) : (
                  <button type="button" className="button--link" onClick={() => void showChanges(version.number)}>
                    {t('versions.showChanges')}
                  </button>
                )}
              </td>
              <td>
                <button
                  type="button"
                  className="button--link"
                  onClick={async () =>
                    downloadJson(`${survey.slug}-v${version.number}.json`, (await surveysApi.version(survey.id, version.number)).definition)
                  }
                >
                  {t('editor.export')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
