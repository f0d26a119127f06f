// The web app's lint rules: ESLint's and typescript-eslint's recommended sets.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'src/api/schema.d.ts',
      'test-results/',
      'playwright-report/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_` names what is left out on purpose (`{ email: _, ...rest }`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Japanese text uses the full-width space.
      'no-irregular-whitespace': ['error', { skipJSXText: true, skipStrings: true }],
    },
  },
  {
    // Run by Node, not the browser.
    files: ['scripts/**', 'e2e/**', '*.config.*'],
    languageOptions: { globals: globals.node },
  },
  {
    // Playwright's fixtures take their dependencies as a destructured first argument.
    files: ['e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
);
