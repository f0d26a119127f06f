import type { ConsentOverview, HistoryItem, Membership, NetworkName } from '../api/consents';
import { formatDate, t } from '../i18n/resident';
import { displayCode } from './entry-code';

/**
 * The rules the consent screens share: where each screen is, what agreeing would do for this
 * person now, and how a step of the history reads (what, when, to which document, by whom,
 * how).
 */

export const CONSENTS_PATH = '/me/consents';
export const MY_DATA_PATH = '/me/data';
/** Who has looked at the person's information, and the facilities that may look now. */
export const ACCESS_PATH = '/me/access';
/** The page that explains and confirms erasing the medication and allergy data. */
export const ERASE_PATH = '/me/data/erase';

const seg = (s: string) => encodeURIComponent(s);

/** The page that joins, re-joins or renews (agrees to the document in force). */
export function joinPath(network: string): string {
  return `${CONSENTS_PATH}/${seg(network)}/join`;
}

/** The page that explains and confirms a withdrawal. */
export function withdrawPath(network: string): string {
  return `${CONSENTS_PATH}/${seg(network)}/withdraw`;
}

/** The page that shows one version of a network's consent document. */
export function versionPath(network: string, version: number): string {
  return `${CONSENTS_PATH}/${seg(network)}/versions/${version}`;
}

/**
 * What agreeing to a network's document in force would do now:
 * `join` (never a member), `rejoin` (withdrawn earlier: a new consent from now on),
 * `renew` (a member asked to agree to a newer version), `current` (nothing to do).
 */
export type JoinMode = 'join' | 'rejoin' | 'renew' | 'current';

export function membershipOf(overview: ConsentOverview, network: string): Membership | undefined {
  return overview.memberships.find((m) => m.network.code === network);
}

export function joinMode(overview: ConsentOverview, network: string): JoinMode {
  const membership = membershipOf(overview, network);
  if (!membership) return 'join';
  if (membership.state === 'withdrawn') return 'rejoin';
  return membership.reconsentVersion !== undefined ? 'renew' : 'current';
}

/** The network's name as the overview knows it (membership, joinable list or history). */
export function networkNameIn(overview: ConsentOverview, network: string): NetworkName | undefined {
  return (
    membershipOf(overview, network)?.network ??
    overview.joinable.find((j) => j.network.code === network)?.network ??
    overview.history.find((h) => h.network.code === network)?.network
  );
}

/** True while any consent is in force (then the medical data cannot be erased). */
export function anyConsentInForce(overview: Pick<ConsentOverview, 'memberships'>): boolean {
  return overview.memberships.some((m) => m.state === 'joined');
}

/** Networks whose newer consent document asks this person to agree again. */
export function awaitingReconsent<N extends { reconsentVersion?: number }>(
  networks: readonly N[],
): N[] {
  return networks.filter((n) => n.reconsentVersion !== undefined);
}

/** Who took a step: the person, a proxy, reception staff from a paper form, the network office. */
export function byWhom(by: HistoryItem['by']): string {
  switch (by) {
    case 'resident':
      return t('history.by.resident');
    case 'proxy':
      return t('history.by.proxy');
    case 'staff':
      return t('history.by.staff');
    case 'operator':
      return t('history.by.operator');
  }
}

/** How a step reached the network; an unknown channel is shown as the server wrote it. */
export function channelText(channel: string): string {
  switch (channel) {
    case 'web':
      return t('history.channel.web');
    case 'paper':
      return t('history.channel.paper');
    case 'cli':
      return t('history.channel.cli');
    case 'merge':
      return t('history.channel.merge');
    case 'merge_withdrawal':
      return t('history.channel.mergeWithdrawal');
    default:
      return channel;
  }
}

/**
 * What a step was. A consent given in a network where an earlier one had been withdrawn is a
 * re-join (a new consent: nothing from the gap is shared). `history` is newest first.
 */
export function kindText(item: HistoryItem, history: readonly HistoryItem[]): string {
  switch (item.kind) {
    case 'renewed':
      return t('history.kind.renewed');
    case 'withdrawn':
      // Closed when the office combined two registrations: the other one's consent goes on.
      return item.channel === 'merge' ? t('history.kind.combined') : t('history.kind.withdrawn');
    case 'given': {
      const at = history.indexOf(item);
      const older = at < 0 ? [] : history.slice(at + 1);
      const rejoined = older.some(
        (h) =>
          h.network.code === item.network.code && h.kind === 'withdrawn' && h.channel !== 'merge',
      );
      return rejoined ? t('history.kind.rejoined') : t('history.kind.given');
    }
  }
}

export interface Row {
  readonly label: string;
  readonly value: string;
}

/** The details of a step, as label and value, leaving out what the step does not have. */
export function historyRows(item: HistoryItem): Row[] {
  const rows: Row[] = [{ label: t('history.when'), value: formatDate(item.at, true) }];
  if (item.version !== undefined) {
    rows.push({
      label: t('history.document'),
      value: t('history.version', { version: item.version }),
    });
  }
  rows.push({ label: t('history.by'), value: byWhom(item.by) });
  if (item.channel) rows.push({ label: t('history.channel'), value: channelText(item.channel) });
  if (item.entryPoint)
    rows.push({ label: t('history.entryPoint'), value: displayCode(item.entryPoint) });
  if (item.facility) rows.push({ label: t('history.facility'), value: item.facility });
  if (item.formSerial) rows.push({ label: t('history.formSerial'), value: item.formSerial });
  return rows;
}

/** A membership's state in one line: joined since … (version N), or withdrawn on …. */
export function membershipText(m: Membership): string {
  return m.state === 'joined'
    ? t('consents.state.joined', { date: formatDate(m.joinedAt, true), version: m.agreedVersion })
    : t('consents.state.withdrawn', { date: formatDate(m.withdrawnAt ?? m.joinedAt, true) });
}
