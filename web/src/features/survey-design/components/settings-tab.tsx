import { useState, type FormEvent } from 'react';
import { compileSurvey, type Perturbation, type PrivacySettings, type SurveyDetail, type TimeGranularity } from '@candor/shared';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { questionLabel } from '../model/definition-model';
import { LanguagesEditor } from './languages-editor';
import { ReleasePlanner } from './release-planner';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { surveysApi } from '../api/surveys-api';

interface SettingsTabProps {
  readonly survey: SurveyDetail;
  readonly onSaved: (survey: SurveyDetail) => void;
  /** Staff who may not change settings (organizers) see them, without editing controls. */
  readonly readOnly?: boolean;
}

/** Privacy settings (editable in draft, locked once fielding starts) and languages. */
export function SettingsTab({ survey, onSaved, readOnly = false }: SettingsTabProps) {
  const { t } = useStaffTranslation();
  const [settings, setSettings] = useState<PrivacySettings>(survey.privacy);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const locked = survey.settingsLocked || readOnly;
  const groupable = (() => {
    try {
      return [...compileSurvey(survey.definition).questions.values()]
        .filter((q) => q.kind === 'single' || q.kind === 'boolean')
        .map((q) => q.name);
    } catch {
      return [];
    }
  })();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(false);
    try {
      let next = survey;
      if (!locked) next = await surveysApi.saveSettings(survey.id, settings);
      onSaved(next);
      setSaved(true);
    } catch (caught) {
      setError(caught);
    }
  };

  const number = (key: 'k' | 'minResponses' | 'minGroup' | 'retentionDays', label: string, min: number, help?: string) => (
    <label>
      {label}
      <input
        type="number"
        min={min}
        required
        disabled={locked}
        value={settings[key]}
        onChange={(e) => setSettings({ ...settings, [key]: Number(e.target.value) })}
      />
      {help && <small>{help}</small>}
    </label>
  );

  const setCrosstab = (index: number, position: number, value: string) => {
    const crosstabs = settings.crosstabs.map((group, i) => {
      if (i !== index) return group;
      const next = [...group];
      if (value === '') next.splice(position, 1);
      else next[position] = value;
      return next;
    });
    setSettings({ ...settings, crosstabs });
  };

  return (
    <>
      <form className="form-grid settings-tab" onSubmit={save}>
        <h2>{t('settings.title')}</h2>
        <p className={locked ? 'notice' : 'hint'}>
          {survey.settingsLocked ? t('settings.lockedNote') : readOnly ? t('settings.readOnlyNote') : t('settings.draftNote')}
        </p>
        {number('k', t('settings.k'), 5, t('settings.kHelp'))}
        {number('minResponses', t('settings.minResponses'), 10)}
        {number('minGroup', t('settings.minGroup'), 5)}
        <label>
          {t('settings.timeGranularity')}
          <select
            disabled={locked}
            value={settings.timeGranularity}
            onChange={(e) => setSettings({ ...settings, timeGranularity: e.target.value as TimeGranularity })}
          >
            {(['day', 'week', 'month'] as const).map((g) => (
              <option key={g} value={g}>
                {t(`settings.granularity.${g}`)}
              </option>
            ))}
          </select>
        </label>
        {number('retentionDays', t('settings.retentionDays'), 1)}
        <label>
          {t('settings.perturbation')}
          <select
            disabled={locked}
            value={settings.perturbation}
            onChange={(e) => setSettings({ ...settings, perturbation: e.target.value as Perturbation })}
          >
            {(['none', 'ons_10_5', 'cell_key'] as const).map((p) => (
              <option key={p} value={p}>
                {t(`settings.perturbation.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input
            type="checkbox"
            disabled={locked}
            checked={settings.requiresOutreachCode ?? false}
            onChange={(e) => setSettings({ ...settings, requiresOutreachCode: e.target.checked })}
          />{' '}
          {t('settings.requiresOutreachCode')}
        </label>
        <fieldset>
          <legend>{t('settings.crosstabs')}</legend>
          <small>{t('settings.crosstabsHelp')}</small>
          {settings.crosstabs.length === 0 && <p>{t('settings.none')}</p>}
          {settings.crosstabs.map((group, index) => (
            <div key={index} className="row">
              {[0, 1].map((position) => (
                <select
                  key={position}
                  aria-label={`${t('settings.crosstabs')} ${index + 1}.${position + 1}`}
                  disabled={locked}
                  value={group[position] ?? ''}
                  onChange={(e) => setCrosstab(index, position, e.target.value)}
                >
                  {position === 1 && <option value="">—</option>}
                  {groupable.map((name) => (
                    <option key={name} value={name}>
                      {questionLabel(survey.definition, name)}
                    </option>
                  ))}
                </select>
              ))}
              {!locked && (
                <button
                  type="button"
                  className="button--icon"
                  aria-label={t('common.delete')}
                  onClick={() => setSettings({ ...settings, crosstabs: settings.crosstabs.filter((_, i) => i !== index) })}
                >
                  ✕
                </button>
              )}
            </div>
          ))}
          {!locked && groupable.length > 0 && (
            <button
              type="button"
              className="button--secondary"
              onClick={() => setSettings({ ...settings, crosstabs: [...settings.crosstabs, [groupable[0] as string]] })}
            >
              {t('settings.addCrosstab')}
            </button>
          )}
        </fieldset>
        {!survey.settingsLocked && <ReleasePlanner surveyId={survey.id} settings={settings} />}
        <ErrorNotice error={error} />
        {saved && <p role="status">{t('common.saved')}</p>}
        {!locked && <button type="submit">{t('common.save')}</button>}
      </form>
      <LanguagesEditor survey={survey} readOnly={readOnly} onSaved={onSaved} />
    </>
  );
}
