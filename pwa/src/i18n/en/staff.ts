import type { ja } from '../ja/staff';
import type { Dictionary } from '../text';

/** `../ja/staff.ts` in English: exactly its keys (a missing or an extra one is a type error). */
export const en: Dictionary<keyof typeof ja> = {
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

  'staff.brand': 'renkei for facility staff',
  'staff.footer': 'Screens for facility staff. You are signed out after 15 minutes without input.',
  'staff.header.name': '{name}',
  'staff.signOut': 'Sign out',
  'staff.nav.label': 'Staff menu',
  'staff.nav.new': 'Enter a form',
  'staff.nav.entries': 'Today’s entries',
  'staff.nav.withdrawal': 'Enter a withdrawal',
  'staff.nav.records': 'Open a shared record',
  'staff.nav.presentation': 'Record a QR or card shown',
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

  'staff.signIn.title': 'Staff sign-in',
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
  'staff.hint.kana':
    'Hiragana or katakana, as written on the form; Latin letters if the name is written only in them',
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
  'staff.find.by': 'Find by',
  'staff.find.byQr': 'Registration QR or number',
  'staff.find.byQr.detail': 'QR scanner, or typed',
  'staff.find.byCard': 'Insurance card and date of birth',
  'staff.find.byCard.detail': 'When there is no QR code',
  'staff.find.qr': 'Registration QR or registration number',
  'staff.find.qr.hint':
    'Scan the QR code with the scanner and the search starts by itself. To type it, enter the registration number and the code printed under the QR one after the other (hyphens and spaces are optional).',
  'staff.find.qr.invalid':
    'This cannot be read as a registration QR or number. Scan again, or check the characters under the QR code and type them again.',
  'staff.find.birth': 'Date of birth',
  'staff.find.readBack': 'Date of birth: {date}',
  'staff.find.who.qr': 'Registration QR (registration number {number})',
  'staff.find.who.number': 'Registration number {number}',
  'staff.find.who.card': 'Insurance card {insurer}, number {number}, born {birth}',

  'staff.records.title': 'Open a shared record',
  'staff.records.lead':
    'Scan the person’s registration QR, or find them by registration number, or by insurance card and date of birth. The person sees in their record that this facility opened it, and by which profession.',
  'staff.records.numberNote':
    'The registration number alone opens only records this facility may already see. For someone new here, ask them to show their registration QR.',
  'staff.records.find': 'Find',
  'staff.records.finding': 'Finding…',
  'staff.records.notFound.title': 'No record you may open',
  'staff.records.notFound.body':
    'There is no record here that this facility may open. Ask the person to show their registration QR, or ask reception to record that they presented (“Record a QR or card shown”). Check also that the number or date of birth was typed correctly.',
  'staff.records.notFound.emergency':
    'In an emergency, when the person cannot be asked, use “Emergency access”.',
  'staff.records.notForRole':
    'Shared records are for doctors, dentists, pharmacists, nurses, care managers and care workers. At reception, use “Record a QR or card shown”.',

  'staff.record.title': 'Shared record of {name}',
  'staff.record.kana': 'Name in kana',
  'staff.record.birth': 'Date of birth',
  'staff.record.sex': 'Sex',
  'staff.record.number': 'Registration number',
  'staff.record.asOf': 'As of {date}.',
  'staff.record.sharedSince': 'Shared since {date}. Nothing from before then is held here.',
  'staff.record.emergencyUntil':
    'Shown through emergency access (until {date}). The person and their family have been told, and the network office will review it.',
  'staff.record.yourRole': 'What your profession ({role}) is shown.',
  'staff.record.notShown': 'Not shown to your profession ({role})',
  'staff.record.part.current_medicines': 'Current medicines',
  'staff.record.part.contraindications': 'Contraindications',
  'staff.record.part.allergies': 'Allergies',
  'staff.record.part.medication_history': 'Medication history (newest)',
  'staff.record.part.emergency_contact': 'Emergency contact',
  'staff.record.empty': 'Nothing recorded.',
  'staff.record.contactNone': 'No emergency contact is set.',
  'staff.record.from': '{facility}, {date}',
  'staff.record.until': 'until {date}',
  'staff.record.unstated': 'no duration stated (as needed, external use…)',
  'staff.record.prescribedBy': 'Prescribed by {facility}',
  'staff.record.byPatient': 'From the person’s own medication notebook app',
  'staff.record.inactive': '(no longer applies)',
  'staff.record.kind.request': 'Prescribed',
  'staff.record.kind.dispense': 'Dispensed',
  'staff.record.kind.statement': 'Reported as taken',
  'staff.record.another': 'Find another person',

  'staff.emergency.title': 'Emergency access',
  'staff.emergency.start': 'Go on to emergency access',
  'staff.emergency.warning':
    'Use it only when it is really needed: brought in by ambulance, or the person cannot consent. The moment it opens, the person and their family members who handle procedures for them are mailed. The network office reviews every emergency access.',
  'staff.emergency.forWhom': 'For: {who}',
  'staff.emergency.reason': 'Reason',
  'staff.emergency.reason.emergency_transport': 'Brought in by ambulance',
  'staff.emergency.reason.cannot_consent':
    'The person cannot consent (unconscious, cannot show their QR…)',
  'staff.emergency.reason.other': 'Other (write the reason below)',
  'staff.emergency.note': 'The reason in words',
  'staff.emergency.note.hint': 'Up to 200 characters. The network office reads it.',
  'staff.emergency.note.required': 'For “Other”, write the reason.',
  'staff.emergency.note.tooLong': 'Keep it to 200 characters (now {count}).',
  'staff.emergency.note.count': '{count} / 200 characters',
  'staff.emergency.open': 'Open in an emergency (the person and family are told)',
  'staff.emergency.notFound':
    'No one taking part in this facility’s networks was found. Check the number, the card and the date of birth. Emergency access cannot open the record of someone who does not take part.',
  'staff.emergency.cancel': 'Cancel',

  'staff.presentation.title': 'Record a QR or card shown',
  'staff.presentation.lead':
    'Record that the person showed their registration QR or insurance card at the desk. From then on, this facility’s clinical and care staff may open their shared record (medicines, allergies…).',
  'staff.presentation.numberOnly':
    'The registration number alone cannot be recorded. Scan the registration QR, type both the number and the code under it, or use the insurance card and date of birth.',
  'staff.presentation.save': 'Record that they presented',
  'staff.presentation.notFound':
    'No one taking part in this facility’s networks was found. Scan the QR code again, or check the card’s numbers and the date of birth. Someone not taking part can apply with the paper form.',
  'staff.presentation.done': 'Recorded that {name} presented',
  'staff.presentation.started':
    'This facility’s clinical and care staff may now open the shared record of {name}.',
  'staff.presentation.already':
    'This facility could already open the shared record of {name} (nothing changed).',
  'staff.presentation.notAllowed': 'This facility still cannot see the information of {name}',
  'staff.presentation.endedByPerson':
    '{name} has stopped this facility seeing their information. A card cannot record it: to allow it again, scan their new registration QR.',
  'staff.presentation.checkName':
    'Check that the name is the one on the card or QR. If it is not, contact the network office.',
  'staff.presentation.next': 'Record the next person',
  'staff.nav.insurance': 'Add a new insurance',
  'staff.insurance.title': 'Add a new insurance',
  'staff.insurance.lead':
    'For someone whose insurance changed (the scheme for people aged 75 and over, a new job, …): add the new insurance after checking who they are. This works whether or not they use the app themselves. Their current insurance is kept, ending the day before the new one starts.',
  'staff.insurance.person': 'Whose registration',
  'staff.insurance.person.hint':
    'Find them by their registration QR, or by their previous insurance card and date of birth.',
  'staff.insurance.new': 'The new insurance',
  'staff.insurance.documentHint': 'Choose the document that shows the new insurance numbers.',
  'staff.insurance.startsOn': 'The day the new insurance starts',
  'staff.insurance.startsOn.hint':
    'The date it is valid from, as written on the document; the insurance for people aged 75 and over starts on the 75th birthday. For example 2026-12-10 or R8.12.10. For the first insurance of someone who registered with a My Number Card and no numbers, it may be left empty.',
  'staff.insurance.startsOn.readBack': 'Added as insurance starting on {date}',
  'staff.insurance.startsOn.out_of_range':
    'This date cannot be used (before the date of birth, more than six months ahead, or not after the start of the current insurance). Check the date on the document.',
  'staff.insurance.number.already':
    'This insurance is already registered. Check that these are the new numbers.',
  'staff.insurance.save': 'Add the new insurance',
  'staff.insurance.notFound':
    "Nobody taking part in this facility's networks was found. Scan the QR code again, or check the previous card's numbers and the date of birth.",
  'staff.insurance.done': 'A new insurance was added for {name}',
  'staff.insurance.doneBody':
    'Information sent under the new numbers, dated from {date}, now reaches {name}. They were told by mail (if they have an address).',
  'staff.insurance.next': 'Add insurance for the next person',
  'staff.nav.proxyConfirm': 'Confirm a proxy',
  'staff.proxyConfirm.title': 'Confirm a proxy (at the desk)',
  'staff.proxyConfirm.lead':
    'When the person and their proxy (a family member or the like) are both at the desk and you have checked each one’s identity document, confirm the proxy here. Use it too to renew a link paused at its review date. Once confirmed, the proxy can see the person’s information, and the next review is a year from today.',
  'staff.proxyConfirm.person': 'The person',
  'staff.proxyConfirm.personIdentity': 'Document checked for the person',
  'staff.proxyConfirm.proxy': 'The proxy',
  'staff.proxyConfirm.proxyNumber': 'The proxy’s registration number',
  'staff.proxyConfirm.proxyNumber.hint':
    'On the proxy’s own page and mails (for example ABCD-EFGH-JK).',
  'staff.proxyConfirm.proxyBirth': 'The proxy’s date of birth',
  'staff.proxyConfirm.proxyIdentity': 'Document checked for the proxy',
  'staff.proxyConfirm.save': 'Confirm this proxy',
  'staff.proxyConfirm.notFound':
    'No proxy link to confirm was found. Check that the person takes part in this facility’s networks, the proxy’s registration number and date of birth, and that the proxy is registered as acting for this person.',
  'staff.proxyConfirm.done': '{proxy} is confirmed as {person}’s proxy',
  'staff.proxyConfirm.doneBody':
    'Both were told by mail (if they have an address). The next review is on {date}.',
  'staff.proxyConfirm.next': 'Confirm another',
  'staff.insurance.doneBody.first':
    'The insurance numbers are now on {name}’s registration: information sent under them reaches {name}’s record. They were told by mail (if they have an address).',
};
