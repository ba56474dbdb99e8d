import { htmlToEditableText, type SurveyDefinition, type TranslatableString } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { translationRowLabel } from '../model/translation-row-label';

/** What a person edits: rich text (HTML) as text with paragraphs and links, everything else as it is. */
function editable(entry: TranslatableString, text: string): string {
  return entry.format === 'rich' ? htmlToEditableText(text) : text;
}

/** What the translation box shows: the unsaved text typed for this string, else the stored translation. */
function shownTranslation(entry: TranslatableString, locale: string, edit: string | undefined): string {
  return edit ?? editable(entry, entry.translations[locale] ?? '');
}

/** A string's row is flagged when its translation is missing, or stale (the source changed) and not edited since. */
export function translationRowClassName(
  entry: TranslatableString,
  locale: string,
  edit: string | undefined,
  stale: boolean,
): string | undefined {
  const value = shownTranslation(entry, locale, edit);
  const isStale = stale && edit === undefined;
  return [value.trim() ? '' : 'missing', isStale ? 'stale' : ''].join(' ').trim() || undefined;
}

/** The English source of one string, under the label that says where it sits in the survey. */
export function TranslationSource({ entry, definition }: { readonly entry: TranslatableString; readonly definition: SurveyDefinition }) {
  const { t } = useStaffTranslation();
  const source = editable(entry, entry.source);
  return (
    <>
      <small className="hint" title={entry.path}>
        {translationRowLabel(entry, definition, t)}
      </small>
      <div className={entry.format === 'text' ? 'translation-source' : 'translation-source translation-source--rich'} lang="en">
        {entry.format === 'html' ? <code>{source}</code> : source}
      </div>
    </>
  );
}

interface TranslationEditorProps {
  readonly entry: TranslatableString;
  readonly definition: SurveyDefinition;
  readonly locale: string;
  /** The language's name, as respondents see it. */
  readonly name: string;
  /** The unsaved text typed for this string, if any. */
  readonly edit: string | undefined;
  /** The source changed since this string was translated. */
  readonly stale: boolean;
  readonly disabled: boolean;
  readonly onEdit: (text: string) => void;
}

/** The translation of one string, flagged when stale (with a button to keep it as it is). */
export function TranslationEditor({ entry, definition, locale, name, edit, stale, disabled, onEdit }: TranslationEditorProps) {
  const { t } = useStaffTranslation();
  const value = shownTranslation(entry, locale, edit);
  const isStale = stale && edit === undefined;
  const hintId = `hint-${entry.path.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  const source = editable(entry, entry.source);
  const label = translationRowLabel(entry, definition, t);
  return (
    <>
      {isStale && (
        <p className="stale-flag">
          <span id={`${hintId}-stale`}>{t('translations.stale')}</span>{' '}
          {!disabled && (
            <button type="button" className="button--secondary" onClick={() => onEdit(value)}>
              {t('translations.keep')}
            </button>
          )}
        </p>
      )}
      <textarea
        lang={locale}
        aria-label={`${name}: ${label}`}
        aria-describedby={[isStale ? `${hintId}-stale` : '', entry.format !== 'text' ? hintId : ''].join(' ').trim() || undefined}
        rows={Math.min(10, source.split('\n').length + Math.ceil(source.length / 60))}
        value={value}
        disabled={disabled}
        onChange={(e) => onEdit(e.target.value)}
      />
      {entry.format !== 'text' && (
        <small className="hint" id={hintId}>
          {entry.format === 'rich' ? t('translations.richHelp') : t('translations.htmlHelp')}
        </small>
      )}
    </>
  );
}
