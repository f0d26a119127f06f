import { en as account } from './en/account';
import { en as common } from './en/common';
import { en as family } from './en/family';
import { en as me } from './en/me';
import { en as publicPages } from './en/public';
import { en as register } from './en/register';
import type { Messages } from './messages';

/**
 * The app's text in English, in files of its own: fetched only when English is shown, so that a
 * phone showing Japanese does not download it (`index.ts`, `loadLang`). The reception console's
 * English (`en/staff.ts`) is fetched with the console's screens (`staff.ts`).
 */
export const en: Messages = {
  ...common,
  ...publicPages,
  ...register,
  ...me,
  ...family,
  ...account,
};
