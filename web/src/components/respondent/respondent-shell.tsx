import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation, type Locale } from '../../lib/i18n/i18n';
import { LanguageSwitch } from '../ui/language-switch';
import { quickExit, watchTripleShift } from './quick-exit';

interface RespondentShellProps {
  readonly locale: Locale;
  readonly languages?: readonly string[];
  readonly children: ReactNode;
}

/**
 * Every respondent page sits in this: a Quick exit button that is always visible (and
 * Shift pressed three times), a link to "Staying safe online", and the language switch.
 */
export function RespondentShell({ locale, languages = ['en', 'es'], children }: RespondentShellProps) {
  const { t } = useTranslation();
  useEffect(() => watchTripleShift(window, quickExit), []);
  return (
    <>
      <header className="respondent-bar">
        <button type="button" className="quick-exit" onClick={quickExit} title={t('exit.hint')} aria-describedby="quick-exit-hint">
          {t('exit.button')}
        </button>
        <span id="quick-exit-hint" className="visually-hidden">
          {t('exit.hint')}
        </span>
        <nav className="respondent-links" aria-label={t('safety.link')}>
          <Link to={`/safety?lang=${locale}`}>{t('safety.link')}</Link>
        </nav>
        <LanguageSwitch current={locale} available={languages} />
      </header>
      {children}
    </>
  );
}
