import type { ComponentChildren } from 'preact';
import type { DocumentKind } from '../api/staff';
import { t, type MessageKey } from '../i18n/staff';
import { parseDateText } from '../lib/date-text';
import { toWestern } from '../lib/birth-date';
import {
  PAPER_DOCUMENT_KINDS,
  PAPER_ITEMS,
  PROXY_REASONS,
  PROXY_RELATIONSHIPS,
  type PaperFormValues,
  type PaperItemKey,
  type PaperProblem,
} from '../lib/paper-form';
import { RadioGroup, TextField, fieldId, type FieldMessages } from './Form';
import { InsuranceFields, readBack } from './InsuranceFields';
import { sexOptions } from './PersonFields';
import { Term } from './Term';

/**
 * The fields of the paper registration form, in the paper's order (`PAPER_ITEMS`), each item
 * under the number printed on the paper: for entering a form at reception and for correcting
 * an entry. The facility box (item 12) belongs to the page that shows it.
 */

export const DOCUMENT_TERMS: { readonly [K in DocumentKind]: string } = {
  my_number_card: 'マイナ保険証',
  qualification_certificate: '資格確認書',
  old_card: '健康保険証',
  late_elderly: '後期高齢者医療',
};

/** The words for a problem found before sending. */
export function problemMessage(problem: PaperProblem): string {
  switch (problem) {
    case 'required':
      return t('check.required');
    case 'choose':
      return t('check.choose');
    case 'birth.invalid_format':
      return t('staff.check.date');
    case 'birth.out_of_range':
      return t('check.birth.out_of_range');
    case 'signedOn.invalid_format':
      return t('staff.check.date');
    case 'signedOn.out_of_range':
      return t('staff.check.signedOn');
    case 'insurer.invalid_format':
      return t('check.insurer.invalid_format');
    case 'insurer.check_digit':
      return t('check.insurer.check_digit');
    case 'insurer.lateElderly':
      return t('check.insurer.lateElderly');
    case 'care':
      return t('staff.check.care');
    case 'proxy.incomplete':
      return t('staff.check.proxy');
    case 'serial':
      return t('staff.check.serial');
  }
}

/** The label of each request field, for the error summary. */
export function paperFieldLabels(): Record<string, string> {
  return {
    name: t('paper.item.name'),
    nameKana: t('paper.item.nameKana'),
    sex: t('paper.item.sex'),
    birthDate: t('paper.item.birthDate'),
    phone: t('paper.item.phone'),
    address: t('paper.item.address'),
    documentKind: t('paper.field.documentKind'),
    insurerNumber: t('details.insurerNumber'),
    symbol: t('details.symbol'),
    number: t('details.number'),
    branch: t('details.branch'),
    careInsuranceNumber: t('paper.item.careInsuranceNumber'),
    email: t('paper.item.email'),
    proxyName: t('paper.field.proxyName'),
    proxyRelationship: t('paper.field.proxyRelationship'),
    proxyReason: t('paper.field.proxyReason'),
    signedOn: t('paper.item.signedOn'),
    formSerial: t('paper.field.formSerial'),
    network: t('paper.field.network'),
    consentVersion: t('paper.field.network'),
    notDuplicate: t('staff.dup.confirm'),
    identityChecked: t('staff.confirm.identity'),
    formReceived: t('staff.confirm.form'),
  };
}

/** "1950年4月1日（昭和25年）として登録します" under a typed date, when it is one. */
function dateReadBack(text: string): string {
  const parts = parseDateText(text);
  if (!parts || typeof toWestern(parts) === 'string') return '';
  return readBack(parts) ?? '';
}

/** A date typed as one line (`1950-04-01`, `S25.4.1`, `昭和25年4月1日`), read back underneath. */
export function DateTextField({
  id,
  label,
  hint,
  error,
  value,
  onValue,
  onBlur,
  readBackKey,
}: {
  id: string;
  label: ComponentChildren;
  hint: ComponentChildren;
  error: string | undefined;
  value: string;
  onValue: (value: string) => void;
  onBlur?: () => void;
  readBackKey: MessageKey;
}) {
  const back = error ? '' : dateReadBack(value);
  return (
    <TextField
      id={id}
      label={label}
      hint={hint}
      error={error}
      value={value}
      onValue={onValue}
      {...(onBlur ? { onBlur } : {})}
      autoComplete="off"
      spellcheck={false}
      maxLength={20}
      class="field--short"
      after={
        <p class="field__ok" aria-live="polite" data-testid={`readback-${id}`}>
          {back ? t(readBackKey, { date: back }) : ''}
        </p>
      }
    />
  );
}

export function PaperFields({
  form,
  values,
  errors,
  onChange,
  onBlurDate,
  afterItem,
  skip = ['facility'],
}: {
  form: string;
  values: PaperFormValues;
  errors: FieldMessages;
  onChange: (changes: Partial<PaperFormValues>, fields: readonly string[]) => void;
  /** A date field was left: check it there and then. */
  onBlurDate?: (field: 'birthDate' | 'signedOn') => void;
  /** Shown right after an item (e.g. the duplicate check after the date of birth). */
  afterItem?: Partial<Record<PaperItemKey, ComponentChildren>>;
  skip?: readonly PaperItemKey[];
}) {
  const id = (name: string) => fieldId(form, name);
  const set = (field: keyof PaperFormValues) => (value: string) =>
    onChange({ [field]: value } as Partial<PaperFormValues>, [field]);
  const late = values.documentKind === 'late_elderly';

  const render = (key: PaperItemKey, no: number) => {
    switch (key) {
      case 'name':
        return (
          <TextField
            id={id('name')}
            label={<ItemLabel no={no} k="paper.item.name" />}
            error={errors['name']}
            value={values.name}
            onValue={set('name')}
            autoComplete="off"
          />
        );
      case 'nameKana':
        return (
          <TextField
            id={id('nameKana')}
            label={<ItemLabel no={no} k="paper.item.nameKana" />}
            hint={t('staff.hint.kana')}
            error={errors['nameKana']}
            value={values.nameKana}
            onValue={set('nameKana')}
            autoComplete="off"
            spellcheck={false}
            lang="ja"
          />
        );
      case 'sex':
        return (
          <RadioGroup
            id={id('sex')}
            legend={<ItemLabel no={no} k="paper.item.sex" />}
            error={errors['sex']}
            options={sexOptions()}
            value={values.sex}
            onValue={(v) => onChange({ sex: v }, ['sex'])}
          />
        );
      case 'birthDate':
        return (
          <DateTextField
            id={id('birthDate')}
            label={<ItemLabel no={no} k="paper.item.birthDate" />}
            hint={t('staff.hint.date')}
            error={errors['birthDate']}
            value={values.birthDate}
            onValue={set('birthDate')}
            {...(onBlurDate ? { onBlur: () => onBlurDate('birthDate') } : {})}
            readBackKey="staff.readBack.birth"
          />
        );
      case 'phone':
        return (
          <TextField
            id={id('phone')}
            label={<ItemLabel no={no} k="paper.item.phone" />}
            error={errors['phone']}
            value={values.phone}
            onValue={set('phone')}
            type="tel"
            autoComplete="off"
            class="field--short"
          />
        );
      case 'address':
        return (
          <TextField
            id={id('address')}
            label={<ItemLabel no={no} k="paper.item.address" />}
            optional
            error={errors['address']}
            value={values.address}
            onValue={set('address')}
            autoComplete="off"
          />
        );
      case 'insurance':
        return (
          <fieldset class="paper-item__group">
            <legend class="paper-item__title">
              <ItemLabel no={no} k="paper.item.insurance" />
            </legend>
            <RadioGroup
              id={id('documentKind')}
              legend={t('paper.field.documentKind')}
              error={errors['documentKind']}
              options={PAPER_DOCUMENT_KINDS.map((kind) => ({
                value: kind,
                label: (
                  <>
                    {t(`doc.${kind}` as MessageKey)}
                    <Term ja={DOCUMENT_TERMS[kind]} />
                  </>
                ),
              }))}
              value={values.documentKind}
              onValue={(v) => onChange({ documentKind: v }, ['documentKind', 'insurerNumber'])}
            />
            <InsuranceFields
              form={form}
              values={values}
              document={values.documentKind}
              errors={errors}
              onChange={(field, value) =>
                onChange({ [field]: value } as Partial<PaperFormValues>, [field])
              }
            />
            {late && <p class="note">{t('staff.hint.lateElderly')}</p>}
          </fieldset>
        );
      case 'careInsuranceNumber':
        return (
          <TextField
            id={id('careInsuranceNumber')}
            label={<ItemLabel no={no} k="paper.item.careInsuranceNumber" />}
            optional
            hint={t('staff.hint.care')}
            error={errors['careInsuranceNumber']}
            value={values.careInsuranceNumber}
            onValue={set('careInsuranceNumber')}
            inputMode="numeric"
            autoComplete="off"
            maxLength={14}
            class="field--short"
          />
        );
      case 'email':
        return (
          <TextField
            id={id('email')}
            label={<ItemLabel no={no} k="paper.item.email" />}
            optional
            hint={t('staff.hint.email')}
            error={errors['email']}
            value={values.email}
            onValue={set('email')}
            type="email"
            autoComplete="off"
            spellcheck={false}
          />
        );
      case 'proxy':
        return (
          <fieldset class="paper-item__group">
            <legend class="paper-item__title">
              <ItemLabel no={no} k="paper.item.proxy" />
            </legend>
            <label class="check" for={id('hasProxy')}>
              <input
                type="checkbox"
                id={id('hasProxy')}
                checked={values.hasProxy}
                onChange={(e) =>
                  onChange({ hasProxy: (e.currentTarget as HTMLInputElement).checked }, [
                    'proxyName',
                    'proxyRelationship',
                    'proxyReason',
                  ])
                }
                data-testid="staff-has-proxy"
              />
              <span>{t('staff.proxy.has')}</span>
            </label>
            {values.hasProxy && (
              <div class="paper-item__proxy">
                <TextField
                  id={id('proxyName')}
                  label={t('paper.field.proxyName')}
                  error={errors['proxyName']}
                  value={values.proxyName}
                  onValue={set('proxyName')}
                  autoComplete="off"
                />
                <RadioGroup
                  id={id('proxyRelationship')}
                  legend={t('paper.field.proxyRelationship')}
                  error={errors['proxyRelationship']}
                  options={PROXY_RELATIONSHIPS.map((r) => ({
                    value: r,
                    label: t(`proxy.relationship.${r}` as MessageKey),
                  }))}
                  value={values.proxyRelationship}
                  onValue={(v) => onChange({ proxyRelationship: v }, ['proxyRelationship'])}
                />
                <RadioGroup
                  id={id('proxyReason')}
                  legend={t('paper.field.proxyReason')}
                  error={errors['proxyReason']}
                  options={PROXY_REASONS.map((r) => ({
                    value: r,
                    label: t(`paper.reason.${r}` as MessageKey),
                  }))}
                  value={values.proxyReason}
                  onValue={(v) => onChange({ proxyReason: v }, ['proxyReason'])}
                />
              </div>
            )}
          </fieldset>
        );
      case 'signedOn':
        return (
          <DateTextField
            id={id('signedOn')}
            label={<ItemLabel no={no} k="paper.item.signedOn" />}
            hint={t('staff.hint.signedOn')}
            error={errors['signedOn']}
            value={values.signedOn}
            onValue={set('signedOn')}
            {...(onBlurDate ? { onBlur: () => onBlurDate('signedOn') } : {})}
            readBackKey="staff.readBack.signedOn"
          />
        );
      case 'facility':
        return null;
    }
  };

  return (
    <>
      {PAPER_ITEMS.filter((item) => !skip.includes(item.key)).map((item) => (
        <div key={item.key} class="paper-item" data-item={item.no}>
          {render(item.key, item.no)}
          {afterItem?.[item.key]}
        </div>
      ))}
    </>
  );
}

/** "1 氏名": the item's number as on the paper, then its name. */
export function ItemLabel({ no, k }: { no: number; k: MessageKey }) {
  return (
    <>
      <span class="paper-item__no" aria-hidden="true">
        {no}
      </span>
      <span class="visually-hidden">{t('paper.itemNo', { no })} </span>
      {t(k)}
    </>
  );
}
