// ESLint runs one job here: refusing regular expressions whose running time can grow faster
// than their input (ReDoS). `npm run lint:regex` and test/hardening/regexSafety.test.ts run it.
import tsParser from '@typescript-eslint/parser';
import regexp from 'eslint-plugin-regexp';

export default [
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { regexp },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Nested or adjacent quantifiers that can trade characters: /(a+)+$/, /\s*\n\s*x/.
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      // A quantifier retried at every start position: /[ ]+\n/ on 60,000 spaces and no newline.
      // Sticky patterns match only where the last match ended, so they cannot move.
      'regexp/no-super-linear-move': ['error', { ignoreSticky: true, ignorePartial: false, report: 'potential' }],
    },
  },
];
