import * as app from './index';
import type { Lang } from './lang';
import { ja } from './ja/staff';
import { areaTexts, type Params } from './text';

/**
 * The i18n of the reception console's code: everything `i18n/index.ts` offers, with `t` and
 * `tIn` taking the console's keys (`ja/staff.ts`) as well as the app's. Only the console's code
 * imports this module (its frame, screens and components), so its text comes with them and a
 * resident's phone never downloads it; the English comes when English is shown
 * (`en/staff.ts`). The app's own `t` does not take the console's keys: code outside the console
 * cannot ask for text that is not there.
 */
export * from './index';

/** A key of the console's text. */
export type StaffKey = keyof typeof ja;
/** A key of the app's text or the console's. */
export type MessageKey = app.MessageKey | StaffKey;

const staff = areaTexts(app, ja, () => import('./en/staff').then(({ en }) => en));

/** Fetches the console's text in a language if it is not here yet (see `loadLang`). */
export const loadStaffLang: (language: Lang) => Promise<void> = staff.load;

/** `i18n`'s `t`, for the console's keys too. */
export const t: (key: MessageKey, params?: Params) => string = staff.t;

/** `i18n`'s `tIn`, for the console's keys too. */
export const tIn: (language: Lang, key: MessageKey, params?: Params) => string = staff.tIn;
