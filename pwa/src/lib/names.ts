import type { Lang } from '../i18n';

/** A name to show in a language, and the language it is really in (for the `lang` attribute). */
export interface ShownName {
  readonly text: string;
  readonly lang: Lang;
}

/**
 * The name of a network or facility for the chosen language: the English name in English when
 * there is one, else the Japanese name (marked as Japanese, so screen readers read it right).
 */
export function nameIn(
  item: { readonly name: string; readonly nameEn?: string },
  language: Lang,
): ShownName {
  if (language === 'en' && item.nameEn) return { text: item.nameEn, lang: 'en' };
  return { text: item.name, lang: 'ja' };
}

/**
 * A facility named in the summary (a sender, a prescriber, a pharmacy): its English name in
 * English when the server knows one, else the name as sent.
 */
export function facilityIn(name: string, nameEn: string | undefined, language: Lang): string {
  return language === 'en' && nameEn ? nameEn : name;
}
