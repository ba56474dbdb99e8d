import type { CustomTableResult } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { CustomTableView } from './custom-table-view';

/** The table built (with its noise and what hidden numbers mean), or why it is held back. */
export function TableResult({ result }: { readonly result: CustomTableResult }) {
  const { t, locale } = useStaffTranslation();
  return (
    <div className="table-builder-result" aria-live="polite">
      {result.status === 'held' ? (
        <div className="notice notice--error" role="alert">
          <p>{t('tables.held')}</p>
          <p>{result.hold?.message}</p>
        </div>
      ) : (
        <>
          <CustomTableView result={result} locale={locale} t={t} />
          <p className="hint">{t('tables.noise', { noise: result.noise, k: result.k })}</p>
          <ul className="hint">
            <li>
              <strong>{t('tables.hiddenSmallShort', { k: result.k })}</strong>: {t('tables.hiddenSmall', { k: result.k })}
            </li>
            <li>
              <strong>{t('tables.hiddenIncludesShort')}</strong>: {t('tables.hiddenIncludes')}
            </li>
          </ul>
        </>
      )}
      <details>
        <summary>{t('tables.addToRelease')}</summary>
        <p>{t('tables.addToReleaseWhy')}</p>
      </details>
    </div>
  );
}
