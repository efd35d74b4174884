import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type en from './en.json';
import sv from './sv.json';

export const languages = ['sv', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'sv';

type English = typeof en;
// Every Swedish key must exist in English too: this fails to compile if one is missing.
const hasEverySwedishKey = (english: English): typeof sv => english;

/**
 * Swedish is in the entry chunk; English is its own chunk, loaded when someone chooses it (or has
 * it stored), so the Swedish start page does not carry both languages' words.
 */
async function loadLanguage(language: Language): Promise<void> {
  if (language === 'sv' || i18next.hasResourceBundle(language, 'translation')) return;
  const english = hasEverySwedishKey((await import('./en.json')).default);
  i18next.addResourceBundle(language, 'translation', english);
}

const storageKey = 'bt.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(storageKey);
    return isLanguage(value) ? value : defaultLanguage;
  } catch {
    // Storage can be blocked (privacy settings); Swedish is the default then.
    return defaultLanguage;
  }
}

function applyToDocument(language: Language): void {
  document.documentElement.lang = language;
  applyDesignSystemTexts();
}

/**
 * Designsystemet words some components itself, in Norwegian, whatever the page's language: the
 * character counter under a text field reads "%d tegn igjen" from a CSS custom property on
 * `.ds-field`. app.css points that property at ours, set here from the translations; counters
 * already on the page are told to read it again (a `data-limit` mutation makes them recount).
 */
function applyDesignSystemTexts(): void {
  const root = document.documentElement.style;
  // A CSS string: JSON's quoting and escapes are valid CSS string syntax for these texts.
  root.setProperty('--bt-ds-counter-under', JSON.stringify(i18next.t('designSystem.counterUnder')));
  root.setProperty('--bt-ds-counter-over', JSON.stringify(i18next.t('designSystem.counterOver')));
  for (const counter of document.querySelectorAll('[data-field="counter"]')) {
    counter.setAttribute('data-limit', counter.getAttribute('data-limit') ?? '');
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : defaultLanguage;
}

export async function changeLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Not persisted, but still switched for this visit.
  }
  await loadLanguage(language);
  await i18next.changeLanguage(language);
}

/**
 * Starts i18next with Swedish (bundled) and, when English is stored, loads it before the first
 * render so no Swedish flashes. Resolves at once for Swedish; falls back to Swedish if the English
 * chunk cannot be loaded.
 */
export async function initI18n(): Promise<typeof i18next> {
  const language = storedLanguage();
  i18next.on('languageChanged', (lng) => applyToDocument(isLanguage(lng) ? lng : defaultLanguage));
  void i18next.use(initReactI18next).init({
    resources: { sv: { translation: sv } },
    lng: defaultLanguage,
    fallbackLng: defaultLanguage,
    supportedLngs: languages,
    // Swedish is bundled, so initialisation is synchronous and the first render is translated.
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  if (language !== defaultLanguage) {
    try {
      await loadLanguage(language);
      await i18next.changeLanguage(language);
    } catch {
      // Offline or a stale deployment: Swedish it is; the language switch can try again.
    }
  }
  applyToDocument(currentLanguage());
  return i18next;
}
