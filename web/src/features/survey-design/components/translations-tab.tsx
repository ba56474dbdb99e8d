import { useMemo, useState, type ChangeEvent } from 'react';
import {
  editableTextToHtml,
  hasUiStrings,
  htmlToEditableText,
  languageEnglishName,
  languageName,
  translationsToCsv,
  type ImportTranslationsResult,
  type SurveyDetail,
  type TranslatableString,
  type UpdateDefinitionResult,
} from '@candor/shared';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useResource } from '../../../lib/staff/use-resource';
import { downloadText, surveysApi } from '../api/surveys-api';
import { translationRowLabel } from '../model/translation-row-label';

interface TranslationsTabProps {
  readonly survey: SurveyDetail;
  readonly disabled: boolean;
  readonly onSaved: (result: UpdateDefinitionResult) => void;
}

/** What a person edits: rich text (HTML) as text with paragraphs and links, everything else as it is. */
function editable(entry: TranslatableString, text: string): string {
  return entry.format === 'rich' ? htmlToEditableText(text) : text;
}

/**
 * Every string of the survey beside its translation, in two columns of equal width, with
 * what is missing and what went stale (the source changed since it was translated), a CSV
 * for translators out and back in, and rich text edited as text, never as raw HTML.
 */
export function TranslationsTab({ survey, disabled, onSaved }: TranslationsTabProps) {
  const { t } = useStaffTranslation();
  const view = useResource(() => surveysApi.translations(survey.id), [survey.id, survey.currentVersion, survey.updatedAt]);
  const targets = survey.locales.filter((locale) => locale !== 'en');
  const [chosen, setChosen] = useState(targets[0] ?? '');
  const locale = targets.includes(chosen) ? chosen : (targets[0] ?? '');
  const [onlyMissing, setOnlyMissing] = useState(false);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [imported, setImported] = useState<ImportTranslationsResult | null>(null);

  const stale = useMemo(() => new Set(view.data?.stale[locale] ?? []), [view.data, locale]);
  const strings = useMemo(
    () => (view.data?.strings ?? []).filter((s) => !onlyMissing || !(s.translations[locale] ?? '').trim() || stale.has(s.path)),
    [view.data, onlyMissing, locale, stale],
  );
  if (targets.length === 0) return <p>{t('translations.none')}</p>;
  const missing = view.data?.missing[locale] ?? 0;
  const staleCount = stale.size;
  const name = languageName(locale, survey.languageNames);

  const save = async () => {
    const all = view.data?.strings ?? [];
    // Rich text goes back as HTML (cleaned again by the server's allow-list when saved).
    const texts = Object.fromEntries(
      Object.entries(edits).map(([path, text]) => {
        const entry = all.find((s) => s.path === path);
        return [path, entry?.format === 'rich' && text.trim() !== '' ? editableTextToHtml(text) : text];
      }),
    );
    setSaving(true);
    setError(null);
    setImported(null);
    try {
      const result = await surveysApi.saveTranslations(survey.id, locale, texts, survey.currentVersion);
      setEdits({});
      onSaved(result);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  const exportCsv = () => {
    if (!view.data) return;
    downloadText(
      `${survey.slug}-v${survey.currentVersion}-${locale}.csv`,
      translationsToCsv(view.data.strings, locale),
      'text/csv;charset=utf-8',
    );
  };

  const importCsv = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setError(null);
    setImported(null);
    try {
      const result = await surveysApi.importTranslations(survey.id, locale, await file.text(), survey.currentVersion);
      setEdits({});
      setImported(result);
      onSaved(result);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <div className="translations-tab">
      <div className="row">
        <label>
          {t('translations.language')}{' '}
          <select
            value={locale}
            onChange={(e) => {
              setChosen(e.target.value);
              setEdits({});
            }}
          >
            {targets.map((code) => (
              <option key={code} value={code}>
                {languageName(code, survey.languageNames)} ({languageEnglishName(code)})
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={onlyMissing} onChange={(e) => setOnlyMissing(e.target.checked)} />
          {t('translations.onlyMissing')}
        </label>
        <button type="button" className="button--secondary" onClick={exportCsv} disabled={!view.data}>
          {t('translations.export')}
        </button>
        {!disabled && (
          <label className="button button--secondary file-button">
            {t('translations.import')}
            <input type="file" accept=".csv,text/csv" className="visually-hidden" onChange={(e) => void importCsv(e)} />
          </label>
        )}
      </div>
      <p role="status" className="translation-status">
        <strong>
          {missing === 0
            ? t('translations.complete')
            : missing === 1
              ? t('translations.missing.one')
              : t('translations.missing', { count: missing })}
        </strong>
        {staleCount > 0 && (
          <> {staleCount === 1 ? t('translations.staleCount.one') : t('translations.staleCount', { count: staleCount })}</>
        )}
        {imported && <> {t('translations.imported', { count: imported.imported, skipped: imported.skipped })}</>}
      </p>
      {!hasUiStrings(locale) && <p className="notice">{t('translations.uiFallback', { language: name })}</p>}
      <ErrorNotice error={error ?? view.error} />
      <table className="data-table translations">
        <colgroup>
          <col className="translations__column" />
          <col className="translations__column" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{t('translations.source')}</th>
            <th scope="col" lang={hasUiStrings(locale) ? undefined : 'en'}>
              {t('translations.translation')}: {name}
            </th>
          </tr>
        </thead>
        <tbody>
          {strings.map((entry) => {
            const stored = entry.translations[locale] ?? '';
            const value = edits[entry.path] ?? editable(entry, stored);
            const isStale = stale.has(entry.path) && edits[entry.path] === undefined;
            const hintId = `hint-${entry.path.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
            const source = editable(entry, entry.source);
            const label = translationRowLabel(entry, survey.definition, t);
            return (
              <tr key={entry.path} className={[value.trim() ? '' : 'missing', isStale ? 'stale' : ''].join(' ').trim() || undefined}>
                <td>
                  <small className="hint" title={entry.path}>
                    {label}
                  </small>
                  <div className={entry.format === 'text' ? 'translation-source' : 'translation-source translation-source--rich'} lang="en">
                    {entry.format === 'html' ? <code>{source}</code> : source}
                  </div>
                </td>
                <td>
                  {isStale && (
                    <p className="stale-flag">
                      <span id={`${hintId}-stale`}>{t('translations.stale')}</span>{' '}
                      {!disabled && (
                        <button type="button" className="button--secondary" onClick={() => setEdits({ ...edits, [entry.path]: value })}>
                          {t('translations.keep')}
                        </button>
                      )}
                    </p>
                  )}
                  <textarea
                    lang={locale}
                    aria-label={`${name}: ${label}`}
                    aria-describedby={
                      [isStale ? `${hintId}-stale` : '', entry.format !== 'text' ? hintId : ''].join(' ').trim() || undefined
                    }
                    rows={Math.min(10, source.split('\n').length + Math.ceil(source.length / 60))}
                    value={value}
                    disabled={disabled}
                    onChange={(e) => setEdits({ ...edits, [entry.path]: e.target.value })}
                  />
                  {entry.format !== 'text' && (
                    <small className="hint" id={hintId}>
                      {entry.format === 'rich' ? t('translations.richHelp') : t('translations.htmlHelp')}
                    </small>
                  )}
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
