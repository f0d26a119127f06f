/** The renkei mark: three connected points (facilities linked through the network). */
export function Logo({ size = 40 }: { size?: number }) {
  return (
    <svg
      class="logo"
      width={size}
      height={size}
      viewBox="0 0 64 64"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="64" height="64" rx="14" fill="#0b5570" />
      <path
        d="M32 17 L17.5 42 L46.5 42 Z"
        fill="none"
        stroke="#ffffff"
        stroke-width="4"
        stroke-linejoin="round"
      />
      <circle cx="32" cy="17" r="7" fill="#ffffff" />
      <circle cx="17.5" cy="42" r="7" fill="#ffffff" />
      <circle cx="46.5" cy="42" r="7" fill="#9fe0d0" />
    </svg>
  );
}
