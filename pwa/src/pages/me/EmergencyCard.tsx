import { useEffect, useState } from 'preact/hooks';
import type { ApiFailure } from '../../api/client';
import {
  getMySummary,
  removeEmergencyContact,
  setEmergencyContact,
  type EmergencyContact,
} from '../../api/health';
import { getRegistrationQr } from '../../api/access';
import { getMe } from '../../api/account';
import { messagesFrom, TextField } from '../../components/Form';
import { RegistrationQrView } from '../../components/RegistrationQrView';
import { InstallButton } from '../../components/InstallButton';
import { Problem } from '../../components/Problem';
import {
  formatDate,
  lang,
  t,
  tIn,
  type Lang,
  type MessageKey,
  type Params,
} from '../../i18n/resident';
import { browserOnline } from '../../lib/online';
import {
  cardData,
  clearOfflineCard,
  loadOfflineCard,
  ownsKeptCard,
  refreshOfflineCard,
  saveOfflineCard,
  type CardData,
  type OfflineCard,
} from '../../lib/offline-card';
import { actingFor, can, stopActing } from '../../lib/acting-for';
import { signInPath } from '../../lib/proxies';
import { usePageTitle } from '../../lib/page';
import { useForm } from '../../lib/use-form';
import { navigate } from '../../router';

type State =
  | { readonly status: 'loading' }
  | {
      readonly status: 'live';
      readonly card: CardData;
      /** The signed-in person's registration number (null when acting for someone, or unknown). */
      readonly owner: string | null;
    }
  | {
      readonly status: 'saved';
      readonly card: CardData;
      readonly savedAt: string;
      /** Why the kept copy shows: no connection, or nobody signed in (a session that ended). */
      readonly why: 'offline' | 'signedOut';
    }
  | { readonly status: 'none'; readonly error: ApiFailure }
  | {
      /** Acting for someone without a connection: the card kept on the phone is another's. */
      readonly status: 'elsewhere';
      readonly acting: string;
      readonly owner: string;
    };

/**
 * `/me/card`: the emergency card to show paramedics — who this is, contraindications,
 * allergies, current medicines, the emergency contact, and the registration QR a facility's desk
 * scans — in large text. The person may keep a
 * copy on the phone for when there is no connection (a disaster); it is labelled with the time
 * it was saved and removed at sign-out, and holds the QR too. Without a connection, or once the
 * session has ended (a paramedic holding the phone cannot sign in as its owner), the saved copy
 * is shown with its date. The copy records whose it is: on a shared phone, a copy kept by someone else
 * is neither refreshed nor shown as kept for the person signed in, and is replaced only when
 * they choose to keep their own card after being told so.
 */
export function EmergencyCard() {
  usePageTitle(t('card.title'));
  const [state, setState] = useState<State>({ status: 'loading' });
  const [kept, setKept] = useState<OfflineCard | null>(() => loadOfflineCard());
  const [storeFailed, setStoreFailed] = useState(false);
  const [replacing, setReplacing] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    // The registration QR comes with the card (not for a proxy who only views: the server
    // refuses them); without it the card still shows.
    const qrLoad = can('manage')
      ? getRegistrationQr(controller.signal).then(
          (r) => (r.ok ? r.data : null),
          () => null,
        )
      : Promise.resolve(null);
    // Whose card this is, to tell it from a card someone else kept on this phone.
    const ownerLoad = actingFor.value
      ? Promise.resolve(null)
      : getMe(controller.signal).then(
          (r) => (r.ok ? r.data.registrationNumber : null),
          () => null,
        );
    getMySummary(controller.signal).then(
      async (result) => {
        if (result.ok) {
          const [qr, owner] = await Promise.all([qrLoad, ownerLoad]);
          if (controller.signal.aborted) return;
          setState({ status: 'live', card: cardData(result.data, qr), owner });
          // The phone keeps only the signed-in person's own card, never that of someone acted
          // for, and refreshes it only for its owner.
          refreshOfflineCard(result.data, owner, actingFor.value !== null, qr);
          setKept(loadOfflineCard());
          return;
        }
        // The card kept on this phone (the notice names whose it is), also after a session
        // that ended (which has taken this tab's acting for someone with it: the API client
        // drops it on a 401). While acting for someone without a connection, only their card:
        // someone else's kept card under their name would be taken for theirs.
        const saved = loadOfflineCard();
        const acting = actingFor.value;
        if (result.error.code === 'network' && saved && acting && saved.card.name !== acting.name) {
          setState({ status: 'elsewhere', acting: acting.name, owner: saved.card.name });
        } else if (result.error.code === 'network' && saved) {
          setState({ status: 'saved', card: saved.card, savedAt: saved.savedAt, why: 'offline' });
        } else if (result.error.code === 'unauthorized' && saved) {
          // A kept card opens without signing in (a paramedic cannot give the owner's
          // fingerprint): it is the owner's own choice, like a card in a wallet.
          setState({ status: 'saved', card: saved.card, savedAt: saved.savedAt, why: 'signedOut' });
        } else if (result.error.code === 'unauthorized') {
          navigate('/sign-in', { replace: true });
        } else {
          setState({ status: 'none', error: result.error });
        }
      },
      () => {
        // Aborted: the page went away.
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const online = browserOnline.value;
  useEffect(() => {
    if (online && state.status !== 'live' && state.status !== 'loading') setAttempt((n) => n + 1);
  }, [online]);

  const owner = state.status === 'live' ? state.owner : null;
  const own = ownsKeptCard(kept, owner, actingFor.value !== null);
  // A card kept on this phone for someone else (or for nobody known).
  const othersKept = kept !== null && !own;

  const keep = () => {
    setReplacing(false);
    if (state.status !== 'live' || state.owner === null) return;
    if (saveOfflineCard(state.card, state.owner)) setKept(loadOfflineCard());
    else setStoreFailed(true);
  };

  const toggleKeep = (on: boolean) => {
    setStoreFailed(false);
    if (!on) {
      setReplacing(false);
      // Only one's own kept card is turned off here.
      if (own) {
        clearOfflineCard();
        setKept(null);
      }
      return;
    }
    if (othersKept) setReplacing(true);
    else keep();
  };

  return (
    <div class="emergency" data-testid="emergency-card">
      <section class="intro" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          <Both k="card.title" />
        </h1>
      </section>

      {state.status === 'loading' && (
        <p class="muted">
          <span class="spinner" aria-hidden="true" />
          {t('screen.loading')}
        </p>
      )}
      {state.status === 'none' && (
        <Problem
          error={state.error}
          message={state.error.code === 'network' ? t('card.offline.none') : undefined}
          testId="card-problem"
        />
      )}
      {state.status === 'elsewhere' && (
        <div class="alert" role="alert" data-testid="card-elsewhere">
          <p>{t('card.offline.notActing', { acting: state.acting, owner: state.owner })}</p>
          <button
            type="button"
            class="button"
            onClick={() => {
              stopActing();
              setAttempt((n) => n + 1);
            }}
            data-testid="card-show-kept"
          >
            {t('card.offline.showKept', { owner: state.owner })}
          </button>
        </div>
      )}
      {state.status === 'saved' && (
        <p class="alert alert--info" role="status" data-testid="card-offline-copy">
          {t(state.why === 'offline' ? 'card.offline.showing' : 'card.offline.signedOut', {
            date: formatDate(state.savedAt, true),
            name: state.card.name,
          })}
          {state.why === 'signedOut' && (
            <>
              {' '}
              <a href={signInPath('/me/card')} data-testid="card-sign-in">
                {t('card.offline.signIn')}
              </a>
            </>
          )}
        </p>
      )}
      {(state.status === 'live' || state.status === 'saved') && (
        <CardBody
          card={state.card}
          editable={state.status === 'live' && can('manage')}
          onContact={(c) =>
            state.status === 'live' &&
            setState({ ...state, card: { ...state.card, emergencyContact: c } })
          }
        />
      )}

      <p class="muted">{t('card.lead')}</p>

      {state.status === 'live' && !actingFor.value && state.owner !== null && (
        <section class="card" aria-labelledby="card-offline-title">
          <h2 id="card-offline-title">{t('card.offline.title')}</h2>
          <label class="check">
            <input
              type="checkbox"
              checked={own || replacing}
              onChange={(e) => toggleKeep((e.currentTarget as HTMLInputElement).checked)}
              data-testid="card-keep"
            />
            <span>{t('card.offline.label')}</span>
          </label>
          <p class="muted">{t('card.offline.help')}</p>
          {othersKept && !replacing && (
            <p class="muted" data-testid="card-kept-other">
              {t('card.offline.other')}
            </p>
          )}
          <div aria-live="polite">
            {own && kept && (
              <p class="field__ok" data-testid="card-kept">
                {t('card.offline.savedAt', { date: formatDate(kept.savedAt, true) })}
              </p>
            )}
            {replacing && (
              <div class="alert" data-testid="card-replace">
                <p>{t('card.offline.replace')}</p>
                <p class="summary__actions">
                  <button
                    type="button"
                    class="button button--wide"
                    onClick={keep}
                    data-testid="card-replace-confirm"
                  >
                    {t('card.offline.replaceConfirm')}
                  </button>
                  <button
                    type="button"
                    class="button button--secondary button--wide"
                    onClick={() => setReplacing(false)}
                    data-testid="card-replace-cancel"
                  >
                    {t('card.offline.replaceCancel')}
                  </button>
                </p>
              </div>
            )}
          </div>
          {storeFailed && <Problem message={t('card.offline.failed')} testId="card-keep-failed" />}
        </section>
      )}

      {state.status === 'live' && !actingFor.value && <InstallButton />}

      <p class="summary__actions">
        <a class="button button--secondary button--wide" href="/me">
          {t('card.back')}
        </a>
      </p>
    </div>
  );
}

/**
 * The card as a paramedic or a hospital reads it: Japanese first, with the owner's language
 * beside when it is another; who, born when and as of when in two lines; then what must not be
 * given (contraindications, allergies), then the medicines taken now, the emergency contact and
 * the registration QR.
 */
function CardBody({
  card,
  editable,
  onContact,
}: {
  card: CardData;
  editable: boolean;
  onContact: (c: EmergencyContact | undefined) => void;
}) {
  const active = card.allergies.filter((a) => a.active);
  const contra = active.filter((a) => a.contraindication);
  const allergies = active.filter((a) => !a.contraindication);
  return (
    <>
      <section class="card card--emergency" aria-labelledby="card-person">
        <h2 id="card-person" class="emergency__person" data-testid="card-person">
          <span lang="ja">
            {card.name}（{card.nameKana}）
          </span>
        </h2>
        <p class="emergency__meta" data-testid="card-meta">
          <Both
            k="card.born"
            params={{ date: dateIn('ja', card.birthDate) }}
            other={{ date: dateIn(lang.value, card.birthDate) }}
          />
          {' ・ '}
          <Both
            k="summary.asOf"
            params={{ date: dateIn('ja', card.asOf, true) }}
            other={{ date: dateIn(lang.value, card.asOf, true) }}
          />
        </p>
        <h3>
          <Both k="card.section.contraindications" />
        </h3>
        <Items testId="card-contraindications" items={contra.map(allergyItem)} />
        <h3>
          <Both k="card.section.allergies" />
        </h3>
        <Items testId="card-allergies" items={allergies.map(allergyItem)} />
        <h3>
          <Both k="card.section.current" />
        </h3>
        <Items
          testId="card-current"
          items={card.current.map((m) => ({
            id: m.id,
            main: m.name,
            meta: [m.dosage, both(m.facility, m.facilityEn)].filter(Boolean).join(' ・ '),
            byPatient: m.providedByPatient,
          }))}
        />
      </section>
      <ContactCard contact={card.emergencyContact} editable={editable} onContact={onContact} />
      {card.qr && (
        <section class="card" aria-labelledby="card-qr-title" data-testid="card-qr">
          <h2 id="card-qr-title">
            <Both k="qr.title" />
          </h2>
          <p>
            <Both k="card.qr.lead" params={{ name: card.name }} />
          </p>
          <RegistrationQrView
            qr={card.qr}
            testId="card-qr-view"
            alt={t('card.qr.alt', { name: card.name, number: card.qr.registrationNumber })}
          />
        </section>
      )}
    </>
  );
}

/** A card section's entries, or "none" in both languages. */
function Items({
  items,
  testId,
}: {
  items: readonly { id: string; main: string; meta: string; byPatient?: boolean }[];
  testId: string;
}) {
  if (items.length === 0)
    return (
      <p class="emergency__none" data-testid={testId}>
        <Both k="card.none" />
      </p>
    );
  return (
    <ul class="emergency__items" data-testid={testId}>
      {items.map((i) => (
        <li key={i.id}>
          <span class="emergency__item" lang="ja">
            {i.main}
          </span>
          {i.meta && (
            <span class="emergency__item-meta" lang="ja">
              {i.meta}
            </span>
          )}
          {i.byPatient && (
            <span class="provided-marker" data-testid="provided-by-patient">
              <Both k="summary.providedByPatient" />
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * A text in Japanese (for responders in Japan), with the reader's language beside it when it is
 * another (the owner's, on a foreign resident's phone).
 */
function Both({ k, params, other }: { k: MessageKey; params?: Params; other?: Params }) {
  const ja = tIn('ja', k, params);
  const theirs = lang.value === 'ja' ? null : tIn(lang.value, k, other ?? params);
  return (
    <>
      <span lang="ja">{ja}</span>
      {theirs && theirs !== ja && (
        <span class="both__other" lang={lang.value}>
          {' / '}
          {theirs}
        </span>
      )}
    </>
  );
}

/** An allergy or contraindication as a card entry: what, and from which facility. */
function allergyItem(a: CardData['allergies'][number]) {
  return { id: a.id, main: a.text, meta: both(a.facility, a.facilityEn) };
}

/** A facility's Japanese name, with its English one beside it for a reader of English. */
function both(name: string, nameEn: string | undefined): string {
  return lang.value !== 'ja' && nameEn && nameEn !== name ? `${name} (${nameEn})` : name;
}

/** A date (and time) in Japan's time zone, written as `language` writes it. */
function dateIn(language: Lang, iso: string, withTime = false): string {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00+09:00` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(date);
}

function ContactCard({
  contact,
  editable,
  onContact,
}: {
  contact: EmergencyContact | undefined;
  editable: boolean;
  onContact: (c: EmergencyContact | undefined) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(contact?.name ?? '');
  const [relationship, setRelationship] = useState(contact?.relationship ?? '');
  const [phone, setPhone] = useState(contact?.phone ?? '');
  // A refused answer takes the focus to its field (the save button is disabled while sending,
  // so the focus would otherwise fall to the page).
  const form = useForm();
  const { errors } = form;
  const [saved, setSaved] = useState(false);

  const save = async (e: Event) => {
    e.preventDefault();
    if (!form.start()) return;
    setSaved(false);
    const result = await form.send(() =>
      setEmergencyContact({
        name,
        phone,
        ...(relationship.trim() ? { relationship } : {}),
      }),
    );
    if (result.ok) {
      form.setErrors({});
      setEditing(false);
      setSaved(true);
      onContact(result.data);
    } else if (result.error.code === 'validation_failed') {
      form.refuse(messagesFrom(result.error.fields));
    } else {
      form.setProblem(result.error);
    }
  };
  const remove = async () => {
    const result = await form.send(() => removeEmergencyContact());
    if (result.ok) {
      setName('');
      setRelationship('');
      setPhone('');
      onContact(undefined);
    } else form.setProblem(result.error);
  };

  return (
    <section class="card" aria-labelledby="card-contact-title" data-testid="card-contact">
      <h2 id="card-contact-title">
        <Both k="card.contact.title" />
      </h2>
      {contact ? (
        <p class="emergency__contact">
          {contact.name}
          {contact.relationship ? `（${contact.relationship}）` : ''}{' '}
          <a href={`tel:${contact.phone}`} data-testid="card-contact-phone">
            {contact.phone}
          </a>
        </p>
      ) : (
        <p class="empty-state">
          <Both k="card.contact.none" />
        </p>
      )}
      <div aria-live="polite">{saved && <p class="field__ok">{t('card.contact.saved')}</p>}</div>
      <Problem error={form.problem} testId="card-contact-problem" />
      {editable && !editing && (
        <button
          type="button"
          class="button button--secondary button--wide"
          onClick={() => setEditing(true)}
          data-testid="card-contact-edit"
        >
          {t('card.contact.edit')}
        </button>
      )}
      {editable && editing && (
        <form ref={form.ref} onSubmit={save} noValidate>
          <TextField
            id="contact-name"
            label={t('card.contact.name')}
            value={name}
            onValue={setName}
            error={errors['name']}
            autoComplete="name"
          />
          <TextField
            id="contact-relationship"
            label={t('card.contact.relationship')}
            optional
            value={relationship}
            onValue={setRelationship}
            error={errors['relationship']}
          />
          <TextField
            id="contact-phone"
            label={t('card.contact.phone')}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            value={phone}
            onValue={setPhone}
            error={errors['phone']}
          />
          <button
            type="submit"
            class="button button--wide"
            disabled={form.sending}
            data-testid="card-contact-save"
          >
            {t('card.contact.save')}
          </button>
          {contact && (
            <button
              type="button"
              class="button button--secondary button--wide"
              disabled={form.sending}
              onClick={remove}
            >
              {t('card.contact.remove')}
            </button>
          )}
        </form>
      )}
    </section>
  );
}
