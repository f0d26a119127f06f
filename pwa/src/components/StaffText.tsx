import { t, tIn, type MessageKey } from '../i18n/staff';
import { textWith } from './Text';

/** `Text` for the reception console's screens: its keys as well as the app's. */
export const Text = textWith<MessageKey>({ t, tIn });
