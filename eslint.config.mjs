// Lint for the whole workspace (npm run lint, part of npm test). The module boundaries are the
// architecture: apps depend only on libs (never on one another), libs never on apps, and the gateway,
// which has no database, reaches neither the persistence lib nor a database driver.
import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['dist/', 'node_modules/', '.oms/', '**/*.mjs', '**/*.js'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', {
        allow: [],
        depConstraints: [
          { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
          { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
          // the gateway uses the shared libs (contracts, messaging's RPC client, platform, money), never the
          // database ones (persistence, the service runtime) nor a database driver
          { sourceTag: 'scope:edge', onlyDependOnLibsWithTags: ['scope:shared'], bannedExternalImports: ['pg', 'typeorm'] },
          // the browser app talks to the gateway over HTTP only; it reads the contracts' DTOs and views, nothing server-side
          { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:shared'], bannedExternalImports: ['pg', 'typeorm', 'amqplib', '@nestjs/*', 'node:*'] },
        ],
      }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `!` is used after a check the compiler cannot follow (a Map lookup of a key just set, a row just locked)
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // tests of any project share the harness in test/support (a stack of real processes, databases, vhosts)
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'test/**/*.ts', '**/test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', {
        allow: ['**/test/support/**', '../../../test/support/*', '../support/*', '../../test/support/*'],
        depConstraints: [{ sourceTag: '*', onlyDependOnLibsWithTags: ['*'] }],
      }],
    },
  },
];
