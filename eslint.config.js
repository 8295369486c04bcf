import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Control characters are exactly what the sanitiser must match.
      'no-control-regex': 'off',
    },
  },
  {
    // The core stays free of React and Ink so it can be tested and reused without a terminal.
    files: ['source/core/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['react', 'react/*', 'ink', 'ink/*', 'ink-*'] }],
    },
  },
);
