import { useEffect, useState } from 'react';
import type { Model } from 'survey-core';
import type { PublicSurvey } from '@candor/shared';
import { Survey } from 'survey-react-ui';
import { watchTripleShift } from '../../../components/respondent/quick-exit';
import type { Locale } from '../../../lib/i18n/i18n';
import { useCodeGate } from '../hooks/use-code-gate';
import { DeviceCodeField } from './device-code-field';
import { translateDevice } from '../model/device-messages';
import { DevicePrivacyNotice } from './device-privacy-notice';

interface RespondentScreenProps {
  readonly model: Model;
  readonly survey: PublicSurvey;
  readonly locale: Locale;
  /** The answers, and the code from the respondent's card when the survey requires one. */
  readonly onComplete: (answers: Record<string, unknown>, outreachCode: string | undefined) => void;
  readonly onQuickExit: () => void;
}

/**
 * One respondent's turn: the survey in their language and a Quick exit (the button, or
 * Shift three times) that blanks the form and shows a neutral screen. When the survey requires
 * outreach codes, the first page asks for the code from the respondent's card, as respondent
 * pages do; it goes into the sealed box with the answers and is checked and spent when the
 * device sends them. The code lives in this screen's state only, gone when the screen is.
 */
export function RespondentScreen({ model, survey, locale, onComplete, onQuickExit }: RespondentScreenProps) {
  const requiresCode = survey.protection.outreachCode;
  const gate = useCodeGate(model, requiresCode, locale);
  const codeRef = gate.codeRef;
  const [onFirstPage, setOnFirstPage] = useState(true);

  useEffect(() => {
    const update = () => setOnFirstPage(model.isFirstPage);
    update();
    model.onCurrentPageChanged.add(update);
    return () => model.onCurrentPageChanged.remove(update);
  }, [model]);

  useEffect(() => {
    // A deep copy: the model is blanked right after, and nothing may keep pointing into it.
    const handler = (sender: Model) =>
      onComplete(JSON.parse(JSON.stringify(sender.data)) as Record<string, unknown>, requiresCode ? codeRef.current.trim() : undefined);
    model.onComplete.add(handler);
    return () => model.onComplete.remove(handler);
  }, [model, onComplete, requiresCode, codeRef]);

  // The respondent pages' own watcher: Shift three times alone, so typing capitals (a card's
  // code, a name) or holding Shift never blanks the answers.
  useEffect(() => watchTripleShift(window, onQuickExit), [onQuickExit]);

  return (
    <main className="device-respondent" lang={locale} aria-label={translateDevice(locale, 'respondent.label')}>
      <div className="respondent-bar">
        <button type="button" className="quick-exit" onClick={onQuickExit}>
          {translateDevice(locale, 'respondent.quickExit')}
        </button>
      </div>
      <DevicePrivacyNotice survey={survey} locale={locale} />
      {requiresCode && (onFirstPage || gate.error) && <DeviceCodeField gate={gate} locale={locale} />}
      <Survey model={model} />
    </main>
  );
}
