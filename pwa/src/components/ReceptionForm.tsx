import type { ComponentChildren } from 'preact';
import type { ApiFailure } from '../api/client';
import { receptionKeys } from '../lib/form-keys';
import { ErrorSummary, type FieldMessages } from './Form';
import { Problem } from './Problem';

/**
 * A reception desk form: saved only from its button or with Ctrl+Enter (Enter moves on, as on
 * the paper-form screens), with the summary of what is wrong and the problem that belongs to
 * no field at the top. The fields and the button are the page's. Test ids: `{testId}-form`
 * and `{testId}-problem`.
 */
export function ReceptionForm({
  form,
  formRef,
  errors,
  labels,
  problem,
  problemMessage,
  onSave,
  testId,
  children,
}: {
  /** The form's field-id prefix. */
  form: string;
  formRef: (element: HTMLElement | null) => void;
  errors: FieldMessages;
  labels: Record<string, string>;
  problem: ApiFailure | null;
  /** A more specific message for the problem than its code's. */
  problemMessage?: string | undefined;
  onSave: () => void;
  testId: string;
  children: ComponentChildren;
}) {
  return (
    <form
      ref={formRef}
      class="staff-form card"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
      onKeyDown={receptionKeys(onSave)}
      data-testid={`${testId}-form`}
    >
      <ErrorSummary form={form} errors={errors} labels={labels} />
      <Problem error={problem} message={problemMessage} testId={`${testId}-problem`} />
      {children}
    </form>
  );
}
