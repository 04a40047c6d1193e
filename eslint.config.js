// ESLint flat config: typescript-eslint recommended rules over every package, plus React's hook rules for the web app.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** One boundary rule: `patterns` of imports refused in `files`; `paths` for imports allowed as types only. */
function restrictImports(files, patterns, paths = []) {
  return {
    files: [files],
    ignores: ['**/*.test.ts', '**/test-support/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns, paths }] },
  };
}

const SDK_PATTERNS = [
  {
    group: ['@teamset/server', '@teamset/cli', '@teamset/web'],
    message: 'sdk imports only contract (and core, lazily)',
  },
];
// Core is an optional peer of the SDK: types only; the database connection loads it with a dynamic import.
const SDK_PATHS = [
  { name: '@teamset/core', allowTypeImports: true, message: 'load core through connection/load-core.ts' },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', '.ci/*.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // Package and folder boundaries (docs/architecture.md): what each part may import. Import cycles are checked
  // by scripts/check-import-cycles.mjs, also part of `npm run lint`.
  restrictImports('packages/contract/src/**', [{ group: ['@teamset/*'], message: 'contract imports nothing of ours' }]),
  restrictImports('packages/core/src/**', [
    {
      group: ['@teamset/server', '@teamset/sdk', '@teamset/cli', '@teamset/web'],
      message: 'core imports only contract',
    },
  ]),
  {
    // Only core's stores, the view compiler and db/ write SQL (docs/design.md §1): elsewhere in core no query
    // builder call and no raw `sql`; services call a store method and may only open the transaction it runs in.
    files: ['packages/core/src/**/*.ts'],
    ignores: ['**/*-store.ts', '**/views/**', '**/db/**', '**/*.test.ts', '**/test-support/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `ImportDeclaration[source.value='kysely'][importKind!='type'] > ImportSpecifier[importKind!='type'][imported.name=/^(sql|CompiledQuery)$/]`,
          message: 'SQL belongs in a *-store.ts (or views/, db/)',
        },
        {
          selector: `CallExpression[callee.property.name=/^(selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|executeQuery)$/]`,
          message: 'SQL belongs in a *-store.ts (or views/, db/): call a store method',
        },
      ],
    },
  },
  {
    // Other packages' tests take core's shared helpers from @teamset/core/testing (a Vitest alias), never by path.
    files: ['packages/{server,sdk,cli,web}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/core/src/**'], message: 'import @teamset/core/testing (tests) or @teamset/core' }] },
      ],
    },
  },
  restrictImports('packages/server/src/**', [
    { group: ['@teamset/sdk', '@teamset/cli', '@teamset/web'], message: 'server imports only contract and core' },
  ]),
  restrictImports('packages/sdk/src/**', SDK_PATTERNS, SDK_PATHS),
  // Later entries replace earlier ones for the same files, so formats/ repeats the SDK's own rules.
  restrictImports(
    'packages/sdk/src/formats/**',
    [
      ...SDK_PATTERNS,
      {
        group: ['**/datasets/*', '!**/datasets/sample-batches.js'],
        message:
          'formats take the ImportTarget/ExportSource shapes (formats/transfer-ports.ts), not the datasets module',
      },
    ],
    SDK_PATHS,
  ),
  restrictImports('packages/cli/src/backends/**', [
    { group: ['**/commands/*'], message: 'backends serve the commands; shared values live outside commands/' },
  ]),
  restrictImports(
    'packages/web/src/**',
    [
      {
        group: ['@teamset/core', '@teamset/server', '@teamset/sdk', '@teamset/cli', 'typebox'],
        message: 'the web app talks HTTP and imports only contract types and constants',
      },
      {
        group: ['@teamset/contract/*', '!@teamset/contract/constants'],
        message: 'the web bundle takes values only from @teamset/contract/constants (free of TypeBox)',
      },
    ],
    [
      {
        name: '@teamset/contract',
        allowTypeImports: true,
        message: 'the web bundle takes only types from @teamset/contract; values come from @teamset/contract/constants',
      },
    ],
  ),
  {
    // The web app runs in the browser; only the two classic hook rules (the React Compiler rules are not used here).
    files: ['packages/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
