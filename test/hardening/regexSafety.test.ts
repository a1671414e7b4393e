import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

// The project's eslint.config.mjs: the regexp plugin's ReDoS rules over src/.
const eslint = new ESLint({ cwd: process.cwd() });
const rules = new Set(['regexp/no-super-linear-backtracking', 'regexp/no-super-linear-move']);

test('no regular expression in src/ can take more than linear time', async () => {
  const results = await eslint.lintFiles(['src']);
  assert.ok(results.length > 100, `linted ${results.length} files: the config must cover src/**/*.ts(x)`);
  const found = results.flatMap((r) => r.messages.map((m) => `${r.filePath.slice(process.cwd().length + 1)}:${m.line} ${m.ruleId ?? 'parse'}: ${m.message}`));
  assert.deepEqual(found, []);
});

test('the check finds the patterns that froze the server, and passes their fixes', async () => {
  // Patterns as they were before the hardening, one per line, and what replaced them.
  const bad = [
    String.raw`export const a = (s: string) => s.replace(/[ \u00A0]+\n/g, '\n');`,
    String.raw`export const b = /[.,;:!?'"”’»)\]}।॥]+$/u;`,
    String.raw`export const c = (s: string) => s.replace(/<[^>]*>/gu, '');`,
    String.raw`export const d = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;`,
    String.raw`export const e = /^(a+)+$/;`,
    String.raw`export const f = (s: string) => s.replace(/\s*\n\s*/gu, '\n');`,
  ];
  const good = [
    String.raw`export const a = (s: string) => s.replace(/(?<![ \u00A0])[ \u00A0]+\n/g, '\n');`,
    String.raw`export const b = /(?<![.,;:!?'"”’»)\]}।॥])[.,;:!?'"”’»)\]}।॥]+$/u;`,
    String.raw`export const c = (s: string) => s.replace(/<[^<>]*>/gu, '');`,
    String.raw`export const d = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;`,
    String.raw`export const e = /^a+$/;`,
    String.raw`export const f = (s: string) => s.replace(/(?<!\s)\s*\n\s*/gu, '\n');`,
  ];
  // The file name puts the sample under the config's src/ pattern; it is never written to disk.
  const [badResult] = await eslint.lintText(bad.join('\n'), { filePath: 'src/redos-sample.ts' });
  const flagged = new Set(badResult!.messages.filter((m) => rules.has(m.ruleId ?? '')).map((m) => m.line));
  assert.deepEqual([...flagged].sort((x, y) => x - y), bad.map((_, i) => i + 1), JSON.stringify(badResult!.messages, null, 1));
  const [goodResult] = await eslint.lintText(good.join('\n'), { filePath: 'src/redos-sample.ts' });
  assert.deepEqual(goodResult!.messages, []);
});
