import { useState } from 'preact/hooks';
import { lang, t, type MessageKey } from '../i18n';
import {
  CALENDARS,
  checkBirthDate,
  eraOf,
  type BirthDateParts,
  type Calendar,
} from '../lib/birth-date';
import { checkWhileTyping, type InsurerNumberCheck } from '../lib/insurance';
import type { DocumentKind } from '../lib/registration-draft';
import { Term } from './Term';
import { describedBy, FieldError, FieldHint, TextField, fieldId, type FieldMessages } from './Form';

/**
 * The insurance numbers (保険者番号, 記号, 番号, 枝番) and the date of birth: used by the
 * registration and by account recovery. The insurer number is checked as it is typed
 * (its check digit catches a mistyped or swapped digit while the card is still in hand).
 */

export interface InsuranceValues {
  insurerNumber: string;
  symbol: string;
  number: string;
  branch: string;
}

export type InsuranceField = keyof InsuranceValues;

/** What is wrong with an insurer number, in the person's language (null: nothing to say). */
export function insurerMessage(
  check: InsurerNumberCheck | null,
  document: DocumentKind | '' | undefined,
): string | null {
  if (!check) return null;
  if (!check.ok) return t(`check.insurer.${check.problem}` as MessageKey);
  if (document === 'late_elderly' && !check.lateElderly) return t('check.insurer.lateElderly');
  return null;
}

export function InsuranceFields({
  form,
  values,
  document,
  errors,
  onChange,
}: {
  form: string;
  values: InsuranceValues;
  /** The document the numbers come from; unknown (recovery) shows every field. */
  document?: DocumentKind | '';
  errors: FieldMessages;
  onChange: (field: InsuranceField, value: string) => void;
}) {
  const [insurerLeft, setInsurerLeft] = useState(false);
  const live = checkWhileTyping(values.insurerNumber, insurerLeft);
  const liveMessage = insurerMessage(live, document);
  const insurerError = errors['insurerNumber'] ?? liveMessage ?? undefined;
  const lateElderly = document === 'late_elderly';
  const id = (name: string) => fieldId(form, name);

  return (
    <>
      <TextField
        id={id('insurerNumber')}
        label={
          <>
            {t('details.insurerNumber')}
            <Term ja="保険者番号" />
          </>
        }
        hint={
          lateElderly ? t('details.insurerNumber.lateElderlyHint') : t('details.insurerNumber.hint')
        }
        error={insurerError}
        value={values.insurerNumber}
        onValue={(v) => {
          setInsurerLeft(false);
          onChange('insurerNumber', v);
        }}
        onBlur={() => setInsurerLeft(true)}
        inputMode="numeric"
        autoComplete="off"
        spellcheck={false}
        class="field--short"
        after={
          <p class="field__ok" aria-live="polite" data-testid={`ok-${id('insurerNumber')}`}>
            {live?.ok && !insurerError ? t('details.insurerNumber.ok') : ''}
          </p>
        }
      />
      {!lateElderly && (
        <TextField
          id={id('symbol')}
          label={
            <>
              {t('details.symbol')}
              <Term ja="記号" />
            </>
          }
          optional
          hint={t('details.symbol.hint')}
          error={errors['symbol']}
          value={values.symbol}
          onValue={(v) => onChange('symbol', v)}
          autoComplete="off"
          spellcheck={false}
          class="field--short"
        />
      )}
      <TextField
        id={id('number')}
        label={
          lateElderly ? (
            <>
              {t('details.number.lateElderly')}
              <Term ja="被保険者番号" />
            </>
          ) : (
            <>
              {t('details.number')}
              <Term ja="番号" />
            </>
          )
        }
        hint={lateElderly ? t('details.number.lateElderlyHint') : undefined}
        error={errors['number']}
        value={values.number}
        onValue={(v) => onChange('number', v)}
        inputMode="numeric"
        autoComplete="off"
        spellcheck={false}
        class="field--short"
      />
      {!lateElderly && (
        <TextField
          id={id('branch')}
          label={
            <>
              {t('details.branch')}
              <Term ja="枝番" />
            </>
          }
          optional
          hint={t('details.branch.hint')}
          error={errors['branch']}
          value={values.branch}
          onValue={(v) => onChange('branch', v)}
          inputMode="numeric"
          autoComplete="off"
          maxLength={4}
          class="field--tiny"
        />
      )}
    </>
  );
}

/** What is wrong with a date of birth, in the person's language (null: nothing, or not yet). */
/** What is wrong with a date of birth as typed, missing parts included; null when nothing. */
export function birthDateProblem(parts: BirthDateParts): string | null {
  if (!parts.year.trim() || !parts.month.trim() || !parts.day.trim())
    return t('check.birth.required');
  return birthDateMessage(parts);
}

export function birthDateMessage(parts: BirthDateParts): string | null {
  if (!parts.year.trim() || !parts.month.trim() || !parts.day.trim()) return null;
  const check = checkBirthDate(parts);
  return check.ok ? null : t(`check.birth.${check.problem}` as MessageKey);
}

/** The date written out for reading back: "1950年4月1日（昭和25年）" / "1 April 1950 (Showa 25)". */
export function readBack(parts: BirthDateParts): string | null {
  const check = checkBirthDate(parts);
  if (!check.ok) return null;
  const { year, month, day } = check.date;
  const era = eraOf(check.date);
  const eraText = era
    ? t('calendar.eraYear', {
        era: t(`calendar.${era.era}` as MessageKey),
        year: era.year === 1 ? t('calendar.first') : era.year,
      })
    : '';
  const date = new Intl.DateTimeFormat(lang.value === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(new Date(Date.UTC(year, month - 1, day)));
  if (!eraText) return date;
  return lang.value === 'ja' ? `${date}（${eraText}）` : `${date} (${eraText})`;
}

export type BirthPart = 'calendar' | 'year' | 'month' | 'day';

/** Date of birth: the calendar (Western or an era), then year, month and day as numbers. */
export function BirthDateField({
  form,
  parts,
  error,
  onChange,
  readBack: readBackText = (date) => t('details.birthDate.readBack', { date }),
}: {
  form: string;
  parts: BirthDateParts;
  error?: string | undefined;
  onChange: (part: BirthPart, value: string) => void;
  /** How the date is read back: registering it, or checking it. */
  readBack?: (date: string) => string;
}) {
  const id = fieldId(form, 'birthDate');
  const shownError = error ?? birthDateMessage(parts) ?? undefined;
  const back = shownError ? null : readBack(parts);
  const invalid = shownError ? 'true' : undefined;
  const describe = describedBy(id, true, Boolean(shownError));
  const western = parts.calendar === 'western';
  return (
    <fieldset class={`field fieldset${shownError ? ' field--error' : ''}`} id={id}>
      <legend class="field__label">{t('details.birthDate')}</legend>
      <FieldHint id={id}>{t('details.birthDate.hint')}</FieldHint>
      <div aria-live="polite">
        <FieldError id={id} message={shownError} />
      </div>
      <div class="date">
        <div class="date__part date__part--calendar">
          <label class="date__label" for={`${id}-calendar`}>
            {t('details.birthDate.calendar')}
          </label>
          <select
            id={`${id}-calendar`}
            class="field__input"
            value={parts.calendar}
            aria-invalid={invalid}
            aria-describedby={describe}
            onChange={(event) =>
              onChange('calendar', (event.currentTarget as HTMLSelectElement).value as Calendar)
            }
          >
            {CALENDARS.map((c) => (
              <option key={c} value={c}>
                {t(`calendar.${c}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        {(['year', 'month', 'day'] as const).map((part) => (
          <div key={part} class={`date__part date__part--${part}`}>
            <label class="date__label" for={`${id}-${part}`}>
              {t(`details.birthDate.${part}` as MessageKey)}
            </label>
            <input
              id={`${id}-${part}`}
              class="field__input"
              type="text"
              inputMode="numeric"
              autoComplete={western ? `bday-${part}` : 'off'}
              maxLength={part === 'year' ? 4 : 2}
              value={parts[part]}
              aria-invalid={invalid}
              aria-describedby={describe}
              onInput={(event) => onChange(part, (event.currentTarget as HTMLInputElement).value)}
            />
          </div>
        ))}
      </div>
      <p class="field__ok" aria-live="polite" data-testid={`readback-${id}`}>
        {back ? readBackText(back) : ''}
      </p>
    </fieldset>
  );
}

/**
 * Field messages this app words more precisely than the server's general ones, for the
 * fields of the registration and recovery forms (see `messagesFrom`).
 */
export function preciseFieldMessage(field: string, code: string): string | undefined {
  switch (`${field}:${code}`) {
    case 'insurerNumber:check_digit':
    case 'insurerNumber:invalid_format':
      return t(`check.insurer.${code}` as MessageKey);
    case 'birthDate:invalid_format':
    case 'birthDate:out_of_range':
      return t(`check.birth.${code}` as MessageKey);
    case 'nameKana:invalid_characters':
      return t('check.kana');
    case 'phone:invalid_format':
      return t('check.phone');
    case 'email:invalid_format':
      return t('check.email');
    case 'branch:invalid_format':
      return t('check.branch');
    default:
      return undefined;
  }
}
