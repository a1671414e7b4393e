// Image bombs and many large uploads at once, against a server in its own process whose
// memory is read from /proc: the audit's bombs are refused from their headers without the
// hundreds of megabytes they used to cost, and a burst of large genuine photos queues behind
// the image workers instead of each taking its own share. No timings are asserted.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import sharp from 'sharp';
import { openTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';
import { signIn, type Session } from '../helpers/newsroom.js';
import type { TestSite } from '../helpers/site.js';
import { pngBomb, webpBomb } from './images.js';

const MiB = 1024 * 1024;
const linux = existsSync('/proc/self/status');

/** Resident and peak resident memory of a process, from /proc. */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** Starts the peak over from the current size (Linux: "5" to clear_refs resets VmHWM). */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

describe(`image bombs and bursts against a separate server process (${testDialect})`, { skip: linux ? false : 'reads memory from /proc (Linux only)' }, () => {
  let database: TestDatabase;
  let child: ChildProcess;
  let url: string;
  let editor: Session;

  const upload = async (bytes: Buffer, filename: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), filename);
    const res = await fetch(`${url}/newsroom/media`, { method: 'POST', headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, accept: 'application/json' }, body: form });
    return { status: res.status, body: (await res.json()) as { message?: string } };
  };

  before(async () => {
    database = await openTestDatabase();
    child = spawn(process.execPath, ['--import', 'tsx', 'test/media/server.ts', JSON.stringify(database.target), database.dir], {
      env: { ...process.env, MEDIA_IMAGE_WORKERS: '2', MEDIA_UPLOADS_PER_MINUTE: '1000' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    url = `http://127.0.0.1:${(JSON.parse(first) as { port: number }).port}`;
    // signIn uses only the site's address and database; the server is the child process.
    editor = await signIn({ url, database } as TestSite, 'editor');
    // Warm up: sharp, libvips and their threads loaded before anything is measured.
    const warm = await sharp({ create: { width: 1300, height: 700, channels: 3, background: '#369' } }).jpeg().toBuffer();
    assert.equal((await upload(warm, 'warm.jpg')).status, 200);
  });
  after(async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await database.drop();
  });

  test('three WebP bombs and three PNG bombs at once: all refused, peak memory barely moves', async (t) => {
    const bombs = [await webpBomb(), await pngBomb()];
    const pid = child.pid!;
    resetPeak(pid);
    const before = memory(pid);
    const answers = await Promise.all([0, 1, 2].flatMap((i) => [upload(bombs[0]!, `bomb-${i}.webp`), upload(bombs[1]!, `bomb-${i}.png`)]));
    const after = memory(pid);
    for (const a of answers) {
      assert.equal(a.status, 422);
      assert.match(a.body.message ?? '', /(16383 × 16383|16000 × 16000) પિક્સેલની છબી 40 મેગાપિક્સેલની મર્યાદા/);
    }
    const growth = after.peak - before.rss;
    t.diagnostic(`six bombs at once: peak RSS ${(after.peak / MiB).toFixed(0)} MiB, ${(growth / MiB).toFixed(1)} MiB over the ${(before.rss / MiB).toFixed(0)} MiB before`);
    // Decoding even one of them costs 160 MiB or more; three at once cost the old code 841 MiB.
    assert.ok(growth < 64 * MiB, `peak grew by ${(growth / MiB).toFixed(1)} MiB`);
  });

  test('eight 24-megapixel photos at once: all stored, peak memory stays under a generous cap', async (t) => {
    // Noise does not compress, so each is a real 24 MP decode; made once, sent eight times.
    const photo = await sharp(randomBytes(1500 * 1000 * 3), { raw: { width: 1500, height: 1000, channels: 3 } }).resize(6000, 4000, { kernel: 'nearest' }).jpeg({ quality: 70 }).toBuffer();
    assert.ok(photo.length < 10_000_000, `photo is ${photo.length} bytes, under the default upload limit`);
    const pid = child.pid!;
    resetPeak(pid);
    const before = memory(pid);
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => upload(photo, `ફોટો-${i}.jpg`)));
    const after = memory(pid);
    for (const a of answers) assert.equal(a.status, 200, a.body.message);
    const growth = after.peak - before.rss;
    t.diagnostic(`eight 24 MP uploads at once: peak RSS ${(after.peak / MiB).toFixed(0)} MiB, ${(growth / MiB).toFixed(1)} MiB over the ${(before.rss / MiB).toFixed(0)} MiB before`);
    // Eight full decodes at once would be 8 × 72 MiB of pixels alone; two workers keep it to a fraction.
    assert.ok(growth < 400 * MiB, `peak grew by ${(growth / MiB).toFixed(1)} MiB`);
  });
});
