import { Text } from './Text';

/**
 * What a person needs at hand to join: insurance details (one of three documents) and a phone
 * that receives email. The same list on the entry page and on the printed poster (`both`).
 */
export function WhatToHaveReady({ both = false }: { both?: boolean }) {
  return (
    <ul class="ready" data-testid="what-to-have-ready">
      <li class="ready__item">
        <CardIcon />
        <div class="ready__body">
          <div class="ready__title">
            <p class="ready__head">
              <Text k="ready.insurance" both={both} />
            </p>
            <p class="ready__hint">
              <Text k="ready.insurance.oneOf" both={both} />
            </p>
          </div>
          <ul class="ready__options">
            <li>
              <Text k="ready.insurance.myna" both={both} />
            </li>
            <li>
              <Text k="ready.insurance.certificate" both={both} />
            </li>
            <li>
              <Text k="ready.insurance.elderly" both={both} />
            </li>
          </ul>
        </div>
      </li>
      <li class="ready__item">
        <PhoneIcon />
        <div class="ready__body">
          <p class="ready__head">
            <Text k="ready.phone" both={both} />
          </p>
        </div>
      </li>
    </ul>
  );
}

function CardIcon() {
  return (
    <svg class="ready__icon" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect
        x="2.5"
        y="6.5"
        width="27"
        height="19"
        rx="3"
        fill="none"
        stroke="currentColor"
        stroke-width="2.5"
      />
      <circle cx="10" cy="14" r="3" fill="currentColor" />
      <path
        d="M5.5 21.5c1-2.6 2.6-3.6 4.5-3.6s3.5 1 4.5 3.6"
        fill="none"
        stroke="currentColor"
        stroke-width="2.2"
        stroke-linecap="round"
      />
      <path
        d="M18 12.5h8M18 16.5h8M18 20.5h5"
        stroke="currentColor"
        stroke-width="2.2"
        stroke-linecap="round"
      />
    </svg>
  );
}

function PhoneIcon() {
  return (
    <svg class="ready__icon" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect
        x="8.5"
        y="2.5"
        width="15"
        height="27"
        rx="3"
        fill="none"
        stroke="currentColor"
        stroke-width="2.5"
      />
      <path d="M13.5 25.5h5" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
      <path
        d="M11.5 9.5h9v7h-9z"
        fill="none"
        stroke="currentColor"
        stroke-width="1.8"
        stroke-linejoin="round"
      />
      <path
        d="M11.5 9.5l4.5 4 4.5-4"
        fill="none"
        stroke="currentColor"
        stroke-width="1.8"
        stroke-linejoin="round"
      />
    </svg>
  );
}
