import { createContext, useContext } from 'react';
import { useSnapshotTranslation } from './snapshot-messages';

/**
 * Staff previews only: why a hidden number is hidden, by its id in the release. The public
 * dashboard provides nothing, so every hidden number there reads the same ("hidden").
 */
export const HiddenReasonContext = createContext<((id: string) => string | undefined) | null>(null);

/** The text shown in place of a hidden number: its reason in a preview, "hidden" otherwise. */
export function useHiddenText(): (id: string) => string {
  const { t } = useSnapshotTranslation();
  const reasonOf = useContext(HiddenReasonContext);
  return (id) => reasonOf?.(id) ?? t('snapshot.suppressed');
}
