import type { ApiFailure } from '../api/client';
import { t } from '../i18n';
import { ErrorAlert } from './ErrorAlert';

/**
 * A signed-in page that is not ready yet: its heading, then a spinner while loading or the
 * translated failure with a button to try again.
 */
export function PageLoading({
  title,
  error,
  onRetry,
  testId,
}: {
  title: string;
  error: ApiFailure | null;
  onRetry: () => void;
  testId: string;
}) {
  return (
    <section class="card" aria-labelledby="page-title" aria-busy={!error}>
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      {error ? (
        <ErrorAlert
          code={error.code}
          requestId={error.requestId}
          retryLabel={t('screen.retry')}
          onRetry={onRetry}
          testId={`${testId}-error`}
        />
      ) : (
        <p class="muted" data-testid={`${testId}-loading`}>
          <span class="spinner" aria-hidden="true" />
          {t('screen.loading')}
        </p>
      )}
    </section>
  );
}
