import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import type { Model } from 'survey-core';
import { normalizeOutreachCode, OUTREACH_CODE } from '@candor/shared';
import { translate, type Locale } from '../../lib/i18n/i18n';
import { translateDevice } from './device-messages';

const CODE_PATTERN = new RegExp(`^[${OUTREACH_CODE.alphabet}]{${OUTREACH_CODE.length}}$`);

export interface CodeGate {
  readonly code: string;
  /** The code as typed, for the complete handler (state would be stale in SurveyJS's callbacks). */
  readonly codeRef: RefObject<string>;
  readonly error: string | null;
  readonly fieldRef: RefObject<HTMLInputElement | null>;
  readonly change: (value: string) => void;
}

/**
 * For a survey that requires outreach codes: the respondent may not leave the first page, nor
 * send, without something that looks like a card's code (there may be no signal to check it:
 * the server checks and spends it when the device sends the box).
 */
export function useCodeGate(model: Model, required: boolean, locale: Locale): CodeGate {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const codeRef = useRef('');
  const fieldRef = useRef<HTMLInputElement | null>(null);

  useEffect(() => {
    if (!required) return undefined;
    const problem = (): string | null => {
      const typed = codeRef.current;
      if (typed.trim() === '') return translate(locale, 'outreach.required');
      if (!CODE_PATTERN.test(normalizeOutreachCode(typed))) return translateDevice(locale, 'respondent.codeFormat');
      return null;
    };
    const hold = (options: { allow: boolean }) => {
      const found = problem();
      setError(found);
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
  }, [model, required, locale]);

  const change = (value: string) => {
    codeRef.current = value;
    setCode(value);
    setError(null);
  };
  return { code, codeRef, error, fieldRef, change };
}

/** The code from the respondent's printed card, in the respondent's language. */
export function DeviceCodeField({ gate, locale }: { readonly gate: CodeGate; readonly locale: Locale }) {
  const id = useId();
  return (
    <div className="outreach-code">
      <label htmlFor={id}>{translate(locale, 'outreach.label')}</label>
      <p className="hint" id={`${id}-hint`}>
        {translate(locale, 'outreach.hint')} {translateDevice(locale, 'respondent.codeLater')}
      </p>
      {gate.error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {gate.error}
        </p>
      )}
      <input
        id={id}
        ref={gate.fieldRef}
        value={gate.code}
        onChange={(event) => gate.change(event.target.value)}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={32}
        aria-describedby={`${id}-hint${gate.error ? ` ${id}-error` : ''}`}
        aria-invalid={gate.error ? true : undefined}
      />
    </div>
  );
}
