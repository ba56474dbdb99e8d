import { compileSurvey, type SurveyDefinition } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { questionLabel } from '../model/question-label';
import type { SettingFieldProps } from './privacy-setting-fields';

/** The questions results may be broken down by: single-choice and yes/no ones. */
function groupableQuestions(definition: SurveyDefinition): string[] {
  try {
    return [...compileSurvey(definition).questions.values()].filter((q) => q.kind === 'single' || q.kind === 'boolean').map((q) => q.name);
  } catch {
    return [];
  }
}

/** The breakdowns (one or two questions each) that may be published. */
export function CrosstabsFieldset({
  settings,
  locked,
  onChange,
  definition,
}: SettingFieldProps & { readonly definition: SurveyDefinition }) {
  const { t } = useStaffTranslation();
  const groupable = groupableQuestions(definition);
  // An empty second question removes it, leaving a one-way breakdown.
  const setCrosstab = (index: number, position: number, value: string) => {
    const crosstabs = settings.crosstabs.map((group, i) => {
      if (i !== index) return group;
      const next = [...group];
      if (value === '') next.splice(position, 1);
      else next[position] = value;
      return next;
    });
    onChange({ ...settings, crosstabs });
  };

  return (
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
                  {questionLabel(definition, name)}
                </option>
              ))}
            </select>
          ))}
          {!locked && (
            <button
              type="button"
              className="button--icon"
              aria-label={t('common.delete')}
              onClick={() => onChange({ ...settings, crosstabs: settings.crosstabs.filter((_, i) => i !== index) })}
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
          onClick={() => onChange({ ...settings, crosstabs: [...settings.crosstabs, [groupable[0] as string]] })}
        >
          {t('settings.addCrosstab')}
        </button>
      )}
    </fieldset>
  );
}
