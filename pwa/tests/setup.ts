import { loadAllScreens } from '../src/app';
import { loadLang } from '../src/i18n';

// Screens are fetched when first shown (src/lib/lazy.tsx); tests render them at once, as a
// phone does once it has them.
await loadAllScreens();
await loadLang('en');
