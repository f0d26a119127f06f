import { t, type MessageKey } from '../i18n';
import type { PasskeyProblem } from '../lib/passkeys';

/** Why making or using a passkey did not work, and what to do next (the reception console words its own). */
export function PasskeyProblemText({
  problem,
  context = 'create',
}: {
  problem: PasskeyProblem | 'rejected';
  context?: 'create' | 'signIn';
}) {
  return (
    <p class="alert alert--inline" role="alert" data-testid="passkey-problem">
      {t(`passkey.${context}.${problem}` as MessageKey)}
    </p>
  );
}
