import type { Locale } from '../../../lib/i18n/i18n';
import { translateDevice } from '../model/device-messages';

/** After quick exit: a page that says nothing about the survey, in the respondent's language. */
export function NeutralScreen({ locale, onContinue }: { readonly locale: Locale; readonly onContinue: () => void }) {
  return (
    <main className="device-neutral">
      <h1>{translateDevice(locale, 'neutral.title')}</h1>
      <p>{translateDevice(locale, 'neutral.body')}</p>
      <button type="button" className="secondary" onClick={onContinue}>
        {translateDevice(locale, 'neutral.continue')}
      </button>
    </main>
  );
}

/** After a respondent sends: thanks, and the way back to the device's start for the next one. */
export function ThanksScreen({ locale, onNext }: { readonly locale: Locale; readonly onNext: () => void }) {
  return (
    <main className="device-panel" lang={locale}>
      <p className="device-thanks" role="status">
        {translateDevice(locale, 'respondent.thanks')}
      </p>
      <button type="button" onClick={onNext}>
        {translateDevice(locale, 'respondent.next')}
      </button>
    </main>
  );
}
