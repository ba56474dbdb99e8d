import type { FreeTextFieldSummary, ResearchKeyPair } from '@candor/shared';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import type { Resource } from '../../../lib/staff/use-resource';
import { useOpenedTexts } from '../hooks/use-opened-texts';
import { OpenedTextsView } from './opened-texts-view';

interface FreeTextReaderProps {
  readonly id: string;
  readonly slug: string;
  readonly keys: ResearchKeyPair;
  readonly fields: Resource<FreeTextFieldSummary[]>;
}

/** With the key open: pick a free-text field, and read its texts. */
export function FreeTextReader({ id, slug, keys, fields }: FreeTextReaderProps) {
  const { t } = useStaffTranslation();
  const { field, setField, opened, busy, error, show } = useOpenedTexts(id, keys);
  return (
    <>
      <p role="status">{t('freeText.keyReady')}</p>
      {fields.data && fields.data.length === 0 && <p>{t('freeText.noFields')}</p>}
      {fields.data && fields.data.length > 0 && (
        <form className="row" onSubmit={(event) => void show(event)}>
          <label>
            {t('freeText.field')}
            <select value={field} onChange={(e) => setField(e.target.value)} required>
              <option value="" />
              {fields.data.map((f) => (
                <option key={f.key} value={f.key}>
                  {f.title === f.key ? f.key : `${f.title} (${f.key})`}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={busy || field === ''}>
            {busy ? t('freeText.loading') : t('freeText.show')}
          </button>
        </form>
      )}
      <ErrorNotice error={error ?? fields.error} />
      {opened && <OpenedTextsView opened={opened} slug={slug} />}
    </>
  );
}
