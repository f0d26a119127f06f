import type { ja } from '../ja/register';
import type { Dictionary } from '../text';

/** `../ja/register.ts` in English: exactly its keys (a missing or an extra one is a type error). */
export const en: Dictionary<keyof typeof ja> = {
  'entry.loading': 'Loading…',
  'entry.retry': 'Try again',
  'entry.demo': 'Demo',
  'entry.demoNote':
    'This is a demo for trying renkei out. It holds no real medical or care information.',
  'entry.eyebrow': 'Joining the network',
  'entry.facility': 'QR code from:',
  'entry.about.title': 'What joining means',
  'entry.about.lead':
    'The hospitals, clinics, pharmacies, visiting nurses and care providers that you use can share your medication and allergy information with each other.',
  'entry.about.consent': 'Your information is shared only with your consent.',
  'entry.about.free': 'Joining is free.',
  'entry.about.withdraw': 'You can withdraw at any time.',
  'entry.about.fromJoining': 'Only information from after you join is shared.',
  'entry.whatToDo': 'What you can do',
  'entry.home': 'Back to the home page',
  'entry.notFound.title': 'We could not find this QR code',
  'entry.notFound.body':
    'The QR code may not have been read properly, or the address may be cut short.',
  'entry.notFound.code': 'Code you opened:',
  'entry.notFound.check':
    'Scan the QR code again, or check the address or code you typed for mistakes.',
  'entry.notFound.ask': 'Ask at the reception of the facility where you saw the poster.',
  'entry.paper':
    'You can also join with a paper form at the reception of a participating facility.',
  'entry.withdrawn.title': 'This QR code is no longer in use',
  'entry.withdrawn.body': 'Registration through this QR code has ended.',
  'entry.withdrawn.network': 'Network:',
  'entry.withdrawn.newer': 'Scan the QR code on a newer poster or leaflet.',
  'entry.withdrawn.ask': 'Ask at the reception of a participating facility.',
  'entry.withdrawn.home': 'You can read about the network on the home page.',

  'ready.title': 'What to have ready',
  'ready.insurance': 'Your health insurance details',
  'ready.insurance.oneOf': 'One of these:',
  'ready.insurance.myna':
    'My Number Card as your insurance card: the eligibility information notice, or Mynaportal',
  'ready.insurance.certificate': 'Your certificate of eligibility for health insurance',
  'ready.insurance.elderly':
    'Your certificate of eligibility for late-stage elderly medical care (usually age 75 and over)',
  'ready.phone': 'A phone that can receive email',

  'reg.step': 'Step {n} of {total}',

  'consent.title': 'Consent and registration',
  'consent.loading': 'Loading the consent document…',
  'consent.retry': 'Try again',
  'consent.version': 'Consent document, version {version} (from {date})',
  'consent.full': 'Read the full consent document',
  'consent.agreeNote':
    'By pressing the button below, you agree to this consent document (version {version}). You can withdraw your consent at any time.',
  'consent.agree': 'Agree and continue',
  'consent.time':
    'Next, you enter your insurance details and a few other things (about 2 minutes).',
  'consent.unavailable':
    'This network does not take online registrations at the moment. Please use the paper form at a participating facility’s reception.',

  'details.title': 'Your details',
  'details.lead': 'Have your insurance document at hand and copy the details from it.',
  'details.section.insurance': 'Health insurance',
  'details.section.person': 'About you',
  'details.section.contact': 'How to reach you',
  'details.documentKind': 'Which document do you have?',
  'details.documentKind.hint': 'Choose the document on which you can read your insurance numbers.',
  'details.insurerNumber': 'Insurer number',
  'details.insurerNumber.hint': '6 or 8 digits',
  'details.insurerNumber.lateElderlyHint': '8 digits, starting with 39',
  'details.insurerNumber.ok': 'The insurer number looks right.',
  'details.symbol': 'Symbol',
  'details.symbol.hint': 'Leave empty if your document has none.',
  'details.number': 'Number',
  'details.number.lateElderly': 'Insured person’s number',
  'details.number.lateElderlyHint': '8 digits',
  'details.branch': 'Branch number',
  'details.branch.hint': '2 digits. Leave empty if your document has none.',
  'details.name': 'Full name',
  'details.name.hint':
    'As written on your document, in kanji or in Latin letters. Example: Jane Smith',
  'details.nameKana': 'Full name in kana (furigana)',
  'details.nameKana.latin':
    'The reading is in Latin letters. That is right if your card gives your name in Latin letters only; otherwise, please type it in hiragana or katakana.',
  'details.nameKana.hint':
    'How your name is read, in hiragana or katakana, as on Japanese forms. If your card gives your name in Latin letters only, type it as on the card (for example SMITH JOHN).',
  'details.birthDate': 'Date of birth',
  'details.birthDate.hint':
    'Choose the Western calendar or a Japanese era (such as Showa), then enter the year, month and day in numbers.',
  'details.birthDate.calendar': 'Calendar',
  'details.birthDate.year': 'Year',
  'details.birthDate.month': 'Month',
  'details.birthDate.day': 'Day',
  'details.birthDate.readBack': 'Will be registered as {date}.',
  'details.sex': 'Sex',
  'details.phone': 'Phone number',
  'details.phone.hint': 'Example: 090-1234-5678',
  'details.email': 'Email address',
  'details.email.hint':
    'We send a confirmation code here. Use an address you can read on this phone.',
  'details.privacy':
    'Your insurance numbers are used only to find you correctly, and are kept safe. When you close this page, nothing you typed is left on this phone.',
  'details.submit': 'Send the confirmation code',
  'details.back': 'Back to the consent document',

  'verify.registered.title': 'You are already registered',
  'verify.registered.lead':
    'Someone with the same name, date of birth and insurance details is already registered (for example, if you registered before with another email address). No new registration was made. We sent the same to the address you just confirmed. Sign in with the email address and passkey you registered with before.',
  'done.existing.title': 'You were already registered',
  'done.existing.lead':
    'No new registration was made: you are signed in to your existing registration with this email address.',

  'verify.title': 'Confirm your email and set up sign-in',
  'verify.email.title': 'Confirm your email address',
  'verify.sent': 'We sent a 6-digit confirmation code to {email}.',
  'verify.open': 'Open the email and enter the code below.',
  'verify.code': 'Confirmation code (6 digits)',
  'verify.submit': 'Confirm',
  'verify.resend': 'Send a new code',
  'verify.resendWait': 'You can ask for a new code in {seconds} s',
  'verify.resent': 'We sent a new code. Enter the code from the newest email.',
  'verify.noMail':
    'If no email arrives, check your spam folder. If the address was wrong, correct it and send again.',
  'verify.fixEmail': 'Correct the email address',
  'verify.done': 'Your email address is confirmed.',

  'done.title': 'You are registered',
  'done.number': 'Your registration number',
  'done.numberNote': 'You use it when you contact us. It is a good idea to write it down.',
  'done.unknown':
    'Your registration is complete. You can see your registration number on your page.',
  'done.next.title': 'What happens next',
  'done.next.share':
    'The participating facilities of {network} can now share your medication and allergy information.',
  'done.next.fromToday': 'Only information from after you joined is shared.',
  'done.next.passkey': 'Next time, sign in with the passkey on this phone.',
  'done.next.email': 'Next time, sign in with a code sent to your email.',
  'done.next.withdraw': 'You can withdraw at any time.',
  'done.toMe': 'Go to your page',

  'done.invitation.title': 'An invitation from your family',
  'done.invitation.lead':
    'The invitation to act for someone that you opened before registering is still here. Go on to accept it.',
  'done.invitation.continue': 'Continue to the invitation',
  'details.numbersLater': 'I don’t have the numbers with me: add them later (My Number Card only)',
  'details.numbersLater.note':
    'You register without insurance numbers. Your consent and your registration QR code work at once. Hospitals and pharmacies can send your information by insurance numbers only once you have added them: find them on the notice of your insurance details or in Mynaportal, and add them under “Your health insurance” on your page. A participating facility’s reception can add them too.',
};
