import { useEffect, useRef } from 'preact/hooks';
import { Steps } from '../../components/Steps';
import { lang, t } from '../../i18n';
import { nameIn } from '../../lib/names';
import { usePageTitle } from '../../lib/page';
import { invitationPath, loadPendingInvitation } from '../../lib/pending-invitation';
import { clearDraft } from '../../lib/registration-draft';
import { lastRegistration, wasRegisteredAlready } from './RegisterConfirm';

/**
 * Screen 4 of 4 (`/r/:code/done`): the registration number, large, what happens next, and the
 * way to the person's own page — or first, when the person came from an invitation to act for
 * someone (kept in this tab, `lib/pending-invitation.ts`), the way back to it. Nothing typed
 * during the flow is left on the phone.
 */
export function RegisterDone() {
  usePageTitle(t('done.title'));
  const done = lastRegistration.value;
  const existing = wasRegisteredAlready.value;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    clearDraft();
    heading.current?.focus();
  }, []);
  const network = done ? nameIn(done.network, lang.value) : null;
  // Registering signed the person in, so the invitation can be accepted now.
  const invitation = loadPendingInvitation();
  return (
    <section class="flow" aria-labelledby="page-title" data-testid="registration-done">
      <Steps current={4} />
      <div class="card done">
        <svg class="done__icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
          <circle cx="24" cy="24" r="22" fill="#0b7a4b" />
          <path
            d="M14 25l7 7 13-15"
            fill="none"
            stroke="#ffffff"
            stroke-width="5"
            stroke-linecap="round"
            stroke-linejoin="round"
          />
        </svg>
        <h1 id="page-title" tabIndex={-1} ref={heading}>
          {existing ? t('done.existing.title') : t('done.title')}
        </h1>
        {existing && <p data-testid="done-existing">{t('done.existing.lead')}</p>}
        {done ? (
          <>
            <p class="done__label">{t('done.number')}</p>
            <p class="reg-number" data-testid="registration-number" translate={false}>
              {done.registrationNumber}
            </p>
            <p>{t('done.numberNote')}</p>
          </>
        ) : (
          <p data-testid="done-unknown">{t('done.unknown')}</p>
        )}
      </div>
      {invitation && (
        <div class="card card--offer" data-testid="done-invitation">
          <h2>{t('done.invitation.title')}</h2>
          <p>{t('done.invitation.lead')}</p>
          <a
            class="button button--wide"
            href={invitationPath(invitation)}
            data-testid="done-to-invitation"
          >
            {t('done.invitation.continue')}
          </a>
        </div>
      )}
      <div class="card">
        <h2>{t('done.next.title')}</h2>
        <ul class="points">
          {network && <li>{t('done.next.share', { network: network.text })}</li>}
          <li>{t('done.next.fromToday')}</li>
          {done && <li>{done.passkey ? t('done.next.passkey') : t('done.next.email')}</li>}
          <li>{t('done.next.withdraw')}</li>
        </ul>
        <a
          class={`button button--wide${invitation ? ' button--secondary' : ''}`}
          href="/me"
          data-testid="done-to-me"
        >
          {t('done.toMe')}
        </a>
      </div>
    </section>
  );
}
