import { useSearchParams } from 'react-router';
import { messagesEn, type MessageKey } from './messages-en';
import { messagesEs } from './messages-es';

export const SUPPORTED_LOCALES = ['en', 'es'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

const catalogs: Record<Locale, Record<MessageKey, string>> = { en: messagesEn, es: messagesEs };

export function isLocale(value: string | null | undefined): value is Locale {
  return (SUPPORTED_LOCALES as readonly string[]).includes(value ?? '');
}

export function translate(locale: Locale, key: MessageKey): string {
  return catalogs[locale][key];
}

/** The language chosen in the URL (`?lang=es`), English by default. */
export function useLocale(): Locale {
  const [params] = useSearchParams();
  const lang = params.get('lang');
  return isLocale(lang) ? lang : 'en';
}

export type Translate = (key: MessageKey) => string;

export function useTranslation(): { locale: Locale; t: Translate } {
  const locale = useLocale();
  return { locale, t: (key) => translate(locale, key) };
}

export type { MessageKey };
