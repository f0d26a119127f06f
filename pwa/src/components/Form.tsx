import type { ComponentChildren } from 'preact';
import type { FieldError as ServerFieldError } from '../api/client';
import { t } from '../i18n';

/**
 * Form building blocks: a labelled field with its hint and its error right under the label
 * (so the person reads what is wrong before they reach the box), and an error summary for the
 * top of a form. Where the focus goes after a refused submit is `useForm`'s (`lib/use-form.ts`).
 */

/** Field name -> what is wrong with it, in the person's language. */
export type FieldMessages = Readonly<Record<string, string>>;

/**
 * The server's field errors as field -> message (the first message per field wins). The server
 * already words them in the person's language; `better` may give a more precise text for a
 * field and code this screen knows (e.g. "use kana" rather than "characters not allowed").
 */
export function messagesFrom(
  fields: readonly ServerFieldError[] | undefined,
  better?: (field: string, code: ServerFieldError['code']) => string | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields ?? []) {
    if (!(f.field in out)) out[f.field] = better?.(f.field, f.code) ?? f.message;
  }
  return out;
}

export const fieldId = (form: string, name: string) => `${form}-${name}`;
const hintId = (id: string) => `${id}-hint`;
const errorId = (id: string) => `${id}-error`;

/** The ids that describe a control: its error first, then its hint. */
export function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  const ids = [error ? errorId(id) : '', hint ? hintId(id) : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p class="field__error" id={errorId(id)} data-testid={`error-${id}`}>
      <span class="visually-hidden">{t('form.errorPrefix')}</span>
      {message}
    </p>
  );
}

export function FieldHint({ id, children }: { id: string; children: ComponentChildren }) {
  return (
    <p class="field__hint" id={hintId(id)}>
      {children}
    </p>
  );
}

/** The attributes of the text box that fields here set. */
interface InputProps {
  type?: 'text' | 'email' | 'tel';
  inputMode?: 'text' | 'numeric' | 'email' | 'tel';
  autoComplete?: string;
  autoCapitalize?: 'off' | 'none' | 'on' | 'sentences' | 'words' | 'characters';
  spellcheck?: boolean;
  maxLength?: number;
  lang?: string;
  onBlur?: () => void;
}

/** A labelled text box with an optional hint and error. */
export function TextField({
  id,
  label,
  optional = false,
  hint,
  error,
  value,
  onValue,
  after,
  class: className,
  type = 'text',
  inputMode,
  autoComplete,
  autoCapitalize,
  spellcheck,
  maxLength,
  lang,
  onBlur,
}: {
  id: string;
  label: ComponentChildren;
  optional?: boolean;
  hint?: ComponentChildren;
  error?: string | undefined;
  value: string;
  onValue: (value: string) => void;
  /** Shown under the box (e.g. a check that passed). */
  after?: ComponentChildren;
  /** Classes for the field as a whole (e.g. `field--short`). */
  class?: string;
} & InputProps) {
  return (
    <div class={`field${error ? ' field--error' : ''}${className ? ` ${className}` : ''}`}>
      <label class="field__label" for={id}>
        {label}
        {optional && <span class="field__optional">{t('form.optional')}</span>}
      </label>
      {hint && <FieldHint id={id}>{hint}</FieldHint>}
      <FieldError id={id} message={error} />
      <input
        class="field__input"
        type={type}
        list={undefined}
        id={id}
        name={id}
        value={value}
        inputMode={inputMode}
        autoComplete={autoComplete}
        autoCapitalize={autoCapitalize}
        spellcheck={spellcheck}
        maxLength={maxLength}
        lang={lang}
        onBlur={onBlur}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, Boolean(hint), Boolean(error))}
        onInput={(event) => onValue((event.currentTarget as HTMLInputElement).value)}
      />
      {after}
    </div>
  );
}

/** A labelled multi-line text box with an optional hint, error and text under the box. */
export function TextAreaField({
  id,
  label,
  hint,
  error,
  value,
  onValue,
  after,
  rows = 6,
}: {
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  error?: string | undefined;
  value: string;
  onValue: (value: string) => void;
  /** Shown under the box (e.g. how many characters are left). */
  after?: ComponentChildren;
  rows?: number;
}) {
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label class="field__label" for={id}>
        {label}
      </label>
      {hint && <FieldHint id={id}>{hint}</FieldHint>}
      <FieldError id={id} message={error} />
      <textarea
        class="field__input field__textarea"
        id={id}
        name={id}
        rows={rows}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, Boolean(hint), Boolean(error))}
        onInput={(event) => onValue((event.currentTarget as HTMLTextAreaElement).value)}
      />
      {after}
    </div>
  );
}

/** A group of radio buttons as large, tappable cards, with a legend, hint and error. */
export function RadioGroup<V extends string>({
  id,
  legend,
  hint,
  error,
  options,
  value,
  onValue,
}: {
  id: string;
  legend: ComponentChildren;
  hint?: ComponentChildren;
  error?: string | undefined;
  options: ReadonlyArray<{ value: V; label: ComponentChildren; detail?: ComponentChildren }>;
  value: V | '';
  onValue: (value: V) => void;
}) {
  return (
    <fieldset
      class={`field fieldset${error ? ' field--error' : ''}`}
      id={id}
      aria-describedby={describedBy(id, Boolean(hint), Boolean(error))}
    >
      <legend class="field__label">{legend}</legend>
      {hint && <FieldHint id={id}>{hint}</FieldHint>}
      <FieldError id={id} message={error} />
      <div class="choices">
        {options.map((option) => {
          const optionId = `${id}-${option.value}`;
          return (
            <label key={option.value} class="choice" for={optionId}>
              <input
                type="radio"
                id={optionId}
                name={id}
                value={option.value}
                checked={value === option.value}
                aria-invalid={error ? 'true' : undefined}
                onChange={() => onValue(option.value)}
              />
              <span class="choice__text">
                <span class="choice__label">{option.label}</span>
                {option.detail && <span class="choice__detail">{option.detail}</span>}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

/**
 * The list of problems at the top of a form. Each links to its field; tapping one moves the
 * focus there. Problems that belong to no field on this screen are listed as plain text.
 */
export function ErrorSummary({
  form,
  errors,
  labels,
  children,
}: {
  form: string;
  errors: FieldMessages;
  labels: Readonly<Record<string, string>>;
  children?: ComponentChildren;
}) {
  const entries = Object.entries(errors);
  if (entries.length === 0 && !children) return null;
  return (
    <div class="error-summary" role="alert" data-testid="error-summary">
      {entries.length > 0 && (
        <>
          <h2 class="error-summary__title">{t('errors.title', { count: entries.length })}</h2>
          <ul class="error-summary__list">
            {entries.map(([field, message]) => {
              const label = labels[field];
              if (!label) return <li key={field}>{message}</li>;
              const id = fieldId(form, field);
              return (
                <li key={field}>
                  <a
                    href={`#${id}`}
                    onClick={(event) => {
                      const target = document.getElementById(id);
                      if (!target) return;
                      event.preventDefault();
                      focusField(target);
                    }}
                  >
                    {label}: {message}
                  </a>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {children}
    </div>
  );
}

/** Focus a control, or the first control inside a group. */
function focusField(target: HTMLElement): void {
  const control =
    target instanceof HTMLInputElement || target instanceof HTMLSelectElement
      ? target
      : (target.querySelector<HTMLElement>('input:checked, input, select, textarea') ?? target);
  control.focus();
  control.scrollIntoView({ block: 'center' });
}

/**
 * The box for a mailed 6-digit code: numeric keyboard, the phone's one-time-code autofill, room
 * for a pasted code with spaces or hyphens (the server ignores them).
 */
export function CodeField({
  id,
  label,
  error,
  value,
  onValue,
}: {
  id: string;
  label: ComponentChildren;
  error?: string | undefined;
  value: string;
  onValue: (value: string) => void;
}) {
  return (
    <TextField
      id={id}
      label={label}
      error={error}
      value={value}
      onValue={onValue}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={12}
      class="field--short field--code"
    />
  );
}
