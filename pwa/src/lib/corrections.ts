import { CORRECTION_MAX, type Correction } from '../api/my-data';
import { formatNumber, t } from '../i18n/resident';

/**
 * Correction requests as the person writes and reads them: the length rule checked before
 * sending (counted in characters as the server counts them, so an emoji or a rare kanji
 * outside the basic plane is one), and each request's status in words.
 */

/** Characters, not UTF-16 units. */
export function charCount(text: string): number {
  return [...text].length;
}

/** What is wrong with a request before sending it, in the person's language; null if nothing. */
export function correctionProblem(text: string): string | null {
  if (text.trim() === '') return t('corrections.check.empty');
  const count = charCount(text);
  if (count > CORRECTION_MAX)
    return t('corrections.check.tooLong', {
      max: formatNumber(CORRECTION_MAX),
      count: formatNumber(count),
    });
  return null;
}

/** How many characters may still be written (negative when over). */
export function charsLeft(text: string): number {
  return CORRECTION_MAX - charCount(text);
}

export function statusText(status: Correction['status']): string {
  switch (status) {
    case 'open':
      return t('corrections.status.open');
    case 'corrected':
      return t('corrections.status.corrected');
    case 'declined':
      return t('corrections.status.declined');
  }
}
