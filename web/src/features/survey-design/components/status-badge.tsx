import type { SurveyStatus } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';

export function StatusBadge({ status }: { readonly status: SurveyStatus }) {
  const { t } = useStaffTranslation();
  return <span className={`badge badge--${status}`}>{t(`status.${status}`)}</span>;
}
