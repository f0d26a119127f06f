import { effect, signal } from '@preact/signals';

export const LANGS = ['ja', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** The localStorage key under which the chosen language is remembered. */
export const LANG_STORAGE_KEY = 'renkei.lang';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/**
 * The language to start with when the person has not chosen one: the first of the browser's
 * preferred languages that is Japanese or English decides; Japanese when neither appears.
 */
export function detectLang(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (primary === 'ja') return 'ja';
    if (primary === 'en') return 'en';
  }
  return 'ja';
}

function readStored(): Lang | null {
  try {
    const stored = globalThis.localStorage?.getItem(LANG_STORAGE_KEY);
    return isLang(stored) ? stored : null;
  } catch {
    // Storage can be disabled (private mode, strict settings): fall back to the browser's choice.
    return null;
  }
}

function browserLanguages(): readonly string[] {
  const nav = globalThis.navigator;
  if (!nav) return [];
  if (nav.languages && nav.languages.length > 0) return nav.languages;
  return nav.language ? [nav.language] : [];
}

/** The remembered choice, else the browser's preference. */
export function initialLang(): Lang {
  return readStored() ?? detectLang(browserLanguages());
}

/** The current display language. Read `lang.value` in a component to re-render on change. */
export const lang = signal<Lang>(initialLang());

/** Switch the display language and remember the choice on this device. */
export function setLang(next: Lang): void {
  lang.value = next;
  try {
    globalThis.localStorage?.setItem(LANG_STORAGE_KEY, next);
  } catch {
    // Not remembered, but the switch still applies to this visit.
  }
}

// Keep <html lang> in step, so screen readers pronounce the text in the right language.
effect(() => {
  if (typeof document !== 'undefined') document.documentElement.lang = lang.value;
});
