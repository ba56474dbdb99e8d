import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Model } from 'survey-core';
import { normalizeOutreachCode, OUTREACH_CODE } from '@candor/shared';
import { translate, type Locale } from '../../../lib/i18n/i18n';
import { translateDevice } from '../model/device-messages';

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
