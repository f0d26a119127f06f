import { t } from '../i18n';
import { birthDateParts, type RegistrationDetails, type Sex } from '../lib/registration-draft';
import { RadioGroup, TextField, fieldId, type FieldMessages } from './Form';
import { BirthDateField, type BirthPart } from './InsuranceFields';

/** What `PersonFields` shows and changes: the person's part of the registration details. */
export type PersonValues = Pick<
  RegistrationDetails,
  'name' | 'nameKana' | 'birthCalendar' | 'birthYear' | 'birthMonth' | 'birthDay' | 'sex'
>;

/** Where each part of the date of birth is kept. */
const BIRTH_KEYS = {
  calendar: 'birthCalendar',
  year: 'birthYear',
  month: 'birthMonth',
  day: 'birthDay',
} as const satisfies Record<BirthPart, keyof PersonValues>;

/** The answers to the question of sex, as the registration forms offer them. */
export function sexOptions(): Array<{ value: Sex; label: string }> {
  return [
    { value: 'female', label: t('sex.female') },
    { value: 'male', label: t('sex.male') },
  ];
}

/** The labels of the person's fields, for the error summary. */
export function personFieldLabels(): Record<string, string> {
  return {
    name: t('details.name'),
    nameKana: t('details.nameKana'),
    birthDate: t('details.birthDate'),
    sex: t('details.sex'),
  };
}

/**
 * A reading typed in Latin letters for a name written in kanji or kana: right for a resident
 * whose card gives the name in Latin letters only, but often a Japanese name typed in romaji by
 * habit, which would not match the person's kana elsewhere. Said, not refused.
 */
export function latinReadingOfJapaneseName(
  values: Pick<PersonValues, 'name' | 'nameKana'>,
): boolean {
  const latin = /[A-Za-z\uFF21-\uFF3A\uFF41-\uFF5A]/.test(values.nameKana);
  const japanese = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(values.name);
  return latin && japanese;
}

/**
 * Who the person is: the name, its reading in kana, the date of birth and the sex, the same on
 * the person's own registration and on a family member's. `onChange` gets what changed and the
 * fields whose errors it answers.
 */
export function PersonFields({
  form,
  values,
  errors,
  own,
  onChange,
}: {
  form: string;
  values: PersonValues;
  errors: FieldMessages;
  /** The person's own details: the browser may fill in their name (not a family member's). */
  own: boolean;
  onChange: (changes: Partial<PersonValues>, fields: readonly string[]) => void;
}) {
  const id = (name: string) => fieldId(form, name);
  return (
    <>
      <TextField
        id={id('name')}
        label={t('details.name')}
        hint={t('details.name.hint')}
        error={errors['name']}
        value={values.name}
        onValue={(v) => onChange({ name: v }, ['name'])}
        autoComplete={own ? 'name' : 'off'}
      />
      <TextField
        id={id('nameKana')}
        label={t('details.nameKana')}
        hint={
          latinReadingOfJapaneseName(values) ? (
            <>
              {t('details.nameKana.hint')}
              <br />
              <strong>{t('details.nameKana.latin')}</strong>
            </>
          ) : (
            t('details.nameKana.hint')
          )
        }
        error={errors['nameKana']}
        value={values.nameKana}
        onValue={(v) => onChange({ nameKana: v }, ['nameKana'])}
        autoComplete="off"
        inputMode="text"
        autoCapitalize="off"
        spellcheck={false}
        lang="ja"
      />
      <BirthDateField
        form={form}
        parts={birthDateParts(values)}
        error={errors['birthDate']}
        onChange={(part, value) =>
          onChange({ [BIRTH_KEYS[part]]: value } as Partial<PersonValues>, ['birthDate'])
        }
      />
      <RadioGroup<Sex>
        id={id('sex')}
        legend={t('details.sex')}
        error={errors['sex']}
        options={sexOptions()}
        value={values.sex}
        onValue={(v) => onChange({ sex: v }, ['sex'])}
      />
    </>
  );
}
