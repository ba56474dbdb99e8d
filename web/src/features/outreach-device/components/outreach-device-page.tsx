import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router';
import type { IdentifyingKind, PreparedOutreachDevice } from '@candor/shared';
import { translate, type Locale } from '../../lib/i18n/i18n';
import { sealAnswersForSending } from '../../lib/sealed-answers';
import { createSurveyModel, protectFreeText } from '../../lib/surveyjs/setup';
import { useDeviceTranslation, translateDevice } from './device-messages';
import { DeviceHome } from './device-home';
import { attemptUnlock, LOCK, type DeviceLock, type UnlockResult } from './device-lock';
import { deviceStore, type QueuedSubmission, type StoredDevice } from './device-store';
import { LockedScreen } from './locked-screen';
import { dropOfflineCopy, keepOfflineCopy } from './offline-copy';
import { PrepareForm } from './prepare-form';
import { RespondentScreen } from './respondent-screen';
import { newSubmissionKey, sealSubmission } from './seal';
import { syncQueue } from './sync';
import '../../styles/outreach-device.css';

type Screen = 'home' | 'respondent' | 'thanks' | 'neutral';

/**
 * `/staff/outreach/:surveyId`: outreach device mode (issue 18). A staff member prepares the
 * device once (online, signed in); then respondents answer offline, one after another. Each
 * submission's free text is sealed to the research key, the whole submission to the survey's
 * server key, and only then stored in IndexedDB; the
 * form is blanked before the next respondent; the queue is sent when there is a signal.
 *
 * Every screen lives in this one history entry (no navigation), so Back never leads into
 * another respondent's answers. The staff screen is locked whenever a respondent may hold the
 * device — from the moment one starts, through hand back and quick exit, and after every
 * reload — and opens only with the device PIN set when it was prepared (see device-lock.ts).
 */
export default function OutreachDevicePage() {
  const { surveyId = '' } = useParams();
  const { t } = useDeviceTranslation();
  const [device, setDevice] = useState<StoredDevice | null | undefined>(undefined);
  const [queue, setQueue] = useState<QueuedSubmission[]>([]);
  const [screen, setScreen] = useState<Screen>('home');
  const [respondentLocale, setRespondentLocale] = useState<Locale>('en');
  const [online, setOnline] = useState(() => navigator.onLine);
  const [syncing, setSyncing] = useState(false);
  const [message, setMessage] = useState('');
  // Staff prepare the device again (a new token for the same survey) without losing its queue.
  const [preparingAgain, setPreparingAgain] = useState(false);
  // Locked on every load: only the PIN (or preparing again, online and signed in) opens the staff screen.
  const [unlocked, setUnlocked] = useState(false);
  const [refusal, setRefusal] = useState<'locked-out' | 'no-pin' | null>(null);
  const syncRun = useRef<Promise<void> | null>(null);

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

  useEffect(() => {
    document.title = 'Candor';
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);

  const model = useMemo(() => {
    if (!device) return null;
    const created = createSurveyModel(device.survey.definition, 'en');
    const warning = (kinds: readonly IdentifyingKind[]) =>
      translate(created.locale === 'es' ? 'es' : 'en', 'identifying.warning', {
        kinds: kinds.map((kind) => translate(created.locale === 'es' ? 'es' : 'en', `identifying.${kind}`)).join(', '),
      });
    protectFreeText(created, warning);
    return created;
    // One model per survey version (STYLE.md habit 12), blanked between respondents.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [device?.survey.versionId]);
  useEffect(() => () => model?.dispose(), [model]);

  const prepared = useCallback(
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
    [t],
  );

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
  }, [device, surveyId, t]);

  // A signal came back while staff look at the device: send what is waiting.
  useEffect(() => {
    if (online && screen === 'home' && device && queue.some((item) => !item.refused)) void sync();
    // Only when the connection comes back or the staff screen shows again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [online, screen, device]);

  const blank = useCallback(() => {
    // Data, page and state back to the start: nothing of this respondent stays in the form.
    model?.clear(true, true);
  }, [model]);

  const complete = useCallback(
    async (answers: Record<string, unknown>, outreachCode: string | undefined) => {
      if (!device) return;
      setScreen('thanks');
      blank();
      try {
        // Free text first to the research team's key (as on a respondent's own phone): the
        // server that opens the box still never holds it in clear.
        const sealed = await sealSubmission(
          {
            versionId: device.survey.versionId,
            answers: sealAnswersForSending(device.survey, answers),
            idempotencyKey: newSubmissionKey(),
            // Checked and spent by the server with the response, in one transaction, when this box is sent.
            ...(outreachCode !== undefined ? { outreachCode } : {}),
          },
          device.publicKey,
          device.surveyId,
        );
        await deviceStore.enqueue({ id: crypto.randomUUID(), surveyId: device.surveyId, sealed });
        await reloadQueue();
      } catch {
        setMessage(t('device.notSaved'));
      }
    },
    [blank, device, reloadQueue, t],
  );

  const onComplete = useCallback(
    (answers: Record<string, unknown>, outreachCode: string | undefined) => void complete(answers, outreachCode),
    [complete],
  );

  const quickExit = useCallback(() => {
    blank();
    setScreen('neutral');
  }, [blank]);

  const unlock = useCallback(
    async (pin: string): Promise<UnlockResult> => {
      const result = await attemptUnlock(surveyId, pin);
      if (result.kind === 'unlocked') {
        setRefusal(null);
        setUnlocked(true);
      } else if (result.kind === 'locked-out' || result.kind === 'no-pin') setRefusal(result.kind);
      return result;
    },
    [surveyId],
  );

  const start = (locale: Locale) => {
    if (!model) return;
    // A respondent holds the device from now on: the staff screen stays locked after them.
    setUnlocked(false);
    setPreparingAgain(false);
    blank();
    model.locale = locale;
    setRespondentLocale(locale);
    setMessage('');
    setScreen('respondent');
  };

  const forget = async () => {
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

  if (screen === 'neutral') {
    return (
      <main className="device-neutral">
        <h1>{translateDevice(respondentLocale, 'neutral.title')}</h1>
        <p>{translateDevice(respondentLocale, 'neutral.body')}</p>
        <button type="button" className="secondary" onClick={() => setScreen('home')}>
          {translateDevice(respondentLocale, 'neutral.continue')}
        </button>
      </main>
    );
  }
  if (screen === 'respondent' && model && device) {
    return (
      <RespondentScreen model={model} survey={device.survey} locale={respondentLocale} onComplete={onComplete} onQuickExit={quickExit} />
    );
  }
  if (screen === 'thanks') {
    return (
      <main className="device-panel" lang={respondentLocale}>
        <p className="device-thanks" role="status">
          {translateDevice(respondentLocale, 'respondent.thanks')}
        </p>
        <button type="button" onClick={() => setScreen('home')}>
          {translateDevice(respondentLocale, 'respondent.next')}
        </button>
      </main>
    );
  }
  return (
    <main className="device-page">
      {device === undefined && <p role="status">{t('device.loading')}</p>}
      {device === null && (
        <>
          {message && <p role="status">{message}</p>}
          <PrepareForm surveyId={surveyId} onPrepared={prepared} />
        </>
      )}
      {device && preparingAgain && (
        <PrepareForm
          surveyId={surveyId}
          again={{ label: device.device.label, waiting: unlocked ? queue.length : undefined, onCancel: () => setPreparingAgain(false) }}
          onPrepared={prepared}
        />
      )}
      {device && !preparingAgain && !unlocked && (
        <LockedScreen
          locales={device.survey.locales.filter((l): l is Locale => l === 'en' || l === 'es')}
          refusal={refusal}
          onStart={start}
          onUnlock={unlock}
          onPrepareAgain={() => setPreparingAgain(true)}
        />
      )}
      {device && !preparingAgain && unlocked && (
        <DeviceHome
          device={device}
          queue={queue}
          online={online}
          syncing={syncing}
          message={message}
          onStart={start}
          onSync={() => void sync()}
          onForget={() => void forget()}
          onPrepareAgain={() => {
            setMessage('');
            setPreparingAgain(true);
          }}
          onLock={() => {
            setMessage('');
            setUnlocked(false);
          }}
        />
      )}
    </main>
  );
}

/** Why this device cannot be unlocked here at all, if it cannot. */
function lockRefusal(lock: DeviceLock | undefined): 'locked-out' | 'no-pin' | null {
  if (!lock) return 'no-pin';
  return lock.failures >= LOCK.maxFailures ? 'locked-out' : null;
}
