import type { Perturbation, PrivacySettings, TimeGranularity } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';

/** What every privacy setting field gets: the settings being edited, whether they are locked, and the edit. */
export interface SettingFieldProps {
  readonly settings: PrivacySettings;
  readonly locked: boolean;
  readonly onChange: (settings: PrivacySettings) => void;
}

interface NumberSettingProps extends SettingFieldProps {
  readonly field: 'k' | 'minResponses' | 'minGroup' | 'retentionDays';
  readonly label: string;
  readonly min: number;
  readonly help?: string;
}

/** A whole-number threshold, with its lowest allowed value. */
export function NumberSetting({ settings, locked, onChange, field, label, min, help }: NumberSettingProps) {
  return (
    <label>
      {label}
      <input
        type="number"
        min={min}
        required
        disabled={locked}
        value={settings[field]}
        onChange={(e) => onChange({ ...settings, [field]: Number(e.target.value) })}
      />
      {help && <small>{help}</small>}
    </label>
  );
}

/** How coarsely response times are kept. */
export function TimeGranularitySetting({ settings, locked, onChange }: SettingFieldProps) {
  const { t } = useStaffTranslation();
  return (
    <label>
      {t('settings.timeGranularity')}
      <select
        disabled={locked}
        value={settings.timeGranularity}
        onChange={(e) => onChange({ ...settings, timeGranularity: e.target.value as TimeGranularity })}
      >
        {(['day', 'week', 'month'] as const).map((g) => (
          <option key={g} value={g}>
            {t(`settings.granularity.${g}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The noise, if any, added to published counts. */
export function PerturbationSetting({ settings, locked, onChange }: SettingFieldProps) {
  const { t } = useStaffTranslation();
  return (
    <label>
      {t('settings.perturbation')}
      <select
        disabled={locked}
        value={settings.perturbation}
        onChange={(e) => onChange({ ...settings, perturbation: e.target.value as Perturbation })}
      >
        {(['none', 'ons_10_5', 'cell_key'] as const).map((p) => (
          <option key={p} value={p}>
            {t(`settings.perturbation.${p}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Whether respondents need a code handed out by outreach workers. */
export function OutreachCodeSetting({ settings, locked, onChange }: SettingFieldProps) {
  const { t } = useStaffTranslation();
  return (
    <label className="inline">
      <input
        type="checkbox"
        disabled={locked}
        checked={settings.requiresOutreachCode ?? false}
        onChange={(e) => onChange({ ...settings, requiresOutreachCode: e.target.checked })}
      />{' '}
      {t('settings.requiresOutreachCode')}
    </label>
  );
}
