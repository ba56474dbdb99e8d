import { useId } from 'react';
import { translate, type Locale } from '../../../lib/i18n/i18n';
import type { CodeGate } from '../hooks/use-code-gate';
import { translateDevice } from '../model/device-messages';

/** The code from the respondent's printed card, in the respondent's language. */
export function DeviceCodeField({ gate, locale }: { readonly gate: CodeGate; readonly locale: Locale }) {
  const id = useId();
  return (
    <div className="outreach-code">
      <label htmlFor={id}>{translate(locale, 'outreach.label')}</label>
      <p className="hint" id={`${id}-hint`}>
        {translate(locale, 'outreach.hint')} {translateDevice(locale, 'respondent.codeLater')}
      </p>
      {gate.error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {gate.error}
        </p>
      )}
      <input
        id={id}
        ref={gate.fieldRef}
        value={gate.code}
        onChange={(event) => gate.change(event.target.value)}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={32}
        aria-describedby={`${id}-hint${gate.error ? ` ${id}-error` : ''}`}
        aria-invalid={gate.error ? true : undefined}
      />
    </div>
  );
}
