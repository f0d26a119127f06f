import type { ja } from '../ja/family';
import type { Dictionary } from '../text';

/** `../ja/family.ts` in English: exactly its keys (a missing or an extra one is a type error). */
export const en: Dictionary<keyof typeof ja> = {
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
  'person.done.next.confirm':
    'Until your link is confirmed, their medicines and other information are not shown to you. Come to a participating facility’s reception together, each with an identity document (a legal representative can send their documents to the network office).',
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
  'proxies.invite.shareTitle': 'An invitation to act as a proxy on renkei',
  'proxies.invite.shareText':
    'Please register as my proxy: open this link, or enter the invitation code {code}.',
  'share.button': 'Send by LINE or mail',
  'share.copied': 'The link was copied. Paste it into LINE or a mail and send it.',
  'share.failed': 'It could not be copied. Press and hold the link below to copy it.',
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

  'proxies.alerts.title': 'When a facility looks at your information',
  'proxies.alerts.lead':
    'You are mailed the first time a facility looks at your information after it became able to, and at every emergency access. Other looks are not mailed: they are all in “Who has looked at your information”.',
  'proxies.alerts.label': 'Also send these mails to my family (proxies who handle procedures)',
  'proxies.alerts.help':
    'Proxies who only view are not mailed. Nor is your family mailed about a facility whose records you hide from them.',
  'proxies.alerts.on': 'Your family will be mailed too.',
  'proxies.alerts.off': 'Your family will not be mailed.',
  'family.standing.unconfirmed':
    'Waiting for confirmation: until the person, a participating facility’s reception or the network office confirms you, their medicines and other information are not shown.',
  'family.standing.review_due':
    'Paused: its review date ({date}) has passed. It resumes once the person or a participating facility’s reception confirms it again.',
  'family.standing.reviewOn': 'Next review: {date}',
  'family.pending.title': 'Your proxy link for {name} is not confirmed yet',
  'family.pending.review.title': 'Your proxy link for {name} is paused: its review date has passed',
  'family.pending.body':
    'Until it is confirmed, {name}’s medicines and allergies are not shown and you cannot act for them. Their registration is done. It can be confirmed in any of these ways:',
  'family.pending.person':
    '{name} confirms you under “Proxies” on their own page (not from an account started through the mail your registration sent: the network office checks those)',
  'family.pending.desk':
    'You both bring identity documents (My Number Card, driving licence, …) to a participating facility’s reception',
  'family.pending.office':
    'A legal representative (such as a guardian) sends their documents to the network office',
  'proxies.standing.unconfirmed':
    'Waiting for you to confirm. Until you do, this person cannot see your medicines or other information.',
  'proxies.standing.review_due':
    'Paused: its review date ({date}) has passed. Confirm it if it should go on.',
  'proxies.standing.confirmed': 'Confirmed ({basis}) · next review {date}',
  'proxies.basis.person_agreed': 'you agreed',
  'proxies.basis.legal_representative': 'legal representative',
  'proxies.basis.reception_verified': 'checked at a facility’s reception',
  'proxies.approve': 'Confirm {name} as your proxy',
  'proxies.approved': '{name} is confirmed as your proxy. The next review is on {date}.',
};
