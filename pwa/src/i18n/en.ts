import { en as account } from './en/account';
import { en as common } from './en/common';
import { en as publicPages } from './en/public';
import { en as register } from './en/register';
import type { Messages } from './messages';

/**
 * The app's text in English, in files of its own: fetched only when English is shown, so that a
 * phone showing Japanese does not download it (`index.ts`, `loadLang`). The signed-in pages'
 * English (`en/me.ts`, `en/family.ts`) is fetched with their screens (`resident.ts`), the
 * reception console's (`en/staff.ts`) with the console's (`staff.ts`).
 */
export const en: Messages = {
  ...common,
  ...publicPages,
  ...register,
  ...account,
};
