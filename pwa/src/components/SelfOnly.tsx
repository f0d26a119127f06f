import type { ComponentChildren } from 'preact';
import { t } from '../i18n/resident';
import { actingFor, stopActing } from '../lib/acting-for';
import { navigate } from '../router';

/**
 * A screen that is the signed-in person's own (their proxies, registering family): while this
 * tab acts for someone it says so and offers the way back instead of the screen.
 */
export function SelfOnly({ title, children }: { title: string; children: ComponentChildren }) {
  const acting = actingFor.value;
  if (!acting) return <>{children}</>;
  return (
    <section class="card" aria-labelledby="page-title" data-testid="self-only">
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      <p>{t('selfOnly.body', { name: acting.name })}</p>
      <button
        type="button"
        class="button button--wide"
        onClick={() => {
          stopActing();
          navigate(location.pathname, { replace: true });
        }}
      >
        {t('acting.back')}
      </button>
    </section>
  );
}
