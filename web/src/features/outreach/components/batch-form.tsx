import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';

interface BatchFormProps {
  readonly create: (event: FormEvent, size: number, label: string) => Promise<void>;
  readonly error: unknown;
  readonly busy: boolean;
}

/** How many cards to print and a label for the batch (where they go, never to whom). */
export function BatchForm({ create, error, busy }: BatchFormProps) {
  const { t } = useStaffTranslation();
  const [size, setSize] = useState(50);
  const [label, setLabel] = useState('');
  return (
    <form className="form-grid" onSubmit={(event) => void create(event, size, label)}>
      <label>
        {t('outreach.size')}
        <input type="number" min={1} max={1000} value={size} onChange={(e) => setSize(Number(e.target.value))} required />
      </label>
      <label>
        {t('outreach.label')}
        <input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={120} required placeholder={t('outreach.labelExample')} />
      </label>
      <ErrorNotice error={error} />
      <button type="submit" disabled={busy}>
        {t('outreach.create')}
      </button>
    </form>
  );
}
