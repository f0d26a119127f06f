import { t, te, type ErrorCode } from '../i18n';

/**
 * A failed request: what happened and what to do next (from the error code), the request
 * number for internal errors, and a button to try again.
 */
export function ErrorAlert({
  code,
  requestId,
  retryLabel,
  onRetry,
  testId,
}: {
  code: ErrorCode;
  requestId?: string | undefined;
  retryLabel: string;
  onRetry: () => void;
  testId: string;
}) {
  return (
    <div class="alert" role="alert" data-testid={testId}>
      <p>{te(code)}</p>
      {requestId && code === 'internal' && (
        <p class="request-id">{t('error.requestId', { id: requestId })}</p>
      )}
      <button type="button" class="button" onClick={onRetry}>
        {retryLabel}
      </button>
    </div>
  );
}
