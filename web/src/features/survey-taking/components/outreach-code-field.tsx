import { useId } from 'react';
import { useTranslation } from '../../../lib/i18n/i18n';

interface OutreachCodeFieldProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string;
}

/** The code from a printed outreach card, for surveys that require one (P7). */
export function OutreachCodeField({ value, onChange, error }: OutreachCodeFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="outreach-code">
      <label htmlFor={id}>{t('outreach.label')}</label>
      <p className="hint" id={`${id}-hint`}>
        {t('outreach.hint')}
      </p>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={32}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}
