import { useEffect, useState } from 'preact/hooks';
import { getRegistrationQr, renewRegistrationQr, type RegistrationQr } from '../api/access';
import type { ApiFailure } from '../api/client';
import { formatDate, t } from '../i18n/resident';
import { actingFor } from '../lib/acting-for';
import { keepQrOnCard, type CardQr } from '../lib/offline-card';
import { groupsOf } from '../lib/person-key';
import { svgDataUrl } from '../lib/proxies';
import { ErrorAlert } from './ErrorAlert';
import { Problem } from './Problem';
import { ConfirmBox } from './ConfirmBox';

/**
 * The person's registration QR as a facility's desk scans it: the server's picture (as an
 * image, like the other QR codes here: the CSP allows `img-src data:`), and under it the
 * registration number and the QR's own code in large groups of four, for reading out when the
 * scanner cannot read the screen. One line says what showing it does.
 */
export function RegistrationQrView({
  qr,
  testId,
  alt = t('qr.alt', { number: qr.registrationNumber }),
}: {
  qr: CardQr;
  testId: string;
  /** What the picture is, for a screen reader: by default the signed-in person's own QR. */
  alt?: string;
}) {
  return (
    <div class="reg-qr" data-testid={testId}>
      <img
        class="reg-qr__image"
        src={svgDataUrl(qr.svg)}
        alt={alt}
        width={240}
        height={240}
        data-testid={`${testId}-image`}
      />
      <dl class="reg-qr__codes">
        <dt>{t('qr.number')}</dt>
        <dd translate={false} data-testid={`${testId}-number`}>
          {groupsOf(qr.registrationNumber).join(' ')}
        </dd>
        <dt>{t('qr.code')}</dt>
        <dd translate={false} data-testid={`${testId}-code`}>
          {groupsOf(qr.code).join(' ')}
        </dd>
      </dl>
    </div>
  );
}

type State =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly qr: RegistrationQr }
  | { readonly status: 'hidden' }
  | { readonly status: 'error'; readonly error: ApiFailure };

/**
 * "Show at reception" on the person's page: the QR, what showing it does, and making a new one
 * when a card with it was lost (after a confirmation: the old one stops working). The person
 * and proxies who handle procedures; the server refuses a proxy who only views, and the
 * section is then left out.
 */
export function RegistrationQrSection() {
  const acting = actingFor.value;
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [renewError, setRenewError] = useState<ApiFailure | null>(null);
  const [renewed, setRenewed] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    getRegistrationQr(controller.signal).then(
      (result) => {
        if (result.ok) setState({ status: 'ok', qr: result.data });
        else if (result.error.code === 'proxy_not_allowed' || result.error.code === 'forbidden')
          setState({ status: 'hidden' });
        else setState({ status: 'error', error: result.error });
      },
      () => {},
    );
    return () => controller.abort();
  }, [attempt]);

  if (state.status === 'hidden') return null;

  const renew = async () => {
    if (busy) return;
    setBusy(true);
    setRenewError(null);
    const result = await renewRegistrationQr();
    setBusy(false);
    if (!result.ok) {
      setRenewError(result.error);
      return;
    }
    setState({ status: 'ok', qr: result.data });
    setConfirming(false);
    setRenewed(true);
    // A card kept on this phone shows the new QR (only the person's own card is ever kept).
    if (!actingFor.value) keepQrOnCard(result.data);
  };

  return (
    <section
      class="card"
      aria-labelledby="me-qr-title"
      aria-busy={state.status === 'loading'}
      data-testid="me-qr"
    >
      <h2 id="me-qr-title">{t('qr.title')}</h2>
      {/* While acting for someone, it is their QR: it says so by name. */}
      <p>{acting ? t('card.qr.lead', { name: acting.name }) : t('qr.lead')}</p>
      {state.status === 'loading' && (
        <p class="muted">
          <span class="spinner" aria-hidden="true" />
          {t('screen.loading')}
        </p>
      )}
      {state.status === 'error' && (
        <ErrorAlert
          code={state.error.code}
          requestId={state.error.requestId}
          retryLabel={t('screen.retry')}
          onRetry={() => setAttempt((n) => n + 1)}
          testId="me-qr-error"
        />
      )}
      {state.status === 'ok' && (
        <>
          <RegistrationQrView
            qr={state.qr}
            testId="me-qr-view"
            {...(acting
              ? {
                  alt: t('card.qr.alt', {
                    name: acting.name,
                    number: state.qr.registrationNumber,
                  }),
                }
              : {})}
          />
          <p class="muted">{t('qr.readOut')}</p>
          <div aria-live="polite">
            {renewed && (
              <p class="field__ok" data-testid="me-qr-renewed">
                {t('qr.renewed')}
              </p>
            )}
          </div>
          <p class="muted">{t('qr.issued', { date: formatDate(state.qr.issuedAt, true) })}</p>
          {!confirming ? (
            <button
              type="button"
              class="button button--secondary button--wide"
              onClick={() => {
                setRenewed(false);
                setConfirming(true);
              }}
              data-testid="me-qr-renew"
            >
              {t('qr.renew')}
            </button>
          ) : (
            <ConfirmBox
              id="me-qr-confirm"
              title={t('qr.renew.title')}
              yes={t('qr.renew.yes')}
              no={t('qr.renew.no')}
              busy={busy}
              onYes={() => void renew()}
              onNo={() => setConfirming(false)}
              testId="me-qr-confirm"
              yesTestId="me-qr-renew-confirm"
            >
              <p>{t('qr.renew.body')}</p>
              <Problem error={renewError} testId="me-qr-renew-problem" />
            </ConfirmBox>
          )}
        </>
      )}
    </section>
  );
}
