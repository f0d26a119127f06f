import * as app from './index';
import type { Lang } from './lang';
import { ja as family } from './ja/family';
import { ja as me } from './ja/me';
import { areaTexts, type Params } from './text';

/**
 * The i18n of the signed-in pages (a person's own page, the card, consents, family): everything
 * `i18n/index.ts` offers, with `t` and `tIn` taking their keys (`ja/me.ts`, `ja/family.ts`) as
 * well as the app's. Only their code imports this module, so their text comes with their
 * screens and a phone opening a poster's QR code does not download it; the English comes when
 * English is shown (`en/me.ts`, `en/family.ts`). Code that imports `t` from `i18n` cannot ask for
 * these keys: a page shown before signing in cannot show text that has not come.
 */
export * from './index';

const ja = { ...me, ...family };

/** A key of the signed-in pages' text. */
export type ResidentKey = keyof typeof ja;
/** A key of the app's text or the signed-in pages'. */
export type MessageKey = app.MessageKey | ResidentKey;

const resident = areaTexts(app, ja, () =>
  Promise.all([import('./en/me'), import('./en/family')]).then(([m, f]) => ({ ...m.en, ...f.en })),
);

/** Fetches the signed-in pages' text in a language if it is not here yet (see `loadLang`). */
export const loadResidentLang: (language: Lang) => Promise<void> = resident.load;

/** `i18n`'s `t`, for the signed-in pages' keys too. */
export const t: (key: MessageKey, params?: Params) => string = resident.t;

/** `i18n`'s `tIn`, for the signed-in pages' keys too. */
export const tIn: (language: Lang, key: MessageKey, params?: Params) => string = resident.tIn;
