import { useEffect, useRef, useState } from 'preact/hooks';
import {
  lookUpRecord,
  openInEmergency,
  type EmergencyReason,
  type PersonLookup,
  type RecordPart,
  type SharedRecord,
  type StaffMe,
} from '../../api/staff';
import { ErrorSummary, RadioGroup, TextAreaField, fieldId } from '../../components/Form';
import { preciseFieldMessage } from '../../components/InsuranceFields';
import {
  checkFinder,
  emptyFinder,
  finderField,
  PersonFinderForm,
  type FinderValues,
} from '../../components/PersonFinder';
import { Problem } from '../../components/Problem';
import { formatDate, t, type MessageKey } from '../../i18n/staff';
import { usePageTitle } from '../../lib/page';
import { mayOpenRecords, staffMe } from '../../lib/staff-session';
import { serverFieldErrors, useForm } from '../../lib/use-form';

const FORM = 'rec';
const EMERGENCY_FORM = 'em';
/** The network office reads the note; the server takes at most this many characters. */
export const NOTE_MAX = 200;

/** The parts of a record in the order a clinician reads them: what is taken now, what to avoid. */
export const PART_ORDER: readonly RecordPart[] = [
  'current_medicines',
  'contraindications',
  'allergies',
  'medication_history',
  'emergency_contact',
];

const roleName = (me: StaffMe) => t(`staff.role.${me.role}` as MessageKey);

/**
 * `/staff/records`: clinical staff open a person's shared record — found by their
 * registration QR (a desk scanner types it into the focused box and presses Enter), their
 * registration number, or their insurance card and date of birth. The record shows the parts
 * the staff member's profession sees here, and says which it does not; when it is shown through
 * an emergency access, until when. A person this facility may not see is "no record you may
 * open", with what to do; the emergency access is a separate, deliberate step after that, with
 * its reason and a plain warning that the person and their family are mailed at once and the
 * network office reviews it. Nothing of the record is kept beyond this screen.
 */
export function StaffRecords() {
  usePageTitle(t('staff.records.title'));
  const me = staffMe.value as StaffMe;
  if (!mayOpenRecords(me)) {
    return (
      <section class="card" data-testid="staff-not-for-role">
        <h1 id="page-title" tabIndex={-1}>
          {t('staff.records.title')}
        </h1>
        <p>{t('staff.records.notForRole')}</p>
      </section>
    );
  }
  return <Records me={me} />;
}

interface Refused {
  readonly who: PersonLookup;
  readonly label: string;
}

function Records({ me }: { me: StaffMe }) {
  const [values, setValues] = useState<FinderValues>(emptyFinder);
  const [record, setRecord] = useState<SharedRecord | null>(null);
  const [refused, setRefused] = useState<Refused | null>(null);
  const [emergency, setEmergency] = useState(false);
  const form = useForm();
  const { errors } = form;

  // The box is ready for the scanner when the page opens, and again after "find another
  // person" (after the app has focused the page's heading).
  useEffect(() => {
    if (record) return;
    const timer = setTimeout(() => {
      document.getElementById(fieldId(FORM, values.by === 'qr' ? 'qr' : 'insurerNumber'))?.focus();
    }, 0);
    return () => clearTimeout(timer);
  }, [record]);

  const update = (changes: Partial<FinderValues>, fields: readonly string[]) => {
    setValues((v) => ({ ...v, ...changes }));
    form.clear(...fields);
    if (refused) {
      setRefused(null);
      setEmergency(false);
    }
  };

  const find = async () => {
    if (!form.start()) return;
    const check = checkFinder(values, true);
    if (!check.ok) return form.refuse(check.errors);
    setRefused(null);
    setEmergency(false);
    const result = await form.send(() => lookUpRecord(check.who));
    if (result.ok) {
      form.setErrors({});
      setRecord(result.data);
      return;
    }
    const { error } = result;
    if (error.code === 'not_found') {
      form.setErrors({});
      setRefused({ who: check.who, label: check.label });
      // The answer is announced (an alert). At a desk with a scanner the box keeps the focus,
      // its text selected, so the next scan replaces it; otherwise the answer takes the focus.
      const box = document.getElementById(fieldId(FORM, 'qr'));
      if (values.by === 'qr' && box instanceof HTMLInputElement) {
        box.focus();
        box.select();
      } else form.focusError();
      return;
    }
    const fields = serverFieldErrors(error, preciseFieldMessage);
    if (fields) {
      const moved: Record<string, string> = {};
      for (const [field, message] of Object.entries(fields)) moved[finderField(field)] = message;
      return form.refuse(moved);
    }
    form.refuse({}, error);
  };

  if (record) {
    return (
      <RecordView
        record={record}
        me={me}
        onAnother={() => {
          setRecord(null);
          setRefused(null);
          setEmergency(false);
          setValues(emptyFinder());
          form.setErrors({});
        }}
      />
    );
  }

  return (
    <section class="staff-records" aria-labelledby="page-title" data-testid="staff-records">
      <h1 id="page-title" tabIndex={-1}>
        {t('staff.records.title')}
      </h1>
      <p class="muted">{t('staff.records.lead')}</p>
      <PersonFinderForm
        form={FORM}
        formRef={form.ref}
        values={values}
        errors={errors}
        onChange={update}
        onSubmit={() => void find()}
        problem={form.problem}
        sending={form.sending !== false}
        submitLabel={t('staff.records.find')}
        sendingLabel={t('staff.records.finding')}
        qrHint={t('staff.records.numberNote')}
        testId="staff-records-form"
      >
        {refused && (
          <div class="alert staff-refused" role="alert" data-testid="staff-records-refused">
            <h2 class="alert__title">{t('staff.records.notFound.title')}</h2>
            <p>{t('staff.records.notFound.body')}</p>
            <p>{t('staff.records.notFound.emergency')}</p>
            {!emergency && (
              <button
                type="button"
                class="button button--danger"
                onClick={() => setEmergency(true)}
                data-testid="staff-emergency-start"
              >
                {t('staff.emergency.start')}
              </button>
            )}
          </div>
        )}
      </PersonFinderForm>
      {refused && emergency && (
        <EmergencyStep
          refused={refused}
          onOpened={(r) => setRecord(r)}
          onCancel={() => setEmergency(false)}
        />
      )}
    </section>
  );
}

/** The emergency access: whom, why, and a plain warning of what follows. */
function EmergencyStep({
  refused,
  onOpened,
  onCancel,
}: {
  refused: Refused;
  onOpened: (record: SharedRecord) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState<EmergencyReason | ''>('');
  const [note, setNote] = useState('');
  const form = useForm();
  const { errors } = form;
  const id = (name: string) => fieldId(EMERGENCY_FORM, name);
  const length = [...note.trim()].length;

  // The step opens with its warning read first.
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);

  const open = async () => {
    if (!form.start()) return;
    const local: Record<string, string> = {};
    if (!reason) local['reason'] = t('check.choose');
    if (reason === 'other' && length === 0) local['note'] = t('staff.emergency.note.required');
    if (length > NOTE_MAX) local['note'] = t('staff.emergency.note.tooLong', { count: length });
    if (!reason || Object.keys(local).length > 0) return form.refuse(local);
    const result = await form.send(() =>
      openInEmergency(refused.who, reason, note.trim() || undefined),
    );
    if (result.ok) {
      onOpened(result.data);
      return;
    }
    const fields = serverFieldErrors(result.error, preciseFieldMessage);
    if (fields) return form.refuse(fields);
    form.refuse({}, result.error);
  };

  return (
    <section
      class="card card--danger staff-emergency"
      aria-labelledby="staff-emergency-title"
      data-testid="staff-emergency"
    >
      <h2 id="staff-emergency-title" tabIndex={-1} ref={title}>
        {t('staff.emergency.title')}
      </h2>
      <p class="staff-emergency__warning" data-testid="staff-emergency-warning">
        {t('staff.emergency.warning')}
      </p>
      <p data-testid="staff-emergency-who">
        <strong>{t('staff.emergency.forWhom', { who: refused.label })}</strong>
      </p>
      <form
        ref={form.ref}
        class="staff-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void open();
        }}
      >
        <ErrorSummary
          form={EMERGENCY_FORM}
          errors={errors}
          labels={{ reason: t('staff.emergency.reason'), note: t('staff.emergency.note') }}
        />
        <Problem
          error={form.problem}
          message={form.problem?.code === 'not_found' ? t('staff.emergency.notFound') : undefined}
          testId="staff-emergency-problem"
        />
        <RadioGroup<EmergencyReason>
          id={id('reason')}
          legend={t('staff.emergency.reason')}
          error={errors['reason']}
          options={(['emergency_transport', 'cannot_consent', 'other'] as const).map((r) => ({
            value: r,
            label: t(`staff.emergency.reason.${r}`),
          }))}
          value={reason}
          onValue={(v) => {
            setReason(v);
            form.clear('reason', 'note');
          }}
        />
        <TextAreaField
          id={id('note')}
          label={t('staff.emergency.note')}
          hint={t('staff.emergency.note.hint')}
          error={errors['note']}
          value={note}
          onValue={(v) => {
            setNote(v);
            form.clear('note');
          }}
          rows={3}
          after={
            <p
              class={`field__count${length > NOTE_MAX ? ' field__count--over' : ''}`}
              aria-live="polite"
            >
              {t('staff.emergency.note.count', { count: length })}
            </p>
          }
        />
        <div class="staff-emergency__actions">
          <button
            type="submit"
            class="button button--danger"
            disabled={form.sending !== false}
            data-testid="staff-emergency-open"
          >
            {form.sending ? t('common.sending') : t('staff.emergency.open')}
          </button>
          <button
            type="button"
            class="button button--secondary"
            disabled={form.sending !== false}
            onClick={onCancel}
          >
            {t('staff.emergency.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A record as this profession sees it: every part, shown or said to be not shown. */
export function RecordView({
  record,
  me,
  onAnother,
}: {
  record: SharedRecord;
  me: StaffMe;
  onAnother: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    window.scrollTo(0, 0);
  }, [record]);
  const shown = new Set(record.parts);
  return (
    <section class="staff-record" aria-labelledby="page-title" data-testid="staff-record">
      <div class="staff-entry__head">
        <h1 id="page-title" tabIndex={-1} ref={heading} data-testid="record-name">
          {t('staff.record.title', { name: record.name })}
        </h1>
        <button
          type="button"
          class="button button--secondary"
          onClick={onAnother}
          data-testid="record-another"
        >
          {t('staff.record.another')}
        </button>
      </div>
      {record.emergencyUntil && (
        <p class="alert staff-record__emergency" role="status" data-testid="record-emergency">
          {t('staff.record.emergencyUntil', { date: formatDate(record.emergencyUntil, true) })}
        </p>
      )}
      <dl class="facts staff-record__person">
        <div>
          <dt>{t('staff.record.kana')}</dt>
          <dd>{record.nameKana}</dd>
        </div>
        <div>
          <dt>{t('staff.record.birth')}</dt>
          <dd>{formatDate(`${record.birthDate}T00:00:00+09:00`)}</dd>
        </div>
        <div>
          <dt>{t('staff.record.sex')}</dt>
          <dd>{t(record.sex === 'male' ? 'sex.male' : 'sex.female')}</dd>
        </div>
        <div>
          <dt>{t('staff.record.number')}</dt>
          <dd translate={false} data-testid="record-number">
            {record.registrationNumber}
          </dd>
        </div>
      </dl>
      <p class="staff-record__when" data-testid="record-as-of">
        {t('staff.record.asOf', { date: formatDate(record.asOf, true) })}{' '}
        {t('staff.record.sharedSince', { date: formatDate(record.sharedSince, true) })}
      </p>
      <p class="muted">{t('staff.record.yourRole', { role: roleName(me) })}</p>
      <div class="staff-record__parts">
        {PART_ORDER.map((part) => (
          <section
            key={part}
            class={`card staff-part${shown.has(part) ? '' : ' staff-part--hidden'}`}
            aria-labelledby={`part-${part}`}
            data-testid={`record-part-${part}`}
            data-shown={shown.has(part) ? 'true' : 'false'}
          >
            <h3 id={`part-${part}`}>{t(`staff.record.part.${part}` as MessageKey)}</h3>
            {shown.has(part) ? (
              <PartBody part={part} record={record} />
            ) : (
              <p class="staff-part__not-shown">
                {t('staff.record.notShown', { role: roleName(me) })}
              </p>
            )}
          </section>
        ))}
      </div>
    </section>
  );
}

function kindKey(kind: string): MessageKey {
  if (kind === 'request') return 'staff.record.kind.request';
  if (kind === 'dispense') return 'staff.record.kind.dispense';
  return 'staff.record.kind.statement';
}

/** A current medicine or a history entry (the history has no end date or prescriber). */
type Medicine = NonNullable<SharedRecord['medicationHistory']>[number] &
  Partial<
    Pick<
      NonNullable<SharedRecord['currentMedicines']>[number],
      'until' | 'durationUnstated' | 'prescribedBy'
    >
  >;

const day = (date: string) => formatDate(`${date}T00:00:00+09:00`);

function PartBody({ part, record }: { part: RecordPart; record: SharedRecord }) {
  const empty = <p class="empty-state">{t('staff.record.empty')}</p>;
  switch (part) {
    case 'current_medicines':
    case 'medication_history': {
      const items: readonly Medicine[] =
        (part === 'current_medicines' ? record.currentMedicines : record.medicationHistory) ?? [];
      if (items.length === 0) return empty;
      return (
        <ul class="medicines">
          {items.map((m) => (
            <li key={m.id} class="medicine">
              <span class="medicine__name">{m.name}</span>
              {m.dosage && <span class="medicine__dosage">{m.dosage}</span>}
              {(m.until || m.durationUnstated) && (
                <span class="medicine__meta">
                  {m.until ? t('staff.record.until', { date: day(m.until) }) : ''}
                  {m.durationUnstated ? t('staff.record.unstated') : ''}
                </span>
              )}
              <span class="medicine__meta">
                {t(kindKey(m.kind))}:{' '}
                {t('staff.record.from', { facility: m.facility, date: day(m.date) })}
              </span>
              {m.prescribedBy && m.prescribedBy !== m.facility && (
                <span class="medicine__meta">
                  {t('staff.record.prescribedBy', { facility: m.prescribedBy })}
                </span>
              )}
              {m.providedByPatient && (
                <span class="provided-marker">{t('staff.record.byPatient')}</span>
              )}
            </li>
          ))}
        </ul>
      );
    }
    case 'allergies':
    case 'contraindications': {
      const items = (part === 'allergies' ? record.allergies : record.contraindications) ?? [];
      if (items.length === 0) return empty;
      return (
        <ul class="allergies">
          {items.map((a) => (
            <li key={a.id} class={a.active ? 'allergy' : 'allergy allergy--inactive'}>
              <span class="allergy__text">
                {a.text}
                {!a.active && ` ${t('staff.record.inactive')}`}
              </span>
              <span class="medicine__meta">
                {t('staff.record.from', { facility: a.facility, date: day(a.date) })}
              </span>
            </li>
          ))}
        </ul>
      );
    }
    case 'emergency_contact': {
      const c = record.emergencyContact;
      if (!c) return <p class="empty-state">{t('staff.record.contactNone')}</p>;
      return (
        <p class="emergency__contact">
          {c.name}
          {c.relationship ? `（${c.relationship}）` : ''} <a href={`tel:${c.phone}`}>{c.phone}</a>
        </p>
      );
    }
  }
}
