import { useEffect, useId, useRef, useState } from 'react';
import type { Model } from 'survey-core';
import { normalizeOutreachCode, OUTREACH_CODE, type PublicSurvey } from '@candor/shared';
import { Survey } from 'survey-react-ui';
import { translate, type Locale } from '../../lib/i18n/i18n';
import { translateDevice } from './device-messages';
import { DevicePrivacyNotice } from './device-privacy-notice';

interface RespondentScreenProps {
  readonly model: Model;
  readonly survey: PublicSurvey;
  readonly locale: Locale;
  /** The answers, and the code from the respondent's card when the survey requires one. */
  readonly onComplete: (answers: Record<string, unknown>, outreachCode: string | undefined) => void;
  readonly onQuickExit: () => void;
}

const CODE_PATTERN = new RegExp(`^[${OUTREACH_CODE.alphabet}]{${OUTREACH_CODE.length}}$`);

/**
 * One respondent's turn: the survey in their language and a Quick exit (the button, or
 * Shift three times) that blanks the form and shows a neutral screen. When the survey requires
 * outreach codes, the first page asks for the code from the respondent's card, as respondent
 * pages do; it goes into the sealed box with the answers and is checked and spent when the
 * device sends them. The code lives in this screen's state only, gone when the screen is.
 */
export function RespondentScreen({ model, survey, locale, onComplete, onQuickExit }: RespondentScreenProps) {
  const requiresCode = survey.protection.outreachCode;
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [onFirstPage, setOnFirstPage] = useState(true);
  const codeRef = useRef('');
  const fieldRef = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    const update = () => setOnFirstPage(model.isFirstPage);
    update();
    model.onCurrentPageChanged.add(update);
    return () => model.onCurrentPageChanged.remove(update);
  }, [model]);

  useEffect(() => {
    if (!requiresCode) return undefined;
    // Not past the first page, and not sent, without a code that looks like one from a card.
    const problem = (): string | null => {
      const typed = codeRef.current;
      if (typed.trim() === '') return translate(locale, 'outreach.required');
      if (!CODE_PATTERN.test(normalizeOutreachCode(typed))) return translateDevice(locale, 'respondent.codeFormat');
      return null;
    };
    const hold = (options: { allow: boolean }) => {
      const found = problem();
      setCodeError(found);
      if (found) {
        options.allow = false;
        fieldRef.current?.focus();
      }
    };
    const leavingFirst = (_: Model, options: { allow: boolean; isNextPage: boolean; oldCurrentPage: unknown }) => {
      if (options.isNextPage && options.oldCurrentPage === model.visiblePages[0]) hold(options);
    };
    const completing = (_: Model, options: { allow: boolean }) => hold(options);
    model.onCurrentPageChanging.add(leavingFirst);
    model.onCompleting.add(completing);
    return () => {
      model.onCurrentPageChanging.remove(leavingFirst);
      model.onCompleting.remove(completing);
    };
  }, [model, requiresCode, locale]);

  useEffect(() => {
    // A deep copy: the model is blanked right after, and nothing may keep pointing into it.
    const handler = (sender: Model) =>
      onComplete(JSON.parse(JSON.stringify(sender.data)) as Record<string, unknown>, requiresCode ? codeRef.current.trim() : undefined);
    model.onComplete.add(handler);
    return () => model.onComplete.remove(handler);
  }, [model, onComplete, requiresCode]);

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
      {requiresCode && (onFirstPage || codeError) && (
        <div className="outreach-code">
          <label htmlFor={id}>{translate(locale, 'outreach.label')}</label>
          <p className="hint" id={`${id}-hint`}>
            {translate(locale, 'outreach.hint')} {translateDevice(locale, 'respondent.codeLater')}
          </p>
          {codeError && (
            <p className="field-error" id={`${id}-error`} role="alert">
              {codeError}
            </p>
          )}
          <input
            id={id}
            ref={fieldRef}
            value={code}
            onChange={(event) => {
              codeRef.current = event.target.value;
              setCode(event.target.value);
              setCodeError(null);
            }}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={32}
            aria-describedby={`${id}-hint${codeError ? ` ${id}-error` : ''}`}
            aria-invalid={codeError ? true : undefined}
          />
        </div>
      )}
      <Survey model={model} />
    </main>
  );
}
