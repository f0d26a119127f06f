import type { ja } from '../ja/account';
import type { Dictionary } from '../text';

/** `../ja/account.ts` in English: exactly its keys (a missing or an extra one is a type error). */
export const en: Dictionary<keyof typeof ja> = {
  'signIn.title': 'Sign in',
  'signIn.passkey.title': 'Sign in with a passkey',
  'signIn.passkey.lead':
    'Use the passkey you created on this phone (fingerprint, face or screen lock).',
  'signIn.passkey': 'Sign in with a passkey',
  'signIn.passkey.working': 'Signing in…',
  'signIn.passkey.unsupported':
    'This browser cannot use passkeys. Please sign in with an email code.',
  'signIn.email.title': 'Sign in with an email code',
  'signIn.email.lead':
    'Enter the email address and date of birth you registered with. If they match, we email you a 6-digit code.',
  'signIn.email': 'Email address',
  'signIn.email.send': 'Send the code',
  'signIn.email.sent':
    'We sent a code to {email} (if the address and date of birth match a registration). Enter the 6-digit code from the email on this screen. If none arrives, check the date of birth and send again.',
  'signIn.code': 'Code (6 digits)',
  'signIn.submit': 'Sign in',
  'signIn.otherEmail': 'Use a different email address',
  'signIn.passkeyRequired.title': 'Please sign in with your passkey',
  'signIn.help.title': 'Need help?',
  'signIn.cantSignIn': 'Can’t sign in? (new phone, passkey not working, …)',
  'signIn.notRegistered':
    'Not registered yet? Scan the QR code on a poster at a participating facility to register.',

  'recover.title': 'Can’t sign in?',
  'recover.lead':
    'If you changed phones, for example, you can sign in again by confirming who you are: a code sent to your email, and the insurance details and date of birth you registered with.',
  'recover.step1': '1. Your registered email address and date of birth',
  'recover.email.hint': 'We send a 6-digit code to the address you gave when you registered.',
  'recover.step2': '2. The code, and who you are',
  'recover.details': 'Insurance details',
  'recover.details.lead': 'Enter the same details you gave when you registered.',
  'recover.submit': 'Confirm and sign in',
  'recover.ask':
    'If you can no longer use your email address, please ask at a participating facility’s reception or the network office.',
  'recover.signedIn': 'We have confirmed who you are. You are signed in.',
  'recover.passkey.title': 'Create a passkey on this phone',
  'recover.passkey.lead':
    'With a passkey, you sign in next time straight away with this phone’s fingerprint, face or screen lock.',
  'recover.later': 'Later (go to your page)',
};
