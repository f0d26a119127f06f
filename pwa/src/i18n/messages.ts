import { ja as account } from './ja/account';
import { ja as common } from './ja/common';
import type { ja as family } from './ja/family';
import type { ja as me } from './ja/me';
import { ja as publicPages } from './ja/public';
import { ja as register } from './ja/register';
import type { ja as staff } from './ja/staff';
import type { ja as access } from './ja/access';
import type { Dictionary } from './text';

/**
 * The user-facing text of the app, in Japanese (the default) and English, in a file per area
 * as the pages are grouped (`ja/*.ts`, `en/*.ts`), plus `common` for what belongs to no one
 * screen. A key's first word says what it was written for, and so its area (see `ja/*.ts`).
 *
 * Japanese defines the keys; each English file (fetched only when English is shown) must have
 * exactly the same keys as its Japanese file (its `Dictionary` type makes a missing or an extra
 * key a type error). What a poster's page and the app's frame need is here; the text of the
 * signed-in pages (`me`, `family`: `resident.ts`), of the reception console (`staff`) and of the
 * access record (`access`) is not part of `ja`: only their own code reads it, and it comes
 * with that code, so a phone opening a poster's QR code does not download it. Write plain, short sentences; every message about a
 * problem says what to do next.
 */
export const ja = {
  ...common,
  ...publicPages,
  ...register,
  ...account,
};

export type MessageKey = keyof typeof ja;
export type Messages = Dictionary<MessageKey>;

type Areas = [
  typeof common,
  typeof publicPages,
  typeof register,
  typeof me,
  typeof family,
  typeof account,
  typeof staff,
  typeof access,
];
type KeysOf<T extends readonly object[]> = T[number] extends infer A
  ? A extends object
    ? keyof A
    : never
  : never;
type WrittenTwice<T extends readonly object[]> = T extends readonly [
  infer First extends object,
  ...infer Rest extends readonly object[],
]
  ? (keyof First & KeysOf<Rest>) | WrittenTwice<Rest>
  : never;

// Every key is written in one area only (in a second, one text would silently replace the
// other): if this line stops compiling, its type names the keys written twice.
export const everyKeyWrittenOnce: [WrittenTwice<Areas>] extends [never]
  ? true
  : WrittenTwice<Areas> = true;
