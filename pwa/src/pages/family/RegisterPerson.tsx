import { useEffect, useRef, useState } from 'preact/hooks';
import { getMe } from '../../api/account';
import type { ApiFailure } from '../../api/client';
import { listNetworks, type NetworkSummary } from '../../api/networks';
import {
  getPeople,
  registerPerson,
  type Attestation,
  type PersonActedFor,
  type PersonRegistered,
  type Reason,
  type RegisterPersonRequest,
} from '../../api/proxies';
import { getConsent, type ConsentDocument } from '../../api/registration';
import { ConsentText } from '../../components/ConsentText';
import { InsuranceDocumentFields, insuranceFieldLabels } from '../../components/InsuranceDocument';
import { ErrorAlert } from '../../components/ErrorAlert';
import {
  ErrorSummary,
  RadioGroup,
  TextAreaField,
  TextField,
  fieldId,
  messagesFrom,
} from '../../components/Form';
import { preciseFieldMessage } from '../../components/InsuranceFields';
import { PageLoading } from '../../components/Loading';
import { PersonFields, personFieldLabels } from '../../components/PersonFields';
import { Problem } from '../../components/Problem';
import { SelfOnly } from '../../components/SelfOnly';
import { lang, t, type MessageKey } from '../../i18n/resident';
import { RELATIONSHIPS, startActing, type Relationship } from '../../lib/acting-for';
import { birthDateForServer } from '../../lib/birth-date';
import { nameIn } from '../../lib/names';
import { usePageTitle } from '../../lib/page';
import { relationshipKey } from '../../lib/proxies';
import {
  clearPersonDraft,
  emptyAnswers,
  loadPersonDraft,
  savePersonDraft,
  type PersonAnswers,
} from '../../lib/person-draft';
import {
  birthDateParts,
  emptyDetails,
  type DocumentKind,
  type RegistrationDetails,
  type Sex,
} from '../../lib/registration-draft';
import { useForm } from '../../lib/use-form';
import { useSignedInLoad } from '../../lib/use-signed-in-load';
import { navigate } from '../../router';
import { checkBeforeSending } from '../register/RegisterDetails';

const FORM = 'person';
const REASONS: readonly Reason[] = ['no_phone', 'cannot_operate', 'illness', 'cognitive', 'other'];
const ATTESTATIONS: readonly Attestation[] = ['person_agreed', 'legal_representative'];
export const REASON_NOTE_MAX = 200;

type Answers = PersonAnswers;

/** What can be said before sending: the proxy's answers, then the person's details. */
export function checkPerson(
  answers: Answers,
  details: RegistrationDetails,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!answers.relationship) errors['relationship'] = t('check.choose');
  if (!answers.reason) errors['reason'] = t('check.choose');
  if (answers.reasonNote.length > REASON_NOTE_MAX)
    errors['reasonNote'] = t('person.reasonNote.tooLong', { max: REASON_NOTE_MAX });
  if (!answers.attestation) errors['attestation'] = t('check.choose');
  const rest = checkBeforeSending(details);
  // The person's own address is optional here.
  if (!details.email.trim()) delete rest['email'];
  return { ...errors, ...rest };
}

/**
 * `/me/people/new`: registering a family member (e.g. an elderly parent) to act for, into a
 * network: the network and its consent document, how the registering person is related and
 * why the person is not registering themselves, what they attest, then the person's details
 * (as in registration; their email is optional). What is typed is kept in this tab
 * (`lib/person-draft.ts`) until the person is registered. Done: the registration number and the
 * way to act for them.
 */
export function RegisterPerson() {
  usePageTitle(t('person.title'));
  return (
    <SelfOnly title={t('person.title')}>
      <RegisterPersonLoaded />
    </SelfOnly>
  );
}

function RegisterPersonLoaded() {
  // Only a signed-in person registers a family member: one who is not is sent to sign in
  // before any of the form shows (the networks themselves are public).
  const { state, reload } = useSignedInLoad(async (signal) => {
    const me = await getMe(signal);
    return me.ok ? listNetworks(signal) : me;
  });
  if (state.status !== 'ok') {
    return (
      <PageLoading
        title={t('person.title')}
        error={state.status === 'error' ? state.error : null}
        onRetry={reload}
        testId="person"
      />
    );
  }
  return <PersonForm networks={state.data} />;
}

type ConsentState =
  | { readonly status: 'none' }
  | { readonly status: 'loading' }
  | { readonly status: 'unavailable' }
  | { readonly status: 'ok'; readonly doc: ConsentDocument }
  | { readonly status: 'error'; readonly error: ApiFailure };

function fieldLabels(document: DocumentKind | ''): Record<string, string> {
  return {
    network: t('person.network'),
    relationship: t('person.relationship'),
    reason: t('person.reason'),
    reasonNote: t('person.reasonNote'),
    attestation: t('person.attestation'),
    ...insuranceFieldLabels(document),
    ...personFieldLabels(),
    phone: t('details.phone'),
    email: t('person.email'),
  };
}

function PersonForm({ networks }: { networks: readonly NetworkSummary[] }) {
  // What was typed before a reload or a dropped connection, if anything.
  const [kept] = useState(loadPersonDraft);
  const [network, setNetwork] = useState<string>(() =>
    networks.length === 1
      ? (networks[0]?.code ?? '')
      : kept && networks.some((n) => n.code === kept.network)
        ? kept.network
        : '',
  );
  const [consent, setConsent] = useState<ConsentState>({ status: 'none' });
  const [consentAttempt, setConsentAttempt] = useState(0);
  const [consentRenewed, setConsentRenewed] = useState(false);
  const [answers, setAnswers] = useState<Answers>(() => kept?.answers ?? emptyAnswers());
  const [details, setDetails] = useState<RegistrationDetails>(
    () => kept?.details ?? emptyDetails(),
  );
  const form = useForm();
  const { errors } = form;
  const [done, setDone] = useState<{ registered: PersonRegistered; name: string } | null>(null);

  // Keep what is typed, until the person is registered (then nothing stays).
  useEffect(() => {
    if (done) clearPersonDraft();
    else savePersonDraft({ network, answers, details });
  }, [network, answers, details, done]);

  useEffect(() => {
    if (!network) {
      setConsent({ status: 'none' });
      return;
    }
    const controller = new AbortController();
    setConsent({ status: 'loading' });
    getConsent(network, controller.signal).then(
      (result) => {
        if (result.ok) setConsent({ status: 'ok', doc: result.data });
        else if (result.error.code === 'not_found') setConsent({ status: 'unavailable' });
        else setConsent({ status: 'error', error: result.error });
      },
      () => {
        // Aborted: the page went away or another network was chosen.
      },
    );
    return () => controller.abort();
  }, [network, consentAttempt]);

  const answer = (changes: Partial<Answers>, fields: readonly string[]) => {
    setAnswers((a) => ({ ...a, ...changes }));
    form.clear(...fields);
  };
  const update = (changes: Partial<RegistrationDetails>, fields: readonly string[]) => {
    setDetails((d) => ({ ...d, ...changes }));
    form.clear(...fields);
  };

  if (done) return <PersonDone registered={done.registered} name={done.name} />;

  const late = details.documentKind === 'late_elderly';
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!form.start()) return;
    const local = checkPerson(answers, details);
    if (!network) local['network'] = t('check.choose');
    if (Object.keys(local).length > 0 || consent.status !== 'ok') {
      form.refuse(local);
      return;
    }
    const body: RegisterPersonRequest = {
      network,
      consentVersion: consent.doc.version,
      relationship: answers.relationship as Relationship,
      reason: answers.reason as Reason,
      ...(answers.reasonNote.trim() ? { reasonNote: answers.reasonNote.trim() } : {}),
      attestation: answers.attestation as Attestation,
      documentKind: details.documentKind as DocumentKind,
      insurerNumber: details.insurerNumber,
      symbol: late ? '' : details.symbol,
      number: details.number,
      ...(details.branch.trim() && !late ? { branch: details.branch } : {}),
      name: details.name,
      nameKana: details.nameKana,
      birthDate: birthDateForServer(birthDateParts(details)),
      sex: details.sex as Sex,
      phone: details.phone,
      ...(details.email.trim() ? { email: details.email.trim() } : {}),
    };
    const result = await form.send(() => registerPerson(body));
    if (result.ok) {
      clearPersonDraft();
      setDone({ registered: result.data, name: details.name.trim() });
      window.scrollTo(0, 0);
      return;
    }
    const { error } = result;
    if (error.code === 'validation_failed' && error.fields?.length) {
      const fields = messagesFrom(error.fields, preciseFieldMessage);
      if (error.fields.some((f) => f.field === 'consentVersion')) {
        delete fields['consentVersion'];
        setConsentRenewed(true);
        setConsentAttempt((n) => n + 1);
      }
      form.refuse(fields);
    } else {
      form.refuse({}, error);
    }
  };

  const id = (name: string) => fieldId(FORM, name);

  return (
    <section class="flow" aria-labelledby="page-title" data-testid="register-person">
      <p class="eyebrow">{t('family.title')}</p>
      <h1 id="page-title" tabIndex={-1}>
        {t('person.title')}
      </h1>
      <p>{t('person.lead')}</p>
      <form ref={form.ref} noValidate onSubmit={submit} data-testid="person-form">
        <ErrorSummary form={FORM} errors={errors} labels={fieldLabels(details.documentKind)}>
          {consentRenewed && <p>{t('person.consentRenewed')}</p>}
        </ErrorSummary>
        <Problem error={form.problem} testId="person-problem" />

        <div class="card">
          <h2>{t('person.section.network')}</h2>
          {networks.length === 0 ? (
            <p data-testid="person-no-networks">{t('networks.empty')}</p>
          ) : networks.length === 1 ? (
            <p
              data-testid="person-network"
              lang={nameIn(networks[0] as NetworkSummary, lang.value).lang}
            >
              {nameIn(networks[0] as NetworkSummary, lang.value).text}
            </p>
          ) : (
            <RadioGroup<string>
              id={id('network')}
              legend={t('person.network')}
              error={errors['network']}
              options={networks.map((n) => {
                const name = nameIn(n, lang.value);
                return { value: n.code, label: <span lang={name.lang}>{name.text}</span> };
              })}
              value={network}
              onValue={(v) => {
                setNetwork(v);
                form.clear('network');
              }}
            />
          )}
          {consent.status === 'loading' && (
            <p class="muted">
              <span class="spinner" aria-hidden="true" />
              {t('consent.loading')}
            </p>
          )}
          {consent.status === 'unavailable' && (
            <p data-testid="registration-unavailable">{t('consent.unavailable')}</p>
          )}
          {consent.status === 'error' && (
            <ErrorAlert
              code={consent.error.code}
              retryLabel={t('consent.retry')}
              onRetry={() => setConsentAttempt((n) => n + 1)}
              testId="consent-error"
            />
          )}
          {consent.status === 'ok' && (
            <>
              <p>{t('person.consentLead')}</p>
              <ConsentText doc={consent.doc} />
            </>
          )}
        </div>

        <div class="card">
          <h2>{t('person.section.you')}</h2>
          <RadioGroup<Relationship>
            id={id('relationship')}
            legend={t('person.relationship')}
            hint={t('person.relationship.hint')}
            error={errors['relationship']}
            options={RELATIONSHIPS.map((r) => ({ value: r, label: t(relationshipKey(r)) }))}
            value={answers.relationship}
            onValue={(v) => answer({ relationship: v }, ['relationship'])}
          />
          <RadioGroup<Reason>
            id={id('reason')}
            legend={t('person.reason')}
            error={errors['reason']}
            options={REASONS.map((r) => ({
              value: r,
              label: t(`person.reason.${r}` as MessageKey),
            }))}
            value={answers.reason}
            onValue={(v) => answer({ reason: v }, ['reason'])}
          />
          <TextAreaField
            id={id('reasonNote')}
            label={
              <>
                {t('person.reasonNote')}
                <span class="field__optional">{t('form.optional')}</span>
              </>
            }
            hint={t('person.reasonNote.hint', { max: REASON_NOTE_MAX })}
            error={errors['reasonNote']}
            value={answers.reasonNote}
            onValue={(v) => answer({ reasonNote: v }, ['reasonNote'])}
            rows={3}
          />
          <RadioGroup<Attestation>
            id={id('attestation')}
            legend={t('person.attestation')}
            hint={t('person.attestation.hint')}
            error={errors['attestation']}
            options={ATTESTATIONS.map((a) => ({
              value: a,
              label: t(`person.attestation.${a}` as MessageKey),
            }))}
            value={answers.attestation}
            onValue={(v) => answer({ attestation: v }, ['attestation'])}
          />
        </div>

        <div class="card">
          <h2>{t('person.section.insurance')}</h2>
          <InsuranceDocumentFields
            form={FORM}
            hint={t('person.documentKind.hint')}
            values={details}
            errors={errors}
            onDocument={(v) => update({ documentKind: v }, ['documentKind', 'insurerNumber'])}
            onChange={(field, value) => update({ [field]: value }, [field])}
          />
        </div>

        <div class="card">
          <h2>{t('person.section.person')}</h2>
          <PersonFields
            form={FORM}
            values={details}
            errors={errors}
            own={false}
            onChange={update}
          />
          <TextField
            id={id('phone')}
            label={t('person.phone')}
            hint={t('person.phone.hint')}
            error={errors['phone']}
            value={details.phone}
            onValue={(v) => update({ phone: v }, ['phone'])}
            type="tel"
            inputMode="tel"
            autoComplete="off"
          />
          <TextField
            id={id('email')}
            label={t('person.email')}
            optional
            hint={t('person.email.hint')}
            error={errors['email']}
            value={details.email}
            onValue={(v) => update({ email: v }, ['email'])}
            type="email"
            inputMode="email"
            autoComplete="off"
            autoCapitalize="off"
            spellcheck={false}
          />
        </div>

        <p class="note">{t('person.agreeNote')}</p>
        <button
          type="submit"
          class="button button--wide"
          disabled={form.sending || consent.status !== 'ok'}
          data-testid="person-submit"
        >
          {form.sending ? t('common.sending') : t('person.submit')}
        </button>
        <p class="flow__back">
          <a href="/me">{t('card.back')}</a>
        </p>
      </form>
    </section>
  );
}

/**
 * Done: the registration number, and — when the link was made — the way to act for them. When
 * it was not (the family member's switcher does not list the person), the screen stays neutral:
 * it says what happens and what to do next, never why.
 */
function PersonDone({ registered, name }: { registered: PersonRegistered; name: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [person, setPerson] = useState<PersonActedFor | null | 'loading'>('loading');
  useEffect(() => {
    heading.current?.focus();
    let live = true;
    void getPeople().then((result) => {
      if (!live) return;
      setPerson(
        result.ok
          ? (result.data.people.find(
              (p) => p.registrationNumber === registered.registrationNumber,
            ) ?? null)
          : null,
      );
    });
    return () => {
      live = false;
    };
  }, []);
  const network = nameIn(
    {
      name: registered.networkName,
      ...(registered.networkNameEn ? { nameEn: registered.networkNameEn } : {}),
    },
    lang.value,
  );
  const linked = person !== 'loading' && person !== null;
  return (
    <section class="flow" aria-labelledby="page-title" data-testid="person-done">
      <div class="card done">
        <svg class="done__icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
          <circle cx="24" cy="24" r="22" fill="#0b7a4b" />
          <path
            d="M14 25l7 7 13-15"
            fill="none"
            stroke="#ffffff"
            stroke-width="5"
            stroke-linecap="round"
            stroke-linejoin="round"
          />
        </svg>
        <h1 id="page-title" tabIndex={-1} ref={heading}>
          {t('person.done.title')}
        </h1>
        <p lang={network.lang}>{network.text}</p>
        <p class="done__label">{t('person.done.number')}</p>
        <p class="reg-number" data-testid="person-registration-number" translate={false}>
          {registered.registrationNumber}
        </p>
        {person !== null && <p>{t('person.done.numberNote')}</p>}
      </div>
      <div class="card">
        <h2>{t('done.next.title')}</h2>
        {person === null ? (
          <div data-testid="person-not-linked">
            <p>{t('person.done.notLinked', { name })}</p>
            <ul class="points">
              <li>{t('person.done.notLinked.review', { name })}</li>
              <li>{t('person.done.notLinked.invite', { name })}</li>
              <li>{t('person.done.notLinked.facility')}</li>
            </ul>
          </div>
        ) : (
          <ul class="points">
            <li data-testid="person-done-confirm">{t('person.done.next.confirm')}</li>
            <li>{t('person.done.next.mail')}</li>
            <li>{t('person.done.next.revoke')}</li>
          </ul>
        )}
        {linked && (
          <button
            type="button"
            class="button button--wide"
            data-testid="person-act"
            onClick={() => {
              startActing(person);
              navigate('/me');
            }}
          >
            {t('family.act', { name: person.name })}
          </button>
        )}
        <a class="button button--secondary button--wide" href="/me" data-testid="person-to-me">
          {t('done.toMe')}
        </a>
      </div>
    </section>
  );
}
