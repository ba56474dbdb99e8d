import { Link, useLocation } from 'react-router';
import { translate, type Locale } from '../../lib/i18n/i18n';

const NAMES: Record<string, string> = { en: 'English', es: 'Español' };

interface LanguageSwitchProps {
  readonly current: Locale;
  readonly available: readonly string[];
}

/** Links to the same page in the other languages (the language lives in the URL). */
export function LanguageSwitch({ current, available }: LanguageSwitchProps) {
  const location = useLocation();
  if (available.length < 2) return null;
  return (
    <nav className="language-switch" aria-label={translate(current, 'common.language')}>
      {available.map((code) =>
        code === current ? (
          <span key={code} aria-current="true" lang={code}>
            {NAMES[code] ?? code}
          </span>
        ) : (
          <Link key={code} to={`${location.pathname}?lang=${code}`} lang={code} replace>
            {NAMES[code] ?? code}
          </Link>
        ),
      )}
    </nav>
  );
}
