import { hasUiStrings, languageName, type ImportTranslationsResult, type SurveyDetail, type UpdateDefinitionResult } from '@candor/shared';
import { DataTable } from '../../../components/ui/data-table';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useTranslationEdits } from '../hooks/use-translation-edits';
import { useTranslationView } from '../hooks/use-translation-view';
import { TranslationEditor, TranslationSource, translationRowClassName } from './translation-row';
import { TranslationsToolbar } from './translations-toolbar';

interface TranslationsTabProps {
  readonly survey: SurveyDetail;
  readonly disabled: boolean;
  readonly onSaved: (result: UpdateDefinitionResult) => void;
}

/**
 * Every string of the survey beside its translation, in two columns of equal width, with
 * what is missing and what went stale (the source changed since it was translated), a CSV
 * for translators out and back in, and rich text edited as text, never as raw HTML.
 */
export function TranslationsTab({ survey, disabled, onSaved }: TranslationsTabProps) {
  const { t } = useStaffTranslation();
  const { view, targets, locale, setChosen, onlyMissing, setOnlyMissing, stale, strings } = useTranslationView(survey);
  const { edits, setEdits, error, saving, imported, save, importCsv } = useTranslationEdits(
    survey,
    locale,
    view.data?.strings ?? [],
    onSaved,
  );
  if (targets.length === 0) return <p>{t('translations.none')}</p>;
  const name = languageName(locale, survey.languageNames);

  return (
    <div className="translations-tab">
      <TranslationsToolbar
        survey={survey}
        targets={targets}
        locale={locale}
        onLocale={(code) => {
          setChosen(code);
          setEdits({});
        }}
        onlyMissing={onlyMissing}
        onOnlyMissing={setOnlyMissing}
        strings={view.data?.strings}
        disabled={disabled}
        onImport={(e) => void importCsv(e)}
      />
      <TranslationStatus missing={view.data?.missing[locale] ?? 0} staleCount={stale.size} imported={imported} />
      {!hasUiStrings(locale) && <p className="notice">{t('translations.uiFallback', { language: name })}</p>}
      <ErrorNotice error={error ?? view.error} />
      <DataTable
        className="data-table translations"
        columns={[
          {
            key: 'source',
            header: t('translations.source'),
            colClassName: 'translations__column',
            cell: (entry) => <TranslationSource entry={entry} definition={survey.definition} />,
          },
          {
            key: 'translation',
            header: `${t('translations.translation')}: ${name}`,
            headerLang: hasUiStrings(locale) ? undefined : 'en',
            colClassName: 'translations__column',
            cell: (entry) => (
              <TranslationEditor
                entry={entry}
                definition={survey.definition}
                locale={locale}
                name={name}
                edit={edits[entry.path]}
                stale={stale.has(entry.path)}
                disabled={disabled}
                onEdit={(text) => setEdits({ ...edits, [entry.path]: text })}
              />
            ),
          },
        ]}
        rows={strings}
        rowKey={(entry) => entry.path}
        rowClassName={(entry) => translationRowClassName(entry, locale, edits[entry.path], stale.has(entry.path))}
      />
      <button type="button" disabled={disabled || saving || Object.keys(edits).length === 0} onClick={() => void save()}>
        {saving ? t('common.saving') : t('common.save')}
      </button>
    </div>
  );
}

interface TranslationStatusProps {
  readonly missing: number;
  readonly staleCount: number;
  readonly imported: ImportTranslationsResult | null;
}

/** How many strings are missing and stale in this language, and what the last import took. */
function TranslationStatus({ missing, staleCount, imported }: TranslationStatusProps) {
  const { t } = useStaffTranslation();
  return (
    <p role="status" className="translation-status">
      <strong>
        {missing === 0
          ? t('translations.complete')
          : missing === 1
            ? t('translations.missing.one')
            : t('translations.missing', { count: missing })}
      </strong>
      {staleCount > 0 && <> {staleCount === 1 ? t('translations.staleCount.one') : t('translations.staleCount', { count: staleCount })}</>}
      {imported && <> {t('translations.imported', { count: imported.imported, skipped: imported.skipped })}</>}
    </p>
  );
}
