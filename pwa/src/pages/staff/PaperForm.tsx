import type { ComponentChildren } from 'preact';
import { Logo } from '../../components/Logo';
import { Text } from '../../components/StaffText';
import { t, tIn, type MessageKey } from '../../i18n/staff';
import { usePageTitle } from '../../lib/page';
import {
  PAPER_DOCUMENT_KINDS,
  PAPER_ITEMS,
  PROXY_REASONS,
  PROXY_RELATIONSHIPS,
  type PaperItemKey,
} from '../../lib/paper-form';
import { staffMe } from '../../lib/staff-session';

/**
 * `/paper-form`: the blank paper registration form, for residents who do not register on a
 * phone. One A4 page, Japanese with English, black on white when printed. Its items are
 * numbered and ordered exactly as the entry screen (`PAPER_ITEMS`), so reception types it in
 * from top to bottom. Public: anyone may print it; a signed-in staff member's facility is
 * printed in the facility box.
 */
export function PaperForm() {
  usePageTitle(t('paper.title'));
  const facility = staffMe.value?.facility.name ?? '';
  return (
    <div class="paper-page" data-testid="paper-form-page">
      <section class="paper-tools no-print" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          {t('paper.title')}
        </h1>
        <p>{t('paper.help')}</p>
        <button
          type="button"
          class="button"
          onClick={() => window.print()}
          data-testid="paper-form-print"
        >
          {t('poster.print')}
        </button>
      </section>
      <article class="paper" lang="ja" aria-label={t('paper.label')} data-testid="paper-form">
        <header class="paper__head">
          <p class="paper__brand">
            <Logo size={24} />
            <span>{tIn('ja', 'app.fullName')}</span>
          </p>
          <h2 class="paper__title">
            <Text k="paper.heading" both />
          </h2>
          <p class="paper__consent">
            <Text k="paper.consentLine" both />
          </p>
        </header>
        <ol class="paper__items">
          {PAPER_ITEMS.map((item) => (
            <li
              key={item.key}
              class={`paper-row paper-row--${item.key}`}
              data-item={item.no}
              data-testid={`paper-item-${item.no}`}
            >
              <span class="paper-row__no">{item.no}</span>
              <span class="paper-row__label">
                <Text k={`paper.item.${item.key}` as MessageKey} both />
                {item.optional && (
                  <span class="paper-row__optional">
                    <Text k="paper.optional" both />
                  </span>
                )}
              </span>
              <span class="paper-row__box">
                <Box item={item.key} facility={facility} />
              </span>
            </li>
          ))}
        </ol>
        <section class="paper__sign">
          <p>
            <Text k="paper.signature" both />
          </p>
          <span class="paper__line" />
        </section>
        <p class="paper__note">
          <Text k="paper.note" both />
        </p>
      </article>
    </div>
  );
}

function Boxes({ n }: { n: number }) {
  return (
    <span class="paper-cells" aria-hidden="true">
      {Array.from({ length: n }, (_, i) => (
        <span key={i} class="paper-cell" />
      ))}
    </span>
  );
}

function Choice({ k, children }: { k?: MessageKey; children?: ComponentChildren }) {
  return (
    <span class="paper-choice">
      <span class="paper-choice__box" aria-hidden="true" />
      {k ? <Text k={k} both /> : children}
    </span>
  );
}

function Sub({ k, children }: { k: MessageKey; children: ComponentChildren }) {
  return (
    <span class="paper-sub">
      <span class="paper-sub__label">
        <Text k={k} both />
      </span>
      {children}
    </span>
  );
}

const DATE_ERAS: readonly MessageKey[] = [
  'calendar.M',
  'calendar.T',
  'calendar.S',
  'calendar.H',
  'calendar.R',
  'calendar.western',
];

function DateBoxes({ eras }: { eras: boolean }) {
  return (
    <span class="paper-date">
      {eras && DATE_ERAS.map((k) => <Choice key={k}>{tIn('ja', k)}</Choice>)}
      <span class="paper-date__part">
        <span class="paper-blank paper-blank--short" />
        {tIn('ja', 'details.birthDate.year')}
      </span>
      <span class="paper-date__part">
        <span class="paper-blank paper-blank--tiny" />
        {tIn('ja', 'details.birthDate.month')}
      </span>
      <span class="paper-date__part">
        <span class="paper-blank paper-blank--tiny" />
        {tIn('ja', 'details.birthDate.day')}
      </span>
    </span>
  );
}

function Box({ item, facility }: { item: PaperItemKey; facility: string }) {
  switch (item) {
    case 'sex':
      return (
        <>
          <Choice k="sex.female" />
          <Choice k="sex.male" />
        </>
      );
    case 'birthDate':
      return <DateBoxes eras />;
    case 'signedOn':
      return <DateBoxes eras={false} />;
    case 'insurance':
      return (
        <span class="paper-insurance">
          <span class="paper-choices">
            {PAPER_DOCUMENT_KINDS.map((kind) => (
              <Choice key={kind} k={`doc.${kind}` as MessageKey} />
            ))}
          </span>
          <Sub k="details.insurerNumber">
            <Boxes n={8} />
          </Sub>
          <Sub k="details.symbol">
            <span class="paper-blank" />
          </Sub>
          <Sub k="details.number">
            <span class="paper-blank" />
          </Sub>
          <Sub k="details.branch">
            <Boxes n={2} />
          </Sub>
        </span>
      );
    case 'careInsuranceNumber':
      return <Boxes n={10} />;
    case 'proxy':
      return (
        <span class="paper-proxy">
          <Sub k="paper.field.proxyName">
            <span class="paper-blank paper-blank--long" />
          </Sub>
          <Sub k="paper.field.proxyRelationship">
            <span class="paper-choices">
              {PROXY_RELATIONSHIPS.map((r) => (
                <Choice key={r}>{tIn('ja', `proxy.relationship.${r}` as MessageKey)}</Choice>
              ))}
            </span>
          </Sub>
          <Sub k="paper.field.proxyReason">
            <span class="paper-choices">
              {PROXY_REASONS.map((r) => (
                <Choice key={r} k={`paper.reason.${r}` as MessageKey} />
              ))}
            </span>
          </Sub>
        </span>
      );
    case 'facility':
      return (
        <span class="paper-facility" data-testid="paper-facility-box">
          <Sub k="paper.field.facility">
            <span class="paper-blank paper-blank--long paper-blank--filled">{facility}</span>
          </Sub>
          <Sub k="paper.field.formSerial">
            <span class="paper-blank" />
          </Sub>
          <Sub k="paper.field.network">
            <span class="paper-blank" />
          </Sub>
          <Sub k="paper.field.checkedBy">
            <span class="paper-blank" />
          </Sub>
          <Choice k="staff.confirm.identity" />
        </span>
      );
    default:
      return <span class="paper-blank paper-blank--long" />;
  }
}
