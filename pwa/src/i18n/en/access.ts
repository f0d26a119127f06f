import type { ja } from '../ja/access';
import type { Dictionary } from '../text';

/** `../ja/access.ts` in English: exactly its keys (a missing or an extra one is a type error). */
export const en: Dictionary<keyof typeof ja> = {
  'access.title': 'Who has looked at your information',
  'access.lead':
    'When your medicines, allergies and other information were looked at, by which facility and by which profession. Looks that were refused are listed too.',
  'access.names':
    'Staff members’ names are not shown. If you want to know one, ask the network office.',
  'access.back': 'Back to your page',

  'access.list.title': 'Record (newest first)',
  'access.list.none': 'Nothing is recorded yet.',
  'access.list.older': 'Show older entries',
  'access.list.loading': 'Loading…',
  'access.list.added': '{count} more entries shown.',
  'access.list.end': 'There is nothing older.',
  'access.check.intact':
    'This record is checked regularly for changes. The check at {at} found no change to the entries up to then.',
  'access.check.broken':
    'The check at {at} found signs that entries were altered. Please ask the network office.',

  'access.actor.staff': '{role} at {facility}',
  'access.actor.facilitySystem': 'the system of {facility}',
  'access.actor.proxy': 'your proxy {name}',
  'access.actor.proxyUnnamed': 'your proxy',
  'access.actor.operator': 'the network office',
  'access.actor.system': 'renkei',
  'access.actor.someone': 'someone in the network',
  'access.someFacility': 'a facility',

  'access.role.reception': 'a receptionist',
  'access.role.facility_admin': 'an administrator',
  'access.role.doctor': 'a doctor',
  'access.role.dentist': 'a dentist',
  'access.role.pharmacist': 'a pharmacist',
  'access.role.nurse': 'a nurse',
  'access.role.care_manager': 'a care manager',
  'access.role.care_worker': 'a care worker',
  'access.role.unknown': 'a staff member',

  'access.part.current_medicines': 'current medicines',
  'access.part.medication_history': 'medication history',
  'access.part.allergies': 'allergies',
  'access.part.contraindications': 'contraindications',
  'access.part.emergency_contact': 'emergency contact',
  'access.parts': ' ({parts})',
  'access.partsJoin': ', ',

  'access.action.viewed': '{actor} looked at your information{parts}',
  'access.action.viewedInEmergency':
    '{actor} looked at your information through emergency access{parts}',
  'access.action.refused': '{actor} tried to look at your information but could not',
  'access.action.emergencyOpened': '{actor} opened your information through emergency access',
  'access.action.emergencyReviewed':
    'The network office reviewed the emergency access by {facility}',
  'access.action.relationshipStarted': '{facility} may now look at your information',
  'access.action.relationshipEnded': '{facility} may no longer look at your information',
  'access.action.healthViewed': '{actor} looked at your medicines and allergies',
  'access.action.healthExported': '{actor} downloaded your medicines and allergies',
  'access.action.dataExported': '{actor} downloaded all your information',
  'access.action.accessViewed': '{actor} looked at this record of looks',
  'access.action.duplicateCheck':
    '{actor} checked for someone already registered while entering a paper form, and your registration came up',
  'access.action.dataReceived': 'Your information arrived from {actor}',
  'access.action.other': '{actor} handled your information',

  'access.emergency.reason': 'Reason: {reason}',
  'access.emergency.reason.emergency_transport': 'brought in by ambulance',
  'access.emergency.reason.cannot_consent': 'you could not consent at the time',
  'access.emergency.reason.other': 'other',
  'access.emergency.until': 'Open until {date}',
  'access.emergency.pending': 'Network office review: not yet reviewed',
  'access.emergency.appropriate': 'Network office review: appropriate ({date})',
  'access.emergency.inappropriate':
    'Network office review: not appropriate ({date}). The office closed this access. You can ask the office about it.',

  'access.facilities.title': 'Facilities that can see your information',
  'access.facilities.lead':
    'Clinical and care staff at these facilities can see your medicines, allergies and more (what each profession sees is set).',
  'access.facilities.none': 'No facility can see your information now.',
  'access.facility.basis.sent_data': 'it sent information about you',
  'access.facility.basis.presented_at_desk': 'you showed your insurance card or QR at its desk',
  'access.facility.basis.showed_qr': 'you showed your registration QR there',
  'access.facility.basis.emergency_access': 'an emergency access',
  'access.facility.since': 'Since {date}: {basis}',
  'access.facility.firstViewed': 'First looked: {date}',
  'access.facility.notViewed': 'Has not looked yet',
  'access.facility.stop': 'Stop this facility seeing it',
  'access.facility.confirm.title': 'Stop {facility} seeing your information?',
  'access.facility.confirm.body':
    'When it treats or cares for you, this facility will not see your medicines and allergies. Its sending new information about you, or your showing your insurance card at its desk, will not let it see them again: to do that, show your registration QR there. Your registration QR is renewed and the old one stops working (print it again if you printed it).',
  'access.facility.confirm.emergency':
    'In an emergency, this facility can still open your information through emergency access, and you will be told.',
  'access.facility.confirm.yes': 'Stop it seeing my information',
  'access.facility.confirm.no': 'Go back without stopping',
  'access.facility.confirm.titleFor': 'Stop {facility} seeing the information of {name}?',
  'access.facility.confirm.bodyFor':
    'When it treats or cares for {name}, this facility will not see their medicines and allergies. Its sending new information about them, or their showing their insurance card at its desk, will not let it see them again: to do that, they show their registration QR there. The registration QR of {name} is renewed and the old one stops working (print it again if it was printed).',
  'access.facility.confirm.emergencyFor':
    'In an emergency, this facility can still open the information of {name} through emergency access, and {name} will be told.',
  'access.facility.stoppedFor':
    '{facility} can no longer see the information of {name}. The registration QR of {name} has been renewed.',
  'access.facility.stopped':
    '{facility} can no longer see your information. Your registration QR has been renewed.',
};
