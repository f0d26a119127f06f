import type { Messages } from './messages';

/**
 * The app's text in English, in a file of its own: fetched only when English is shown, so that a
 * phone showing Japanese does not download it (`index.ts`, `loadLang`).
 */
export const en: Messages = {
  'app.name': 'renkei',
  'app.fullName': 'renkei',
  'lang.label': 'Language',

  'layout.skip': 'Skip to main content',
  'layout.footer.help':
    'If anything is unclear, please ask at the reception of a participating hospital, clinic or pharmacy.',
  'layout.footer.name': 'renkei — regional medical and care information-sharing network',

  'offline.banner': 'You are not connected to the internet. Check your connection and try again.',
  'busy.banner': 'Busy right now. Trying again in {seconds} s.',

  'home.title': 'Welcome to renkei',
  'home.lead':
    'renkei lets the hospitals, clinics, pharmacies, visiting nurses and care providers in your area share your medical and care information, based on your consent.',
  'home.point.consent': 'Your information is shared only if you agree.',
  'home.point.free': 'Joining is free. You can stop at any time.',
  'home.point.safety':
    'It helps avoid duplicate or clashing medicines, and the right information reaches the emergency team.',
  'home.join':
    'To join, scan the QR code on a poster at a participating clinic or pharmacy, or ask for a paper form at its reception.',

  'networks.title': 'Networks you can join',
  'networks.loading': 'Loading…',
  'networks.empty': 'There are no networks to join at the moment. Please check again later.',
  'networks.facilities': 'Participating facilities: {count}',
  'networks.demo': 'Demo',
  'networks.demoNote':
    'Networks marked “Demo” are for practice only. They hold no real medical or care information.',
  'networks.retry': 'Try again',
  'error.requestId': 'If you ask for help, please quote this number: {id}',

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

  'poster.title': 'Print the poster',
  'poster.help':
    'It prints on one A4 sheet. Put it up where people will see it, such as the waiting room or reception.',
  'poster.print': 'Print',
  'poster.qrAlt': 'QR code to join {network}. It opens {url}.',
  'poster.qrFailed': 'The QR code could not be shown. Reload the page, then print again.',
  'poster.label': 'Poster',
  'poster.facility': '{name} takes part in this network',
  'poster.headline': 'Join from your phone in about 2 minutes',
  'poster.lead':
    'Your medication and allergy information, shared between the medical and care services you use',
  'poster.steps': 'How to join',
  'poster.step1': 'Scan the QR code',
  'poster.step2': 'Enter your insurance details and consent',
  'poster.step3': 'Set up sign-in on this phone',
  'poster.code': 'Code',
  'poster.typeUrl': 'If scanning fails, type this address',
  'poster.free': 'Joining is free',
  'poster.withdraw': 'You can withdraw at any time',
  'poster.consent': 'Shared only with your consent',
  'poster.ask': 'If anything is unclear, please ask at reception',

  'common.sending': 'Sending…',
  'form.optional': ' (optional)',
  'form.errorPrefix': 'Please check: ',

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
  'details.nameKana.hint': 'How your name is read, in hiragana or katakana, as on Japanese forms.',
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
    'Please write how your name is read in hiragana or katakana (the furigana on Japanese forms).',
  'check.phone':
    'Please enter a Japanese phone number: 10 or 11 digits starting with 0 (example: 090-1234-5678).',
  'check.email':
    'This email address does not look complete. Check the parts before and after the “@” (example: hanako@example.jp).',
  'check.branch': 'The branch number has up to 2 digits. Leave it empty if your document has none.',
  'check.code.required': 'Please enter the 6-digit code from the email.',
  'check.code.format': 'The code has 6 digits. Enter it exactly as in the email.',

  'errors.title': 'Please check {count} item(s)',
  'errors.entryPoint':
    'Registration through this QR code has ended. Please scan the QR code on a newer poster.',
  'errors.consentExpired':
    'The consent document has been updated. Please read the new document, then continue.',
  'errors.consentReread': 'Read the new consent document',
  'errors.alreadyDone': 'This registration is already complete. Please sign in.',
  'verify.registered.title': 'You are already registered',
  'verify.registered.lead':
    'Someone with the same name, date of birth and insurance details is already registered (for example, if you registered before with another email address). No new registration was made. We sent the same to the address you just confirmed. Sign in with the email address and passkey you registered with before.',
  'done.existing.title': 'You were already registered',
  'done.existing.lead':
    'No new registration was made: you are signed in to your existing registration with this email address.',
  'errors.expired':
    'The time for completing this registration has run out. Sorry — please start again.',
  'errors.restart': 'Start again',

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

  'me.title': 'Your page',
  'me.loading': 'Loading…',
  'screen.loadFailed':
    'This screen could not be loaded. Check your internet connection, then press “Reload”.',
  'screen.reload': 'Reload',
  'me.retry': 'Try again',
  'me.greeting': '{name}',
  'me.number': 'Registration number',
  'me.email': 'Email address',
  'me.networks': 'Networks you have joined',
  'me.joined': 'Joined on {date} (consent document version {version})',
  'me.noNetworks': 'You have not joined any network.',
  'me.summary.title': 'Medication and allergies',
  'me.summary.empty': 'No information yet.',
  'me.summary.fromJoining':
    'Only information that hospitals, clinics and pharmacies send after the day you joined is shown here.',
  'summary.asOf': 'As of {date}',
  'summary.lastReceived': 'Latest information received: {date}',
  'summary.joinedNote': 'You joined on {date}. Nothing from before that day is shown.',
  'summary.flags.title': 'Please check',
  'summary.flags.lead':
    'Found by putting together what several facilities sent. Tell your doctor or pharmacist at your next visit.',
  'summary.flag.duplicate':
    'Medicines with the same ingredient come from {facilities} at the same time: {names}',
  'summary.flag.allergy': '{name} may match your recorded allergy “{allergy}”.',
  'summary.flag.contraindication': '{name} may match your recorded contraindication “{allergy}”.',
  'summary.flag.matchedBy.code': 'Same ingredient code',
  'summary.flag.matchedBy.name': 'Name matches (not checked by ingredient code)',
  'summary.notCompared.title': 'Medicines not checked for duplicates',
  'summary.notCompared.lead':
    'These medicines have no ingredient code, so they were not checked for duplicates:',
  'summary.notCompared.some':
    'Some medicines have no ingredient code, so they were not checked for duplicates.',
  'summary.notCompared.allergy': 'They were checked against allergies by name only.',
  'summary.notCompared.ask': 'Ask your pharmacist if you are unsure.',
  'summary.providedByPatient': 'From the patient’s own notebook app',
  'summary.allergy.byName':
    'No drug code: compared with medicines by name only (a medicine sold under another name is not found).',
  'summary.current.title': 'Medicines you take now',
  'summary.current.empty': 'No current medicines on record.',
  'summary.current.until': 'until {date}',
  'summary.current.unstated': 'No number of days stated (as needed, external use, …)',
  'summary.from': '{facility}, {date}',
  'summary.prescribedBy': 'Prescribed by {facility}',
  'summary.allergies.title': 'Allergies',
  'summary.allergies.empty': 'No allergies on record.',
  'summary.contraindications.title': 'Medicines you must not take (contraindications)',
  'summary.contraindications.empty': 'No contraindications on record.',
  'summary.inactive': '(no longer applies)',
  'summary.history.title': 'Medicines in the last 12 months ({count})',
  'summary.history.empty': 'Nothing in the last 12 months.',
  'summary.history.more': 'Show more ({count} more)',
  'summary.history.loading': 'Loading…',
  'summary.history.added': 'Added {count}. Showing {shown} of {total}.',
  'summary.sources.title': 'Facilities that sent information',
  'summary.sources.item': '{facility} (latest {date}, {count} records)',
  'summary.actions.card': 'Open the emergency card',
  'summary.actions.print': 'Printable view',
  'summary.actions.download': 'Download your data (FHIR)',
  'summary.kind.request': 'Prescribed',
  'summary.kind.dispense': 'Dispensed',
  'summary.kind.statement': 'Reported as taken',

  'card.title': 'Emergency card',
  'card.lead': 'Show this screen to paramedics or hospital staff.',
  'card.person': '{name} ({kana}), born {birth}',
  'card.contact.title': 'Emergency contact',
  'card.contact.none': 'No emergency contact is set.',
  'card.contact.edit': 'Set or change the emergency contact',
  'card.contact.name': 'Name',
  'card.contact.relationship': 'Relationship (optional)',
  'card.contact.phone': 'Phone number',
  'card.contact.save': 'Save',
  'card.contact.saved': 'Emergency contact saved.',
  'card.contact.remove': 'Remove the emergency contact',
  'card.offline.title': 'For when there is no connection',
  'card.offline.label': 'Keep the emergency card on this phone',
  'card.offline.help':
    'In a disaster or without internet, the card can still be shown. It is kept on this phone only and removed when you sign out.',
  'card.offline.savedAt': 'Saved on {date}',
  'card.offline.showing':
    'No internet connection: showing the copy saved on {date}. It may not be the latest.',
  'card.offline.none':
    'No internet connection, and no emergency card is kept on this phone. Open it again where there is a connection.',
  'card.offline.failed':
    'It could not be kept on this phone. Check that the browser allows sites to store data.',
  'card.back': 'Back to your page',
  'card.print': 'Print',

  'print.title': 'Medication and allergy record',
  'print.lead': 'What renkei has received (as of {date}).',
  'print.button': 'Print',
  'print.historyPartial':
    'The newest {shown} are listed here (of {total} in all). You can get them all from "Download your data".',
  'print.medicine': 'Medicine',
  'print.facility': 'Facility',
  'print.facilityByPatient': '{facility} (from the patient’s own notebook app)',
  'print.date': 'Date',
  'print.days': 'Days',
  'me.passkey.title': 'Sign in more easily with a passkey',
  'me.passkey.lead':
    'Add a passkey to sign in next time with this phone’s fingerprint, face or screen lock — no waiting for an email code.',
  'me.passkey.add': 'Add a passkey',
  'me.passkey.added': 'Passkey added. Next time, you can sign in with it.',
  'me.signOut': 'Sign out',
  'me.signOutEverywhere': 'Sign out on every device',
  'me.signOutEverywhere.help':
    'If you lost your phone, you can sign out everywhere, other devices included.',
  'me.signingOut': 'Signing out…',

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

  'me.links.consents': 'Your consents (join, withdraw, history)',
  'me.links.data': 'Your data (download, correct, erase)',

  'reconsent.title': 'The consent document has changed. Please read it and agree',
  'reconsent.lead':
    'A network you belong to has a new consent document and asks you to agree to it again.',
  'reconsent.stands':
    'Until you do, your earlier consent (consent document version {version}) stands and you stay a member.',
  'reconsent.read': 'Read the new document and agree',

  'consents.title': 'Your consents',
  'consents.lead':
    'Where you stand in each network, and the record of your consents. You can stop taking part (withdraw your consent) or join again.',
  'consents.networks': 'Your networks',
  'consents.none': 'You have not joined any network yet.',
  'consents.state.joined': 'Member since {date} (consent document version {version})',
  'consents.state.withdrawn': 'Not a member: you withdrew on {date}',
  'consents.state.newVersion':
    'A new consent document (version {version}) is waiting for you: see the box above.',
  'consents.withdraw': 'Stop taking part (withdraw consent)',
  'consents.rejoin': 'Join again',
  'consents.joinable': 'Networks you can join',
  'consents.joinable.lead': 'Read the consent document and agree to it to join.',
  'consents.join': 'Join',
  'consents.history': 'Consent history',
  'consents.history.lead': 'Newest first. Times are Japan time.',
  'consents.more': 'More pages',
  'consents.back': 'Back to your consents',

  'history.kind.given': 'Consent given (joined)',
  'history.kind.rejoined': 'Joined again (a new consent)',
  'history.kind.renewed': 'Agreed to a new consent document',
  'history.kind.withdrawn': 'Consent withdrawn (stopped taking part)',
  'history.when': 'When',
  'history.document': 'Document',
  'history.version': 'Version {version}',
  'history.by': 'By',
  'history.by.resident': 'You',
  'history.by.proxy': 'A family member or other proxy',
  'history.by.staff': 'Reception staff (from a paper form)',
  'history.by.operator': 'The network office',
  'history.channel': 'How',
  'history.channel.web': 'Online (phone or computer)',
  'history.channel.paper': 'Paper form',
  'history.channel.cli': 'By the network office',
  'history.entryPoint': 'QR code',
  'history.facility': 'Facility that took the form',
  'history.formSerial': 'Form number',
  'history.read': 'Read the document you agreed to (version {version})',

  'withdraw.title': 'Stop taking part (withdraw consent)',
  'withdraw.lead': 'Before you withdraw, please read what changes and what stays.',
  'withdraw.changes.title': 'What changes',
  'withdraw.changes.now': 'Sharing through this network stops the moment you withdraw.',
  'withdraw.changes.facilities':
    'Participating facilities can no longer see your information, or send new information, through this network.',
  'withdraw.changes.mail': 'We confirm the withdrawal by email to your registered address.',
  'withdraw.stays.title': 'What stays, and why',
  'withdraw.stays.record':
    'The record of who saw or sent your information, when and at which facility, is kept because the law requires it.',
  'withdraw.stays.data':
    'The medication and allergy information received so far stays visible to you. You can also download or erase it in “Your data”.',
  'withdraw.later.title': 'If you want to join again later',
  'withdraw.later.body':
    'You can join again at any time. Information from the time you were not a member is never shared, even after you join again.',
  'withdraw.confirm.title': 'Withdraw',
  'withdraw.confirm.note':
    'You are withdrawing the consent you have given since {date} (consent document version {version}).',
  'withdraw.confirm.button': 'Withdraw my consent and stop taking part',
  'withdraw.confirm.busy': 'Withdrawing…',
  'withdraw.cancel': 'Go back without withdrawing',
  'withdraw.reload': 'Load the latest state',
  'withdraw.notJoined.title': 'You are not a member of this network',
  'withdraw.notJoined.body':
    'There is no consent to withdraw. You can see where you stand, and your history, in “Your consents”.',
  'withdraw.done.title': 'Your withdrawal has been received',
  'withdraw.done.at': 'Withdrawn at {date} (Japan time)',
  'withdraw.done.next': 'What happens now',
  'withdraw.done.stopped': 'From that moment, nothing is shared through this network.',
  'withdraw.done.mailed': 'We have sent you a confirmation email.',
  'withdraw.done.notMailed':
    'No confirmation email was sent. Please note the time shown on this screen.',

  'join.title.join': 'Join the network',
  'join.title.rejoin': 'Join again',
  'join.title.renew': 'Agree to the new consent document',
  'join.join.lead': 'Read the consent document. If you agree, tick the box and press the button.',
  'join.rejoin.gap':
    'Joining again is recorded as a new consent. Information from the time you were not a member (from {date} until now) is never shared.',
  'join.renew.stands':
    'The consent document has changed. Until you agree to the new one, your earlier consent (version {version}) stands.',
  'join.replaced':
    'The consent document has just been replaced by version {version}. Nothing has been recorded yet. Please read the new text, then agree again.',
  'join.agree.title': 'Your agreement',
  'join.agree.label': 'I have read this consent document (version {version}) and agree to it',
  'join.agree.missing': 'To agree, please tick the box.',
  'join.button.join': 'Agree and join',
  'join.button.rejoin': 'Agree and join again',
  'join.button.renew': 'Agree to the new document',
  'join.cancel': 'Go back without agreeing',
  'join.current.title': 'You have agreed to the latest consent document',
  'join.current.body':
    'You are a member, having agreed to consent document version {version}. There is nothing more to do.',
  'join.unavailable.title': 'You cannot join here at the moment',
  'join.done.joined': 'You have joined',
  'join.done.renewed': 'Your agreement to the new document has been received',
  'join.done.at': 'You agreed to consent document version {version} at {date} (Japan time).',
  'join.done.fromNow': 'Only information from now on is shared.',
  'join.done.gap': 'Information from the time you were not a member is never shared.',
  'join.done.continues': 'You remain a member, as before.',

  'version.title': 'The consent document you agreed to',
  'version.lead':
    'The full text of consent document version {version}, as it was shown when you agreed.',

  'data.title': 'Your data',
  'data.lead':
    'Download what renkei holds about you, ask for corrections, or erase your medical information.',
  'data.download.title': 'Download your data',
  'data.download.lead':
    'Download everything: your registration, your consent history, your medication and allergy information, the record of who saw or sent it and when, and your correction requests.',
  'data.download.json': 'Download everything (JSON)',
  'data.download.fhir': 'Download everything (FHIR)',
  'data.download.fhirNote':
    'FHIR is the international standard format that medical systems can read.',
  'data.erase.title': 'Erasing your medication and allergy information',
  'data.erase.joined':
    'This cannot be erased while you are a member of a network. To erase it, first stop taking part in every network (withdraw your consent).',
  'data.erase.lead':
    'You are not a member of any network now, so you can erase the medication and allergy information received.',
  'data.erase.start': 'Erase my medication and allergy information',

  'corrections.title': 'Ask for a correction',
  'corrections.lead':
    'If anything held about you is wrong, ask the network office to correct it. The office checks it and answers on this page.',
  'corrections.label': 'What is wrong, and what it should say',
  'corrections.hint':
    'Example: my date of birth shows 3 February 1947, but it is 2 February 1947. Up to {max} characters.',
  'corrections.left': '{count} characters left',
  'corrections.over': '{count} characters too many',
  'corrections.check.empty': 'Please write what should be corrected.',
  'corrections.check.tooLong': 'Please keep it to {max} characters (it is {count} now).',
  'corrections.submit': 'Send the request',
  'corrections.sent':
    'Your request has been received. The office’s answer will appear on this page.',
  'corrections.list': 'Your requests',
  'corrections.none': 'You have not sent any requests.',
  'corrections.asked': 'Sent on {date}',
  'corrections.status.open': 'Being checked',
  'corrections.status.corrected': 'Corrected',
  'corrections.status.declined': 'Not corrected',
  'corrections.answer': 'Answer from the office ({date})',
  'corrections.answerUndated': 'Answer from the office',

  'erase.title': 'Erase your medication and allergy information',
  'erase.lead': 'Before you erase anything, please read what goes and what stays.',
  'erase.what.title': 'What is erased',
  'erase.what.medicines':
    'Medication records received from hospitals, clinics and pharmacies (prescribed, dispensed, taken)',
  'erase.what.allergies': 'Allergy and contraindication records',
  'erase.what.visits': 'The record of the days on which facilities sent information',
  'erase.what.card': 'The emergency card kept on this phone',
  'erase.stays.title': 'What stays, and why',
  'erase.stays.record':
    'The record of who did what (looking, sending, …), when and at which facility, is kept because the law requires it. It is reduced to what the law requires: when, who, which facility and what kind of action, with no medication or allergy details.',
  'erase.stays.account':
    'Your registration (name, contact details, insurance details) and your consent history stay.',
  'erase.confirm.title': 'Erase',
  'erase.confirm.undo':
    'Erased information cannot be brought back. If you need it, download it first.',
  'erase.confirm.button': 'Erase (this cannot be undone)',
  'erase.confirm.busy': 'Erasing…',
  'erase.cancel': 'Go back without erasing',
  'erase.back': 'Back to your data',
  'erase.done.title': 'Erased',
  'erase.done.medicines': 'Medication records: {count}',
  'erase.done.allergies': 'Allergy and contraindication records: {count}',
  'erase.done.visits': 'Days on which information was received: {count}',
  'erase.done.card': 'The emergency card kept on this phone has been removed too.',

  'home.signIn.title': 'Already registered?',
  'home.signIn.link': 'Go to your page (sign in)',

  'acting.banner': 'Acting for {name} (as their {relationship})',
  'acting.back': 'Back to my own page',
  'proxy.relationship.child': 'child',
  'proxy.relationship.spouse': 'spouse',
  'proxy.relationship.sibling': 'sibling',
  'proxy.relationship.grandchild': 'grandchild',
  'proxy.relationship.other_relative': 'other relative',
  'proxy.relationship.legal_guardian': 'legal representative (such as a guardian)',
  'proxy.relationship.other': 'other',
  'proxy.level.view': 'View only',
  'proxy.level.manage': 'View and handle procedures',
  'proxy.level.view.detail':
    'Can see the medication and allergy information and the consents. Cannot change anything.',
  'proxy.level.manage.detail':
    'Can also join or withdraw, set the emergency contact, download the information and ask for corrections.',
  'proxy.action.proxy_registered': 'Registered you as your proxy',
  'proxy.action.proxy_linked': 'Became your proxy (accepted an invitation)',
  'proxy.action.sign_in_claimed': 'You started signing in yourself',
  'proxy.action.proxy_revoked': 'Proxy ended',
  'proxy.action.health_record_viewed': 'Looked at your medication and allergy information',
  'proxy.action.health_record_exported': 'Downloaded your medication and allergy information',
  'proxy.action.consent_given': 'Gave consent (joined)',
  'proxy.action.consent_renewed': 'Agreed to a newer consent document',
  'proxy.action.consent_withdrawn': 'Withdrew consent',
  'proxy.action.emergency_contact_set': 'Set the emergency contact',
  'proxy.action.data_exported': 'Downloaded all your data',
  'proxy.action.correction_requested': 'Asked for a correction',
  'proxy.action.other': 'Another action',
  'visibility.toggle': 'Hide from family',
  'visibility.hidden': 'Hidden from family',
  'visibility.lead':
    'Items marked “Hide from family” are not shown to your proxies (nor in their downloads).',

  'me.acting.eyebrow': 'Acting for a family member',
  'me.acting.greeting': '{name}’s page',
  'me.acting.viewOnly': 'You may view only: you can look, but not change anything.',
  'me.proxyEnded.title': 'You can no longer act for {name}',
  'me.proxyEnded.close': 'Close this notice',
  'family.title': 'Acting for family',
  'family.lead': 'You can view information and handle procedures for these people.',
  'family.none':
    'There is no one you can act for yet. Register a family member, or accept an invitation from one.',
  'family.person': '{name}',
  'family.meta': 'You are their {relationship} · {level} · since {date}',
  'family.claimed': 'They also sign in themselves',
  'family.notClaimed': 'They have not started signing in themselves yet',
  'family.act': 'Act for {name}',
  'family.stop': 'Stop acting for them',
  'family.stop.title': 'Stop acting for {name}?',
  'family.stop.body':
    'You will no longer see {name}’s information or handle procedures for them. {name} and you both get an email about it. Only {name} can invite you again to act for them.',
  'family.stop.yes': 'Stop acting for them',
  'family.stop.no': 'Keep it',
  'family.stopped': 'You no longer act for {name}. {name} and you both get an email about it.',
  'family.register': 'Register a family member',
  'family.proxies': 'Ask family to act for you, and manage your proxies',

  'selfOnly.body':
    'You are acting for {name} now. This screen is for your own matters: go back to your own page first.',
  'person.title': 'Register a family member',
  'person.lead':
    'Register a family member who does not use a smartphone (a parent, for example) in the network, with you as their proxy. Have their insurance document at hand.',
  'person.section.network': '1. The network and its consent document',
  'person.network': 'Network to join',
  'person.consentLead':
    'Tell the person what this consent document says. Registering records that you agreed to this version on their behalf.',
  'person.consentRenewed':
    'The consent document has been replaced by a newer version. Read it, tell the person, then send again.',
  'person.section.you': '2. You and the person',
  'person.relationship': 'You are the person’s…',
  'person.relationship.hint': 'Choose what you are to them (for your mother, choose “child”).',
  'person.reason': 'Why the person is not registering themselves',
  'person.reason.no_phone': 'They have no smartphone',
  'person.reason.cannot_operate': 'Using a smartphone is hard for them',
  'person.reason.illness': 'Illness or injury keeps them from it',
  'person.reason.cognitive': 'Procedures are hard for them (for example because of dementia)',
  'person.reason.other': 'Another reason',
  'person.reasonNote': 'More about the reason',
  'person.reasonNote.hint': 'Add anything useful (up to {max} characters).',
  'person.reasonNote.tooLong': 'Please keep it within {max} characters.',
  'person.attestation': 'Your confirmation',
  'person.attestation.hint':
    'Choose what is true. Registering someone against the facts is not allowed.',
  'person.attestation.person_agreed':
    'The person agrees to this registration and to the consent document',
  'person.attestation.legal_representative':
    'I am the person’s legal representative (such as a guardian)',
  'person.section.insurance': '3. The person’s health insurance',
  'person.documentKind.hint': 'Choose the document the person holds.',
  'person.section.person': '4. About the person',
  'person.phone': 'The person’s phone number',
  'person.phone.hint':
    'A number that reaches the person (a landline is fine). Hyphens are optional.',
  'person.email': 'The person’s own email address (if they have one)',
  'person.email.hint':
    'They get a notice and a link to start using the service themselves. Leave it empty if they have none (do not enter your own).',
  'person.agreeNote':
    'Pressing “Register” agrees to the consent document above on the person’s behalf, and makes you their proxy.',
  'person.submit': 'Register',
  'person.done.title': 'Registered',
  'person.done.numberNote':
    'This is the person’s registration number. Give it if a facility’s reception asks for it.',
  'person.done.next.mail':
    'If you entered the person’s email address, they get a notice and a link to start using the service themselves.',
  'person.done.next.revoke': 'The person can end your proxy at any time.',
  'person.done.number': 'Registration number',
  'person.done.notLinked': 'A few more steps are needed before you can act for {name}.',
  'person.done.notLinked.review': 'The network office will check {name}’s registration.',
  'person.done.notLinked.invite':
    'To act for them, ask {name} to invite you from “Ask family to act for you” on their own page.',
  'person.done.notLinked.facility':
    'If they cannot use a smartphone, ask at the reception of a participating clinic, hospital or pharmacy.',

  'proxies.title': 'Your proxies',
  'proxies.lead':
    'Proxies (family members, for example) can view your information and handle procedures for you. You can end a proxy at any time.',
  'proxies.limit': 'At most {limit} proxies (now {count}, open invitations included)',
  'proxies.list.title': 'Your proxies',
  'proxies.none': 'You have no proxies. You can invite a family member below.',
  'proxies.meta': 'Your {relationship} · {level}',
  'proxies.status.active': 'Acting for you (since {date})',
  'proxies.status.revoked': 'Ended ({date})',
  'proxies.via.registration': 'They registered you as your proxy',
  'proxies.via.invitation': 'They became your proxy through your invitation',
  'proxies.history': 'What they did ({count}, newest first)',
  'proxies.revoke': 'End {name}’s proxy',
  'proxies.confirm.title': 'End {name}’s proxy?',
  'proxies.confirm.body':
    'From their next action, this person can no longer see your information. You both get an email about it.',
  'proxies.confirm.yes': 'End the proxy',
  'proxies.confirm.no': 'Keep it',
  'proxies.revoked': '{name}’s proxy has ended.',
  'proxies.invite.title': 'Ask someone to act for you (invite)',
  'proxies.invite.lead':
    'Make an invitation and give your family member its code, QR code or link. When they open it signed in, they become your proxy.',
  'proxies.invite.level': 'What the proxy may do',
  'proxies.invite.create': 'Make an invitation',
  'proxies.invite.created': 'Invitation made.',
  'proxies.invite.give':
    'Give one of these to the family member you are asking. Do not show them to anyone else.',
  'proxies.invite.code': 'Invitation code',
  'proxies.invite.qrAlt': 'QR code of the invitation (code {code})',
  'proxies.invite.link': 'Link:',
  'proxies.invite.expires': 'Valid until {date}.',
  'proxies.invite.another': 'Make another invitation',
  'proxies.invite.full':
    'You have reached the limit of 5 proxies and invitations. To invite someone new, cancel an invitation or end a proxy.',
  'proxies.invitations.title': 'Your invitations',
  'proxies.invitation.open': 'Not used yet',
  'proxies.invitation.accepted': 'Accepted',
  'proxies.invitation.expired': 'Expired',
  'proxies.invitation.cancelled': 'Cancelled',
  'proxies.invitation.dates': 'Made {created} · valid until {expires}',
  'proxies.invitation.cancel': 'Cancel this invitation',

  'invite.title': 'Accept an invitation to act for someone',
  'invite.enter.lead': 'Enter the invitation code your family member gave you.',
  'invite.code': 'Invitation code',
  'invite.code.hint': 'For example ABCD-EFGH-JK-C (hyphens are optional)',
  'invite.look': 'Check the invitation',
  'invite.from': 'An invitation from {name}',
  'invite.level': 'You may: {level}',
  'invite.expires': 'Valid until {date}',
  'invite.relationship': 'You are {name}’s…',
  'invite.acceptNote':
    'When you press “Become their proxy”, you can see {name}’s information on their behalf. {name} can end this at any time.',
  'invite.accept': 'Become their proxy',
  'invite.signedOut.title': 'Sign in and accept',
  'invite.signedOut.lead':
    'If you already have an account, sign in and you come back to this invitation.',
  'invite.signIn': 'Sign in and accept',
  'invite.new.title': 'New here',
  'invite.new.lead':
    'Register in the network first. When you have finished, you can go on to accept this invitation.',
  'invite.register': 'New here: register, then accept',
  'invite.new.noEntry':
    'If you are new, you need to register in the network first. Scan the QR code on a poster at a participating clinic, hospital or pharmacy to register, then open this invitation link again.',
  'done.invitation.title': 'An invitation from your family',
  'done.invitation.lead':
    'The invitation to act for someone that you opened before registering is still here. Go on to accept it.',
  'done.invitation.continue': 'Continue to the invitation',
  'claim.title': 'Start using renkei yourself',
  'claim.lead':
    'You were registered in the network, by a family member or with a paper form at reception. Here you set up signing in yourself, on this phone.',
  'claim.point.passkey':
    'Enter your date of birth, then make a passkey on this phone (sign-in with your fingerprint, face or screen lock).',
  'claim.point.proxies': 'Once signed in, you can see who acts for you, and end it at any time.',
  'claim.birth.title': 'Your date of birth',
  'claim.submit': 'Make a passkey and start',
  'claim.unsupported':
    'This phone or browser cannot make passkeys. Open this link on a phone that can, or ask at a participating facility’s reception.',
  'claim.noCode':
    'Part of the link is missing. Open the link in the email again. If that does not help, ask at a participating facility’s reception or the family member who registered you.',

  'me.proxyEnded.body':
    '{name} ended your proxy (or it otherwise stopped), so you can no longer see their information. This is your own page now. If you still need to act for them, ask {name} to invite you again.',

  'claim.birth.readBack': 'We will check {date}.',

  'claim.self.title': 'If this is you: make a passkey on this phone',
  'claim.family.title': 'If you are family (the proxy): sign in as yourself and become their proxy',
  'claim.family.lead':
    'A family member named as the proxy on the paper form can sign in with their own renkei account and act for this person. Enter the person’s date of birth above and choose your relationship. If you are not signed in, you will sign in first.',
  'claim.family.relationship': 'You are this person’s…',
  'claim.family.submit': 'Sign in as myself and become the proxy',
  'claim.family.back':
    'You are signed in. Enter the person’s date of birth again, choose your relationship, and press “Sign in as myself and become the proxy”.',
  'claim.family.birthTitle': 'The person’s date of birth',
  'claim.family.notFamily': 'If this is you, make your passkey here instead',

  'paper.title': 'Paper registration form (to print)',
  'paper.help':
    'Prints on one A4 sheet. Give it to people who do not register on a phone. The reception entry screen follows the same order.',
  'paper.label': 'renkei registration form',
  'paper.heading': 'Registration form',
  'paper.consentLine':
    'I have had the network’s consent document explained, I agree to it, and I apply to join.',
  'paper.optional': '(optional)',
  'paper.itemNo': 'Item {no}',
  'paper.item.name': 'Name',
  'paper.item.nameKana': 'Name in kana',
  'paper.item.sex': 'Sex',
  'paper.item.birthDate': 'Date of birth',
  'paper.item.phone': 'Phone',
  'paper.item.address': 'Address',
  'paper.item.insurance': 'Health insurance',
  'paper.item.careInsuranceNumber': 'Long-term care insurance number',
  'paper.item.email': 'Email',
  'paper.item.proxy': 'Proxy (if the person cannot sign)',
  'paper.item.signedOn': 'Date signed',
  'paper.item.facility': 'For the facility',
  'paper.field.documentKind': 'Document held',
  'paper.field.proxyName': 'Proxy’s name',
  'paper.field.proxyRelationship': 'Relationship to the person',
  'paper.field.proxyReason': 'Why the person could not sign',
  'paper.field.facility': 'Facility',
  'paper.field.formSerial': 'Form number',
  'paper.field.network': 'Network',
  'paper.field.checkedBy': 'Received by',
  'paper.reason.no_phone': 'No smartphone',
  'paper.reason.cannot_operate': 'Hard to use one',
  'paper.reason.illness': 'Illness or injury',
  'paper.reason.cognitive': 'Cognitive decline or similar',
  'paper.reason.other': 'Other',
  'paper.signature': 'Signature (the person, or the proxy)',
  'paper.note':
    'Hand the completed form to reception, where your identity document will be checked.',

  'staff.brand': 'renkei reception',
  'staff.footer': 'Reception screens. You are signed out after 15 minutes without input.',
  'staff.header.name': '{name}',
  'staff.signOut': 'Sign out',
  'staff.nav.label': 'Reception menu',
  'staff.nav.new': 'Enter a form',
  'staff.nav.entries': 'Today’s entries',
  'staff.nav.withdrawal': 'Enter a withdrawal',
  'staff.nav.paperForm': 'Print blank forms',
  'staff.role.reception': 'Reception',
  'staff.role.facility_admin': 'Facility administrator',
  'staff.role.doctor': 'Doctor',
  'staff.role.dentist': 'Dentist',
  'staff.role.pharmacist': 'Pharmacist',
  'staff.role.nurse': 'Nurse',
  'staff.role.care_manager': 'Care manager',
  'staff.role.care_worker': 'Care worker',
  'staff.notForRole':
    'Only reception staff and facility administrators can enter paper forms. Ask your facility administrator if you need to.',
  'staff.idle.warning':
    'No input for a while: you will be signed out in 1 minute. To carry on, press any key or “Continue”.',
  'staff.idle.continue': 'Continue',
  'staff.notice.expired':
    'You were signed out after 15 minutes without input. Please sign in again. Anything being typed was not saved.',
  'staff.notice.signedOut': 'You have signed out.',
  'staff.passkey.cancelled':
    'You were not signed in. Press “Sign in with a passkey” again and verify yourself with your PIN or fingerprint.',
  'staff.passkey.unsupported':
    'This browser cannot use passkeys. Ask whoever looks after the reception PC.',
  'staff.passkey.exists':
    'This PC (or security key) already holds your passkey. Use “Sign in with a passkey”.',
  'staff.passkey.failed':
    'The passkey could not be used. Try again; if it keeps happening, contact the network office.',
  'staff.passkey.rejected':
    'This passkey could not be verified. Choose the passkey you enrolled and try again. If it keeps happening, ask the network office for a new enrolment link.',

  'staff.signIn.title': 'Reception sign-in',
  'staff.signIn.passkey.title': 'Sign in with a passkey',
  'staff.signIn.lead':
    'Use the passkey you made on this PC (or a security key), verifying yourself with a PIN, fingerprint or face.',
  'staff.signIn.button': 'Sign in with a passkey',
  'staff.signIn.unsupported':
    'This browser cannot use passkeys. Use a recent Chrome, Edge or Safari.',
  'staff.signIn.noAccount.title': 'No account yet?',
  'staff.signIn.noAccount.body':
    'Staff accounts are issued by the network office. Ask them for an enrolment link, giving your name, role and facility (the link lasts 7 days).',
  'staff.signIn.newPc': 'On a new PC, ask the network office for a new enrolment link too.',
  'staff.paperForm.link': 'Print the paper form',
  'staff.paperForm.print': 'Print a blank form',

  'staff.enrol.title': 'Staff enrolment',
  'staff.enrol.for': 'This enrolment link is for',
  'staff.enrol.name': 'Name',
  'staff.enrol.role': 'Role',
  'staff.enrol.facility': 'Facility',
  'staff.enrol.notYou': 'If this is not you, do not enrol: contact the network office.',
  'staff.enrol.lead':
    'Make a passkey on this PC (or a security key). It needs a PIN, fingerprint or face. From then on you sign in with it.',
  'staff.enrol.create': 'Make a passkey and sign in',
  'staff.enrol.invalid':
    'This enrolment link cannot be used (it is older than 7 days, was used already, or is incomplete). Ask the network office for a new enrolment link.',
  'staff.enrol.failed': 'The enrolment link could not be checked. Load it again.',

  'staff.new.title': 'Enter a paper form',
  'staff.new.keys':
    'Same order as the paper. Tab (or Enter) goes to the next item, arrow keys pick a choice, Space ticks a box. Save with the “Save” button or Ctrl+Enter.',
  'staff.new.save': 'Save',
  'staff.new.consentVersion': '(consent document version {version})',
  'staff.new.alreadyRegistered':
    'This form was not saved. Give the form back to the person, or keep it as your facility does.',
  'staff.hint.kana': 'Hiragana or katakana, as written on the form',
  'staff.hint.date': 'e.g. 1950-04-01, or S25.4.1 for Showa 25',
  'staff.hint.signedOn': 'The date written on the form, e.g. 2026-04-01, R8.4.1',
  'staff.hint.care': '10 digits. Leave empty if the person has no care insurance card.',
  'staff.hint.email': 'The person’s own address only, never the proxy’s.',
  'staff.hint.lateElderly': 'Late-stage elderly insurance has no symbol and no branch number.',
  'staff.hint.serial':
    'The number at the bottom right of the form (letters, digits, hyphens; up to 40)',
  'staff.proxy.has': 'The proxy box is filled in',
  'staff.readBack.birth': 'To be registered as {date}.',
  'staff.readBack.signedOn': 'Signed on {date}',
  'staff.check.date': 'This cannot be read as a date. Type it like 1950-04-01 or S25.4.1.',
  'staff.check.signedOn':
    'The date signed is in the future or too long ago. Check the date on the form.',
  'staff.check.care':
    'A care insurance number has 10 digits. Check the form, or leave it empty if unsure.',
  'staff.check.proxy':
    'Enter all three of the proxy’s name, relationship and reason. If there is no proxy, untick “The proxy box is filled in”.',
  'staff.check.serial':
    'A form number has up to 40 letters, digits and hyphens. Check the number on the form.',
  'staff.check.noConsent':
    'This network has no consent document, so it takes no registrations. Contact the network office.',
  'staff.check.consentChanged':
    'The network has a newer consent document. Reload the page, check the version on the form, and enter it again.',
  'staff.dup.checking': 'Checking whether this person is already registered…',
  'staff.dup.failed': 'The duplicate check did not work. It will be checked again when saving.',
  'staff.dup.none': 'No registration with the same kana name and date of birth.',
  'staff.dup.title': 'Registered with the same kana name and date of birth ({count})',
  'staff.dup.lead': 'The person may be registered already. Ask them.',
  'staff.dup.birth': 'born {date}',
  'staff.dup.number': 'Registration number',
  'staff.dup.registered': 'registered {date} ({channel})',
  'staff.dup.stop':
    'If it is the same person, stop here (no new registration is needed). If not, tick the box below.',
  'staff.dup.confirm': 'A different person (I checked they are not anyone listed above)',
  'staff.dup.mustConfirm':
    'Someone with the same kana name and date of birth is registered. Stop if it is the same person; tick this box if not.',
  'staff.masked': '({count} characters hidden)',
  'staff.confirm.title': 'Checked at reception',
  'staff.confirm.identity': 'Identity document checked',
  'staff.confirm.form': 'Signed form received',
  'staff.confirm.missing': 'Tick this once you have checked it.',

  'staff.sheet.title': 'Claim sheet',
  'staff.sheet.help': 'The sheet for {name}. Print it and give it to them or their family.',
  'staff.sheet.print': 'Print',
  'staff.sheet.next': 'Enter the next form',
  'staff.sheet.toEntry': 'Details of this entry',
  'staff.sheet.once':
    'This code is shown on this screen only (valid until {date}). If the sheet is lost, “Reissue” makes a new one.',
  'staff.sheet.label': 'Claim sheet',
  'staff.sheet.heading': 'You are registered with renkei',
  'staff.sheet.code': 'Code',
  'staff.sheet.qrAlt': 'QR code to start using renkei yourself (code {code})',
  'staff.sheet.expires': 'Valid until {date}',
  'staff.sheet.self.title': 'To start using it yourself',
  'staff.sheet.self.1': 'Scan this QR code with your own phone.',
  'staff.sheet.self.2': 'Enter your date of birth to confirm it is you.',
  'staff.sheet.self.3':
    'Press “Make a passkey and start” to make a passkey (sign in with your fingerprint, face or screen lock).',
  'staff.sheet.family.title': 'For a family member to act for you',
  'staff.sheet.family.1': 'Scan this QR code with your own phone (the family member’s).',
  'staff.sheet.family.2': 'Sign in with your own account (register first if you have none).',
  'staff.sheet.family.3':
    'Enter the person’s date of birth and your relationship, and press “Sign in as myself and become the proxy”.',
  'staff.sheet.url': 'If the QR code cannot be read, type this address:',
  'staff.sheet.keep': 'Keep this sheet safe until you start, and do not show it to anyone else.',
  'staff.sheet.noPhone':
    'If you do not use a smartphone, you need do nothing: you are already registered.',
  'staff.sheet.missing':
    'The claim sheet of this entry cannot be shown here (its code is shown only once, so reloading the page loses it). To make a new sheet, press “Reissue”.',
  'staff.reissue': 'Reissue the claim sheet',
  'staff.reissue.lead': 'If the sheet was lost, you can make a new one.',
  'staff.reissue.confirm':
    'Reissuing stops the code and QR code of the sheet given before. Reissue?',
  'staff.reissue.yes': 'Reissue (the earlier sheet stops working)',
  'staff.reissue.no': 'Cancel',
  'staff.reissue.identity': 'Identity document checked',
  'staff.reissue.identity.hint':
    'The sheet is handed to the person at the desk. The document you checked is kept, with your name, in the record the person can see.',
  'staff.reissue.identity.required': 'Choose the identity document you checked.',
  'staff.reissue.identity.my_number_card': 'My Number Card',
  'staff.reissue.identity.driver_licence': 'Driving licence',
  'staff.reissue.identity.qualification_certificate': 'Insurance qualification certificate',
  'staff.reissue.identity.other_photo_id': 'Another photo ID',

  'staff.entries.title': 'Entered forms',
  'staff.entries.day': 'Day',
  'staff.entries.prev': 'Previous day',
  'staff.entries.next': 'Next day',
  'staff.entries.show': 'Show',
  'staff.entries.of': 'Entered on {date} ({count})',
  'staff.entries.none': 'No forms were entered on this day.',
  'staff.entries.kind': 'Kind',
  'staff.entries.by': 'Entered by',
  'staff.entries.at': 'Time',
  'staff.entries.corrected': 'Corrected',
  'staff.entries.correctedCount': '{count}×',
  'staff.kind.registration': 'Registration',
  'staff.kind.withdrawal': 'Withdrawal',

  'staff.entry.title': 'Entry details',
  'staff.entry.changes': 'Corrections',
  'staff.entry.noChanges': 'No corrections.',
  'staff.entry.correct': 'Correct this entry',
  'staff.entry.correctLead':
    'Compare with the form and change only what differs. Only changed items are saved, and the change is recorded.',
  'staff.entry.saveCorrection': 'Save the correction',
  'staff.entry.cancel': 'Stop correcting',
  'staff.entry.nothing': 'Nothing was changed. Change an item, then save.',
  'staff.entry.saved': 'Correction saved.',
  'staff.entry.back': 'Back to the entered forms',

  'staff.withdrawal.title': 'Enter a withdrawal form',
  'staff.withdrawal.lead':
    'Enter a paper withdrawal form. The person whose registration number and date of birth match is withdrawn. Tab goes to the next item; save with “Save the withdrawal” or Ctrl+Enter.',
  'staff.withdrawal.numberHint': 'The registration number on the form (hyphens optional)',
  'staff.withdrawal.formReceived': 'Signed withdrawal form received',
  'staff.withdrawal.save': 'Save the withdrawal',
  'staff.withdrawal.notFound':
    'No one matches this registration number and date of birth. Check both on the form.',
  'staff.withdrawal.done': 'Withdrawal saved',
  'staff.withdrawal.doneBody':
    '{name}’s withdrawal from {network} was saved on {date}. They get a receipt by mail if they have an address.',

  'notFound.title': 'Page not found',
  'notFound.body': 'We could not find this page. Check the address, or go back to the home page.',
  'notFound.home': 'Back to the home page',
};
