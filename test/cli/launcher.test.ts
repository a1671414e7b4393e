import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launcherNodeFlags } from '../../bench/lib/server.js';

const root = new URL('../../', import.meta.url).pathname;

test('the khabar launcher and npm start run node with the same V8 flags, which bench:pages reads', () => {
  const flags = launcherNodeFlags(root);
  assert.deepEqual(flags, ['--max-semi-space-size=2']);
  const start = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts.start;
  assert.equal(start, `node ${flags.join(' ')} dist/src/main.js serve`);
  assert.ok(process.allowedNodeEnvironmentFlags.has('--max-semi-space-size'), 'a flag node accepts');
});
