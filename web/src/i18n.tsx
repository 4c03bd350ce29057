import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { en, id, type MessageKey } from './messages';

export type Lang = 'id' | 'en';
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const STORAGE_KEY = 'lp.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { id, en };

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id'; // storage can be blocked (private mode, embedded webviews)
  }
}

// Kept outside React as well, so the API client can send Accept-Language
// without being a hook.
let currentLang: Lang = readStoredLang();
export const getLang = (): Lang => currentLang;

function interpolate(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Translate outside React (e.g. fallback error messages in the API client). */
export const translate: Translate = (key, vars) => interpolate(dictionaries[currentLang][key], vars);

type I18n = { lang: Lang; setLang: (lang: Lang) => void; t: Translate };
const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(currentLang);
  const queryClient = useQueryClient();

  const setLang = useCallback(
    (next: Lang) => {
      currentLang = next;
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // not saved; the choice still holds for this visit
      }
      document.documentElement.lang = next;
      setLangState(next);
      // Server text (error messages, and later localised content) follows
      // Accept-Language, so refetch what is on screen.
      void queryClient.invalidateQueries();
    },
    [queryClient],
  );

  const value = useMemo<I18n>(() => ({ lang, setLang, t: (key, vars) => interpolate(dictionaries[lang][key], vars) }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('I18nProvider is missing');
  return value;
}

/** `const t = useT(); t('nav.signIn')` */
export const useT = (): Translate => useI18n().t;
export const useLang = (): Pick<I18n, 'lang' | 'setLang'> => {
  const { lang, setLang } = useI18n();
  return { lang, setLang };
};

// Shared with the server so both print rupiah and phones the same way.
export { formatPhone, formatRupiah } from '../../src/shared/format';

/** wa.me wants the international number without "+" or separators. */
export function whatsappLink(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `https://wa.me/${digits.startsWith('0') ? `62${digits.slice(1)}` : digits}`;
}

export function formatDateTime(iso: string, lang: Lang, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const locale = lang === 'id' ? 'id-ID' : 'en-GB';
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
  }
}
