import { useMemo, useState } from 'react';
import { hasUiStrings, isoLanguages, languageEnglishName, languageName, LANGUAGE_NAME_MAX, type SurveyDetail } from '@candor/shared';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { surveysApi } from '../api/surveys-api';
import { useSaveForm } from '../hooks/use-save-form';

interface LanguagesEditorProps {
  readonly survey: SurveyDetail;
  readonly readOnly: boolean;
  readonly onSaved: (survey: SurveyDetail) => void;
}

interface Row {
  readonly code: string;
  readonly name: string;
}

/**
 * The languages a survey is offered in: English (the source) and any ISO 639-1 language,
 * each with the name respondents see in the language switch. Not a privacy setting, so it
 * can change during fielding. Candor's own words exist in English and Spanish only.
 */
export function LanguagesEditor({ survey, readOnly, onSaved }: LanguagesEditorProps) {
  const { t } = useStaffTranslation();
  const initial = (): Row[] =>
    survey.locales.filter((code) => code !== 'en').map((code) => ({ code, name: survey.languageNames[code] ?? '' }));
  const [rows, setRows] = useState<Row[]>(initial);
  const { save, error, saved } = useSaveForm(
    () =>
      surveysApi.update(survey.id, {
        locales: ['en', ...rows.map((row) => row.code)],
        languageNames: Object.fromEntries(rows.map((row) => [row.code, row.name.trim()])),
      }),
    onSaved,
  );

  return (
    <form className="form-grid languages-editor" onSubmit={save}>
      <h2>{t('settings.languages')}</h2>
      <p className="hint">{t('languages.help')}</p>
      <ul className="language-list">
        <li>
          <span lang="en">English</span> <small className="hint">{t('languages.english')}</small>
        </li>
        {rows.map((row, index) => (
          <LanguageItem
            key={row.code}
            row={row}
            readOnly={readOnly}
            onName={(name) => setRows(rows.map((r, i) => (i === index ? { ...r, name } : r)))}
            onRemove={() => setRows(rows.filter((_, i) => i !== index))}
          />
        ))}
      </ul>
      {!readOnly && <AddLanguage rows={rows} onAdd={(code) => setRows([...rows, { code, name: '' }])} />}
      <ErrorNotice error={error} />
      {saved && <p role="status">{t('common.saved')}</p>}
      {!readOnly && <button type="submit">{t('languages.save')}</button>}
    </form>
  );
}

interface LanguageItemProps {
  readonly row: Row;
  readonly readOnly: boolean;
  readonly onName: (name: string) => void;
  readonly onRemove: () => void;
}

/** One offered language: its code, whether Candor's own words exist in it, and the name respondents see. */
function LanguageItem({ row, readOnly, onName, onRemove }: LanguageItemProps) {
  const { t } = useStaffTranslation();
  return (
    <li>
      <span className="language-code">
        {languageEnglishName(row.code)} ({row.code})
        {!hasUiStrings(row.code) && <small className="hint"> · {t('languages.noUiStrings')}</small>}
      </span>
      <label>
        {t('languages.name')}
        <input
          type="text"
          lang={row.code}
          maxLength={LANGUAGE_NAME_MAX}
          disabled={readOnly}
          placeholder={languageName(row.code)}
          value={row.name}
          onChange={(e) => onName(e.target.value)}
        />
      </label>
      {!readOnly && (
        <button type="button" className="button--secondary" onClick={onRemove}>
          {t('languages.remove', { language: languageEnglishName(row.code) })}
        </button>
      )}
    </li>
  );
}

/** A language picker (every ISO 639-1 language not offered yet) and its add button. */
function AddLanguage({ rows, onAdd }: { readonly rows: readonly Row[]; readonly onAdd: (code: string) => void }) {
  const { t } = useStaffTranslation();
  const [adding, setAdding] = useState('');
  const options = useMemo(() => isoLanguages().sort((a, b) => a.english.localeCompare(b.english)), []);
  const add = () => {
    if (adding === '' || adding === 'en' || rows.some((row) => row.code === adding)) return;
    onAdd(adding);
    setAdding('');
  };

  return (
    <div className="row">
      <label>
        {t('languages.code')}
        <select value={adding} onChange={(e) => setAdding(e.target.value)}>
          <option value="">{t('languages.choose')}</option>
          {options
            .filter((option) => option.code !== 'en' && !rows.some((row) => row.code === option.code))
            .map((option) => (
              <option key={option.code} value={option.code}>
                {option.english} — {option.own} ({option.code})
              </option>
            ))}
        </select>
      </label>
      <button type="button" className="button--secondary" disabled={adding === ''} onClick={add}>
        {t('languages.add')}
      </button>
    </div>
  );
}
