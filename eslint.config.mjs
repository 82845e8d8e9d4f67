import nx from '@nx/eslint-plugin';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import tseslint from 'typescript-eslint';

/** Who may import whom. Lint errors, not suggestions (ARCHITECTURE.md §2). */
const depConstraints = (allowTesting) => [
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util', ...(allowTesting ? ['type:testing'] : [])],
  },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:ui', 'type:util', ...(allowTesting ? ['type:testing'] : [])],
  },
  {
    sourceTag: 'type:data-access',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:util', ...(allowTesting ? ['type:testing'] : [])],
  },
  { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', ...(allowTesting ? ['type:testing'] : [])] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:testing', 'type:data-access', 'type:util'] },
  { sourceTag: 'platform:api', onlyDependOnLibsWithTags: ['platform:api', 'platform:shared'] },
  {
    sourceTag: 'platform:console',
    onlyDependOnLibsWithTags: ['platform:console', 'platform:shared'],
    bannedExternalImports: ['@nestjs/*', 'typeorm', 'pg', 'fastify', '@fastify/*', 'class-validator', '@electric-sql/*'],
  },
  {
    sourceTag: 'platform:shared',
    onlyDependOnLibsWithTags: ['platform:shared'],
    bannedExternalImports: ['@nestjs/*', '@angular/*', 'typeorm', 'pg', 'fastify', 'rxjs', 'class-validator', 'class-transformer'],
  },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  // Every domain records into the event store (events data-access).
  { sourceTag: 'scope:servers', onlyDependOnLibsWithTags: ['scope:servers', 'scope:events', 'scope:shared'] },
  { sourceTag: 'scope:health', onlyDependOnLibsWithTags: ['scope:health', 'scope:servers', 'scope:events', 'scope:shared'] },
  { sourceTag: 'scope:auth', onlyDependOnLibsWithTags: ['scope:auth', 'scope:events', 'scope:shared'] },
  { allSourceTags: ['scope:events', 'platform:api'], onlyDependOnLibsWithTags: ['scope:events', 'scope:shared'] },
  { allSourceTags: ['scope:events', 'type:data-access'], onlyDependOnLibsWithTags: ['scope:events', 'scope:shared'] },
  // The console's event history filters by server, so its page may read the servers data-access.
  {
    allSourceTags: ['scope:events', 'platform:console', 'type:feature'],
    onlyDependOnLibsWithTags: ['scope:events', 'scope:servers', 'scope:shared'],
  },
  // The supervisor reads and moves servers (servers data-access) and records what happens.
  { sourceTag: 'scope:runtime', onlyDependOnLibsWithTags: ['scope:runtime', 'scope:servers', 'scope:events', 'scope:shared'] },
  // Console-only domains: pages that combine the others.
  { sourceTag: 'scope:dashboard', onlyDependOnLibsWithTags: ['scope:dashboard', 'scope:servers', 'scope:events', 'scope:shared'] },
  { sourceTag: 'scope:admin', onlyDependOnLibsWithTags: ['scope:admin', 'scope:events', 'scope:shared'] },
  {
    sourceTag: 'scope:gateway',
    onlyDependOnLibsWithTags: ['scope:gateway', 'scope:servers', 'scope:events', 'scope:runtime', 'scope:shared'],
  },
  { sourceTag: 'scope:shell', onlyDependOnLibsWithTags: ['scope:shell', 'scope:shared'] },
  { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['*'] },
];

const boundaries = (allowTesting) => ({
  '@nx/enforce-module-boundaries': [
    'error',
    {
      enforceBuildableLibDependency: true,
      allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
      depConstraints: depConstraints(allowTesting),
    },
  ],
});

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/coverage', '**/.angular', 'bench/results/**'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: boundaries(false),
  },
  {
    // Tests may use the testing library (real databases, API harness).
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/test-setup.ts', 'apps/api-e2e/**/*.ts'],
    rules: boundaries(true),
  },
  ...tseslint.configs.recommendedTypeCheckedOnly.map((config) => ({ ...config, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    // One import order everywhere: side effects, node builtins, packages, the workspace, relative.
    files: ['**/*.ts', '**/*.mjs'],
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      'simple-import-sort/imports': ['error', { groups: [['^\\u0000'], ['^node:'], ['^@?\\w'], ['^@mcp-fleet/'], ['^\\.']] }],
    },
  },
];
