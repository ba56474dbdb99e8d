import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation, type Locale } from '../../lib/i18n/i18n';
import { LanguageSwitch } from '../ui/language-switch';
import { quickExit, watchTripleShift } from './quick-exit';
import { SafetyGuideView } from './safety-guide-view';

interface RespondentShellProps {
  readonly locale: Locale;
  /** The language of the survey's own words when it is not a UI language (e.g. Portuguese). */
  readonly content?: string;
  readonly languages?: readonly string[];
  readonly languageNames?: Readonly<Record<string, string>>;
  /** "Staying safe online" opens inside the page (the survey stays mounted, answers kept); false on /safety itself. */
  readonly safetyInPage?: boolean;
  readonly children: ReactNode;
}

/**
 * Every respondent page sits in this: a Quick exit button that is always visible (and
 * Shift pressed three times), "Staying safe online", and the language switch — in one row.
 */
export function RespondentShell({
  locale,
  content,
  languages = ['en', 'es'],
  languageNames,
  safetyInPage = true,
  children,
}: RespondentShellProps) {
  const { t } = useTranslation();
  const [safety, setSafety] = useState(false);
  const heading = useRef<HTMLHeadingElement | null>(null);
  useEffect(() => watchTripleShift(window, quickExit), []);
  useEffect(() => {
    if (!safety) return;
    window.scrollTo(0, 0);
    heading.current?.focus();
  }, [safety]);
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
          {safetyInPage ? (
            <button type="button" className="link-button" aria-expanded={safety} onClick={() => setSafety((open) => !open)}>
              {t('safety.short')}
            </button>
          ) : (
            <Link to={`/safety?lang=${locale}`}>{t('safety.short')}</Link>
          )}
        </nav>
        <LanguageSwitch current={content ?? locale} available={languages} names={languageNames} />
      </header>
      {safety && (
        <main className="safety-page">
          <SafetyGuideView locale={locale} headingRef={heading} />
          <p>
            <button type="button" onClick={() => setSafety(false)}>
              {t('safety.back')}
            </button>
          </p>
        </main>
      )}
      {/* Kept mounted while the guide is open: the answers live in this component tree. */}
      <div hidden={safety}>{children}</div>
    </>
  );
}
