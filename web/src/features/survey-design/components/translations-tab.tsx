import { useMemo, useState } from 'react';
import type { SurveyDetail, UpdateDefinitionResult } from '@candor/shared';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useResource } from '../../../lib/staff/use-resource';
import { surveysApi } from '../api/surveys-api';

interface TranslationsTabProps {
  readonly survey: SurveyDetail;
  readonly disabled: boolean;
  readonly onSaved: (result: UpdateDefinitionResult) => void;
}

/** Every string of the survey beside its translation, with what is still missing. */
export function TranslationsTab({ survey, disabled, onSaved }: TranslationsTabProps) {
  const { t } = useStaffTranslation();
  const view = useResource(() => surveysApi.translations(survey.id), [survey.id, survey.currentVersion, survey.updatedAt]);
  const targets = survey.locales.filter((locale) => locale !== 'en');
  const [locale, setLocale] = useState(targets[0] ?? '');
  const [onlyMissing, setOnlyMissing] = useState(false);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const strings = useMemo(
    () => (view.data?.strings ?? []).filter((s) => !onlyMissing || !(s.translations[locale] ?? '').trim()),
    [view.data, onlyMissing, locale],
  );
  if (targets.length === 0) return <p>{t('translations.none')}</p>;
  const missing = view.data?.missing[locale] ?? 0;

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const result = await surveysApi.saveTranslations(survey.id, locale, edits, survey.currentVersion);
      setEdits({});
      onSaved(result);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="translations-tab">
      <div className="row">
        <label>
          {t('translations.language')}{' '}
          <select value={locale} onChange={(e) => setLocale(e.target.value)}>
            {targets.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={onlyMissing} onChange={(e) => setOnlyMissing(e.target.checked)} />
          {t('translations.onlyMissing')}
        </label>
        <strong role="status">{missing > 0 ? t('translations.missing', { count: missing }) : t('translations.complete')}</strong>
      </div>
      <ErrorNotice error={error ?? view.error} />
      <table className="data-table translations">
        <thead>
          <tr>
            <th scope="col">{t('translations.source')}</th>
            <th scope="col">
              {t('translations.translation')} ({locale})
            </th>
          </tr>
        </thead>
        <tbody>
          {strings.map((entry) => {
            const value = edits[entry.path] ?? entry.translations[locale] ?? '';
            return (
              <tr key={entry.path} className={value.trim() ? undefined : 'missing'}>
                <td>
                  <small className="hint">{entry.context}</small>
                  <div>{entry.source}</div>
                </td>
                <td>
                  <textarea aria-label={`${locale}: ${entry.context}`} rows={Math.min(6, Math.ceil(entry.source.length / 60) + 1)} value={value} onChange={(e) => setEdits({ ...edits, [entry.path]: e.target.value })} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" disabled={disabled || saving || Object.keys(edits).length === 0} onClick={() => void save()}>
        {saving ? t('common.saving') : t('common.save')}
      </button>
    </div>
  );
}
