import type { Locale } from '../../../lib/i18n/i18n';
import type { OutreachDeviceSession } from '../hooks/use-outreach-device';
import { useDeviceTranslation } from '../model/device-messages';
import { DeviceHome } from './device-home';
import { LockedScreen } from './locked-screen';
import { PrepareForm } from './prepare-form';

/**
 * The device's start screen: preparing it, preparing it again, locked (respondents start here,
 * staff unlock with the PIN) or, unlocked, the staff's home with the queue.
 */
export function DeviceStaffScreen({ surveyId, session }: { readonly surveyId: string; readonly session: OutreachDeviceSession }) {
  const { t } = useDeviceTranslation();
  const { device, message, prepared, preparingAgain, unlocked } = session;
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
          again={{
            label: device.device.label,
            waiting: unlocked ? session.queue.length : undefined,
            onCancel: () => session.setPreparingAgain(false),
          }}
          onPrepared={prepared}
        />
      )}
      {device && !preparingAgain && !unlocked && (
        <LockedScreen
          locales={device.survey.locales.filter((l): l is Locale => l === 'en' || l === 'es')}
          refusal={session.refusal}
          onStart={session.start}
          onUnlock={session.unlock}
          onPrepareAgain={() => session.setPreparingAgain(true)}
        />
      )}
      {device && !preparingAgain && unlocked && <UnlockedHome session={session} />}
    </main>
  );
}

/** The staff's home on an unlocked device. */
function UnlockedHome({ session }: { readonly session: OutreachDeviceSession }) {
  if (!session.device) return null;
  return (
    <DeviceHome
      device={session.device}
      queue={session.queue}
      online={session.online}
      syncing={session.syncing}
      message={session.message}
      onStart={session.start}
      onSync={() => void session.sync()}
      onForget={() => void session.forget()}
      onPrepareAgain={() => {
        session.setMessage('');
        session.setPreparingAgain(true);
      }}
      onLock={() => {
        session.setMessage('');
        session.setUnlocked(false);
      }}
    />
  );
}
