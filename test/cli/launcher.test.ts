import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launcherNodeFlags } from '../../bench/lib/server.js';

const root = new URL('../../', import.meta.url).pathname;

test('the khabar launcher and npm start run node with the same V8 flags, which bench:pages reads', () => {
  const flags = launcherNodeFlags(root);
  const start = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts.start;
  assert.equal(start, ['node', ...flags, 'dist/src/main.js', 'serve'].join(' '));
  for (const flag of flags) assert.ok(process.allowedNodeEnvironmentFlags.has(flag.split('=')[0]!), `${flag}: a flag node accepts`);
  // A 2 MiB young generation saved 28 MB at start but halved warm cached pages per second (bench:pages).
  assert.ok(!flags.some((f) => f.startsWith('--max-semi-space-size')), 'no small young generation');
});
