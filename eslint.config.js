import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

// The floor plan's rules (docs/architecture.md), checked on every `make test`. Each file group gets one
// list, since a later block replaces an earlier block's options for the same rule.
const NODE_AND_DRIVERS = [
  'node:*',
  'express',
  'pg',
  'mongoose',
  'mongodb',
  'kafkajs',
  'redis',
  'socket.io',
  'pino',
];
const pattern = (group, message, extra = {}) => ({ group, message, ...extra });

/** The two services meet only through Kafka and the JWKS: neither imports the other. */
const otherService = (name) =>
  pattern(
    [`**/${name}/**`, `@partyline/${name}`, `@partyline/${name}/**`],
    `Services meet only through Kafka and the JWKS.`,
  );

const boundaries = (...patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
});

const noDatabase = pattern(
  ['pg', 'mongoose', 'mongodb', '**/db/**', '**/*.repository.js'],
  'Entry points (routes, socket handlers, consumers) call a service; they do not touch the database.',
);
const noTransport = pattern(
  ['express', 'socket.io', '@socket.io/*', 'pg', 'mongoose', '**/db/pool.js', '**/app/**'],
  'Services import no Express, socket.io or driver: they get their repositories and ports as arguments.',
);
const reposAreArguments = pattern(
  ['**/*.repository.js'],
  'Services get repositories as arguments (import type only).',
  { allowTypeImports: true },
);

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.stack/**', 'client/test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Contracts are pure: zod schemas and types, importable by the browser.
    files: ['common/contracts/src/**/*.ts'],
    rules: boundaries(
      pattern(
        [...NODE_AND_DRIVERS, '@partyline/*'],
        'Contracts are pure: no Node, driver or other workspace.',
      ),
    ),
  },
  {
    files: ['accounts-service/src/**/*.ts'],
    rules: boundaries(otherService('messages-service')),
  },
  {
    files: ['messages-service/src/**/*.ts'],
    rules: boundaries(otherService('accounts-service')),
  },
  {
    files: ['accounts-service/src/**/*.{routes,handlers,consumer}.ts'],
    rules: boundaries(otherService('messages-service'), noDatabase),
  },
  {
    files: ['messages-service/src/**/*.{routes,handlers,consumer}.ts'],
    rules: boundaries(otherService('accounts-service'), noDatabase),
  },
  {
    files: ['accounts-service/src/**/*.service.ts'],
    rules: boundaries(otherService('messages-service'), noTransport, reposAreArguments),
  },
  {
    files: ['messages-service/src/**/*.service.ts'],
    rules: boundaries(otherService('accounts-service'), noTransport, reposAreArguments),
  },
  {
    // The client imports the contracts' types only (the limits have their own zod-free entry) and nothing
    // of the servers.
    files: ['client/src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@partyline/contracts',
              message:
                'Import types only (values would bundle zod); limits come from @partyline/contracts/limits.',
              allowTypeImports: true,
            },
          ],
          patterns: [
            pattern(
              [
                '@partyline/auth',
                '@partyline/http',
                '@partyline/events',
                '@partyline/redis',
                '@partyline/object-store',
                '**/common/**',
                '**/*-service/**',
                'node:*',
              ],
              'The client talks to the services over HTTP and socket.io only.',
            ),
          ],
        },
      ],
    },
  },
  {
    // Plain JavaScript here is Node scripts and config files.
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.test.ts', '**/*.itest.ts', '**/*.test.tsx', 'bench/**', 'scripts/**', 'client/e2e/**'],
    rules: { 'no-console': 'off' },
  },
  prettier,
);
