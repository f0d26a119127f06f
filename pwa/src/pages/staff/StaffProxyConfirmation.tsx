import { useEffect, useRef, useState } from 'preact/hooks';
import {
  confirmProxyAtDesk,
  type IdentityDocument,
  type ProxyConfirmed,
  type StaffMe,
} from '../../api/staff';
import { RadioGroup, TextField, fieldId, messagesFrom } from '../../components/Form';
import { DateTextField } from '../../components/PaperFields';
import {
  checkFinder,
  emptyFinder,
  finderField,
  PersonFinderFields,
  type FinderValues,
} from '../../components/PersonFinder';
import { ReceptionForm } from '../../components/ReceptionForm';
import { formatDate } from '../../i18n';
import { t } from '../../i18n/staff';
import { checkTypedBirthDate } from '../../lib/date-text';
import { usePageTitle } from '../../lib/page';
import { mayEnterForms, staffMe } from '../../lib/staff-session';
import { useForm } from '../../lib/use-form';
import { documentLabel, IDENTITY_DOCUMENTS } from './StaffClaimSheet';
import { NotForRole } from './StaffNew';

const FORM = 'proxy-conf';

/** The fields of the proxy's half of the form, as the server names them. */
const PROXY_FIELDS = ['proxyRegistrationNumber', 'proxyBirthDate', 'proxyIdentityChecked'];

/**
 * `/staff/proxy-confirmation`: reception confirms that a family member may act for a person
 * (or renews the link at its review date), both at the desk with identity documents: the person
 * found by their registration QR or insurance card and date of birth, the proxy by their
 * registration number and date of birth, the document checked for each. The page names both,
 * to check against the two people, and the next review date.
 */
export function StaffProxyConfirmation() {
  usePageTitle(t('staff.proxyConfirm.title'));
  const me = staffMe.value as StaffMe;
  if (!mayEnterForms(me)) return <NotForRole />;
  return <ConfirmationForm />;
}

function ConfirmationForm() {
  const [who, setWho] = useState<FinderValues>(emptyFinder);
  const [checked, setChecked] = useState<IdentityDocument | ''>('');
  const [proxyNumber, setProxyNumber] = useState('');
  const [proxyBirth, setProxyBirth] = useState('');
  const [proxyChecked, setProxyChecked] = useState<IdentityDocument | ''>('');
  const [done, setDone] = useState<ProxyConfirmed | null>(null);
  const form = useForm();
  const { errors } = form;
  const doneTitle = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (done) doneTitle.current?.focus();
  }, [done]);

  const labels = {
    qr: t('staff.find.qr'),
    birthDate: t('staff.find.birth'),
    identityChecked: t('staff.proxyConfirm.personIdentity'),
    proxyRegistrationNumber: t('staff.proxyConfirm.proxyNumber'),
    proxyBirthDate: t('staff.proxyConfirm.proxyBirth'),
    proxyIdentityChecked: t('staff.proxyConfirm.proxyIdentity'),
  };

  const save = async () => {
    if (!form.start()) return;
    const found = checkFinder(who, false);
    const local: Record<string, string> = found.ok ? {} : { ...found.errors };
    if (checked === '') local['identityChecked'] = t('staff.reissue.identity.required');
    if (proxyChecked === '') local['proxyIdentityChecked'] = t('staff.reissue.identity.required');
    if (!proxyNumber.trim()) local['proxyRegistrationNumber'] = t('check.required');
    const birth = checkTypedBirthDate(proxyBirth);
    if (!birth.ok) local['proxyBirthDate'] = t('check.required');
    if (!found.ok || !birth.ok || Object.keys(local).length > 0) return form.refuse(local);
    const result = await form.send(() =>
      confirmProxyAtDesk({
        person: found.who,
        identityChecked: checked as IdentityDocument,
        proxyRegistrationNumber: proxyNumber,
        proxyBirthDate: birth.iso,
        proxyIdentityChecked: proxyChecked as IdentityDocument,
      }),
    );
    if (result.ok) {
      form.setErrors({});
      setDone(result.data);
      return;
    }
    const { error } = result;
    if (error.code === 'validation_failed' && error.fields?.length) {
      const messages = messagesFrom(error.fields);
      const moved: Record<string, string> = {};
      for (const [field, message] of Object.entries(messages)) {
        if (field === 'identityChecked' || PROXY_FIELDS.includes(field)) moved[field] = message;
        else moved[finderField(field)] = message;
      }
      return form.refuse(moved);
    }
    form.refuse({}, error);
  };

  if (done) {
    return (
      <section class="staff-records" aria-labelledby="page-title" data-testid="staff-proxy-confirm">
        <h1 id="page-title">{t('staff.proxyConfirm.title')}</h1>
        <div class="card" data-testid="staff-proxy-confirm-done">
          <h2 tabIndex={-1} ref={doneTitle} class="field__ok">
            {t('staff.proxyConfirm.done', { person: done.personName, proxy: done.proxyName })}
          </h2>
          <p>{t('staff.proxyConfirm.doneBody', { date: formatDate(done.reviewOn) })}</p>
          <p class="note">{t('staff.presentation.checkName')}</p>
          <button
            type="button"
            class="button"
            onClick={() => {
              setWho(emptyFinder());
              setChecked('');
              setProxyNumber('');
              setProxyBirth('');
              setProxyChecked('');
              setDone(null);
            }}
            data-testid="staff-proxy-confirm-next"
          >
            {t('staff.proxyConfirm.next')}
          </button>
        </div>
      </section>
    );
  }

  const documents = IDENTITY_DOCUMENTS.map((d) => ({ value: d, label: documentLabel(d) }));
  return (
    <section class="staff-records" aria-labelledby="page-title" data-testid="staff-proxy-confirm">
      <h1 id="page-title" tabIndex={-1}>
        {t('staff.proxyConfirm.title')}
      </h1>
      <p class="muted">{t('staff.proxyConfirm.lead')}</p>
      <ReceptionForm
        form={FORM}
        formRef={form.ref}
        errors={errors}
        labels={labels}
        problem={form.problem}
        problemMessage={
          form.problem?.code === 'not_found' ? t('staff.proxyConfirm.notFound') : undefined
        }
        onSave={() => void save()}
        testId="staff-proxy-confirm"
      >
        <fieldset class="fieldset">
          <legend>{t('staff.proxyConfirm.person')}</legend>
          <PersonFinderFields
            form={FORM}
            values={who}
            errors={errors}
            onChange={(changes, fields) => {
              setWho((v) => ({ ...v, ...changes }));
              form.clear(...fields);
            }}
          />
          <RadioGroup<IdentityDocument>
            id={fieldId(FORM, 'identityChecked')}
            legend={t('staff.proxyConfirm.personIdentity')}
            error={errors['identityChecked']}
            options={documents}
            value={checked}
            onValue={(d) => {
              setChecked(d);
              form.clear('identityChecked');
            }}
          />
        </fieldset>
        <fieldset class="fieldset">
          <legend>{t('staff.proxyConfirm.proxy')}</legend>
          <TextField
            id={fieldId(FORM, 'proxyRegistrationNumber')}
            label={t('staff.proxyConfirm.proxyNumber')}
            hint={t('staff.proxyConfirm.proxyNumber.hint')}
            error={errors['proxyRegistrationNumber']}
            value={proxyNumber}
            onValue={(v) => {
              setProxyNumber(v);
              form.clear('proxyRegistrationNumber');
            }}
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            maxLength={20}
          />
          <DateTextField
            id={fieldId(FORM, 'proxyBirthDate')}
            label={t('staff.proxyConfirm.proxyBirth')}
            hint={t('staff.hint.date')}
            error={errors['proxyBirthDate']}
            value={proxyBirth}
            onValue={(v) => {
              setProxyBirth(v);
              form.clear('proxyBirthDate');
            }}
            readBackKey="staff.find.readBack"
          />
          <RadioGroup<IdentityDocument>
            id={fieldId(FORM, 'proxyIdentityChecked')}
            legend={t('staff.proxyConfirm.proxyIdentity')}
            error={errors['proxyIdentityChecked']}
            options={documents}
            value={proxyChecked}
            onValue={(d) => {
              setProxyChecked(d);
              form.clear('proxyIdentityChecked');
            }}
          />
        </fieldset>
        <button
          type="submit"
          class="button button--wide"
          disabled={form.sending !== false}
          data-testid="staff-proxy-confirm-submit"
        >
          {form.sending !== false ? t('common.sending') : t('staff.proxyConfirm.save')}
        </button>
      </ReceptionForm>
    </section>
  );
}
