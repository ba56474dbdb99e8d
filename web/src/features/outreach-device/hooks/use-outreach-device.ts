import { useCallback, useEffect, useState } from 'react';
import type { PreparedOutreachDevice } from '@candor/shared';
import { useDeviceTranslation } from '../model/device-messages';
import { attemptUnlock, type DeviceLock, type UnlockResult } from '../model/device-lock';
import { deviceStore, type QueuedSubmission } from '../model/device-store';
import { dropOfflineCopy, keepOfflineCopy } from '../model/offline-copy';
import { useDeviceSurveyModel } from './use-device-survey-model';
import { useOnline } from './use-online';
import { useQueueSync } from './use-queue-sync';
import { useRespondentTurn } from './use-respondent-turn';
import { useStoredDevice } from './use-stored-device';

/**
 * Everything the device page shows and does: the stored device and its queue, the staff
 * screen's lock, preparing (again), syncing, and the respondent's turn.
 */
export function useOutreachDevice(surveyId: string) {
  const stored = useStoredDevice(surveyId);
  const { device, queue, setRefusal } = stored;
  const online = useOnline();
  const model = useDeviceSurveyModel(device);
  const [message, setMessage] = useState('');
  // Staff prepare the device again (a new token for the same survey) without losing its queue.
  const [preparingAgain, setPreparingAgain] = useState(false);
  // Locked on every load: only the PIN (or preparing again, online and signed in) opens the staff screen.
  const [unlocked, setUnlocked] = useState(false);
  const { sync, syncing } = useQueueSync({ device, surveyId, setQueue: stored.setQueue, setMessage });
  const onHandOver = useCallback(() => {
    setUnlocked(false);
    setPreparingAgain(false);
    setMessage('');
  }, []);
  const turn = useRespondentTurn({ device, model, reloadQueue: stored.reloadQueue, setMessage, onHandOver });
  const prepared = usePrepared({ ...stored, setMessage, setUnlocked, setPreparingAgain });
  const forget = useForget({ ...stored, surveyId, unlocked, setMessage });

  // A signal came back while staff look at the device: send what is waiting.
  useEffect(() => {
    if (online && turn.screen === 'home' && device && queue.some((item) => !item.refused)) void sync();
    // Only when the connection comes back or the staff screen shows again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [online, turn.screen, device]);

  const unlock = useCallback(
    async (pin: string): Promise<UnlockResult> => {
      const result = await attemptUnlock(surveyId, pin);
      if (result.kind === 'unlocked') {
        setRefusal(null);
        setUnlocked(true);
      } else if (result.kind === 'locked-out' || result.kind === 'no-pin') setRefusal(result.kind);
      return result;
    },
    [surveyId, setRefusal],
  );

  return {
    ...stored,
    ...turn,
    model,
    online,
    syncing,
    message,
    setMessage,
    preparingAgain,
    setPreparingAgain,
    unlocked,
    setUnlocked,
    prepared,
    sync,
    forget,
    unlock,
  };
}

export type OutreachDeviceSession = ReturnType<typeof useOutreachDevice>;

type Setter<T> = (value: T) => void;

interface PreparedOptions {
  readonly setDevice: Setter<PreparedOutreachDevice>;
  readonly setQueue: Setter<QueuedSubmission[]>;
  readonly setRefusal: Setter<null>;
  readonly setMessage: Setter<string>;
  readonly setUnlocked: Setter<boolean>;
  readonly setPreparingAgain: Setter<boolean>;
}

/** What follows a (re)preparation: store it, open the staff screen, keep the offline copy. */
function usePrepared({ setDevice, setQueue, setRefusal, setMessage, setUnlocked, setPreparingAgain }: PreparedOptions) {
  const { t } = useDeviceTranslation();
  return useCallback(
    async (next: PreparedOutreachDevice, sessionEnded: boolean, lock: DeviceLock) => {
      await deviceStore.savePrepared(next, lock);
      setDevice(next);
      // The staff member who just set the PIN sees the staff screen; a new PIN clears any lock-out.
      setRefusal(null);
      setUnlocked(true);
      setPreparingAgain(false);
      // Prepared again: what waits here was sealed to the same survey's server key, so the new
      // token sends it (answers to a version since replaced are refused and kept, as always).
      setQueue(await deviceStore.queued(next.surveyId));
      const session = sessionEnded ? t('device.sessionEnded') : t('device.sessionNotEnded');
      try {
        await keepOfflineCopy();
        setMessage(`${t('device.ready')} ${session}`);
      } catch {
        setMessage(`${t('device.prepare.offlineCopyFailed')} ${session}`);
      }
    },
    [t, setDevice, setQueue, setRefusal, setMessage, setUnlocked, setPreparingAgain],
  );
}

interface ForgetOptions {
  readonly surveyId: string;
  readonly unlocked: boolean;
  readonly queue: readonly unknown[];
  readonly setDevice: Setter<null>;
  readonly setQueue: Setter<[]>;
  readonly setMessage: Setter<string>;
}

/** Forgetting the device (staff only, unlocked), after a warning when answers still wait. */
function useForget({ surveyId, unlocked, queue, setDevice, setQueue, setMessage }: ForgetOptions) {
  const { t } = useDeviceTranslation();
  return async () => {
    if (!unlocked) return;
    if (queue.length > 0 && !window.confirm(t('device.forgetConfirm', { count: queue.length }))) return;
    // Only this survey's device: another survey prepared on this tablet keeps its queue, and
    // the offline copy stays for it.
    const left = await deviceStore.forget(surveyId);
    if (left === 0) await dropOfflineCopy().catch(() => undefined);
    setDevice(null);
    setQueue([]);
    setMessage(t('device.forgotten'));
  };
}
