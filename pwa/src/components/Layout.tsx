import type { ComponentChildren } from 'preact';
import { t } from '../i18n';
import { ActingBanner } from './ActingBanner';
import { BusyBanner } from './BusyBanner';
import { LanguageSwitch } from './LanguageSwitch';
import { Logo } from './Logo';
import { OfflineBanner } from './OfflineBanner';

/** The frame of every screen: header with the name and language switch, main, footer. */
export function Layout({ children }: { children: ComponentChildren }) {
  return (
    <div class="page">
      <a class="skip-link" href="#main">
        {t('layout.skip')}
      </a>
      <header class="site-header">
        <div class="site-header__inner">
          <a class="brand" href="/">
            <Logo size={36} />
            <span class="brand__name">{t('app.name')}</span>
          </a>
          <LanguageSwitch />
        </div>
      </header>
      <ActingBanner />
      <OfflineBanner />
      <BusyBanner />
      <main id="main" class="main" tabIndex={-1}>
        {children}
      </main>
      <footer class="site-footer">
        <p>{t('layout.footer.help')}</p>
        <p class="site-footer__name">{t('layout.footer.name')}</p>
      </footer>
    </div>
  );
}
