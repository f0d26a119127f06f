import type { ComponentChildren } from 'preact';
import { FieldError } from './Form';

/** One checkbox with its label, and its error above it (as the other fields have theirs). */
export function CheckField({
  id,
  label,
  checked,
  error,
  onChecked,
  testId,
}: {
  id: string;
  label: ComponentChildren;
  checked: boolean;
  error: string | undefined;
  onChecked: (checked: boolean) => void;
  testId?: string;
}) {
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <FieldError id={id} message={error} />
      <label class="check check--agree" for={id}>
        <input
          type="checkbox"
          id={id}
          checked={checked}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => onChecked((e.currentTarget as HTMLInputElement).checked)}
          data-testid={testId}
        />
        <span>{label}</span>
      </label>
    </div>
  );
}
