import { useState } from 'preact/hooks';
import { enterWithdrawal, type PaperEntry, type StaffMe } from '../../api/staff';
import { CheckField } from '../../components/CheckField';
import { RadioGroup, TextField, fieldId } from '../../components/Form';
import { preciseFieldMessage } from '../../components/InsuranceFields';
import { DateTextField, paperFieldLabels, problemMessage } from '../../components/PaperFields';
import { ReceptionForm } from '../../components/ReceptionForm';
import { formatDate, lang, t, te } from '../../i18n/staff';
import { checkSignedOn, checkTypedBirthDate, dateForServer, tokyoToday } from '../../lib/date-text';
import { nameIn } from '../../lib/names';
import { usePageTitle } from '../../lib/page';
import { SERIAL_PATTERN, tidySerial } from '../../lib/paper-form';
import { mayEnterForms, staffMe } from '../../lib/staff-session';
import { serverFieldErrors, useForm } from '../../lib/use-form';
import { NotForRole } from './StaffNew';

const FORM = 'wd';

/**
 * `/staff/withdrawal`: a signed paper withdrawal form: the network, the form's serial and the
 * day it was signed, the person's registration number and date of birth (which must match),
 * and the two confirmations. The same keys as the registration entry.
 */
export function StaffWithdrawal() {
  usePageTitle(t('staff.withdrawal.title'));
  const me = staffMe.value as StaffMe;
  if (!mayEnterForms(me)) return <NotForRole />;
  return <WithdrawalForm me={me} />;
}

function WithdrawalForm({ me }: { me: StaffMe }) {
  const single = me.networks.length === 1 ? (me.networks[0]?.code ?? '') : '';
  const [network, setNetwork] = useState(single);
  const [serial, setSerial] = useState('');
  const [signedOn, setSignedOn] = useState(tokyoToday());
  const [number, setNumber] = useState('');
  const [birth, setBirth] = useState('');
  const [identityChecked, setIdentityChecked] = useState(false);
  const [formReceived, setFormReceived] = useState(false);
  const form = useForm();
  const { errors, clear } = form;
  const [done, setDone] = useState<PaperEntry | null>(null);
  const id = (name: string) => fieldId(FORM, name);

  const save = async () => {
    if (!form.start()) return;
    const local: Record<string, string> = {};
    if (!network) local['network'] = t('check.choose');
    const s = tidySerial(serial);
    if (!s) local['formSerial'] = t('check.required');
    else if (!SERIAL_PATTERN.test(s)) local['formSerial'] = t('staff.check.serial');
    const signed = checkSignedOn(signedOn);
    if (!signed.ok)
      local['signedOn'] =
        signed.problem === 'required'
          ? t('check.required')
          : problemMessage(`signedOn.${signed.problem}`);
    if (!number.trim()) local['registrationNumber'] = t('check.required');
    const b = checkTypedBirthDate(birth);
    if (!b.ok)
      local['birthDate'] =
        b.problem === 'required' ? t('check.required') : problemMessage(`birth.${b.problem}`);
    if (!identityChecked) local['identityChecked'] = t('staff.confirm.missing');
    if (!formReceived) local['formReceived'] = t('staff.confirm.missing');
    if (Object.keys(local).length > 0) return form.refuse(local);
    const result = await form.send(() =>
      enterWithdrawal({
        network,
        formSerial: s,
        signedOn: dateForServer(signedOn),
        registrationNumber: number.trim(),
        birthDate: dateForServer(birth),
        identityChecked,
        formReceived,
      }),
    );
    if (result.ok) {
      setDone(result.data);
      return;
    }
    const { error } = result;
    const fields = serverFieldErrors(error, preciseFieldMessage);
    if (fields) form.refuse(fields);
    else if (error.code === 'form_serial_used') form.refuse({ formSerial: te('form_serial_used') });
    else if (error.code === 'not_found')
      form.refuse({ registrationNumber: t('staff.withdrawal.notFound') });
    else form.refuse({}, error);
  };

  if (done) {
    return (
      <section class="card" aria-labelledby="page-title" data-testid="staff-withdrawal-done">
        <h1 id="page-title" tabIndex={-1}>
          {t('staff.withdrawal.done')}
        </h1>
        <p>
          {t('staff.withdrawal.doneBody', {
            name: done.name,
            network: nameIn(done.network, lang.value).text,
            date: formatDate(done.enteredAt, true),
          })}
        </p>
        <p>
          <a class="button" href="/staff/entries">
            {t('staff.nav.entries')}
          </a>
        </p>
      </section>
    );
  }

  const labels = { ...paperFieldLabels(), registrationNumber: t('done.number') };
  return (
    <section aria-labelledby="page-title" data-testid="staff-withdrawal">
      <h1 id="page-title" tabIndex={-1}>
        {t('staff.withdrawal.title')}
      </h1>
      <p class="muted">{t('staff.withdrawal.lead')}</p>
      <ReceptionForm
        form={FORM}
        formRef={form.ref}
        errors={errors}
        labels={labels}
        problem={form.problem}
        onSave={() => void save()}
        testId="staff-withdrawal"
      >
        {single ? (
          <p>
            {t('paper.field.network')}:{' '}
            {nameIn(me.networks[0] ?? { name: single }, lang.value).text}
          </p>
        ) : (
          <RadioGroup
            id={id('network')}
            legend={t('paper.field.network')}
            error={errors['network']}
            options={me.networks.map((n) => ({ value: n.code, label: nameIn(n, lang.value).text }))}
            value={network}
            onValue={(v) => {
              setNetwork(v);
              clear('network');
            }}
          />
        )}
        <TextField
          id={id('formSerial')}
          label={t('paper.field.formSerial')}
          hint={t('staff.hint.serial')}
          error={errors['formSerial']}
          value={serial}
          onValue={(v) => {
            setSerial(v);
            clear('formSerial');
          }}
          autoComplete="off"
          spellcheck={false}
          class="field--short"
        />
        <DateTextField
          id={id('signedOn')}
          label={t('paper.item.signedOn')}
          hint={t('staff.hint.signedOn')}
          error={errors['signedOn']}
          value={signedOn}
          onValue={(v) => {
            setSignedOn(v);
            clear('signedOn');
          }}
          readBackKey="staff.readBack.signedOn"
        />
        <TextField
          id={id('registrationNumber')}
          label={t('done.number')}
          hint={t('staff.withdrawal.numberHint')}
          error={errors['registrationNumber']}
          value={number}
          onValue={(v) => {
            setNumber(v);
            clear('registrationNumber');
          }}
          autoComplete="off"
          spellcheck={false}
          class="field--short"
        />
        <DateTextField
          id={id('birthDate')}
          label={t('paper.item.birthDate')}
          hint={t('staff.hint.date')}
          error={errors['birthDate']}
          value={birth}
          onValue={(v) => {
            setBirth(v);
            clear('birthDate');
          }}
          readBackKey="staff.readBack.birth"
        />
        <CheckField
          id={id('identityChecked')}
          label={t('staff.confirm.identity')}
          checked={identityChecked}
          error={errors['identityChecked']}
          onChecked={(v) => {
            setIdentityChecked(v);
            clear('identityChecked');
          }}
        />
        <CheckField
          id={id('formReceived')}
          label={t('staff.withdrawal.formReceived')}
          checked={formReceived}
          error={errors['formReceived']}
          onChecked={(v) => {
            setFormReceived(v);
            clear('formReceived');
          }}
        />
        <button
          type="submit"
          class="button button--wide"
          disabled={form.sending}
          data-testid="staff-withdrawal-save"
        >
          {form.sending ? t('common.sending') : t('staff.withdrawal.save')}
        </button>
      </ReceptionForm>
    </section>
  );
}
