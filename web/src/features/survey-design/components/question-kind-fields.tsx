import type { ElementJson } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { ChoicesEditor } from './choices-editor';

interface KindFieldProps {
  readonly element: ElementJson;
  readonly onChange: (patch: Record<string, unknown>) => void;
}

/** A matrix's rows and its answer columns (the columns take the answer presets). */
export function MatrixFields({ element, onChange }: KindFieldProps) {
  const { t } = useStaffTranslation();
  return (
    <>
      <ChoicesEditor label={t('designer.rows')} choices={element.rows ?? []} onChange={(rows) => onChange({ rows })} />
      <ChoicesEditor label={t('designer.columns')} choices={element.columns ?? []} presets onChange={(columns) => onChange({ columns })} />
    </>
  );
}

/** The longest answer a text question accepts. */
export function MaxLengthField({ element, onChange }: KindFieldProps) {
  const { t } = useStaffTranslation();
  return (
    <label>
      {t('designer.maxLength')}
      <input
        type="number"
        min={1}
        max={2000}
        value={Number(element['maxLength'] ?? 1000)}
        onChange={(e) => onChange({ maxLength: Number(e.target.value) || undefined })}
      />
    </label>
  );
}
