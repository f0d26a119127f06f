import { ja as account } from './ja/account';
import { ja as common } from './ja/common';
import { ja as family } from './ja/family';
import { ja as me } from './ja/me';
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
 * key a type error). The reception console's text (`staff`) and the access record's (`access`)
 * are not part of `ja`: only their own code reads them (`staff.ts`, `access.ts`). Write plain, short sentences; every message about a
 * problem says what to do next.
 */
export const ja = {
  ...common,
  ...publicPages,
  ...register,
  ...me,
  ...family,
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
