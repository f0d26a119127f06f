import type { ComponentChildren } from 'preact';
import type { ApiFailure } from '../api/client';
import { t, te } from '../i18n';

/**
 * A request that failed for a reason that belongs to no single field: the translated message
 * (what happened and what to do next), or a more specific `message`, the request number for
 * internal errors, and any actions (`children`).
 */
export function Problem({
  error,
  message,
  testId = 'problem',
  children,
}: {
  error?: ApiFailure | null;
  message?: string | undefined;
  testId?: string;
  children?: ComponentChildren;
}) {
  if (!error && !message) return null;
  return (
    <div class="alert" role="alert" data-testid={testId}>
      <p>{message ?? (error ? te(error.code) : '')}</p>
      {error?.requestId && error.code === 'internal' && (
        <p class="request-id">{t('error.requestId', { id: error.requestId })}</p>
      )}
      {children}
    </div>
  );
}
