import { useState } from 'preact/hooks';
import { t } from '../i18n/resident';

/**
 * Passes a link on the way families do (LINE, mail): the phone's share sheet where there is one
 * (Web Share API), else the link copied, saying so; where neither works, says to copy it by hand.
 */
export function ShareButton({ title, text, url }: { title: string; text: string; url: string }) {
  const [said, setSaid] = useState<'copied' | 'failed' | null>(null);
  const share = async () => {
    setSaid(null);
    const nav = globalThis.navigator as Navigator | undefined;
    if (nav?.share) {
      try {
        await nav.share({ title, text, url });
        return;
      } catch (e) {
        // The person closed the share sheet: nothing to say.
        if (e instanceof DOMException && e.name === 'AbortError') return;
      }
    }
    try {
      await nav?.clipboard?.writeText(`${text}\n${url}`);
      setSaid(nav?.clipboard ? 'copied' : 'failed');
    } catch {
      setSaid('failed');
    }
  };
  return (
    <>
      <button
        type="button"
        class="button button--wide"
        onClick={() => void share()}
        data-testid="share-button"
      >
        {t('share.button')}
      </button>
      <p aria-live="polite" class={said === 'failed' ? 'field__error' : 'field__ok'}>
        {said === 'copied' && <span data-testid="share-copied">{t('share.copied')}</span>}
        {said === 'failed' && <span data-testid="share-failed">{t('share.failed')}</span>}
      </p>
    </>
  );
}
