import type { ChangeEvent } from 'react';
import { languageEnglishName, languageName, translationsToCsv, type SurveyDetail, type TranslatableString } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { downloadText } from '../api/surveys-api';

interface TranslationsToolbarProps {
  readonly survey: SurveyDetail;
  readonly targets: readonly string[];
  readonly locale: string;
  readonly onLocale: (locale: string) => void;
  readonly onlyMissing: boolean;
  readonly onOnlyMissing: (onlyMissing: boolean) => void;
  /** Every string of the survey, once loaded (the CSV holds them all, whatever is shown). */
  readonly strings: readonly TranslatableString[] | undefined;
  readonly disabled: boolean;
  readonly onImport: (event: ChangeEvent<HTMLInputElement>) => void;
}

/** The language being translated, the missing-only filter, and the CSV out to translators and back in. */
export function TranslationsToolbar(props: TranslationsToolbarProps) {
  const { survey, targets, locale, onLocale, onlyMissing, onOnlyMissing, strings, disabled, onImport } = props;
  const { t } = useStaffTranslation();
  const exportCsv = () => {
    if (!strings) return;
    downloadText(`${survey.slug}-v${survey.currentVersion}-${locale}.csv`, translationsToCsv(strings, locale), 'text/csv;charset=utf-8');
  };

  return (
    <div className="row">
      <label>
        {t('translations.language')}{' '}
        <select value={locale} onChange={(e) => onLocale(e.target.value)}>
          {targets.map((code) => (
            <option key={code} value={code}>
              {languageName(code, survey.languageNames)} ({languageEnglishName(code)})
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        <input type="checkbox" checked={onlyMissing} onChange={(e) => onOnlyMissing(e.target.checked)} />
        {t('translations.onlyMissing')}
      </label>
      <button type="button" className="button--secondary" onClick={exportCsv} disabled={!strings}>
        {t('translations.export')}
      </button>
      {!disabled && (
        <label className="button button--secondary file-button">
          {t('translations.import')}
          <input type="file" accept=".csv,text/csv" className="visually-hidden" onChange={onImport} />
        </label>
      )}
    </div>
  );
}
