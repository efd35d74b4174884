import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatLongDate, formatMoney, formatNumber, isoDate } from './format';
import { defaultLanguage, isLanguage, type Language } from './index';

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : defaultLanguage;
}

/** Formatting helpers bound to the current language. */
export function useFormat() {
  const language = useLanguage();
  return useMemo(
    () => ({
      language,
      date: (value: string | number | Date) => formatDate(value, language),
      longDate: (value: string | number | Date) => formatLongDate(value, language),
      dateTime: (value: string | number | Date) => formatDateTime(value, language),
      money: (amount: number, currency?: string) => formatMoney(amount, language, currency),
      number: (value: number) => formatNumber(value, language),
      iso: isoDate,
    }),
    [language],
  );
}
