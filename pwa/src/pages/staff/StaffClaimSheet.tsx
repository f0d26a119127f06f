import { useState } from 'preact/hooks';
import type { ApiFailure } from '../../api/client';
import { getEntry, reissueClaim, type IdentityDocument } from '../../api/staff';
import { RadioGroup } from '../../components/Form';
import { Logo } from '../../components/Logo';
import { Problem } from '../../components/Problem';
import { Text } from '../../components/StaffText';
import { formatDate, t, tIn } from '../../i18n/staff';
import { usePageTitle } from '../../lib/page';
import { svgDataUrl } from '../../lib/proxies';
import { claimSheets, keepClaimSheet, type ClaimSheet } from '../../lib/staff-session';
import type { Params } from '../../router';

/**
 * `/staff/entries/:id/claim-sheet`: the sheet handed to the resident (or a family member) after
 * their paper form was entered: name, registration number, the claim QR code and its code in
 * text, the expiry date, and what to do with it, Japanese with English. The claim is shown once
 * by the server and kept in this PC's memory only; without it (a reload, another PC) the page
 * offers a new sheet, which stops the earlier one.
 */
export function StaffClaimSheet({ params }: { params: Params }) {
  const id = params['id'] ?? '';
  usePageTitle(t('staff.sheet.title'));
  const sheet = claimSheets.value.get(id) ?? null;
  if (!sheet) return <Reissue id={id} />;
  return <Sheet sheet={sheet} />;
}

/** The identity documents reception may check before handing over a new sheet. */
export const IDENTITY_DOCUMENTS = [
  'my_number_card',
  'driver_licence',
  'qualification_certificate',
  'other_photo_id',
] as const satisfies readonly IdentityDocument[];

export function documentLabel(d: IdentityDocument): string {
  switch (d) {
    case 'my_number_card':
      return t('staff.reissue.identity.my_number_card');
    case 'driver_licence':
      return t('staff.reissue.identity.driver_licence');
    case 'qualification_certificate':
      return t('staff.reissue.identity.qualification_certificate');
    case 'other_photo_id':
      return t('staff.reissue.identity.other_photo_id');
  }
}

/**
 * Asks before a reissue: the earlier sheet stops working, and the person must be at the desk —
 * the staff member names the identity document they checked (kept in the person's access record).
 */
export function ReissueConfirm({
  busy,
  onYes,
  onNo,
}: {
  busy: boolean;
  onYes: (identityChecked: IdentityDocument) => void;
  onNo: () => void;
}) {
  const [document, setDocument] = useState<IdentityDocument | ''>('');
  const [missing, setMissing] = useState(false);
  return (
    <div class="alert alert--info" role="alert">
      <p>{t('staff.reissue.confirm')}</p>
      <RadioGroup<IdentityDocument>
        id="reissue-identity"
        legend={t('staff.reissue.identity')}
        hint={t('staff.reissue.identity.hint')}
        error={missing ? t('staff.reissue.identity.required') : undefined}
        options={IDENTITY_DOCUMENTS.map((d) => ({ value: d, label: documentLabel(d) }))}
        value={document}
        onValue={(d) => {
          setDocument(d);
          setMissing(false);
        }}
      />
      <button
        type="button"
        class="button"
        disabled={busy}
        onClick={() => {
          if (document === '') setMissing(true);
          else onYes(document);
        }}
        data-testid="staff-reissue-yes"
      >
        {busy ? t('common.sending') : t('staff.reissue.yes')}
      </button>{' '}
      <button type="button" class="button button--secondary" onClick={onNo}>
        {t('staff.reissue.no')}
      </button>
    </div>
  );
}

/** Make a new claim sheet for an entry; the earlier code stops working. */
export function useReissue(id: string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const reissue = async (identityChecked: IdentityDocument): Promise<boolean> => {
    setBusy(true);
    setError(null);
    const [entry, claim] = await Promise.all([getEntry(id), reissueClaim(id, identityChecked)]);
    setBusy(false);
    if (!claim.ok) {
      setError(claim.error);
      return false;
    }
    if (!entry.ok) {
      setError(entry.error);
      return false;
    }
    keepClaimSheet({
      entryId: id,
      name: entry.data.name,
      nameKana: entry.data.nameKana,
      registrationNumber: entry.data.registrationNumber,
      network: null,
      claim: claim.data,
    });
    return true;
  };
  return { busy, error, reissue };
}

function Reissue({ id }: { id: string }) {
  const { busy, error, reissue } = useReissue(id);
  const [asked, setAsked] = useState(false);
  return (
    <section class="card" aria-labelledby="page-title" data-testid="staff-sheet-missing">
      <h1 id="page-title" tabIndex={-1}>
        {t('staff.sheet.title')}
      </h1>
      <p>{t('staff.sheet.missing')}</p>
      <Problem error={error} testId="staff-sheet-problem" />
      {asked ? (
        <ReissueConfirm busy={busy} onYes={(d) => void reissue(d)} onNo={() => setAsked(false)} />
      ) : (
        <button
          type="button"
          class="button"
          onClick={() => setAsked(true)}
          data-testid="staff-reissue"
        >
          {t('staff.reissue')}
        </button>
      )}
      <p>
        <a href={`/staff/entries/${encodeURIComponent(id)}`}>{t('staff.sheet.toEntry')}</a>
      </p>
    </section>
  );
}

function Sheet({ sheet }: { sheet: ClaimSheet }) {
  const { claim } = sheet;
  const expires = formatDate(claim.expiresAt);
  const expiresEn = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Tokyo',
    dateStyle: 'long',
  }).format(new Date(claim.expiresAt));
  const expiresJa = new Intl.DateTimeFormat('ja-JP', {
    timeZone: 'Asia/Tokyo',
    dateStyle: 'long',
  }).format(new Date(claim.expiresAt));
  return (
    <div class="sheet-page" data-testid="staff-claim-sheet">
      <section class="sheet-tools no-print" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          {t('staff.sheet.title')}
        </h1>
        <p>{t('staff.sheet.help', { name: sheet.name })}</p>
        <p class="sheet-tools__actions">
          <button
            type="button"
            class="button"
            onClick={() => window.print()}
            data-testid="staff-sheet-print"
          >
            {t('staff.sheet.print')}
          </button>
          <a class="button button--secondary" href="/staff/new" data-testid="staff-sheet-next">
            {t('staff.sheet.next')}
          </a>
          <a
            class="button button--secondary"
            href={`/staff/entries/${encodeURIComponent(sheet.entryId)}`}
          >
            {t('staff.sheet.toEntry')}
          </a>
        </p>
        <p class="muted">{t('staff.sheet.once', { date: expires })}</p>
      </section>
      <article
        class="sheet"
        lang="ja"
        aria-label={t('staff.sheet.label')}
        data-testid="claim-sheet"
      >
        <header class="sheet__head">
          <p class="sheet__brand">
            <Logo size={28} />
            <span>{tIn('ja', 'app.fullName')}</span>
          </p>
          <h2 class="sheet__title">
            <Text k="staff.sheet.heading" both />
          </h2>
        </header>
        <dl class="sheet__person">
          <div>
            <dt>
              <Text k="paper.item.name" both />
            </dt>
            <dd data-testid="sheet-name">
              {sheet.name}
              <span class="sheet__kana">（{sheet.nameKana}）</span>
            </dd>
          </div>
          <div>
            <dt>
              <Text k="done.number" both />
            </dt>
            <dd class="code" data-testid="sheet-number">
              {sheet.registrationNumber}
            </dd>
          </div>
          {sheet.network && (
            <div>
              <dt>
                <Text k="paper.field.network" both />
              </dt>
              <dd>{sheet.network.name}</dd>
            </div>
          )}
        </dl>
        <div class="sheet__main">
          <figure class="sheet__qr">
            <img
              src={svgDataUrl(claim.qrSvg)}
              alt={t('staff.sheet.qrAlt', { code: claim.code })}
              width={220}
              height={220}
              data-testid="sheet-qr"
            />
            <figcaption>
              <span class="sheet__code-label">
                {tIn('ja', 'staff.sheet.code')} /{' '}
                <span lang="en">{tIn('en', 'staff.sheet.code')}</span>
              </span>
              <span class="code sheet__code" translate={false} lang="en" data-testid="sheet-code">
                {claim.code}
              </span>
              <span class="sheet__expires" data-testid="sheet-expires">
                {tIn('ja', 'staff.sheet.expires', { date: expiresJa })}
                <br />
                <span lang="en">{tIn('en', 'staff.sheet.expires', { date: expiresEn })}</span>
              </span>
            </figcaption>
          </figure>
          <section class="sheet__how">
            <h3>
              <Text k="staff.sheet.self.title" both />
            </h3>
            <ol>
              {(['staff.sheet.self.1', 'staff.sheet.self.2', 'staff.sheet.self.3'] as const).map(
                (k) => (
                  <li key={k}>
                    <Text k={k} both />
                  </li>
                ),
              )}
            </ol>
            <h3>
              <Text k="staff.sheet.family.title" both />
            </h3>
            <ol>
              {(
                ['staff.sheet.family.1', 'staff.sheet.family.2', 'staff.sheet.family.3'] as const
              ).map((k) => (
                <li key={k}>
                  <Text k={k} both />
                </li>
              ))}
            </ol>
          </section>
        </div>
        <p class="sheet__url">
          <Text k="staff.sheet.url" both />
          <span class="sheet__url-text" translate={false} lang="en">
            {claim.url}
          </span>
        </p>
        <ul class="sheet__notes">
          <li>
            <Text k="staff.sheet.keep" both />
          </li>
          <li>
            <Text k="staff.sheet.noPhone" both />
          </li>
        </ul>
      </article>
    </div>
  );
}
