import { useEffect } from 'react';
import { useParams } from 'react-router';
import { useOutreachDevice } from '../hooks/use-outreach-device';
import { NeutralScreen, ThanksScreen } from './between-respondents';
import { DeviceStaffScreen } from './device-staff-screen';
import { RespondentScreen } from './respondent-screen';
import '../../../styles/outreach-device.css';

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
  const session = useOutreachDevice(surveyId);
  const { screen, setScreen, respondentLocale, model, device } = session;

  useEffect(() => {
    document.title = 'Candor';
  }, []);

  if (screen === 'neutral') return <NeutralScreen locale={respondentLocale} onContinue={() => setScreen('home')} />;
  if (screen === 'respondent' && model && device) {
    return (
      <RespondentScreen
        model={model}
        survey={device.survey}
        locale={respondentLocale}
        onComplete={session.onComplete}
        onQuickExit={session.quickExit}
      />
    );
  }
  if (screen === 'thanks') return <ThanksScreen locale={respondentLocale} onNext={() => setScreen('home')} />;
  return <DeviceStaffScreen surveyId={surveyId} session={session} />;
}
