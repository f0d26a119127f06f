import { useEffect, useRef, useState } from 'preact/hooks';
import { recordPresentation, type Presentation, type StaffMe } from '../../api/staff';
import { fieldId } from '../../components/Form';
import { preciseFieldMessage } from '../../components/InsuranceFields';
import {
  checkFinder,
  emptyFinder,
  finderField,
  PersonFinderForm,
  type FinderValues,
} from '../../components/PersonFinder';
import { t } from '../../i18n/staff';
import { usePageTitle } from '../../lib/page';
import { mayRecordPresentations, staffMe } from '../../lib/staff-session';
import { serverFieldErrors, useForm } from '../../lib/use-form';
import { NotForRole } from './StaffNew';

const FORM = 'pres';

/**
 * `/staff/presentations`: reception records that a person presented at the desk — their
 * registration QR (scanned, or the two codes under it typed) or their insurance card and date of
 * birth; the registration number alone proves nothing and is refused here. Then the facility's
 * clinical staff may open the person's shared record: the page says so, with the person's name
 * to check against the card in hand, and is ready for the next person.
 */
export function StaffPresentation() {
  usePageTitle(t('staff.presentation.title'));
  const me = staffMe.value as StaffMe;
  if (!mayRecordPresentations(me)) return <NotForRole />;
  return <PresentationForm />;
}

function PresentationForm() {
  const [values, setValues] = useState<FinderValues>(emptyFinder);
  const [done, setDone] = useState<Presentation | null>(null);
  const form = useForm();
  const { errors } = form;
  const doneTitle = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (done) {
      doneTitle.current?.focus();
      return;
    }
    // Ready for the scanner when the page opens, and for the next person.
    const timer = setTimeout(() => {
      document.getElementById(fieldId(FORM, values.by === 'qr' ? 'qr' : 'insurerNumber'))?.focus();
    }, 0);
    return () => clearTimeout(timer);
  }, [done]);

  const update = (changes: Partial<FinderValues>, fields: readonly string[]) => {
    setValues((v) => ({ ...v, ...changes }));
    form.clear(...fields);
  };

  const save = async () => {
    if (!form.start()) return;
    const check = checkFinder(values, false);
    if (!check.ok) return form.refuse(check.errors);
    const result = await form.send(() => recordPresentation(check.who));
    if (result.ok) {
      form.setErrors({});
      setDone(result.data);
      return;
    }
    const { error } = result;
    const fields = serverFieldErrors(error, preciseFieldMessage);
    if (fields) {
      const moved: Record<string, string> = {};
      for (const [field, message] of Object.entries(fields)) moved[finderField(field)] = message;
      return form.refuse(moved);
    }
    form.refuse({}, error);
  };

  return (
    <section class="staff-records" aria-labelledby="page-title" data-testid="staff-presentation">
      <h1 id="page-title" tabIndex={-1}>
        {t('staff.presentation.title')}
      </h1>
      <p class="muted">{t('staff.presentation.lead')}</p>
      {done ? (
        <div class="card" data-testid="staff-presentation-done">
          {done.endedByPerson ? (
            // The person stopped this facility: nothing was allowed, so no success is shown.
            <h2
              tabIndex={-1}
              ref={doneTitle}
              class="field__error"
              data-testid="staff-presentation-not-allowed"
            >
              {t('staff.presentation.notAllowed', { name: done.name })}
            </h2>
          ) : (
            <h2 tabIndex={-1} ref={doneTitle} class="field__ok">
              {t('staff.presentation.done', { name: done.name })}
            </h2>
          )}
          <p data-testid="staff-presentation-result">
            {t(
              done.started
                ? 'staff.presentation.started'
                : done.endedByPerson
                  ? 'staff.presentation.endedByPerson'
                  : 'staff.presentation.already',
              { name: done.name },
            )}
          </p>
          <dl class="facts">
            <div>
              <dt>{t('paper.item.name')}</dt>
              <dd data-testid="staff-presentation-name">{done.name}</dd>
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
              setValues(emptyFinder());
              setDone(null);
            }}
            data-testid="staff-presentation-next"
          >
            {t('staff.presentation.next')}
          </button>
        </div>
      ) : (
        <PersonFinderForm
          form={FORM}
          formRef={form.ref}
          values={values}
          errors={errors}
          onChange={update}
          onSubmit={() => void save()}
          problem={form.problem}
          problemMessage={
            form.problem?.code === 'not_found' ? t('staff.presentation.notFound') : undefined
          }
          sending={form.sending !== false}
          submitLabel={t('staff.presentation.save')}
          sendingLabel={t('common.sending')}
          testId="staff-presentation-form"
        />
      )}
    </section>
  );
}
