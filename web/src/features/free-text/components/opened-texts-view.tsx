import type { IdentifyingKind } from '@candor/shared';
import { useStaffTranslation, type StaffMessageKey } from '../../../lib/staff/staff-i18n';
import { downloadTexts, type OpenedTexts } from '../model/opened-texts';

/** One field's opened texts, each flagged when it looks identifying, with a download to this device. */
export function OpenedTextsView({ opened, slug }: { readonly opened: OpenedTexts; readonly slug: string }) {
  const { t } = useStaffTranslation();
  const kindsText = (kinds: readonly IdentifyingKind[]) => kinds.map((kind) => t(`freeText.kind.${kind}` as StaffMessageKey)).join(', ');
  return (
    <div className="free-text-results">
      <p role="status">{opened.texts.length === 0 ? t('freeText.none') : t('freeText.count', { count: opened.texts.length })}</p>
      {opened.pending > 0 && <p className="notice">{t('freeText.pending', { count: opened.pending })}</p>}
      {opened.unreadable > 0 && <p className="notice notice--warning">{t('freeText.unreadable', { count: opened.unreadable })}</p>}
      {opened.texts.length > 0 && (
        <button type="button" className="button--secondary" onClick={() => downloadTexts(opened, slug)}>
          {t('freeText.download')}
        </button>
      )}
      <ol className="free-text-list">
        {opened.texts.map((entry, index) => (
          <li key={index} className={entry.kinds.length > 0 ? 'free-text--identifying' : undefined}>
            <p className="free-text-body">{entry.text}</p>
            {entry.kinds.length > 0 && (
              <p className="notice notice--warning">{t('freeText.looksIdentifying', { kinds: kindsText(entry.kinds) })}</p>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
