import { lang, setLang, t, type Lang } from '../i18n';

const OPTIONS: ReadonlyArray<{ value: Lang; label: string }> = [
  { value: 'ja', label: '日本語' },
  { value: 'en', label: 'English' },
];

/** Two real buttons; the pressed one is the current language. Labels stay in their own language. */
export function LanguageSwitch() {
  const current = lang.value;
  return (
    <div class="lang-switch" role="group" aria-label={t('lang.label')}>
      {OPTIONS.map((option) => (
        <button
          key={option.value}
          type="button"
          lang={option.value}
          class="lang-switch__button"
          aria-pressed={current === option.value}
          onClick={() => setLang(option.value)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
