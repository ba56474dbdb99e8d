import { useId, useState, type FormEvent } from 'react';
import type { Locale } from '../../../lib/i18n/i18n';
import { LOCK, type UnlockResult } from '../model/device-lock';
import { LANGUAGE_NAMES, useDeviceTranslation } from '../model/device-messages';

interface LockedScreenProps {
  readonly locales: readonly Locale[];
  /** No local unlock: too many wrong PINs, or no PIN was ever set (a device prepared before the lock). */
  readonly refusal: 'locked-out' | 'no-pin' | null;
  readonly onStart: (locale: Locale) => void;
  readonly onUnlock: (pin: string) => Promise<UnlockResult>;
  readonly onPrepareAgain: () => void;
}

/**
 * What anyone holding a prepared device sees between respondents, after a quick exit and
 * after a reload: a way to start a respondent (who needs no PIN) and the staff PIN field.
 * No count, no refused item, no send or forget button, no survey name.
 */
export function LockedScreen({ locales, refusal, onStart, onUnlock, onPrepareAgain }: LockedScreenProps) {
  const { t } = useDeviceTranslation();
  const id = useId();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<UnlockResult | null>(null);

  const unlock = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const outcome = await onUnlock(pin);
      setPin('');
      setResult(outcome);
    } finally {
      setBusy(false);
    }
  };

  const refused = refusal ?? (result?.kind === 'locked-out' || result?.kind === 'no-pin' ? result.kind : null);
  return (
    <section className="device-panel device-locked" aria-labelledby="locked-title">
      <h1 id="locked-title">{t('device.locked.title')}</h1>
      <div className="device-actions">
        {locales.map((locale) => (
          <button key={locale} type="button" onClick={() => onStart(locale)}>
            {t('device.start', { language: LANGUAGE_NAMES[locale] ?? locale })}
          </button>
        ))}
      </div>
      {refused ? (
        <>
          <p className="notice" role="alert">
            {refused === 'no-pin' ? t('device.locked.noPin') : t('device.locked.out', { max: LOCK.maxFailures })}
          </p>
          <div className="device-actions">
            <button type="button" className="secondary" onClick={onPrepareAgain}>
              {t('device.prepareAgain')}
            </button>
          </div>
        </>
      ) : (
        <form className="form-grid" onSubmit={(event) => void unlock(event)}>
          <label htmlFor={id}>{t('device.locked.pin')}</label>
          <input
            id={id}
            type="password"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
            autoComplete="current-password"
            maxLength={200}
            required
            aria-describedby={result ? `${id}-result` : undefined}
          />
          {result && result.kind !== 'unlocked' && (
            <p className="notice" role="alert" id={`${id}-result`}>
              {describe(result, t)}
            </p>
          )}
          <button type="submit" className="secondary" disabled={busy}>
            {busy ? t('device.locked.checking') : t('device.locked.unlock')}
          </button>
        </form>
      )}
    </section>
  );
}

function describe(result: Exclude<UnlockResult, { kind: 'unlocked' }>, t: ReturnType<typeof useDeviceTranslation>['t']): string {
  const at = (time: number) => new Date(time).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  switch (result.kind) {
    case 'wrong': {
      const wrong = t('device.locked.wrong', { failures: result.failures, max: LOCK.maxFailures, left: result.left });
      return result.notBefore > Date.now() ? `${wrong} ${t('device.locked.waitUntil', { time: at(result.notBefore) })}` : wrong;
    }
    case 'wait':
      return t('device.locked.waitUntil', { time: at(result.notBefore) });
    case 'locked-out':
      return t('device.locked.out', { max: LOCK.maxFailures });
    case 'no-pin':
      return t('device.locked.noPin');
  }
}
