import { useStaffTranslation } from '../../../lib/staff/staff-i18n';

/** Someone saved a newer version meanwhile: this draft cannot be saved, only reloaded. */
export function StaleNotice({ onReload }: { readonly onReload: () => void }) {
  const { t } = useStaffTranslation();
  return (
    <div className="notice notice--error" role="alert">
      <p>{t('editor.stale')}</p>
      <button type="button" onClick={onReload}>
        {t('editor.reload')}
      </button>
    </div>
  );
}

/** Says whether there are unsaved edits, and saves them. */
export function SaveBar({ dirty, onSave }: { readonly dirty: boolean; readonly onSave: () => void }) {
  const { t } = useStaffTranslation();
  return (
    <div className="save-bar">
      {dirty && <span>{t('editor.unsaved')}</span>}
      <button type="button" disabled={!dirty} onClick={onSave}>
        {t('common.save')}
      </button>
    </div>
  );
}
