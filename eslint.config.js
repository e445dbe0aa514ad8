import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const sqlOutside = 'SQL belongs in a queries module (server: */queries.ts or db/; register: store/).';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/admin/dist/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['src/admin/**/*.{ts,tsx}', 'src/terminal/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  { files: ['src/cli/output.ts', 'bin/**', 'bench/**', 'test/**'], rules: { 'no-console': 'off' } },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // SQL lives in the server's db/ and */queries.ts; services call those functions (ARCHITECTURE.md).
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/db/**', 'src/server/**/queries.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.type='Identifier'][callee.name=/^(trx|knex)$/]",
          message: sqlOutside,
        },
        { selector: 'CallExpression[callee.property.name=/^(knex|raw)$/]', message: sqlOutside },
      ],
    },
  },
  {
    // The register's SQL lives in store/; the rest calls its query functions.
    files: ['src/terminal/**/*.{ts,tsx}'],
    ignores: ['src/terminal/store/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='stmt']", message: sqlOutside },
        { selector: 'CallExpression[callee.property.name=/^(prepare|pragma)$/]', message: sqlOutside },
        {
          selector:
            "CallExpression[callee.property.name='exec'][arguments.0.type=/^(Literal|TemplateLiteral)$/]",
          message: sqlOutside,
        },
      ],
    },
  },
);
