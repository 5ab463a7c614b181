// ESLint flat config: typescript-eslint's type-checked rules over src/, cli/
// and tests/, the untyped ones over the config files and the tsx worker
// bootstrap; React hook rules for the Ink views.
import eslint from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'results/'] },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // `const { name: _name, ...rest } = x` is how this code drops keys from
      // an object; the named siblings are there only to be left out.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // zod's values come through src/scenario/zod.ts, which the build bundles
    // into one file (see there): a direct import would load the other copy.
    files: ['src/**/*.ts', 'cli/**/*.ts', 'cli/**/*.tsx'],
    ignores: ['src/scenario/zod.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'zod', message: "import zod's values from src/scenario/zod.ts (bundled by the build)", allowTypeImports: true }] }],
    },
  },
  {
    // Outside tsconfig.json: plain JavaScript (this file, the tsx worker
    // bootstrap) and the top-level config files. Type-checking them would need
    // a second TypeScript program (about 7 s more for ten lines), so they get
    // the untyped rules only.
    files: ['**/*.js', '**/*.mjs', '*.ts'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['cli/**/*.tsx', 'tests/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
