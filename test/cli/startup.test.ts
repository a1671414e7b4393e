import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../helpers/site.js';

/** Runs `khabar serve` and returns its exit code and stderr once it exits (or after `ms`). */
function serve(env: Record<string, string>, ms = 20_000): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
      env: { ...process.env, LOG_LEVEL: 'silent', SEED_DEMO: 'off', ...env },
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines.length, 1, `one readable line, got:\n${stderr}`);
  return lines[0]!;
}

describe('start-up errors stop with one readable line', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'khabar-start-'));

  test('a malformed DATABASE_URL', async () => {
    const r = await serve({ DATA_DIR: dataDir, DATABASE_URL: 'postgres//nohost', PORT: '0' });
    assert.equal(r.code, 1);
    assert.match(oneLine(r.stderr), /^khabar: DATABASE_URL .*postgres\/\/nohost/);
  });

  test('an unsupported scheme', async () => {
    const r = await serve({ DATA_DIR: dataDir, DATABASE_URL: 'mysql://root@127.0.0.1/x', PORT: '0' });
    assert.equal(r.code, 1);
    assert.match(oneLine(r.stderr), /^khabar: DATABASE_URL scheme "mysql:"/);
  });

  test('an unreachable database, with the password hidden', async () => {
    const port = await freePort();
    const r = await serve({ DATA_DIR: dataDir, DATABASE_URL: `postgres://u:secret@127.0.0.1:${port}/khabar`, PORT: '0' });
    assert.equal(r.code, 1);
    const line = oneLine(r.stderr);
    assert.match(line, new RegExp(`^khabar: cannot reach PostgreSQL at postgres://u:\\*\\*\\*@127\\.0\\.0\\.1:${port}/khabar`));
    assert.ok(!line.includes('secret'));
  });

  test('a port in use', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
    try {
      const r = await serve({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
      assert.equal(r.code, 1);
      assert.equal(oneLine(r.stderr), `khabar: port ${port} on 127.0.0.1 is already in use (set PORT to another)`);
    } finally {
      blocker.close();
    }
  });

  test('an unwritable data folder', async (t) => {
    if (process.getuid?.() === 0) {
      // root may write anywhere; a path under a regular file can never be a folder.
      const file = join(dataDir, 'not-a-folder');
      (await import('node:fs')).writeFileSync(file, 'x');
      const r = await serve({ DATA_DIR: join(file, 'data'), PORT: '0' });
      assert.equal(r.code, 1);
      assert.match(oneLine(r.stderr), /^khabar: data folder .*not-a-folder\/data is not writable \(ENOTDIR\)/);
      return;
    }
    const locked = join(dataDir, 'locked');
    (await import('node:fs')).mkdirSync(locked);
    chmodSync(locked, 0o500);
    t.after(() => chmodSync(locked, 0o700));
    const r = await serve({ DATA_DIR: locked, PORT: '0' });
    assert.equal(r.code, 1);
    assert.match(oneLine(r.stderr), /^khabar: data folder .* is not writable/);
  });

  test('a bad PORT', async () => {
    const r = await serve({ DATA_DIR: dataDir, PORT: 'eighty' });
    assert.equal(r.code, 1);
    assert.match(oneLine(r.stderr), /^khabar: environment variable PORT is invalid/);
  });

  test('cleans up', () => rmSync(dataDir, { recursive: true, force: true }));
});
