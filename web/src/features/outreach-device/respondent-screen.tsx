import { useEffect } from 'react';
import type { Model } from 'survey-core';
import type { PublicSurvey } from '@candor/shared';
import { Survey } from 'survey-react-ui';
import type { Locale } from '../../lib/i18n/i18n';
import { translateDevice } from './device-messages';
import { DevicePrivacyNotice } from './device-privacy-notice';

interface RespondentScreenProps {
  readonly model: Model;
  readonly survey: PublicSurvey;
  readonly locale: Locale;
  readonly onComplete: (answers: Record<string, unknown>) => void;
  readonly onQuickExit: () => void;
}

/**
 * One respondent's turn: the survey in their language and a Quick exit (the button, or
 * Shift three times) that blanks the form and shows a neutral screen.
 */
export function RespondentScreen({ model, survey, locale, onComplete, onQuickExit }: RespondentScreenProps) {
  useEffect(() => {
    // A deep copy: the model is blanked right after, and nothing may keep pointing into it.
    const handler = (sender: Model) => onComplete(JSON.parse(JSON.stringify(sender.data)) as Record<string, unknown>);
    model.onComplete.add(handler);
    return () => model.onComplete.remove(handler);
  }, [model, onComplete]);

  useEffect(() => {
    let presses: number[] = [];
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Shift') return;
      const now = event.timeStamp;
      presses = [...presses.filter((at) => now - at < 1500), now];
      if (presses.length >= 3) onQuickExit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onQuickExit]);

  return (
    <main className="device-respondent" lang={locale} aria-label={translateDevice(locale, 'respondent.label')}>
      <div className="respondent-bar">
        <button type="button" className="quick-exit" onClick={onQuickExit}>
          {translateDevice(locale, 'respondent.quickExit')}
        </button>
      </div>
      <DevicePrivacyNotice survey={survey} locale={locale} />
      <Survey model={model} />
    </main>
  );
}
