import { Link, useLocation } from 'react-router';
import { languageName, uiLocaleFor } from '@candor/shared';
import { translate } from '../../lib/i18n/i18n';

interface LanguageSwitchProps {
  /** The page's language: a UI language, or a survey language Candor has no words for. */
  readonly current: string;
  readonly available: readonly string[];
  /** Names the researcher gave the survey's languages (else each language's own name). */
  readonly names?: Readonly<Record<string, string>>;
}

/** Links to the same page in the other languages (the language lives in the URL). */
export function LanguageSwitch({ current, available, names }: LanguageSwitchProps) {
  const location = useLocation();
  if (available.length < 2) return null;
  return (
    <nav className="language-switch" aria-label={translate(uiLocaleFor(current), 'common.language')}>
      {available.map((code) =>
        code === current ? (
          <span key={code} aria-current="true" lang={code}>
            {languageName(code, names)}
          </span>
        ) : (
          <Link key={code} to={`${location.pathname}?lang=${code}`} lang={code} replace>
            {languageName(code, names)}
          </Link>
        ),
      )}
    </nav>
  );
}
