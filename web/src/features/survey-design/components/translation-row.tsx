import { htmlToEditableText, type SurveyDefinition, type TranslatableString } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { translationRowLabel } from '../model/translation-row-label';

/** What a person edits: rich text (HTML) as text with paragraphs and links, everything else as it is. */
function editable(entry: TranslatableString, text: string): string {
  return entry.format === 'rich' ? htmlToEditableText(text) : text;
}

interface TranslationRowProps {
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

/** One string: the English source beside its translation, flagged when missing or stale. */
export function TranslationRow({ entry, definition, locale, name, edit, stale, disabled, onEdit }: TranslationRowProps) {
  const { t } = useStaffTranslation();
  const stored = entry.translations[locale] ?? '';
  const value = edit ?? editable(entry, stored);
  const isStale = stale && edit === undefined;
  const hintId = `hint-${entry.path.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  const source = editable(entry, entry.source);
  const label = translationRowLabel(entry, definition, t);
  return (
    <tr className={[value.trim() ? '' : 'missing', isStale ? 'stale' : ''].join(' ').trim() || undefined}>
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
      </td>
    </tr>
  );
}
