import { createContext, useContext } from 'react';
import { useSearchParams } from 'react-router';
import { messagesEn, type MessageKey } from './messages-en';
import { messagesEs } from './messages-es';

export const SUPPORTED_LOCALES = ['en', 'es'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

export function isLocale(value: string | null | undefined): value is Locale {
  return (SUPPORTED_LOCALES as readonly string[]).includes(value ?? '');
}

/** Set by the staff app to the signed-in user's language; respondents choose in the URL. */
export const LocaleContext = createContext<Locale | null>(null);

/** The language: `?lang=` in the URL wins, then the context, then English. */
export function useLocale(): Locale {
  const [params] = useSearchParams();
  const fromContext = useContext(LocaleContext);
  const lang = params.get('lang');
  if (isLocale(lang)) return lang;
  return fromContext ?? 'en';
}

/** Builds a typed `useTranslation` hook for a pair of catalogues (English is the source). */
export function createTranslations<K extends string>(catalogs: Record<Locale, Record<K, string>>) {
  const translate = (locale: Locale, key: K, vars?: Record<string, string | number>): string => {
    let text = catalogs[locale][key] ?? catalogs.en[key] ?? key;
    if (vars) for (const [name, value] of Object.entries(vars)) text = text.split(`{${name}}`).join(String(value));
    return text;
  };
  const useTranslations = () => {
    const locale = useLocale();
    return { locale, t: (key: K, vars?: Record<string, string | number>) => translate(locale, key, vars) };
  };
  return { translate, useTranslations };
}

const core = createTranslations<MessageKey>({ en: messagesEn, es: messagesEs });

export const translate = core.translate;
export const useTranslation = core.useTranslations;
export type Translate = (key: MessageKey) => string;
export type { MessageKey };
