import type { ja } from '../ja/me';
import type { Dictionary } from '../text';

/** `../ja/me.ts` in English: exactly its keys (a missing or an extra one is a type error). */
export const en: Dictionary<keyof typeof ja> = {
  'me.title': 'Your page',

  'me.greeting': '{name}',
  'me.number': 'Registration number',
  'me.email': 'Email address',
  'me.networks': 'Networks you have joined',
  'me.joined': 'Joined on {date} (consent document version {version})',
  'me.noNetworks': 'You have not joined any network.',
  'me.summary.title': 'Medication and allergies',
  'me.summary.empty': 'No information yet.',
  'me.summary.fromJoining':
    'Only information that hospitals, clinics and pharmacies send after the day of joining is shown here.',
  'summary.asOf': 'As of {date}',
  'summary.lastReceived': 'Latest information received: {date}',
  'summary.joinedNote': 'Joined on {date}. Nothing from before that day is shown.',
  'summary.flags.title': 'Please check',
  'summary.flags.lead':
    'Found by putting together what several facilities sent. Tell your doctor or pharmacist at your next visit.',
  'summary.flag.duplicate':
    'Medicines with the same ingredient come from {facilities} at the same time: {names}',
  'summary.flag.allergy': '{name} may match the recorded allergy “{allergy}”.',
  'summary.flag.contraindication': '{name} may match the recorded contraindication “{allergy}”.',
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
  'summary.current.title': 'Medicines taken now',
  'summary.current.empty': 'No current medicines on record.',
  'summary.current.until': 'until {date}',
  'summary.current.unstated': 'No number of days stated (as needed, external use, …)',
  'summary.from': '{facility}, {date}',
  'summary.prescribedBy': 'Prescribed by {facility}',
  'summary.allergies.title': 'Allergies',
  'summary.allergies.empty': 'No allergies on record.',
  'summary.contraindications.title': 'Medicines that must not be given (contraindications)',
  'summary.contraindications.empty': 'No contraindications on record.',
  'summary.inactive': '(no longer applies)',
  'summary.history.title': 'Medicines in the last 12 months ({count})',
  'summary.history.empty': 'Nothing in the last 12 months.',
  'summary.history.more': 'Show more ({count} more)',
  'summary.history.loading': 'Loading…',
  'summary.history.added': 'Added {count}. Showing {shown} of {total}.',
  'summary.sources.title': 'Facilities that sent information',
  'summary.sources.item': '{facility} (latest {date}; records: {count})',
  'summary.actions.card': 'Open the emergency card',
  'summary.actions.print': 'Printable view',
  'summary.actions.download': 'Download the data (FHIR)',
  'summary.kind.request': 'Prescribed',
  'summary.kind.dispense': 'Dispensed',
  'summary.kind.statement': 'Reported as taken',

  'card.title': 'Emergency card',
  'card.lead': 'Show this screen to paramedics or hospital staff.',
  'card.person': '{name} ({kana}), born {birth}',
  'card.born': 'Born {date}',
  'card.section.contraindications': 'Contraindications (must not be given)',
  'card.section.allergies': 'Allergies',
  'card.section.current': 'Medicines taken now',
  'card.none': 'None recorded',
  'card.contact.title': 'Emergency contact',
  'card.contact.none': 'No emergency contact is set.',
  'card.contact.edit': 'Set or change the emergency contact',
  'card.contact.name': 'Name',
  'card.contact.relationship': 'Relationship (optional)',
  'card.contact.phone': 'Phone number',
  'card.contact.save': 'Save',
  'card.contact.saved': 'Emergency contact saved.',
  'card.contact.remove': 'Remove the emergency contact',
  'card.qr.lead':
    "A clinic, hospital, pharmacy or care provider shown this QR code can then see {name}'s medicines, allergies and other information.",
  'card.qr.alt': 'Registration QR code of {name} (registration number {number})',
  'card.offline.notActing':
    'No emergency card of {acting} is kept on this phone. The card kept here is the one {owner} saved.',
  'card.offline.showKept': 'Stop acting for them and show the card of {owner}',
  'card.offline.title': 'For when there is no connection',
  'card.offline.label': 'Keep the emergency card on this phone',
  'card.offline.help':
    'In a disaster, without internet, or once you are signed out by time, the card still opens on this phone without signing in (to show paramedics). It is kept on this phone only and removed when you sign out.',
  'card.offline.savedAt': 'Saved on {date}',
  'card.offline.showing':
    'The card {name} kept on this phone, saved on {date} (it may not be the latest).',
  'card.offline.signedOut':
    'The card {name} kept on this phone, saved on {date} (not signed in, so the kept card is shown).',
  'card.offline.signIn': 'Sign in to bring it up to date',
  'card.offline.none':
    'No internet connection, and no emergency card is kept on this phone. Open it again where there is a connection.',
  'card.offline.other':
    'An emergency card kept for someone else is on this phone. It is not yours and is not changed unless you keep your own.',
  'card.offline.replace':
    'This phone keeps the emergency card of someone else. Keeping yours replaces it: their card will no longer be on this phone. Keep yours instead?',
  'card.offline.replaceConfirm': 'Replace it with my card',
  'card.offline.replaceCancel': 'Leave it as it is',
  'card.offline.failed':
    'It could not be kept on this phone. Check that the browser allows sites to store data.',
  'install.title': 'Add to the home screen',
  'install.lead':
    'With an icon on the home screen the app opens at once; a long press on the icon opens the emergency card directly.',
  'install.button': 'Add to the home screen',
  'install.done': 'Added to the home screen.',
  'install.menu': "Choose 'Add to Home screen' from the browser's menu (⋮ or the Share button).",
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
  'print.allergen': 'Allergy or contraindication',
  'print.daysValue': '{days} days',
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
  'history.kind.combined': 'Carried over to the other consent when two registrations were combined',
  'history.when': 'When',
  'history.document': 'Document',
  'history.version': 'Version {version}',
  'history.by': 'By',
  'history.by.resident': 'You',
  'history.by.proxy': 'A family member or other proxy',
  'history.by.staff': 'Reception staff (from a paper form)',
  'history.by.operator': 'The network office',
  'history.channel': 'How',
  'history.channel.cli': 'By the network office',
  'history.channel.mergeWithdrawal':
    'Your withdrawal on your other registration, carried over when the network office combined the two',
  'history.channel.merge':
    'The network office combined two registrations into one (participation continues)',
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

  'visibility.toggle': 'Hide from family',
  'visibility.hidden': 'Hidden from family',
  'visibility.lead':
    'Items marked “Hide from family” are not shown to your proxies (nor in their downloads).',

  'me.acting.eyebrow': 'Acting for a family member',
  'me.acting.greeting': '{name}’s page',
  'me.acting.viewOnly': 'You may view only: you can look, but not change anything.',
  'me.proxyEnded.title': 'You can no longer act for {name}',
  'me.proxyEnded.close': 'Close this notice',

  'me.proxyEnded.body':
    '{name} ended your proxy (or it otherwise stopped), so you can no longer see their information. This is your own page now. If you still need to act for them, ask {name} to invite you again.',

  'me.links.access': 'Who has looked at your information',
  'qr.title': 'QR code to show at reception',
  'qr.lead':
    'A clinic, hospital, pharmacy or care provider you show this QR code to can then see your medicines, allergies and other information.',
  'qr.alt': 'Your registration QR code (registration number {number})',
  'qr.number': 'Registration number',
  'qr.code': 'Code',
  'qr.readOut': 'If it cannot be scanned, read the registration number and code out to reception.',
  'qr.issued': 'QR code made on {date}.',
  'qr.renew': 'Make a new QR code (if you lost your card)',
  'qr.renew.title': 'Make a new QR code?',
  'qr.renew.body':
    'The current QR code stops working (printed copies too, and the one on an emergency card kept on this phone). Someone who finds a lost card cannot use it to see your information.',
  'qr.renew.yes': 'Make a new QR code',
  'qr.renew.no': 'Cancel',
  'qr.renewed': 'A new QR code was made. The old one no longer works.',
  'insurance.title': 'Your health insurance',
  'insurance.lead':
    'Hospitals and pharmacies send your information under your insurance numbers. When your insurance changes (a new job, turning 75, …), add the new insurance here.',
  'insurance.current': 'Current insurance',
  'insurance.earlier': 'Earlier insurance',
  'insurance.none': 'No insurance is registered.',
  'insurance.number': 'number ending {tail}',
  'insurance.since': 'from {date}',
  'insurance.sinceRegistration': 'since you registered',
  'insurance.until': 'until {date}',
  'insurance.addedBy.resident': 'added by you',
  'insurance.addedBy.proxy': 'added by a proxy',
  'insurance.addedBy.staff': "added at a facility's reception",
  'insurance.add': 'Add a new insurance',
  'insurance.open': 'See or add your insurance',
  'insurance.reminder.title': 'You turn 75 on {date}',
  'insurance.reminder.body':
    'From that day your health insurance changes to the medical care scheme for people aged 75 and over. When the new certificate (or the notice of your insurance details) arrives, add it here. Until it is added, information dated from that day may not reach you.',
  'insurance.reminder.add': 'Add the insurance for people aged 75 and over',
  'insurance.new.title': 'Add a new insurance',
  'insurance.new.lead':
    'Have the new card, certificate or notice in front of you. Your current insurance is kept, ending the day before the new one starts; information dated before then still reaches you as before.',
  'insurance.new.documentHint': 'Choose the document that shows the new insurance numbers.',
  'insurance.startsOn': 'The day the new insurance starts',
  'insurance.startsOn.hint':
    'The date it is valid from, as written on the document. For example 2026-12-10. The insurance for people aged 75 and over starts on your 75th birthday.',
  'insurance.startsOn.readBack': 'Added as insurance starting on {date}',
  'insurance.startsOn.required': 'Enter the day the new insurance starts.',
  'insurance.startsOn.invalid_format':
    'This could not be read as a date. Type it like the example: 2026-12-10.',
  'insurance.startsOn.out_of_range':
    'This date cannot be used: it is before you were born, more than six months ahead, or not after the start of your current insurance. Check the date on the document.',
  'insurance.number.already':
    'This insurance is already registered. Check that these are the new insurance numbers.',
  'insurance.submit': 'Add this insurance',
  'insurance.added': 'The new insurance was added. A confirmation mail was sent.',
  'insurance.back': 'Back to your page',
  'insurance.startsOn.hint.first':
    'If you know it, enter the date it is valid from. When you add your insurance numbers for the first time, you may leave this empty.',
  'insurance.none.later':
    'You registered with your My Number Card and no numbers. When you have them (on the notice of your insurance details, or in Mynaportal), add them here; a participating facility’s reception can add them too. Until then, hospitals and pharmacies cannot send your information by insurance numbers (your registration QR code works).',
};
