import { useCallback, useEffect, useState } from 'react';
import { LOCK, type DeviceLock } from '../model/device-lock';
import { deviceStore, type QueuedSubmission, type StoredDevice } from '../model/device-store';

/** Why this device cannot be unlocked here at all, if it cannot. */
export type LockRefusal = 'locked-out' | 'no-pin' | null;

/**
 * The device as stored in IndexedDB for this survey (`undefined` while reading, `null` when it
 * is not prepared), its queue of sealed submissions and whether its lock refuses the PIN.
 */
export function useStoredDevice(surveyId: string) {
  const [device, setDevice] = useState<StoredDevice | null | undefined>(undefined);
  const [queue, setQueue] = useState<QueuedSubmission[]>([]);
  const [refusal, setRefusal] = useState<LockRefusal>(null);

  const reloadQueue = useCallback(async () => setQueue(await deviceStore.queued(surveyId)), [surveyId]);

  useEffect(() => {
    let live = true;
    void deviceStore.device(surveyId).then(async (found) => {
      if (!live) return;
      if (found) {
        const lock = await deviceStore.lock(surveyId);
        if (!live) return;
        setRefusal(lockRefusal(lock));
        setQueue(await deviceStore.queued(surveyId));
      }
      setDevice(found ?? null);
    });
    return () => {
      live = false;
    };
  }, [surveyId]);

  return { device, setDevice, queue, setQueue, reloadQueue, refusal, setRefusal };
}

function lockRefusal(lock: DeviceLock | undefined): LockRefusal {
  if (!lock) return 'no-pin';
  return lock.failures >= LOCK.maxFailures ? 'locked-out' : null;
}
