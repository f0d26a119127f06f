import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ApiFailure } from '../../api/client';
import { sendDetails, type RegistrationRequest } from '../../api/registration';
import { InsuranceDocumentFields, insuranceFieldLabels } from '../../components/InsuranceDocument';
import {
  ErrorSummary,
  TextField,
  fieldId,
  messagesFrom,
  type FieldMessages,
} from '../../components/Form';
import {
  birthDateProblem,
  insurerMessage,
  preciseFieldMessage,
} from '../../components/InsuranceFields';
import { PersonFields, personFieldLabels, type PersonValues } from '../../components/PersonFields';
import { Problem } from '../../components/Problem';
import { Steps } from '../../components/Steps';
import { lang, t } from '../../i18n';
import { birthDateForServer } from '../../lib/birth-date';
import { compactCode } from '../../lib/entry-code';
import { checkInsurerNumber } from '../../lib/insurance';
import { memo } from '../../lib/memo';
import { nameIn } from '../../lib/names';
import { usePageTitle } from '../../lib/page';
import { useForm } from '../../lib/use-form';
import {
  birthDateParts,
  clearDraft,
  loadDraft,
  registrationPath,
  saveDraft,
  type DocumentKind,
  type RegistrationDetails,
  type RegistrationDraft,
  type Sex,
} from '../../lib/registration-draft';
import { navigate, type Params } from '../../router';

const FORM = 'reg';

/** The draft of a flow that has reached `step`, or null (then the screen sends the person back). */
export function useRegistrationDraft(
  code: string,
  ready: (draft: RegistrationDraft) => boolean,
): RegistrationDraft | null {
  const [draft] = useState(() => {
    const kept = loadDraft();
    return kept && kept.entry === code && ready(kept) ? kept : null;
  });
  useEffect(() => {
    // Opened without going through the earlier screens (or after the flow ended): start again.
    if (!draft) navigate(registrationPath(code), { replace: true });
  }, []);
  return draft;
}

/** Screen 2 of 4 (`/r/:code/details`): the insurance document, the person, and how to reach them. */
export function RegisterDetails({ params }: { params: Params }) {
  const code = compactCode(params['code'] ?? '');
  const draft = useRegistrationDraft(code, (d) => d.consentVersion !== null);
  if (!draft) return null;
  return <DetailsForm code={code} draft={draft} />;
}

type Trouble =
  | { readonly kind: 'error'; readonly error: ApiFailure }
  | { readonly kind: 'consent' }
  | { readonly kind: 'done' };

function fieldLabels(document: DocumentKind | ''): Record<string, string> {
  return {
    ...insuranceFieldLabels(document),
    ...personFieldLabels(),
    phone: t('details.phone'),
    email: t('details.email'),
  };
}

/** A マイナ保険証 holder registering now and giving the numbers later. */
const numbersLater = (d: RegistrationDetails) =>
  d.documentKind === 'my_number_card' && d.numbersLater === true;

/** What can be said before sending: missing answers and a wrong insurer number. */
export function checkBeforeSending(d: RegistrationDetails): Record<string, string> {
  const errors: Record<string, string> = {};
  const required = t('check.required');
  if (!d.documentKind) errors['documentKind'] = t('check.choose');
  if (!numbersLater(d)) {
    const insurer = checkInsurerNumber(d.insurerNumber);
    const insurerProblem = insurerMessage(insurer, d.documentKind);
    if (insurerProblem) errors['insurerNumber'] = insurerProblem;
    if (!d.number.trim()) errors['number'] = required;
  }
  if (!d.name.trim()) errors['name'] = required;
  if (!d.nameKana.trim()) errors['nameKana'] = required;
  const birth = birthDateProblem(birthDateParts(d));
  if (birth) errors['birthDate'] = birth;
  if (!d.sex) errors['sex'] = t('check.choose');
  if (!d.phone.trim()) errors['phone'] = required;
  if (!d.email.trim()) errors['email'] = required;
  return errors;
}

function DetailsForm({ code, draft }: { code: string; draft: RegistrationDraft }) {
  usePageTitle(t('details.title'));
  const [details, setDetails] = useState<RegistrationDetails>(draft.details);
  const form = useForm<Trouble>();
  const { errors, problem: trouble } = form;

  const network = draft.network ? nameIn(draft.network, lang.value) : null;
  const late = details.documentKind === 'late_elderly';

  // Kept on the phone once the screen has shown the change (not while the key is being handled),
  // and at once if the page is left or hidden before that.
  const unsaved = useRef<RegistrationDetails | null>(null);
  // Once the server says this registration is complete, nothing is kept again.
  const ended = useRef(false);
  const keep = useCallback(() => {
    const changed = unsaved.current;
    if (!changed || ended.current) return;
    unsaved.current = null;
    saveDraft({ ...(loadDraft() ?? draft), details: changed });
  }, []);
  useEffect(keep, [details]);
  // (A layout effect: its clean-up runs as the screen goes, before the next screen reads the draft.)
  useLayoutEffect(() => {
    window.addEventListener('pagehide', keep);
    return () => {
      window.removeEventListener('pagehide', keep);
      keep();
    };
  }, []);

  // The same function on every render, so the cards the person is not typing in stay as they are.
  const clear = useRef(form.clear);
  clear.current = form.clear;
  const update = useCallback((changes: Partial<RegistrationDetails>, fields: readonly string[]) => {
    setDetails((current) => (unsaved.current = { ...current, ...changes }));
    clear.current(...fields);
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!form.start()) return;
    const local = checkBeforeSending(details);
    if (Object.keys(local).length > 0) {
      form.refuse(local);
      return;
    }
    const current = loadDraft() ?? draft;
    const body: RegistrationRequest = {
      key: current.key,
      entryPoint: code,
      consentVersion: current.consentVersion ?? 0,
      documentKind: details.documentKind as DocumentKind,
      ...(numbersLater(details)
        ? { insurerNumber: '', symbol: '', number: '', numbersLater: true }
        : {
            insurerNumber: details.insurerNumber,
            symbol: late ? '' : details.symbol,
            number: details.number,
            ...(details.branch.trim() && !late ? { branch: details.branch } : {}),
          }),
      name: details.name,
      nameKana: details.nameKana,
      birthDate: birthDateForServer(birthDateParts(details)),
      sex: details.sex as Sex,
      phone: details.phone,
      email: details.email,
    };
    const result = await form.send(() => sendDetails(body));
    if (result.ok) {
      const status = result.data;
      saveDraft({
        ...current,
        details,
        sent: true,
        emailMasked: status.emailMasked,
        emailVerified: status.emailVerified,
        resendAvailableAt: status.resendAvailableAt,
      });
      navigate(registrationPath(code, 'confirm'));
      return;
    }
    const { error } = result;
    if (error.code === 'validation_failed' && error.fields?.length) {
      const fields = messagesFrom(error.fields, preciseFieldMessage);
      const expired = error.fields.some(
        (f) => f.field === 'consentVersion' && f.code === 'expired',
      );
      if (expired) delete fields['consentVersion'];
      if ('entryPoint' in fields) fields['entryPoint'] = t('errors.entryPoint');
      form.refuse(fields, expired ? { kind: 'consent' } : undefined);
    } else if (error.code === 'conflict') {
      ended.current = true;
      clearDraft();
      form.refuse({}, { kind: 'done' });
    } else {
      form.refuse({}, { kind: 'error', error });
    }
  };

  const rereadConsent = () => {
    saveDraft({ ...(loadDraft() ?? draft), consentVersion: null });
    navigate(registrationPath(code));
  };

  return (
    <section class="flow" aria-labelledby="page-title" data-testid="registration-details">
      <Steps current={2} />
      {network && (
        <p class="eyebrow" lang={network.lang}>
          {network.text}
        </p>
      )}
      <h1 id="page-title" tabIndex={-1}>
        {t('details.title')}
      </h1>
      <p>{t('details.lead')}</p>
      <form ref={form.ref} noValidate onSubmit={submit} data-testid="details-form">
        <ErrorSummary form={FORM} errors={errors} labels={fieldLabels(details.documentKind)}>
          {trouble?.kind === 'consent' && (
            <>
              <p>{t('errors.consentExpired')}</p>
              <button type="button" class="button" onClick={rereadConsent}>
                {t('errors.consentReread')}
              </button>
            </>
          )}
        </ErrorSummary>
        {trouble?.kind === 'error' && <Problem error={trouble.error} testId="details-problem" />}
        {trouble?.kind === 'done' && (
          <Problem message={t('errors.alreadyDone')} testId="details-problem">
            <a class="button" href="/sign-in">
              {t('signIn.title')}
            </a>
          </Problem>
        )}

        <InsuranceCard
          documentKind={details.documentKind}
          insurerNumber={details.insurerNumber}
          symbol={details.symbol}
          number={details.number}
          branch={details.branch}
          numbersLater={details.numbersLater === true}
          errors={errors}
          update={update}
        />
        <PersonCard
          name={details.name}
          nameKana={details.nameKana}
          birthCalendar={details.birthCalendar}
          birthYear={details.birthYear}
          birthMonth={details.birthMonth}
          birthDay={details.birthDay}
          sex={details.sex}
          errors={errors}
          update={update}
        />
        <ContactCard phone={details.phone} email={details.email} errors={errors} update={update} />

        <button
          type="submit"
          class="button button--wide"
          disabled={form.sending}
          data-testid="details-submit"
        >
          {form.sending ? t('common.sending') : t('details.submit')}
        </button>
        <p class="flow__back">
          <a href={registrationPath(code)}>{t('details.back')}</a>
        </p>
      </form>
    </section>
  );
}

type Update = (changes: Partial<RegistrationDetails>, fields: readonly string[]) => void;

/** The insurance document and its numbers. */
const InsuranceCard = memo(function InsuranceCard({
  errors,
  update,
  numbersLater,
  ...values
}: Pick<RegistrationDetails, 'documentKind' | 'insurerNumber' | 'symbol' | 'number' | 'branch'> & {
  numbersLater: boolean;
  errors: FieldMessages;
  update: Update;
}) {
  return (
    <div class="card">
      <h2>{t('details.section.insurance')}</h2>
      <InsuranceDocumentFields
        form={FORM}
        hint={t('details.documentKind.hint')}
        values={values}
        errors={errors}
        onDocument={(v) => update({ documentKind: v }, ['documentKind', 'insurerNumber'])}
        onChange={(field, value) => update({ [field]: value }, [field])}
        later={{
          checked: numbersLater,
          onChecked: (checked) =>
            update({ numbersLater: checked }, ['numbersLater', 'insurerNumber', 'number']),
        }}
      />
      <p class="note">{t('details.privacy')}</p>
    </div>
  );
});

/** Who the person is. */
const PersonCard = memo(function PersonCard({
  errors,
  update,
  ...values
}: PersonValues & { errors: FieldMessages; update: Update }) {
  return (
    <div class="card">
      <h2>{t('details.section.person')}</h2>
      <PersonFields form={FORM} values={values} errors={errors} own onChange={update} />
    </div>
  );
});

/** How to reach the person. */
const ContactCard = memo(function ContactCard({
  phone,
  email,
  errors,
  update,
}: Pick<RegistrationDetails, 'phone' | 'email'> & { errors: FieldMessages; update: Update }) {
  const id = (name: string) => fieldId(FORM, name);
  return (
    <div class="card">
      <h2>{t('details.section.contact')}</h2>
      <TextField
        id={id('phone')}
        label={t('details.phone')}
        hint={t('details.phone.hint')}
        error={errors['phone']}
        value={phone}
        onValue={(v) => update({ phone: v }, ['phone'])}
        type="tel"
        inputMode="tel"
        autoComplete="tel-national"
      />
      <TextField
        id={id('email')}
        label={t('details.email')}
        hint={t('details.email.hint')}
        error={errors['email']}
        value={email}
        onValue={(v) => update({ email: v }, ['email'])}
        type="email"
        inputMode="email"
        autoComplete="email"
        autoCapitalize="off"
        spellcheck={false}
      />
    </div>
  );
});
