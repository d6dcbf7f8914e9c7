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
          { sourceTag: 'scope:edge', notDependOnLibsWithTags: ['scope:database'], bannedExternalImports: ['pg', 'typeorm'] },
        ],
      }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];
