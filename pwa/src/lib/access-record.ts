import type { AccessEntry, CareRelationship } from '../api/access';
import { tIn, type AccessKey, type Lang } from '../i18n/access';
import { nameIn } from './names';

/**
 * An entry of the person's access record in plain words, in either language: who (the
 * facility in the reader's language and the profession, never a staff member's name; a proxy;
 * the network office), what they did, what they saw, and for an emergency access its reason,
 * until when and the network office's review. The date and time are the page's to show.
 */

export interface EntryWords {
  /** One sentence: "デモ内科クリニックの看護師があなたの情報を見ました（いまのお薬・アレルギー）". */
  readonly text: string;
  /** Lines under it (an emergency's reason, its end, its review). */
  readonly details: readonly string[];
  /** How the entry should stand out: a refused look, an emergency, or neither. */
  readonly tone: 'refused' | 'emergency' | 'plain';
}

const ROLES = [
  'reception',
  'facility_admin',
  'doctor',
  'dentist',
  'pharmacist',
  'nurse',
  'care_manager',
  'care_worker',
] as const;

const PARTS = [
  'current_medicines',
  'medication_history',
  'allergies',
  'contraindications',
  'emergency_contact',
] as const;

const REASONS = ['emergency_transport', 'cannot_consent', 'other'] as const;

const known = <T extends string>(list: readonly T[], value: string | undefined): value is T =>
  value !== undefined && (list as readonly string[]).includes(value);

/** The facility's name in the reader's language (the English one when there is one). */
export function facilityName(
  facility: { readonly name: string; readonly nameEn?: string } | undefined,
  language: Lang,
): string {
  return facility ? nameIn(facility, language).text : tIn(language, 'access.someFacility');
}

/** Who did it, as the middle of a sentence. */
export function actorWords(entry: AccessEntry, language: Lang): string {
  const t = (key: AccessKey, params?: Record<string, string>) => tIn(language, key, params);
  const facility = facilityName(entry.facility, language);
  switch (entry.actorKind) {
    case 'staff':
      return t('access.actor.staff', {
        facility,
        role: t(known(ROLES, entry.role) ? `access.role.${entry.role}` : 'access.role.unknown'),
      });
    case 'facility_system':
      return t('access.actor.facilitySystem', { facility });
    case 'proxy':
      return entry.proxyName
        ? t('access.actor.proxy', { name: entry.proxyName })
        : t('access.actor.proxyUnnamed');
    case 'operator':
      return t('access.actor.operator');
    case 'system':
      return t('access.actor.system');
    default:
      return entry.facility ? facility : t('access.actor.someone');
  }
}

/** What a look showed: "（いまのお薬・アレルギー）", or nothing when it names no part. */
export function partsWords(parts: readonly string[], language: Lang): string {
  const names = PARTS.filter((p) => parts.includes(p)).map((p) =>
    tIn(language, `access.part.${p}`),
  );
  if (names.length === 0) return '';
  return tIn(language, 'access.parts', { parts: names.join(tIn(language, 'access.partsJoin')) });
}

/** A sentence begins with a capital in English ("A nurse at …"). */
function sentence(text: string, language: Lang): string {
  return language === 'en' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/** The emergency's reason, end and review, each a line. */
function emergencyLines(
  emergency: NonNullable<AccessEntry['emergency']>,
  language: Lang,
  formatDate: (iso: string) => string,
): string[] {
  const reason = known(REASONS, emergency.reason) ? emergency.reason : 'other';
  const lines = [
    tIn(language, 'access.emergency.reason', {
      reason: tIn(language, `access.emergency.reason.${reason}`),
    }),
    tIn(language, 'access.emergency.until', { date: formatDate(emergency.until) }),
  ];
  if (emergency.reviewOutcome === 'appropriate' || emergency.reviewOutcome === 'inappropriate') {
    lines.push(
      tIn(language, `access.emergency.${emergency.reviewOutcome}`, {
        date: emergency.reviewedAt ? formatDate(emergency.reviewedAt) : '',
      }),
    );
  } else {
    lines.push(tIn(language, 'access.emergency.pending'));
  }
  return lines;
}

/** The entry in words (see `EntryWords`); `formatDate` writes a time for the reader. */
export function entryWords(
  entry: AccessEntry,
  language: Lang,
  formatDate: (iso: string) => string,
): EntryWords {
  const t = (key: AccessKey, params?: Record<string, string>) => tIn(language, key, params);
  const actor = actorWords(entry, language);
  const facility = facilityName(entry.facility, language);
  const parts = partsWords(entry.parts, language);
  const emergency = entry.emergency ? emergencyLines(entry.emergency, language, formatDate) : [];
  const words = (key: AccessKey, tone: EntryWords['tone'] = 'plain', details = emergency) => ({
    text: sentence(t(key, { actor, facility, parts }), language),
    details,
    tone,
  });
  if (entry.refused || entry.action === 'shared_record.refused')
    return words('access.action.refused', 'refused', []);
  switch (entry.action) {
    case 'shared_record.viewed':
      return entry.emergency
        ? words('access.action.viewedInEmergency', 'emergency')
        : words('access.action.viewed');
    case 'emergency_access.opened':
      return words('access.action.emergencyOpened', 'emergency');
    case 'emergency_access.reviewed':
      return words('access.action.emergencyReviewed', 'emergency');
    case 'care_relationship.started':
      return words('access.action.relationshipStarted');
    case 'care_relationship.ended':
      return words('access.action.relationshipEnded');
    case 'health_record.viewed':
      return words('access.action.healthViewed');
    case 'health_record.exported':
      return words('access.action.healthExported');
    case 'data.exported':
      return words('access.action.dataExported');
    case 'access_record.viewed':
      return words('access.action.accessViewed');
    case 'reception.duplicate_check':
      return words('access.action.duplicateCheck');
    case 'medical_data.received':
      return words('access.action.dataReceived');
    default:
      return words('access.action.other');
  }
}

/** Why a facility may look, and since when, in words. */
export function relationshipWords(
  item: CareRelationship,
  language: Lang,
  formatDate: (iso: string) => string,
): { since: string; viewed: string | null } {
  const basis = known(
    ['sent_data', 'presented_at_desk', 'showed_qr', 'emergency_access'] as const,
    item.basis,
  )
    ? item.basis
    : 'sent_data';
  return {
    since: tIn(language, 'access.facility.since', {
      date: formatDate(item.startedAt),
      basis: tIn(language, `access.facility.basis.${basis}`),
    }),
    viewed: item.until
      ? tIn(language, 'access.emergency.until', { date: formatDate(item.until) })
      : item.firstViewedAt
        ? tIn(language, 'access.facility.firstViewed', { date: formatDate(item.firstViewedAt) })
        : // An emergency row: the facility looked then, so "not yet" would be wrong; say
          // nothing.
          item.basis === 'emergency_access'
          ? null
          : tIn(language, 'access.facility.notViewed'),
  };
}

/** Entries of a later page not already shown (a page boundary may repeat one). */
export function newAccessEntries(
  shown: readonly AccessEntry[],
  page: readonly AccessEntry[],
): AccessEntry[] {
  const ids = new Set(shown.map((e) => e.id));
  return page.filter((e) => !ids.has(e.id));
}
