import { useMemo } from 'react';
import type { StaffPreview } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { explainSuppressions } from '../model/hidden-reasons';

/** Why each number of the preview is hidden, by figure and by number id (for the snapshot's labels). */
export function useHiddenReasons(preview: StaffPreview | null, minGroup: number) {
  const { t, locale } = useStaffTranslation();
  const reasons = useMemo(
    () => (preview?.snapshot ? explainSuppressions(preview.snapshot, preview.suppressions, { minGroup }, locale, t) : null),
    // `t` changes identity on every render; the locale is what it depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [preview, minGroup, locale],
  );
  const reasonOf = useMemo(() => (reasons ? (id: string) => reasons.byId.get(id)?.reason : null), [reasons]);
  return { reasons, reasonOf };
}
