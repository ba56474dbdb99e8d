import { useCallback, useRef, useState } from 'react';
import { syncQueue } from '../api/sync';
import { useDeviceTranslation } from '../model/device-messages';
import { deviceStore, type QueuedSubmission, type StoredDevice } from '../model/device-store';

interface QueueSyncOptions {
  readonly device: StoredDevice | null | undefined;
  readonly surveyId: string;
  readonly setQueue: (queue: QueuedSubmission[]) => void;
  readonly setMessage: (message: string) => void;
}

/** Sending the queue: one run at a time (a second call joins the running one), then what is left. */
export function useQueueSync({ device, surveyId, setQueue, setMessage }: QueueSyncOptions) {
  const { t } = useDeviceTranslation();
  const [syncing, setSyncing] = useState(false);
  const syncRun = useRef<Promise<void> | null>(null);

  const sync = useCallback(async () => {
    if (!device) return;
    if (syncRun.current) return syncRun.current;
    const run = (async () => {
      setSyncing(true);
      setMessage('');
      try {
        const report = await syncQueue(device);
        const left = await deviceStore.queued(surveyId);
        setQueue(left);
        setMessage(
          report.stopped ? t(`device.syncStopped.${report.stopped}`) : t('device.synced', { sent: report.sent, left: left.length }),
        );
      } finally {
        setSyncing(false);
        syncRun.current = null;
      }
    })();
    syncRun.current = run;
    return run;
  }, [device, surveyId, t, setQueue, setMessage]);

  return { sync, syncing };
}
