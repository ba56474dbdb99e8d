import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import type { PublicSurvey } from '@candor/shared';

/**
 * The language of the survey's own words: `?lang=` when the survey is offered in it (any
 * ISO 639-1 language a researcher added), else the page's UI language. Candor's own words
 * (buttons, notices) stay in English or Spanish — English for languages it has none for.
 * The document's `lang` follows the survey's words, the main content of the page.
 */
export function useContentLocale(survey: PublicSurvey | null, uiLocale: string): string {
  const [params] = useSearchParams();
  const asked = params.get('lang') ?? '';
  const content = survey && survey.locales.includes(asked) ? asked : uiLocale;
  useEffect(() => {
    const previous = document.documentElement.lang;
    document.documentElement.lang = content;
    return () => {
      document.documentElement.lang = previous;
    };
  }, [content]);
  return content;
}
