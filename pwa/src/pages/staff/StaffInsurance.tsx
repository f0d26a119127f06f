import { useEffect, useRef, useState } from 'preact/hooks';
import {
  addInsuranceAtDesk,
  type DeskInsuranceAdded,
  type DocumentKind,
  type IdentityDocument,
  type StaffMe,
} from '../../api/staff';
import { RadioGroup, fieldId, messagesFrom } from '../../components/Form';
import { InsuranceDocumentFields, insuranceFieldLabels } from '../../components/InsuranceDocument';
import { preciseFieldMessage, type InsuranceField } from '../../components/InsuranceFields';
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
import { dateForServer, parseDateText } from '../../lib/date-text';
import { usePageTitle } from '../../lib/page';
import { mayEnterForms, staffMe } from '../../lib/staff-session';
import { useForm } from '../../lib/use-form';
import { documentLabel, IDENTITY_DOCUMENTS } from './StaffClaimSheet';
import { NotForRole } from './StaffNew';

const FORM = 'desk-ins';

interface NewValues {
  readonly documentKind: DocumentKind | '';
  readonly insurerNumber: string;
  readonly symbol: string;
  readonly number: string;
  readonly branch: string;
  readonly startsOn: string;
}

const emptyNew = (): NewValues => ({
  documentKind: '',
  insurerNumber: '',
  symbol: '',
  number: '',
  branch: '',
  startsOn: '',
});

/**
 * The server's field names of the new insurance (as they are; the person's look-up has its own).
 * On this page they are kept as `new-{field}`: the ids of the new card's boxes.
 */
const NEW_FIELDS = ['documentKind', 'insurerNumber', 'symbol', 'number', 'branch', 'startsOn'];

/**
 * `/staff/insurance`: reception adds a new insurance for the person at the desk (後期高齢者医療
 * at 75, a new job), whether or not they use the app: found by their registration QR or their
 * previous card and date of birth, an identity document checked and named, the new numbers and
 * the day they start. The page says whose record it was, to check against the person.
 */
export function StaffInsurance() {
  usePageTitle(t('staff.insurance.title'));
  const me = staffMe.value as StaffMe;
  if (!mayEnterForms(me)) return <NotForRole />;
  return <DeskInsuranceForm />;
}

function DeskInsuranceForm() {
  const [who, setWho] = useState<FinderValues>(emptyFinder);
  const [checked, setChecked] = useState<IdentityDocument | ''>('');
  const [card, setCard] = useState<NewValues>(emptyNew);
  const [done, setDone] = useState<DeskInsuranceAdded | null>(null);
  const form = useForm();
  const { errors } = form;
  const doneTitle = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (done) doneTitle.current?.focus();
  }, [done]);

  const labels = {
    qr: t('staff.find.qr'),
    birthDate: t('staff.find.birth'),
    identityChecked: t('staff.reissue.identity'),
    ...Object.fromEntries(
      Object.entries(insuranceFieldLabels(card.documentKind)).map(([k, v]) => [`new-${k}`, v]),
    ),
    'new-startsOn': t('staff.insurance.startsOn'),
  };

  const save = async () => {
    if (!form.start()) return;
    const found = checkFinder(who, false);
    const local: Record<string, string> = found.ok ? {} : { ...found.errors };
    if (checked === '') local['identityChecked'] = t('staff.reissue.identity.required');
    if (!card.documentKind) local['new-documentKind'] = t('check.required');
    if (!found.ok || Object.keys(local).length > 0) return form.refuse(local);
    const result = await form.send(() =>
      addInsuranceAtDesk({
        person: found.who,
        identityChecked: checked as IdentityDocument,
        insurance: {
          documentKind: card.documentKind as DocumentKind,
          insurerNumber: card.insurerNumber,
          symbol: card.symbol,
          number: card.number,
          ...(card.branch.trim() ? { branch: card.branch } : {}),
          startsOn: dateForServer(card.startsOn),
        },
      }),
    );
    if (result.ok) {
      form.setErrors({});
      setDone(result.data);
      return;
    }
    const { error } = result;
    if (error.code === 'validation_failed' && error.fields?.length) {
      // The server names the new card's fields as they are (documentKind, startsOn, …) and the
      // person's look-up fields as the finder's; the identity document as it is.
      const mine = new Set(NEW_FIELDS);
      const messages = messagesFrom(error.fields, (field, code) => {
        if (field === 'startsOn' && code === 'out_of_range')
          return t('staff.insurance.startsOn.out_of_range');
        if (field === 'number' && code === 'already_exists')
          return t('staff.insurance.number.already');
        return preciseFieldMessage(field, code);
      });
      const moved: Record<string, string> = {};
      for (const [field, message] of Object.entries(messages)) {
        if (field === 'identityChecked') moved[field] = t('staff.reissue.identity.required');
        else if (field === 'birthDate' && who.by === 'card') moved['birthDate'] = message;
        else if (mine.has(field)) moved[`new-${field}`] = message;
        else moved[finderField(field)] = message;
      }
      return form.refuse(moved);
    }
    form.refuse({}, error);
  };

  const newErrors = Object.fromEntries(
    Object.entries(errors)
      .filter(([k]) => k.startsWith('new-'))
      .map(([k, v]) => [k.slice(4), v]),
  );
  const startsParts = parseDateText(card.startsOn);

  if (done) {
    return (
      <section class="staff-records" aria-labelledby="page-title" data-testid="staff-insurance">
        <h1 id="page-title">{t('staff.insurance.title')}</h1>
        <div class="card" data-testid="staff-insurance-done">
          <h2 tabIndex={-1} ref={doneTitle} class="field__ok">
            {t('staff.insurance.done', { name: done.name })}
          </h2>
          <p>
            {done.startsOn
              ? t('staff.insurance.doneBody', { name: done.name, date: formatDate(done.startsOn) })
              : t('staff.insurance.doneBody.first', { name: done.name })}
          </p>
          <dl class="facts">
            <div>
              <dt>{t('paper.item.name')}</dt>
              <dd data-testid="staff-insurance-name">{done.name}</dd>
            </div>
            <div>
              <dt>{t('staff.record.number')}</dt>
              <dd translate={false}>{done.registrationNumber}</dd>
            </div>
          </dl>
          <p class="note">{t('staff.presentation.checkName')}</p>
          <button
            type="button"
            class="button"
            onClick={() => {
              setWho(emptyFinder());
              setChecked('');
              setCard(emptyNew());
              setDone(null);
            }}
            data-testid="staff-insurance-next"
          >
            {t('staff.insurance.next')}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section class="staff-records" aria-labelledby="page-title" data-testid="staff-insurance">
      <h1 id="page-title" tabIndex={-1}>
        {t('staff.insurance.title')}
      </h1>
      <p class="muted">{t('staff.insurance.lead')}</p>
      <ReceptionForm
        form={FORM}
        formRef={form.ref}
        errors={errors}
        labels={labels}
        problem={form.problem}
        problemMessage={
          form.problem?.code === 'not_found' ? t('staff.insurance.notFound') : undefined
        }
        onSave={() => void save()}
        testId="staff-insurance"
      >
        <fieldset class="fieldset">
          <legend>{t('staff.insurance.person')}</legend>
          <p class="field__hint">{t('staff.insurance.person.hint')}</p>
          <PersonFinderFields
            form={FORM}
            values={who}
            errors={errors}
            onChange={(changes, fields) => {
              setWho((v) => ({ ...v, ...changes }));
              form.clear(...fields);
            }}
          />
        </fieldset>
        <RadioGroup<IdentityDocument>
          id={fieldId(FORM, 'identityChecked')}
          legend={t('staff.reissue.identity')}
          hint={t('staff.reissue.identity.hint')}
          error={errors['identityChecked']}
          options={IDENTITY_DOCUMENTS.map((d) => ({ value: d, label: documentLabel(d) }))}
          value={checked}
          onValue={(d) => {
            setChecked(d);
            form.clear('identityChecked');
          }}
        />
        <fieldset class="fieldset">
          <legend>{t('staff.insurance.new')}</legend>
          <InsuranceDocumentFields
            form={`${FORM}-new`}
            hint={t('staff.insurance.documentHint')}
            values={card}
            errors={newErrors}
            onDocument={(documentKind) => {
              setCard((c) => ({ ...c, documentKind }));
              form.clear('new-documentKind');
            }}
            onChange={(field: InsuranceField, value) => {
              setCard((c) => ({ ...c, [field]: value }));
              form.clear(`new-${field}`);
            }}
          />
          <DateTextField
            id={fieldId(`${FORM}-new`, 'startsOn')}
            label={t('staff.insurance.startsOn')}
            hint={t('staff.insurance.startsOn.hint')}
            error={newErrors['startsOn']}
            value={card.startsOn}
            onValue={(startsOn) => {
              setCard((c) => ({ ...c, startsOn }));
              form.clear('new-startsOn');
            }}
            readBackKey="staff.insurance.startsOn.readBack"
          />
          {startsParts === null && card.startsOn.trim() !== '' && (
            <p class="muted">{t('staff.hint.date')}</p>
          )}
        </fieldset>
        <button
          type="submit"
          class="button button--wide"
          disabled={form.sending !== false}
          data-testid="staff-insurance-submit"
        >
          {form.sending !== false ? t('common.sending') : t('staff.insurance.save')}
        </button>
      </ReceptionForm>
    </section>
  );
}
