import { useState, type FormEvent } from 'react';
import type { PreparedOutreachDevice, StaffSession } from '@candor/shared';
import { api, ApiError, setCsrfToken } from '../../../lib/api-client';
import { createLock, LOCK, pinLongEnough, type DeviceLock } from '../model/device-lock';
import { useDeviceTranslation } from '../model/device-messages';

interface PrepareFormProps {
  readonly surveyId: string;
  /** `sessionEnded`: whether the staff session on this device was ended (it should always be); `lock`: the new PIN's verifier. */
  readonly onPrepared: (device: PreparedOutreachDevice, sessionEnded: boolean, lock: DeviceLock) => Promise<void>;
  /**
   * Preparing a device that holds a queue again: its label, how many answers wait (kept; not
   * given when the device is locked, since the locked screen shows no count), and a way back.
   */
  readonly again?: { readonly label: string; readonly waiting?: number; readonly onCancel: () => void };
}

/**
 * The one screen that needs a staff session and a signal: fetch the survey, its key and a
 * device token — then end the staff session, so the next person holding the device cannot
 * reach the staff app. The device keeps only its token.
 */
export function PrepareForm({ surveyId, onPrepared, again }: PrepareFormProps) {
  const { t } = useDeviceTranslation();
  const [label, setLabel] = useState(again?.label ?? '');
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [signedOut, setSignedOut] = useState(false);

  const prepare = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    // Checked before anything is asked of the server: no token is issued to a device without a lock.
    if (!pinLongEnough(pin)) return setError(t('device.pin.tooShort', { min: LOCK.minLength }));
    if (pin !== repeat) return setError(t('device.pin.mismatch'));
    setBusy(true);
    try {
      const lock = await createLock(surveyId, pin);
      const session = await api.get<StaffSession>('/api/auth/session');
      setCsrfToken(session.csrfToken);
      const prepared = await api.post<PreparedOutreachDevice>(`/api/surveys/${encodeURIComponent(surveyId)}/outreach-devices`, {
        label: label.trim(),
      });
      const sessionEnded = await api
        .post('/api/auth/logout')
        .then(() => true)
        .catch(() => false);
      setCsrfToken(null);
      setPin('');
      setRepeat('');
      await onPrepared(prepared, sessionEnded, lock);
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'UNAUTHENTICATED') setSignedOut(true);
      else setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="device-panel" aria-labelledby="prepare-title">
      <h1 id="prepare-title">{t('device.prepare.title')}</h1>
      <p>{t('device.prepare.intro')}</p>
      {again && (
        <p>{again.waiting === undefined ? t('device.prepare.againKeepsAll') : t('device.prepare.againKeeps', { count: again.waiting })}</p>
      )}
      <form className="form-grid" onSubmit={(event) => void prepare(event)}>
        <label>
          {t('device.prepare.label')}
          <input
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            maxLength={120}
            required
            placeholder={t('device.prepare.labelExample')}
          />
        </label>
        <PinFields pin={pin} repeat={repeat} onPin={setPin} onRepeat={setRepeat} />
        {signedOut && (
          <p className="notice" role="alert">
            {t('device.prepare.signIn')} <a href="/staff">{t('device.prepare.signInLink')}</a>
          </p>
        )}
        {error && (
          <p className="notice" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('device.prepare.working') : t('device.prepare.submit')}
        </button>
        {again && (
          <button type="button" className="secondary" onClick={again.onCancel} disabled={busy}>
            {t('device.prepare.cancel')}
          </button>
        )}
      </form>
    </section>
  );
}

interface PinFieldsProps {
  readonly pin: string;
  readonly repeat: string;
  readonly onPin: (value: string) => void;
  readonly onRepeat: (value: string) => void;
}

/** The device PIN, typed twice; only its slow verifier is kept (device-lock.ts). */
function PinFields({ pin, repeat, onPin, onRepeat }: PinFieldsProps) {
  const { t } = useDeviceTranslation();
  return (
    <>
      <label>
        {t('device.pin.label', { min: LOCK.minLength })}
        <input
          type="password"
          value={pin}
          onChange={(e) => onPin(e.target.value)}
          autoComplete="new-password"
          maxLength={200}
          required
          aria-describedby="device-pin-hint"
        />
      </label>
      <p className="hint" id="device-pin-hint">
        {t('device.pin.hint', { min: LOCK.minLength })}
      </p>
      <label>
        {t('device.pin.repeat')}
        <input
          type="password"
          value={repeat}
          onChange={(e) => onRepeat(e.target.value)}
          autoComplete="new-password"
          maxLength={200}
          required
        />
      </label>
    </>
  );
}
