// @ts-check
import js from '@eslint/js';
import solid from 'eslint-plugin-solid/configs/typescript';
import tseslint from 'typescript-eslint';

/** Only the owning module may import these packages (STYLE.md, habit 9). */
const owned = [
  { name: 'tweetnacl', owner: 'src/crypto' },
  { name: '@noble/hashes', owner: 'src/crypto' },
  { name: 'dexie', owner: 'src/vault' },
  { name: 'simple-peer/simplepeer.min.js', owner: 'src/net' },
  { name: 'yjs', owner: 'src/notes' },
  { name: 'y-webrtc', owner: 'src/notes' },
  { name: '@zip.js/zip.js', owner: 'src/evidence' },
];
const owners = [...new Set(owned.map((o) => o.owner))];
const forbiddenOutside = (owner) =>
  owned.filter((o) => o.owner !== owner).map(({ name, owner: o }) => ({ name, message: `Only ${o}/ imports ${name}.` }));
/** Components get data through props and stores; they never reach storage, crypto or the network. */
const componentPatterns = ['**/vault', '**/vault/*', '**/crypto', '**/crypto/*', '**/net', '**/net/*'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  { files: ['src/ui/**/*.{ts,tsx}'], ...solid },
  // Stores update state from network and media events, which the rule cannot tell from render code.
  { files: ['src/ui/stores/**'], rules: { 'solid/reactivity': 'off' } },
  // Tests index into results they have just asserted on.
  { files: ['tests/**', 'e2e/**'], rules: { '@typescript-eslint/no-non-null-assertion': 'off' } },
  // Playwright fixtures without dependencies are declared with an empty pattern.
  { files: ['e2e/fixtures/**'], rules: { 'no-empty-pattern': 'off' } },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: owners.map((o) => `${o}/**`),
    rules: { 'no-restricted-imports': ['error', { paths: forbiddenOutside(null) }] },
  },
  ...owners.map((owner) => ({
    files: [`${owner}/**/*.{ts,tsx}`],
    rules: { 'no-restricted-imports': ['error', { paths: forbiddenOutside(owner) }] },
  })),
  {
    files: ['src/ui/components/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: forbiddenOutside(null), patterns: componentPatterns }] },
  },
);
