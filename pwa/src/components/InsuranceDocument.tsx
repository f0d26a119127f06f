import { t, type MessageKey } from '../i18n';
import { DOCUMENT_KINDS, type DocumentKind } from '../lib/registration-draft';
import { DocumentPicture } from './DocumentPicture';
import { CheckField } from './CheckField';
import { RadioGroup, fieldId, type FieldMessages } from './Form';
import { InsuranceFields, type InsuranceField, type InsuranceValues } from './InsuranceFields';
import { Term } from './Term';

/** What each document is called in Japanese (shown beside the English names). */
const DOCUMENT_TERMS: { readonly [K in DocumentKind]: string } = {
  my_number_card: 'マイナ保険証',
  qualification_certificate: '資格確認書',
  old_card: '健康保険証',
  late_elderly: '後期高齢者医療',
};

/** The labels of the document's fields, for the error summary. */
export function insuranceFieldLabels(document: DocumentKind | ''): Record<string, string> {
  return {
    documentKind: t('details.documentKind'),
    insurerNumber: t('details.insurerNumber'),
    symbol: t('details.symbol'),
    number: document === 'late_elderly' ? t('details.number.lateElderly') : t('details.number'),
    branch: t('details.branch'),
    numbersLater: t('details.numbersLater'),
  };
}

/**
 * Which insurance document the person holds (with a drawing of where its numbers are), then the
 * numbers themselves: the same on the person's own registration and on a family member's.
 */
export function InsuranceDocumentFields({
  form,
  hint,
  values,
  errors,
  onDocument,
  onChange,
  later,
}: {
  form: string;
  /** The hint under the document question (it speaks to the person, or about them). */
  hint: string;
  values: InsuranceValues & { readonly documentKind: DocumentKind | '' };
  errors: FieldMessages;
  onDocument: (kind: DocumentKind) => void;
  onChange: (field: InsuranceField, value: string) => void;
  /**
   * Offered with a マイナ保険証: register now and add the numbers later (the person's own
   * registration only). Checked, the number fields give way to what that means.
   */
  later?: { readonly checked: boolean; readonly onChecked: (checked: boolean) => void };
}) {
  const numbersLater =
    later !== undefined && later.checked && values.documentKind === 'my_number_card';
  const options = DOCUMENT_KINDS.map((kind) => ({
    value: kind,
    label: (
      <>
        {t(`doc.${kind}` as MessageKey)}
        <Term ja={DOCUMENT_TERMS[kind]} />
      </>
    ),
  }));
  return (
    <>
      <RadioGroup<DocumentKind>
        id={fieldId(form, 'documentKind')}
        legend={t('details.documentKind')}
        hint={hint}
        error={errors['documentKind']}
        options={options}
        value={values.documentKind}
        onValue={onDocument}
      />
      {values.documentKind && (
        <div class="doc-hint" data-testid="document-hint">
          <DocumentPicture kind={values.documentKind} />
          <p>{t(`doc.${values.documentKind}.hint` as MessageKey)}</p>
        </div>
      )}
      {later && values.documentKind === 'my_number_card' && (
        <CheckField
          id={fieldId(form, 'numbersLater')}
          label={t('details.numbersLater')}
          checked={later.checked}
          error={errors['numbersLater']}
          onChecked={later.onChecked}
          testId="numbers-later"
        />
      )}
      {numbersLater ? (
        <p class="note" data-testid="numbers-later-note">
          {t('details.numbersLater.note')}
        </p>
      ) : (
        <InsuranceFields
          form={form}
          values={values}
          document={values.documentKind}
          errors={errors}
          onChange={onChange}
        />
      )}
    </>
  );
}
