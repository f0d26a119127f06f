/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// Colours shared by the manifest, index.html and styles.css (keep them in step).
const THEME_COLOR = '#0b5570';
const BACKGROUND_COLOR = '#f5f7f8';

export default defineConfig({
  // JSX is compiled by Vite's own transformer; Preact is the JSX runtime.
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    target: 'es2020',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Keep every asset a file: the Content-Security-Policy allows `img-src 'self' data:`,
    // but files are cached better and keep index.html small.
    assetsInlineLimit: 0,
    // One entry chunk and no modulepreload links: the polyfill would be dead weight.
    modulePreload: { polyfill: false },
  },
  server: {
    // `npm run dev` talks to a locally running `renkei serve` for /api.
    proxy: {
      '/api': process.env.RENKEI_DEV_API ?? 'http://127.0.0.1:8080',
    },
  },
  plugins: [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // The app registers the service worker itself (src/lib/sw-register.ts), so nothing
      // is injected into index.html: the strict CSP forbids inline scripts.
      injectRegister: false,
      // The manifest icons are for installing, not for working offline: do not precache them.
      includeManifestIcons: false,
      injectManifest: {
        // The app shell only: the HTML, the bundles, the stylesheet, the favicon and the manifest.
        globPatterns: ['index.html', 'assets/*.{js,css}', 'favicon.svg'],
      },
      manifest: {
        id: '/',
        name: 'renkei 連携ネット',
        short_name: '連携ネット',
        description:
          '地域の医療・介護の情報共有ネットワークへの参加、同意、ご自身のお薬とアレルギーの確認ができます。',
        lang: 'ja',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: THEME_COLOR,
        background_color: BACKGROUND_COLOR,
        categories: ['medical', 'health'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
        // A long press on the home-screen icon opens the emergency card directly (it opens
        // without signing in when the person keeps it on the phone).
        shortcuts: [
          {
            name: '緊急時カード（Emergency card）',
            short_name: '緊急時カード',
            description: '救急隊や医療機関の方に見せるカード / The card to show paramedics',
            url: '/me/card',
            icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
          },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
  test: {
    environment: 'happy-dom',
    include: ['tests/**/*.test.{ts,tsx}'],
    setupFiles: ['tests/setup.ts'],
    restoreMocks: true,
  },
});
