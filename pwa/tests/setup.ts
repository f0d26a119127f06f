import { loadAllScreens } from '../src/app';
import { loadLang } from '../src/i18n';
import { loadStaffLang } from '../src/i18n/staff';
import { loadAccessLang } from '../src/i18n/access';

// Screens (and the reception console's frame) are fetched when first shown (src/lib/lazy.tsx);
// tests render them at once, as a phone does once it has them. The same for the English text,
// the app's, the console's and the access record's.
await loadAllScreens();
await loadLang('en');
await loadStaffLang('en');
await loadAccessLang('en');
