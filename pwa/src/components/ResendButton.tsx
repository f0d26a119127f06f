import { t } from '../i18n';
import { useSecondsUntil } from '../lib/use-countdown';

/** "Send a new code", held back (with the seconds left shown) until the server allows it. */
export function ResendButton({
  at,
  busy,
  onResend,
  testId,
}: {
  at: string | null;
  busy: boolean;
  onResend: () => void;
  testId: string;
}) {
  const seconds = useSecondsUntil(at);
  return (
    <p class="resend">
      <button
        type="button"
        class="button button--secondary"
        disabled={busy || seconds > 0}
        onClick={onResend}
        data-testid={testId}
      >
        {t('verify.resend')}
      </button>
      {seconds > 0 && <span class="resend__wait">{t('verify.resendWait', { seconds })}</span>}
    </p>
  );
}
