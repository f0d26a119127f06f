import * as app from './index';
import type { Lang } from './lang';
import { ja } from './ja/access';
import { areaTexts, type Params } from './text';

/**
 * The i18n of the access record's page (`pages/me/AccessRecord.tsx`): everything
 * `i18n/index.ts` offers, with `t` and `tIn` taking the page's keys (`ja/access.ts`) as well as
 * the app's. Only that page's code imports this module, so its text comes with it and is not
 * part of what every phone downloads first; its English comes when English is shown
 * (`en/access.ts`), as the reception console's does (`staff.ts`).
 */
export * from './index';

/** A key of the access record's text. */
export type AccessKey = keyof typeof ja;
/** A key of the app's text or the access record's. */
export type MessageKey = app.MessageKey | AccessKey;

const access = areaTexts(app, ja, () => import('./en/access').then(({ en }) => en));

/** Fetches the access record's text in a language if it is not here yet (see `loadLang`). */
export const loadAccessLang: (language: Lang) => Promise<void> = access.load;

/** `i18n`'s `t`, for the access record's keys too. */
export const t: (key: MessageKey, params?: Params) => string = access.t;

/** `i18n`'s `tIn`, for the access record's keys too. */
export const tIn: (language: Lang, key: MessageKey, params?: Params) => string = access.tIn;
