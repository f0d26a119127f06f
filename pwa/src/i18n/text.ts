import { effect, signal } from '@preact/signals';
import { lang, type Lang } from './lang';

/** A language's text for a set of keys: every key, and no other (an object literal is checked). */
export type Dictionary<K extends string> = { readonly [P in K]: string };

/** Values for a text's `{name}` placeholders. */
export type Params = Readonly<Record<string, string | number>>;

/** The text of a set of keys (the app's, or the reception console's) in either language. */
export interface Texts<K extends string> {
  /** The text for `key` in the current language; read in a component, it follows language changes. */
  t(key: K, params?: Params): string;
  /** The text for `key` in a given language, whatever the current one is. */
  tIn(language: Lang, key: K, params?: Params): string;
  /** Fetches a language's text if it is not here yet. */
  load(language: Lang): Promise<void>;
}

/**
 * Japanese is here from the start (the default); English is fetched by `english` the first
 * time it is shown. Until it comes, the text shows in Japanese, and again in English once it
 * has come (the English dictionary is a signal). Whatever language is chosen, its text is fetched.
 */
export function texts<K extends string>(
  ja: Dictionary<K>,
  english: () => Promise<Dictionary<K>>,
): Texts<K> {
  const en = signal<Dictionary<K> | null>(null);
  let fetching: Promise<void> | null = null;

  const load = (language: Lang): Promise<void> => {
    if (language === 'ja' || en.value) return Promise.resolve();
    fetching ??= english().then(
      (dictionary) => {
        en.value = dictionary;
      },
      (error: unknown) => {
        fetching = null; // try again at the next switch
        throw error;
      },
    );
    return fetching;
  };

  effect(() => {
    load(lang.value).catch(() => {
      // Offline before English was ever fetched: Japanese meanwhile.
    });
  });

  const tIn = (language: Lang, key: K, params?: Params): string => {
    const dictionary = language === 'ja' ? ja : en.value;
    if (!dictionary) {
      // Shown in both languages (the poster, a claim sheet) while Japanese is chosen: English is
      // fetched, and the text shows again once it has come.
      load(language).catch(() => {});
    }
    const text: string = (dictionary ?? ja)[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };

  return { t: (key, params) => tIn(lang.value, key, params), tIn, load };
}

/**
 * The text of an area that comes with its own screens (the signed-in pages', the console's, the
 * access record's), on top of the app's: `t` and `tIn` take the area's keys as well as the app's,
 * and `load` fetches the area's English. Only the area's code imports the module that builds
 * it, so its Japanese comes with that code.
 */
export function areaTexts<A extends string, K extends string>(
  app: Pick<Texts<A>, 't' | 'tIn'>,
  ja: Dictionary<K>,
  english: () => Promise<Dictionary<K>>,
): Texts<A | K> {
  const area = texts(ja, english);
  const isArea = (key: A | K): key is K => key in ja;
  return {
    t: (key, params) => (isArea(key) ? area.t(key, params) : app.t(key as A, params)),
    tIn: (language, key, params) =>
      isArea(key) ? area.tIn(language, key, params) : app.tIn(language, key as A, params),
    load: area.load,
  };
}
