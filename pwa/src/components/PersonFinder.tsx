import type { ComponentChildren } from 'preact';
import type { ApiFailure } from '../api/client';
import type { PersonLookup } from '../api/staff';
import { t } from '../i18n/staff';
import { checkTypedBirthDate } from '../lib/date-text';
import { focusNext, formKeyAction } from '../lib/form-keys';
import { checkInsurerNumber, tidyDigits } from '../lib/insurance';
import { groupsOf, readPersonKey, REGISTRATION_NUMBER_CHARS } from '../lib/person-key';
import { ErrorSummary, RadioGroup, TextField, fieldId, type FieldMessages } from './Form';
import { InsuranceFields, insurerMessage } from './InsuranceFields';
import { DateTextField, problemMessage } from './PaperFields';
import { Problem } from './Problem';

/**
 * Finding a person in the console, for a look at their shared record, an emergency access, or
 * a presentation at the desk: their registration QR (a desk scanner types its text and Enter
 * into the focused box) or registration number in one box, or their insurance card and date
 * of birth (when they have no QR with them).
 */

export type FindBy = 'qr' | 'card';

export interface FinderValues {
  readonly by: FindBy;
  readonly qr: string;
  readonly insurerNumber: string;
  readonly symbol: string;
  readonly number: string;
  readonly branch: string;
  readonly birth: string;
}

export const emptyFinder = (): FinderValues => ({
  by: 'qr',
  qr: '',
  insurerNumber: '',
  symbol: '',
  number: '',
  branch: '',
  birth: '',
});

export type FinderCheck =
  | { readonly ok: true; readonly who: PersonLookup; readonly label: string }
  | { readonly ok: false; readonly errors: Record<string, string> };

/**
 * The person as the request names them, with a line saying whom (for the emergency step), or
 * what is wrong with each field. `numberAlone`: whether the registration number by itself
 * names someone here (a look-up: yes; a presentation at the desk: no, it proves nothing).
 */
export function checkFinder(values: FinderValues, numberAlone: boolean): FinderCheck {
  if (values.by === 'qr') {
    const read = readPersonKey(values.qr);
    if (!read.ok) {
      return {
        ok: false,
        errors: {
          qr: read.problem === 'required' ? t('check.required') : t('staff.find.qr.invalid'),
        },
      };
    }
    const { key } = read;
    if (key.kind === 'number') {
      if (!numberAlone) return { ok: false, errors: { qr: t('staff.presentation.numberOnly') } };
      return {
        ok: true,
        who: { registrationNumber: key.registrationNumber },
        label: t('staff.find.who.number', {
          number: groupsOf(key.registrationNumber).join('-'),
        }),
      };
    }
    const number = key.qrCode.replace(/^RENKEI:/, '').slice(0, REGISTRATION_NUMBER_CHARS);
    return {
      ok: true,
      who: { qrCode: key.qrCode },
      label: t('staff.find.who.qr', { number: groupsOf(number).join('-') }),
    };
  }
  const errors: Record<string, string> = {};
  const insurer = checkInsurerNumber(values.insurerNumber);
  if (!insurer.ok) errors['insurerNumber'] = insurerMessage(insurer, '') ?? t('check.required');
  const number = values.number.normalize('NFKC').trim();
  if (!number) errors['number'] = t('check.required');
  const birth = checkTypedBirthDate(values.birth);
  if (!birth.ok)
    errors['birthDate'] =
      birth.problem === 'required' ? t('check.required') : problemMessage(`birth.${birth.problem}`);
  if (!insurer.ok || !number || !birth.ok) return { ok: false, errors };
  const symbol = values.symbol.normalize('NFKC').trim();
  const branch = tidyDigits(values.branch);
  return {
    ok: true,
    who: {
      insurerNumber: tidyDigits(values.insurerNumber),
      number,
      birthDate: birth.iso,
      ...(symbol ? { symbol } : {}),
      ...(branch ? { branch } : {}),
    },
    label: t('staff.find.who.card', {
      insurer: tidyDigits(values.insurerNumber),
      number,
      birth: birth.iso,
    }),
  };
}

/**
 * Keys in a finder's form: Enter in the QR box (what a desk scanner sends after the code) or in
 * the date of birth (the card's last box) finds at once; in the card's other boxes it moves on
 * to the next, as on the reception forms; Ctrl+Enter finds from anywhere.
 */
export function finderKeys(form: string, submit: () => void) {
  return (event: KeyboardEvent) => {
    const action = formKeyAction(event);
    if (action === 'default') return;
    event.preventDefault();
    const target = event.target as HTMLElement;
    const last = target.id === fieldId(form, 'qr') || target.id === fieldId(form, 'birthDate');
    if (action === 'submit' || (action === 'next' && last)) submit();
    else if (action === 'next') focusNext(event.currentTarget as HTMLElement, target);
  };
}

/** The labels of the finder's fields, for the error summary. */
export function finderLabels(): Record<string, string> {
  return {
    qr: t('staff.find.qr'),
    registrationNumber: t('staff.find.qr'),
    qrCode: t('staff.find.qr'),
    insurerNumber: t('details.insurerNumber'),
    symbol: t('details.symbol'),
    number: t('details.number'),
    branch: t('details.branch'),
    birthDate: t('staff.find.birth'),
  };
}

/** The server's refusal of a field, moved to the box this screen has for it. */
export function finderField(field: string): string {
  return field === 'qrCode' || field === 'registrationNumber' ? 'qr' : field;
}

/**
 * The finder as a whole form: its error summary, the problem that belongs to no field, the
 * fields, the submit button, and what the page shows below it (`children`). Enter and
 * Ctrl+Enter as `finderKeys` says.
 */
export function PersonFinderForm({
  form,
  formRef,
  values,
  errors,
  onChange,
  onSubmit,
  problem,
  problemMessage: problemText,
  sending,
  submitLabel,
  sendingLabel,
  qrHint,
  testId,
  children,
}: {
  form: string;
  formRef: (element: HTMLElement | null) => void;
  values: FinderValues;
  errors: FieldMessages;
  onChange: (changes: Partial<FinderValues>, fields: readonly string[]) => void;
  onSubmit: () => void;
  problem: ApiFailure | null;
  /** A more specific message for the problem than its code's. */
  problemMessage?: string | undefined;
  sending: boolean;
  submitLabel: string;
  sendingLabel: string;
  qrHint?: string;
  /** The form's test id; its problem's and button's are `{testId}-problem`, `{testId}-submit`. */
  testId: string;
  children?: ComponentChildren;
}) {
  return (
    <form
      ref={formRef}
      class="staff-form card"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
      onKeyDown={finderKeys(form, onSubmit)}
      data-testid={testId}
    >
      <ErrorSummary form={form} errors={errors} labels={finderLabels()} />
      <Problem error={problem} message={problemText} testId={`${testId}-problem`} />
      <PersonFinderFields
        form={form}
        values={values}
        errors={errors}
        onChange={onChange}
        qrHint={qrHint}
      />
      <button
        type="submit"
        class="button button--wide"
        disabled={sending}
        data-testid={`${testId}-submit`}
      >
        {sending ? sendingLabel : submitLabel}
      </button>
      {children}
    </form>
  );
}

export function PersonFinderFields({
  form,
  values,
  errors,
  onChange,
  qrHint,
}: {
  form: string;
  values: FinderValues;
  errors: FieldMessages;
  onChange: (changes: Partial<FinderValues>, fields: readonly string[]) => void;
  /** More to say under the QR box (e.g. what the number alone opens). */
  qrHint?: string;
}) {
  const id = (name: string) => fieldId(form, name);
  return (
    <>
      <RadioGroup<FindBy>
        id={id('by')}
        legend={t('staff.find.by')}
        options={[
          { value: 'qr', label: t('staff.find.byQr'), detail: t('staff.find.byQr.detail') },
          { value: 'card', label: t('staff.find.byCard'), detail: t('staff.find.byCard.detail') },
        ]}
        value={values.by}
        onValue={(by) => onChange({ by }, [])}
      />
      {values.by === 'qr' ? (
        <TextField
          id={id('qr')}
          label={t('staff.find.qr')}
          hint={
            <>
              {t('staff.find.qr.hint')}
              {qrHint && (
                <>
                  <br />
                  {qrHint}
                </>
              )}
            </>
          }
          error={errors['qr']}
          value={values.qr}
          onValue={(qr) => onChange({ qr }, ['qr'])}
          autoComplete="off"
          autoCapitalize="characters"
          spellcheck={false}
          maxLength={80}
          class="field--qr"
        />
      ) : (
        <>
          <InsuranceFields
            form={form}
            values={values}
            errors={errors}
            onChange={(field, value) => onChange({ [field]: value }, [field])}
          />
          <DateTextField
            id={id('birthDate')}
            label={t('staff.find.birth')}
            hint={t('staff.hint.date')}
            error={errors['birthDate']}
            value={values.birth}
            onValue={(birth) => onChange({ birth }, ['birthDate'])}
            readBackKey="staff.find.readBack"
          />
        </>
      )}
    </>
  );
}
