// Lint: typescript-eslint's recommended set, type-aware, plus the rules that catch what a type check
// cannot — a promise nobody awaits (no-floating-promises), a promise handed where a void callback is
// expected (no-misused-promises), a `switch` over a union that misses a member (switch-exhaustiveness-check)
// and type-only imports kept out of the bundles (consistent-type-imports).
// Three TypeScript programs: the Node side (tsconfig.json), the webview pages (src/pages/tsconfig.json,
// DOM lib) and the UI tests (test/e2e/tsconfig.json); the project service finds each file's own.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '.start/**', '.gpu-kit/**', 'test-results/**', '**/*.js', '**/*.mjs', '**/*.cjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // node:test's test()/describe()/it() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      // An async method that implements a Promise-returning interface (a webview serializer, a bench's
      // run()) needs no await; the rule would only make us wrap values in Promise.resolve.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // The bench loads its suites by path at run time and one CommonJS plugin that ships no types.
    files: ['test/bench/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
