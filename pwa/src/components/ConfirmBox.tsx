import type { ComponentChildren, Ref } from 'preact';
import { t } from '../i18n';

/**
 * "Are you sure?" in place, under the button that asked: a title, what will happen
 * (`children`), the button that does it (red) and the one that does not. Both are disabled
 * while it is being done.
 */
export function ConfirmBox({
  id,
  title,
  titleRef,
  yes,
  no,
  busy,
  onYes,
  onNo,
  testId,
  yesTestId,
  children,
}: {
  /** The title's id, which labels the box. */
  id: string;
  title: string;
  /** For a page that moves the focus to the title when the box opens. */
  titleRef?: Ref<HTMLParagraphElement>;
  yes: string;
  no: string;
  busy: boolean;
  onYes: () => void;
  onNo: () => void;
  testId: string;
  yesTestId: string;
  children?: ComponentChildren;
}) {
  return (
    <div class="confirm-box" role="group" aria-labelledby={id} data-testid={testId}>
      <p id={id} tabIndex={titleRef ? -1 : undefined} ref={titleRef}>
        <strong>{title}</strong>
      </p>
      {children}
      <button
        type="button"
        class="button button--danger button--wide"
        disabled={busy}
        onClick={onYes}
        data-testid={yesTestId}
      >
        {busy ? t('common.sending') : yes}
      </button>
      <button
        type="button"
        class="button button--secondary button--wide"
        disabled={busy}
        onClick={onNo}
      >
        {no}
      </button>
    </div>
  );
}
