import { useState } from 'react';
import type { PrivacySettings, SurveyDetail } from '@candor/shared';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { surveysApi } from '../api/surveys-api';
import { useSaveForm } from '../hooks/use-save-form';
import { CrosstabsFieldset } from './crosstabs-fieldset';
import { LanguagesEditor } from './languages-editor';
import { NumberSetting, OutreachCodeSetting, PerturbationSetting, TimeGranularitySetting } from './privacy-setting-fields';
import { ReleasePlanner } from './release-planner';

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
  const locked = survey.settingsLocked || readOnly;
  // Locked settings are not sent: saving then only confirms what the survey already has.
  const { save, error, saved } = useSaveForm(async () => (locked ? survey : await surveysApi.saveSettings(survey.id, settings)), onSaved);
  const fields = { settings, locked, onChange: setSettings };

  return (
    <>
      <form className="form-grid settings-tab" onSubmit={save}>
        <h2>{t('settings.title')}</h2>
        <p className={locked ? 'notice' : 'hint'}>
          {survey.settingsLocked ? t('settings.lockedNote') : readOnly ? t('settings.readOnlyNote') : t('settings.draftNote')}
        </p>
        <NumberSetting {...fields} field="k" label={t('settings.k')} min={5} help={t('settings.kHelp')} />
        <NumberSetting {...fields} field="minResponses" label={t('settings.minResponses')} min={10} />
        <NumberSetting {...fields} field="minGroup" label={t('settings.minGroup')} min={5} />
        <TimeGranularitySetting {...fields} />
        <NumberSetting {...fields} field="retentionDays" label={t('settings.retentionDays')} min={1} />
        <PerturbationSetting {...fields} />
        <OutreachCodeSetting {...fields} />
        <CrosstabsFieldset {...fields} definition={survey.definition} />
        {!survey.settingsLocked && <ReleasePlanner surveyId={survey.id} settings={settings} />}
        <ErrorNotice error={error} />
        {saved && <p role="status">{t('common.saved')}</p>}
        {!locked && <button type="submit">{t('common.save')}</button>}
      </form>
      <LanguagesEditor survey={survey} readOnly={readOnly} onSaved={onSaved} />
    </>
  );
}
