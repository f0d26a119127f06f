import { useEffect, useState } from 'preact/hooks';
import {
  enterRegistration,
  findDuplicates,
  type DuplicateCandidate,
  type StaffMe,
} from '../../api/staff';
import { CheckField } from '../../components/CheckField';
import { ErrorSummary, RadioGroup, TextField, fieldId, messagesFrom } from '../../components/Form';
import { preciseFieldMessage } from '../../components/InsuranceFields';
import { MaskedNumber } from '../../components/MaskedNumber';
import {
  ItemLabel,
  PaperFields,
  paperFieldLabels,
  problemMessage,
} from '../../components/PaperFields';
import { Problem } from '../../components/Problem';
import { formatDate, lang, t, te } from '../../i18n/staff';
import { checkSignedOn, checkTypedBirthDate } from '../../lib/date-text';
import { receptionKeys } from '../../lib/form-keys';
import { nameIn } from '../../lib/names';
import { usePageTitle } from '../../lib/page';
import {
  checkPaperForm,
  emptyPaperForm,
  readyForDuplicateCheck,
  registrationFrom,
  type PaperFormValues,
} from '../../lib/paper-form';
import { keepClaimSheet, mayEnterForms, staffMe } from '../../lib/staff-session';
import { useForm } from '../../lib/use-form';
import { navigate } from '../../router';

const FORM = 'paper';

/** The claim sheet of a saved entry. */
export const claimSheetPath = (id: string) =>
  `/staff/entries/${encodeURIComponent(id)}/claim-sheet`;

/**
 * `/staff/new`: entering a signed paper registration form at reception, by keyboard, in the
 * paper's order. Tab (or Enter) goes to the next field; radio groups take the arrow keys; dates
 * are typed as text; the form is saved only from its button or with Ctrl+Enter. When the kana
 * and the date of birth are in, the server is asked for people already registered like that;
 * the staff member stops, or confirms "a different person". Both confirmations (identity
 * document, signed form) are required. After saving: the claim sheet.
 */
export function StaffNew() {
  const me = staffMe.value as StaffMe;
  usePageTitle(t('staff.new.title'));
  if (!mayEnterForms(me)) return <NotForRole />;
  return <EntryForm me={me} />;
}

export function NotForRole() {
  return (
    <section class="card" data-testid="staff-not-for-role">
      <h1 id="page-title" tabIndex={-1}>
        {t('staff.brand')}
      </h1>
      <p>{te('forbidden')}</p>
      <p>{t('staff.notForRole')}</p>
    </section>
  );
}

type Dup =
  | { readonly key: string; readonly state: 'checking' }
  | {
      readonly key: string;
      readonly state: 'done';
      readonly candidates: readonly DuplicateCandidate[];
    }
  | { readonly key: string; readonly state: 'failed' };

function EntryForm({ me }: { me: StaffMe }) {
  const single = me.networks.length === 1 ? (me.networks[0]?.code ?? '') : '';
  const [values, setValues] = useState<PaperFormValues>(() => emptyPaperForm(single));
  const form = useForm();
  const { errors } = form;
  const [identityChecked, setIdentityChecked] = useState(false);
  const [formReceived, setFormReceived] = useState(false);
  const [notDuplicate, setNotDuplicate] = useState(false);
  const [dup, setDup] = useState<Dup | null>(null);
  const [registered, setRegistered] = useState(false);
  const id = (name: string) => fieldId(FORM, name);

  // A new form starts in its first field (after the app has focused the page's heading), so the
  // staff member types at once.
  useEffect(() => {
    const timer = setTimeout(() => document.getElementById(id('name'))?.focus(), 0);
    return () => clearTimeout(timer);
  }, []);

  const update = (changes: Partial<PaperFormValues>, fields: readonly string[]) => {
    setValues((current) => ({ ...current, ...changes }));
    form.clear(...fields);
  };

  // The duplicate check: once kana and a date of birth are there, and again when they change.
  const dupKey = (() => {
    const iso = readyForDuplicateCheck(values);
    return iso ? `${values.nameKana.trim()}|${iso}` : null;
  })();
  const checkDuplicates = async (
    key: string,
    signal?: AbortSignal,
  ): Promise<readonly DuplicateCandidate[] | null> => {
    const [kana, iso] = key.split('|') as [string, string];
    setDup({ key, state: 'checking' });
    const result = await findDuplicates(kana, iso, signal);
    if (signal?.aborted) return null;
    if (result.ok) {
      setDup({ key, state: 'done', candidates: result.data.candidates });
      return result.data.candidates;
    }
    setDup({ key, state: 'failed' });
    return null;
  };
  useEffect(() => {
    setNotDuplicate(false);
    if (!dupKey) {
      setDup(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      checkDuplicates(dupKey, controller.signal).catch(() => {});
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [dupKey]);
  const candidates = dup?.state === 'done' && dup.key === dupKey ? dup.candidates : [];

  const blurDate = (field: 'birthDate' | 'signedOn') => {
    const text = values[field];
    if (!text.trim()) return;
    const check = field === 'birthDate' ? checkTypedBirthDate(text) : checkSignedOn(text);
    if (!check.ok && check.problem !== 'required') {
      const key = field === 'birthDate' ? `birth.${check.problem}` : `signedOn.${check.problem}`;
      form.setErrors((current) => ({ ...current, [field]: problemMessage(key as never) }));
    }
  };

  const network = me.networks.find((n) => n.code === values.network) ?? null;

  const save = async () => {
    if (!form.start()) return;
    setRegistered(false);
    const local: Record<string, string> = {};
    for (const [field, p] of Object.entries(checkPaperForm(values)))
      local[field] = problemMessage(p);
    if (network && network.consentVersion === undefined)
      local['network'] = t('staff.check.noConsent');
    if (candidates.length > 0 && !notDuplicate) local['notDuplicate'] = t('staff.dup.mustConfirm');
    if (!identityChecked) local['identityChecked'] = t('staff.confirm.missing');
    if (!formReceived) local['formReceived'] = t('staff.confirm.missing');
    if (Object.keys(local).length > 0) return form.refuse(local);
    const result = await form.send(() =>
      enterRegistration(
        registrationFrom(values, {
          consentVersion: network?.consentVersion ?? 0,
          identityChecked,
          formReceived,
          notDuplicate: notDuplicate && candidates.length > 0,
        }),
      ),
    );
    if (result.ok) {
      const entry = result.data;
      if (entry.claim) {
        keepClaimSheet({
          entryId: entry.id,
          name: entry.name,
          nameKana: entry.nameKana,
          registrationNumber: entry.registrationNumber,
          network: entry.network,
          claim: entry.claim,
        });
      }
      navigate(claimSheetPath(entry.id));
      return;
    }
    const { error } = result;
    if (error.code === 'validation_failed' && error.fields?.length) {
      const fields = messagesFrom(error.fields, preciseFieldMessage);
      if ('consentVersion' in fields) {
        fields['network'] = t('staff.check.consentChanged');
        delete fields['consentVersion'];
      }
      return form.refuse(fields);
    }
    if (error.code === 'form_serial_used')
      return form.refuse({ formSerial: te('form_serial_used') });
    if (error.code === 'possible_duplicate' && dupKey) {
      const found = await checkDuplicates(dupKey);
      setNotDuplicate(false);
      if (found && found.length > 0)
        return form.refuse({ notDuplicate: t('staff.dup.mustConfirm') });
    }
    if (error.code === 'already_registered') setRegistered(true);
    form.refuse({}, error);
  };

  const networkName = network ? nameIn(network, lang.value) : null;

  return (
    <section class="staff-entry" aria-labelledby="page-title" data-testid="staff-new">
      <div class="staff-entry__head">
        <h1 id="page-title" tabIndex={-1}>
          {t('staff.new.title')}
        </h1>
        <a
          class="button button--secondary no-print"
          href="/paper-form"
          data-testid="staff-print-blank"
        >
          {t('staff.paperForm.print')}
        </a>
      </div>
      <p class="muted" id="staff-keys">
        {t('staff.new.keys')}
      </p>
      <form
        ref={form.ref}
        class="staff-form"
        noValidate
        aria-describedby="staff-keys"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        onKeyDown={receptionKeys(() => void save())}
        data-testid="staff-new-form"
      >
        <ErrorSummary form={FORM} errors={errors} labels={paperFieldLabels()} />
        <Problem error={form.problem} testId="staff-new-problem">
          {registered && <p>{t('staff.new.alreadyRegistered')}</p>}
        </Problem>
        <PaperFields
          form={FORM}
          values={values}
          errors={errors}
          onChange={update}
          onBlurDate={blurDate}
          afterItem={{
            birthDate: (
              <Duplicates
                dup={dup && dup.key === dupKey ? dup : null}
                candidates={candidates}
                confirmed={notDuplicate}
                error={errors['notDuplicate']}
                onConfirm={(v) => {
                  setNotDuplicate(v);
                  update({}, ['notDuplicate']);
                }}
              />
            ),
          }}
        />
        <fieldset class="paper-item paper-item__group paper-item--facility" data-item={12}>
          <legend class="paper-item__title">
            <ItemLabel no={12} k="paper.item.facility" />
          </legend>
          <p data-testid="staff-new-facility">
            {t('paper.field.facility')}: {me.facility.name}
          </p>
          <TextField
            id={id('formSerial')}
            label={t('paper.field.formSerial')}
            hint={t('staff.hint.serial')}
            error={errors['formSerial']}
            value={values.formSerial}
            onValue={(v) => update({ formSerial: v }, ['formSerial'])}
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            maxLength={40}
            class="field--short"
          />
          {single ? (
            <p data-testid="staff-new-network">
              {t('paper.field.network')}: {networkName?.text ?? single}
              {network?.consentVersion !== undefined && (
                <> {t('staff.new.consentVersion', { version: network.consentVersion })}</>
              )}
            </p>
          ) : (
            <RadioGroup
              id={id('network')}
              legend={t('paper.field.network')}
              error={errors['network']}
              options={me.networks.map((n) => ({
                value: n.code,
                label: nameIn(n, lang.value).text,
                ...(n.consentVersion !== undefined
                  ? { detail: t('staff.new.consentVersion', { version: n.consentVersion }) }
                  : { detail: t('staff.check.noConsent') }),
              }))}
              value={values.network}
              onValue={(v) => update({ network: v }, ['network'])}
            />
          )}
          {single && errors['network'] && (
            <p class="field__error" id={`${id('network')}-error`}>
              {errors['network']}
            </p>
          )}
        </fieldset>

        <div class="card staff-confirm">
          <h2>{t('staff.confirm.title')}</h2>
          <CheckField
            id={id('identityChecked')}
            label={t('staff.confirm.identity')}
            checked={identityChecked}
            error={errors['identityChecked']}
            onChecked={(v) => {
              setIdentityChecked(v);
              update({}, ['identityChecked']);
            }}
            testId="staff-identity-checked"
          />
          <CheckField
            id={id('formReceived')}
            label={t('staff.confirm.form')}
            checked={formReceived}
            error={errors['formReceived']}
            onChecked={(v) => {
              setFormReceived(v);
              update({}, ['formReceived']);
            }}
            testId="staff-form-received"
          />
        </div>
        <button
          type="submit"
          class="button button--wide"
          disabled={form.sending}
          data-testid="staff-save"
        >
          {form.sending ? t('common.sending') : t('staff.new.save')}
        </button>
      </form>
    </section>
  );
}

/** The duplicate check's answer, right under the date of birth. */
function Duplicates({
  dup,
  candidates,
  confirmed,
  error,
  onConfirm,
}: {
  dup: Dup | null;
  candidates: readonly DuplicateCandidate[];
  confirmed: boolean;
  error: string | undefined;
  onConfirm: (value: boolean) => void;
}) {
  return (
    <div class="staff-dup-region" aria-live="polite">
      {dup?.state === 'checking' && <p class="muted">{t('staff.dup.checking')}</p>}
      {dup?.state === 'failed' && <p class="muted">{t('staff.dup.failed')}</p>}
      {dup?.state === 'done' && candidates.length === 0 && (
        <p class="field__ok" data-testid="staff-dup-none">
          {t('staff.dup.none')}
        </p>
      )}
      {candidates.length > 0 && (
        <div class="alert staff-dup" role="alert" data-testid="staff-duplicates">
          <h3 class="alert__title">{t('staff.dup.title', { count: candidates.length })}</h3>
          <p>{t('staff.dup.lead')}</p>
          <ul class="staff-dup__list">
            {candidates.map((c) => (
              <li key={`${c.registrationNumber}-${c.registeredOn}`} data-testid="staff-duplicate">
                <strong>{c.name}</strong>（{c.nameKana}）・
                {t('staff.dup.birth', { date: formatDate(`${c.birthDate}T00:00:00+09:00`) })}
                <br />
                {t('staff.dup.number')} <MaskedNumber value={c.registrationNumber} />・
                {t('staff.dup.registered', {
                  date: formatDate(`${c.registeredOn}T00:00:00+09:00`),
                  channel: t(
                    c.channel === 'paper' ? 'history.channel.paper' : 'history.channel.web',
                  ),
                })}
              </li>
            ))}
          </ul>
          <p>{t('staff.dup.stop')}</p>
          <CheckField
            id={fieldId(FORM, 'notDuplicate')}
            label={t('staff.dup.confirm')}
            checked={confirmed}
            error={error}
            onChecked={onConfirm}
            testId="staff-not-duplicate"
          />
        </div>
      )}
    </div>
  );
}
