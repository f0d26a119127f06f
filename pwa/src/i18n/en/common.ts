import type { ja } from '../ja/common';
import type { Dictionary } from '../text';

/** `../ja/common.ts` in English: exactly its keys (a missing or an extra one is a type error). */
export const en: Dictionary<keyof typeof ja> = {
  'app.name': 'renkei',
  'app.fullName': 'renkei',
  'lang.label': 'Language',

  'layout.skip': 'Skip to main content',
  'layout.footer.help':
    'If anything is unclear, please ask at the reception of a participating hospital, clinic or pharmacy.',
  'layout.footer.name': 'renkei — regional medical and care information-sharing network',

  'offline.banner': 'You are not connected to the internet. Check your connection and try again.',
  'busy.banner': 'Busy right now. Trying again in {seconds} s.',

  'error.requestId': 'If you ask for help, please quote this number: {id}',

  'common.sending': 'Sending…',
  'form.optional': ' (optional)',
  'form.errorPrefix': 'Please check: ',

  'doc.my_number_card': 'My Number Card used as health insurance card',
  'doc.my_number_card.hint':
    'Your My Number Card does not show the insurance numbers. Find the insurer number, symbol, number and branch number on the paper eligibility information notice (Shikaku Jōhō no Oshirase), or on the health insurance page of Mynaportal.',
  'doc.qualification_certificate': 'Certificate of eligibility (Shikaku Kakuninsho)',
  'doc.qualification_certificate.hint':
    'On the front: the symbol, number and branch number near the top, and the insurer number near the bottom (see the picture for the Japanese words).',
  'doc.old_card': 'Health insurance card (Hokenshō), the older kind',
  'doc.old_card.hint':
    'On the front: the symbol and number near the top (newer cards also show a branch number), and the insurer number near the bottom (see the picture for the Japanese words).',
  'doc.late_elderly': 'Late-stage elderly medical care certificate or card (Kōki Kōreisha Iryō)',
  'doc.late_elderly.hint':
    'It shows the insured person’s number (8 digits) and, near the bottom, the insurer number (8 digits starting with 39). There is no symbol or branch number.',

  'calendar.western': 'Western (e.g. 1950)',
  'calendar.R': 'Reiwa',
  'calendar.H': 'Heisei',
  'calendar.S': 'Showa',
  'calendar.T': 'Taisho',
  'calendar.M': 'Meiji',
  'calendar.eraYear': '{era} {year}',
  'calendar.first': '1',

  'sex.female': 'Female',
  'sex.male': 'Male',

  'check.required': 'Please fill this in.',
  'check.choose': 'Please choose one.',
  'check.insurer.required': 'Please enter the insurer number.',
  'check.insurer.invalid_format':
    'The insurer number has 6 or 8 digits. Copy it from your document (see the picture for where it is).',
  'check.insurer.check_digit':
    'This insurer number does not look right. Compare each digit with your document for a typo or swapped digits.',
  'check.insurer.lateElderly':
    'Insurer numbers for late-stage elderly medical care have 8 digits starting with “39”. Check the insurer number, or choose the kind of document again.',
  'check.birth.required': 'Please enter the year, month and day of your birth.',
  'check.birth.invalid_format':
    'There is no such date. Check the era (such as Showa) and the year, month and day.',
  'check.birth.out_of_range': 'This date is in the future or too long ago. Please check the year.',
  'check.kana':
    'Please write how your name is read in hiragana or katakana (the furigana on Japanese forms), or, if your card gives your name in Latin letters only, in Latin letters only (for example SMITH JOHN).',
  'check.phone':
    'Please enter a Japanese phone number: 10 or 11 digits starting with 0 (example: 090-1234-5678).',
  'check.email':
    'This email address does not look complete. Check the parts before and after the “@” (example: hanako@example.jp).',
  'check.branch': 'The branch number has up to 2 digits. Leave it empty if your document has none.',
  'check.code.required': 'Please enter the 6-digit code from the email.',
  'check.code.format': 'The code has 6 digits. Enter it exactly as in the email.',

  'errors.title': 'Please check these answers ({count})',
  'errors.entryPoint':
    'Registration through this QR code has ended. Please scan the QR code on a newer poster.',
  'errors.consentExpired':
    'The consent document has been updated. Please read the new document, then continue.',
  'errors.consentReread': 'Read the new consent document',
  'errors.alreadyDone': 'This registration is already complete. Please sign in.',

  'errors.expired':
    'The time for completing this registration has run out. Sorry — please start again.',
  'errors.restart': 'Start again',

  'passkey.title': 'Set up sign-in on this phone',
  'passkey.lead':
    'With a passkey, you sign in next time with just this phone’s fingerprint, face or screen lock. No password needed.',
  'passkey.create': 'Create a passkey on this phone',
  'passkey.creating': 'Creating the passkey…',
  'passkey.retry': 'Try creating the passkey again',
  'passkey.skip': 'Continue without a passkey (sign in with an email code)',
  'passkey.unsupported':
    'This phone (or browser) cannot create passkeys. Next time, you sign in with a code sent to your email.',
  'passkey.create.cancelled': 'No passkey was created. Try again, or continue without a passkey.',
  'passkey.create.unsupported':
    'This phone (or browser) could not create a passkey. Please continue without a passkey.',
  'passkey.create.exists':
    'This phone already has a passkey for this account. Please continue without a new one.',
  'passkey.create.failed':
    'The passkey could not be created. Try again, or continue without a passkey.',
  'passkey.create.rejected':
    'The passkey could not be checked. Try again, or continue without a passkey.',
  'passkey.signIn.cancelled':
    'You were not signed in. Press “Sign in with a passkey” again, or sign in with an email code.',
  'passkey.signIn.unsupported':
    'This browser cannot use passkeys. Please sign in with an email code.',
  'passkey.signIn.exists':
    'You were not signed in. Press “Sign in with a passkey” again, or sign in with an email code.',
  'passkey.signIn.failed':
    'Signing in with a passkey did not work. Try again, or sign in with an email code.',
  'passkey.signIn.rejected':
    'This passkey could not be checked. Try again, or sign in with an email code. If it keeps happening, see “Can’t sign in?”.',

  'screen.loadFailed':
    'This screen could not be loaded. Check your internet connection, then press “Reload”.',
  'screen.reload': 'Reload',

  // Shared by the frame, the signed-in pages and the reception console.
  'screen.loading': 'Loading…',
  'screen.retry': 'Try again',
  'signOut.working': 'Signing out…',
  'history.channel.web': 'Online (phone or computer)',
  'history.channel.paper': 'Paper form',
  'acting.banner': 'Acting for {name}',
  'acting.back': 'Back to my own page',
  'acting.back.short': 'Back',
  'proxy.relationship.child': 'child',
  'proxy.relationship.spouse': 'spouse',
  'proxy.relationship.sibling': 'sibling',
  'proxy.relationship.grandchild': 'grandchild',
  'proxy.relationship.other_relative': 'other relative',
  'proxy.relationship.legal_guardian': 'legal representative (such as a guardian)',
  'proxy.relationship.other': 'other',
  'proxy.level.view': 'View only',
  'proxy.level.manage': 'View and handle procedures',
};
