import type { CoarseCount } from '@candor/shared';
import type { StaffTranslate } from './staff-i18n';

/** A live response count as staff see it (P4): "fewer than 11", "at least 55", "at least 100 — enough to publish". */
export function formatCoarseCount(count: CoarseCount, t: StaffTranslate): string {
  if (count.floorReached) return t('count.floorReached', { n: count.atLeast });
  if (count.atLeast === 0) return t('count.belowStep', { k: count.step });
  return t('count.atLeast', { n: count.atLeast });
}
