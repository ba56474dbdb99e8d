import { useCallback, useState } from 'react';
import type { Model } from 'survey-core';
import type { Locale } from '../../../lib/i18n/i18n';
import { sealAnswersForSending } from '../../../lib/sealed-answers';
import { useDeviceTranslation } from '../model/device-messages';
import { deviceStore, type StoredDevice } from '../model/device-store';
import { newSubmissionKey, sealSubmission } from '../model/seal';

export type Screen = 'home' | 'respondent' | 'thanks' | 'neutral';

interface RespondentTurnOptions {
  readonly device: StoredDevice | null | undefined;
  readonly model: Model | null;
  readonly reloadQueue: () => Promise<void>;
  readonly setMessage: (message: string) => void;
  /** Runs when a respondent takes the device: the staff screen locks behind them. */
  readonly onHandOver: () => void;
}

/**
 * One respondent's turn on the device: which screen shows, in which language, and what
 * happens on start, completion and quick exit. Every screen lives in one history entry.
 */
export function useRespondentTurn({ device, model, reloadQueue, setMessage, onHandOver }: RespondentTurnOptions) {
  const { t } = useDeviceTranslation();
  const [screen, setScreen] = useState<Screen>('home');
  const [respondentLocale, setRespondentLocale] = useState<Locale>('en');

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
        const sealed = await sealAnswers(device, answers, outreachCode);
        await deviceStore.enqueue({ id: crypto.randomUUID(), surveyId: device.surveyId, sealed });
        await reloadQueue();
      } catch {
        setMessage(t('device.notSaved'));
      }
    },
    [blank, device, reloadQueue, t, setMessage],
  );

  const onComplete = useCallback(
    (answers: Record<string, unknown>, outreachCode: string | undefined) => void complete(answers, outreachCode),
    [complete],
  );

  const quickExit = useCallback(() => {
    blank();
    setScreen('neutral');
  }, [blank]);

  const start = (locale: Locale) => {
    if (!model) return;
    // A respondent holds the device from now on: the staff screen stays locked after them.
    onHandOver();
    blank();
    model.locale = locale;
    setRespondentLocale(locale);
    setScreen('respondent');
  };

  return { screen, setScreen, respondentLocale, onComplete, quickExit, start };
}

/**
 * Free text first to the research team's key (as on a respondent's own phone): the server
 * that opens the box still never holds it in clear. Then the whole submission to the
 * survey's server key.
 */
function sealAnswers(device: StoredDevice, answers: Record<string, unknown>, outreachCode: string | undefined): Promise<string> {
  return sealSubmission(
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
}
