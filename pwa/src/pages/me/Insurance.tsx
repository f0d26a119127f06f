import { useState } from 'preact/hooks';
import type { ApiFailure } from '../../api/client';
import {
  addMyInsurance,
  getMyInsurance,
  type InsuranceItem,
  type MyInsurance,
} from '../../api/insurance';
import { ErrorSummary, TextField, fieldId, messagesFrom } from '../../components/Form';
import { InsuranceDocumentFields, insuranceFieldLabels } from '../../components/InsuranceDocument';
import type { InsuranceField } from '../../components/InsuranceFields';
import { preciseFieldMessage } from '../../components/InsuranceFields';
import { PageLoading } from '../../components/Loading';
import { Problem } from '../../components/Problem';
import { Term } from '../../components/Term';
import { formatDate, t, type MessageKey } from '../../i18n/resident';
import { can } from '../../lib/acting-for';
import { toWestern } from '../../lib/birth-date';
import { isoOf, parseDateText } from '../../lib/date-text';
import { usePageTitle } from '../../lib/page';
import type { DocumentKind } from '../../lib/registration-draft';
import { useForm } from '../../lib/use-form';
import { useSignedInLoad } from '../../lib/use-signed-in-load';
import { currentAddress, navigate } from '../../router';

export const INSURANCE_PATH = '/me/insurance';
export const NEW_INSURANCE_PATH = '/me/insurance/new';

/** The address of the form, filled for the 後期高齢者 card that starts on `birthday`. */
export const lateElderlyPath = (birthday: string) =>
  `${NEW_INSURANCE_PATH}?late=${encodeURIComponent(birthday)}`;

const FORM = 'insurance';

/** The last two characters of a number: all a screen needs to tell cards apart. */
const tail = (number: string) => number.slice(-2);

function Item({ item }: { item: InsuranceItem }) {
  const from = item.validFrom
    ? t('insurance.since', { date: formatDate(item.validFrom) })
    : t('insurance.sinceRegistration');
  const to = item.validTo ? t('insurance.until', { date: formatDate(item.validTo) }) : '';
  return (
    <li class="network" data-testid="insurance-item">
      <span class="network__name">{t(`doc.${item.documentKind}` as MessageKey)}</span>
      <p class="network__meta" translate={false}>
        {item.insurerNumber} ・ {t('insurance.number', { tail: tail(item.number) })}
      </p>
      <p class="network__meta" data-testid="insurance-period">
        {from}
        {to ? ` ${to}` : ''}
        {item.addedBy ? ` ・ ${t(`insurance.addedBy.${item.addedBy}` as MessageKey)}` : ''}
      </p>
    </li>
  );
}

/** When a 75th birthday is near and no 後期高齢者 card is on record: what to do, and the way there. */
export function LateElderlyReminder({ birthday }: { birthday: string }) {
  return (
    <section
      class="alert"
      aria-labelledby="insurance-reminder-title"
      data-testid="insurance-reminder"
    >
      <h2 id="insurance-reminder-title" class="alert__title">
        {t('insurance.reminder.title', { date: formatDate(birthday) })}
      </h2>
      <p>{t('insurance.reminder.body')}</p>
      {can('manage') && (
        <a
          class="button button--wide"
          href={lateElderlyPath(birthday)}
          data-testid="insurance-reminder-add"
        >
          {t('insurance.reminder.add')}
        </a>
      )}
    </section>
  );
}

/** The person's insurance for `/me`, loaded on its own after the page (null until then). */
export function useMyInsurance(): MyInsurance | null {
  const { state } = useSignedInLoad((signal) => getMyInsurance(signal));
  return state.status === 'ok' ? state.data : null;
}

/** On `/me`: the current insurance, and the way to see all of it and add a new one. */
export function InsuranceSection({ insurance }: { insurance: MyInsurance | null }) {
  if (!insurance) return null;
  const current = insurance.items.find((i) => !i.validTo);
  return (
    <section class="card" aria-labelledby="me-insurance-title" data-testid="me-insurance">
      <h2 id="me-insurance-title">{t('insurance.title')}</h2>
      {current && (
        <ul class="network-list">
          <Item item={current} />
        </ul>
      )}
      {insurance.items.length === 0 && (
        <p data-testid="me-insurance-later">{t('insurance.none.later')}</p>
      )}
      <a
        class="button button--secondary button--wide"
        href={INSURANCE_PATH}
        data-testid="me-insurance-open"
      >
        {t('insurance.open')}
      </a>
    </section>
  );
}

/** `/me/insurance`: the insurance on record over time, newest first, and adding a new one. */
export function Insurance() {
  usePageTitle(t('insurance.title'));
  const { state, reload } = useSignedInLoad((signal) => getMyInsurance(signal));
  const added = new URLSearchParams(currentAddress().search).has('added');
  if (state.status !== 'ok') {
    return (
      <PageLoading
        title={t('insurance.title')}
        error={state.status === 'error' ? state.error : null}
        onRetry={reload}
        testId="insurance"
      />
    );
  }
  const { items, lateElderlyFrom } = state.data;
  const current = items.filter((i) => !i.validTo);
  const earlier = items.filter((i) => i.validTo);
  return (
    <div data-testid="insurance">
      <section class="intro" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          {t('insurance.title')}
        </h1>
        <p>{t('insurance.lead')}</p>
        {added && (
          <p class="field__ok" role="status" data-testid="insurance-added">
            {t('insurance.added')}
          </p>
        )}
      </section>
      {lateElderlyFrom && <LateElderlyReminder birthday={lateElderlyFrom} />}
      <section class="card" aria-labelledby="insurance-current-title">
        <h2 id="insurance-current-title">{t('insurance.current')}</h2>
        {current.length === 0 ? (
          <p data-testid="insurance-none">
            {items.length === 0 ? t('insurance.none.later') : t('insurance.none')}
          </p>
        ) : (
          <ul class="network-list" data-testid="insurance-current">
            {current.map((i) => (
              <Item key={i.id} item={i} />
            ))}
          </ul>
        )}
        {can('manage') && (
          <a class="button button--wide" href={NEW_INSURANCE_PATH} data-testid="insurance-add">
            {t('insurance.add')}
          </a>
        )}
      </section>
      {earlier.length > 0 && (
        <section class="card" aria-labelledby="insurance-earlier-title">
          <h2 id="insurance-earlier-title">{t('insurance.earlier')}</h2>
          <ul class="network-list" data-testid="insurance-earlier">
            {earlier.map((i) => (
              <Item key={i.id} item={i} />
            ))}
          </ul>
        </section>
      )}
      <a class="button button--secondary button--wide" href="/me" data-testid="insurance-back">
        {t('insurance.back')}
      </a>
    </div>
  );
}

interface Values {
  readonly documentKind: DocumentKind | '';
  readonly insurerNumber: string;
  readonly symbol: string;
  readonly number: string;
  readonly branch: string;
  readonly startsOn: string;
}

/** The day typed, as the server reads it (ISO when it is a date; else as typed, to be refused). */
function startsOnFor(text: string): { iso: string | null; problem: string | null } {
  if (text.trim() === '') return { iso: null, problem: t('insurance.startsOn.required') };
  const parts = parseDateText(text);
  const date = parts ? toWestern(parts) : 'invalid_format';
  if (typeof date === 'string')
    return { iso: null, problem: t('insurance.startsOn.invalid_format') };
  return { iso: isoOf(date), problem: null };
}

function fieldMessage(field: string, code: string): string | undefined {
  if (field === 'startsOn')
    return t(
      (code === 'required' || code === 'invalid_format' || code === 'out_of_range'
        ? `insurance.startsOn.${code}`
        : 'insurance.startsOn.invalid_format') as MessageKey,
    );
  if (field === 'number' && code === 'already_exists') return t('insurance.number.already');
  return preciseFieldMessage(field, code);
}

/**
 * `/me/insurance/new`: a new insurance, as on the card, certificate or notice, and the day it
 * starts; `?late=YYYY-MM-DD` fills in a 後期高齢者 card starting on that 75th birthday.
 */
export function AddInsurance() {
  usePageTitle(t('insurance.new.title'));
  const late = new URLSearchParams(currentAddress().search).get('late');
  const [values, setValues] = useState<Values>({
    documentKind: late ? 'late_elderly' : '',
    insurerNumber: '',
    symbol: '',
    number: '',
    branch: '',
    startsOn: late && /^\d{4}-\d{2}-\d{2}$/.test(late) ? late : '',
  });
  const form = useForm<ApiFailure>();
  const { errors } = form;
  // A first insurance (registered with a マイナ保険証 and no numbers) may leave its first day out.
  const mine = useMyInsurance();
  const first = mine?.items.length === 0;
  const start =
    first && values.startsOn.trim() === ''
      ? { iso: null, problem: null }
      : startsOnFor(values.startsOn);
  const labels = {
    ...insuranceFieldLabels(values.documentKind),
    startsOn: t('insurance.startsOn'),
  };

  if (!can('manage')) {
    return (
      <section class="card" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          {t('insurance.new.title')}
        </h1>
        <p data-testid="insurance-view-only">{t('me.acting.viewOnly')}</p>
        <a class="button button--secondary button--wide" href={INSURANCE_PATH}>
          {t('insurance.title')}
        </a>
      </section>
    );
  }

  const change = (field: InsuranceField | 'startsOn' | 'documentKind', value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    form.clear(field);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!form.start()) return;
    const local: Record<string, string> = {};
    if (!values.documentKind) local['documentKind'] = t('check.required');
    if (start.problem) local['startsOn'] = start.problem;
    if (Object.keys(local).length > 0) return form.refuse(local);
    const result = await form.send(() =>
      addMyInsurance({
        documentKind: values.documentKind as DocumentKind,
        insurerNumber: values.insurerNumber,
        symbol: values.symbol,
        number: values.number,
        ...(values.branch.trim() ? { branch: values.branch } : {}),
        startsOn: start.iso ?? values.startsOn,
      }),
    );
    if (result.ok) {
      navigate(`${INSURANCE_PATH}?added=1`, { replace: true });
      return;
    }
    const { error } = result;
    if (error.code === 'unauthorized') {
      navigate('/sign-in', { replace: true });
      return;
    }
    if (error.code === 'validation_failed' && error.fields?.length) {
      return form.refuse(messagesFrom(error.fields, fieldMessage));
    }
    form.refuse({}, error);
  };

  return (
    <section class="card" aria-labelledby="page-title" data-testid="insurance-new">
      <h1 id="page-title" tabIndex={-1}>
        {t('insurance.new.title')}
      </h1>
      <p>{t('insurance.new.lead')}</p>
      <form ref={form.ref} noValidate onSubmit={submit} data-testid="insurance-form">
        <ErrorSummary form={FORM} errors={errors} labels={labels} />
        <Problem error={form.problem} testId="insurance-problem" />
        <InsuranceDocumentFields
          form={FORM}
          hint={t('insurance.new.documentHint')}
          values={values}
          errors={errors}
          onDocument={(kind) => change('documentKind', kind)}
          onChange={change}
        />
        <TextField
          id={fieldId(FORM, 'startsOn')}
          label={
            <>
              {t('insurance.startsOn')}
              <Term ja="資格取得日" />
            </>
          }
          hint={first ? t('insurance.startsOn.hint.first') : t('insurance.startsOn.hint')}
          error={errors['startsOn']}
          value={values.startsOn}
          onValue={(v) => change('startsOn', v)}
          autoComplete="off"
          spellcheck={false}
          maxLength={20}
          class="field--short"
          after={
            <p class="field__ok" aria-live="polite" data-testid="insurance-starts-readback">
              {start.iso && !errors['startsOn']
                ? t('insurance.startsOn.readBack', { date: formatDate(start.iso) })
                : ''}
            </p>
          }
        />
        <button
          type="submit"
          class="button button--wide"
          disabled={form.sending !== false}
          data-testid="insurance-submit"
        >
          {form.sending !== false ? t('common.sending') : t('insurance.submit')}
        </button>
      </form>
      <a class="button button--secondary button--wide" href={INSURANCE_PATH}>
        {t('insurance.title')}
      </a>
    </section>
  );
}
