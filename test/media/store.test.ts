// The MediaStore contract, one test body run against every store: disk, the database
// (SQLite, and PostgreSQL when KHABAR_TEST_DATABASE_URL is set) and S3 (a local s3rver).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { MediaKeyError, readAll, type MediaStore } from '../../src/media/store.js';
import { storeKinds, type OpenedStore } from './stores.js';

async function all(it: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const k of it) out.push(k);
  return out.sort();
}

async function bytesOf(store: MediaStore, key: string): Promise<Buffer | undefined> {
  const o = await store.get(key);
  return o ? readAll(o.body) : undefined;
}

/** A stream that hands its bytes over in small pieces, as a network body would. */
function trickle(bytes: Buffer, piece = 7000): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += piece) parts.push(bytes.subarray(i, i + piece));
  return Readable.from(parts);
}

for (const kind of storeKinds) {
  describe(`MediaStore contract: ${kind.name}`, () => {
    let opened: OpenedStore;
    let store: MediaStore;
    before(async () => {
      opened = await kind.open();
      store = opened.store;
    });
    after(async () => opened.close());

    const gujaratiKey = 'wp/2011/07/અમદાવાદ રિવરફ્રન્ટ-ફોટો.jpg';

    test('a Buffer put is read back as a stream with its size, type and validators', async () => {
      const bytes = Buffer.from('ગુજરાતી સમાચારની છબી (JPEG નથી, પણ બાઇટ તો બાઇટ છે)');
      await store.put(gujaratiKey, bytes);
      const o = await store.get(gujaratiKey);
      assert.ok(o, 'found');
      assert.equal(o.size, bytes.length);
      assert.equal(o.contentType, 'image/jpeg', 'type from the extension');
      assert.match(o.etag, /^(W\/)?"[^"]+"$/);
      assert.ok(o.lastModified.getTime() > Date.now() - 3_600_000 && o.lastModified.getTime() <= Date.now() + 60_000, `lastModified ${o.lastModified.toISOString()}`);
      assert.ok(o.body instanceof Readable);
      assert.deepEqual(await readAll(o.body), bytes);
      const h = await store.head(gujaratiKey);
      assert.deepEqual(h && { size: h.size, etag: h.etag, type: h.contentType }, { size: o.size, etag: o.etag, type: o.contentType });
      assert.equal(await store.exists(gujaratiKey), true);
    });

    test('an explicit content type is kept where the store records types', async () => {
      await store.put('uploads/2026/05/typed.webp', Buffer.from('RIFF....WEBP'), { contentType: 'image/webp' });
      assert.equal((await store.head('uploads/2026/05/typed.webp'))?.contentType, 'image/webp');
    });

    test('a streamed put, with and without a known size, stores the same bytes', async () => {
      const bytes = randomBytes(300_000);
      await store.put('uploads/2026/05/streamed-sized.png', trickle(bytes), { size: bytes.length });
      await store.put('uploads/2026/05/streamed-unsized.png', trickle(bytes));
      assert.deepEqual(await bytesOf(store, 'uploads/2026/05/streamed-sized.png'), bytes);
      assert.deepEqual(await bytesOf(store, 'uploads/2026/05/streamed-unsized.png'), bytes);
      assert.equal((await store.head('uploads/2026/05/streamed-unsized.png'))?.size, bytes.length);
    });

    test('a large object comes back byte for byte, in more than one chunk', async () => {
      const bytes = randomBytes(2_600_000);
      await store.put('uploads/2026/05/large.jpg', bytes);
      const o = await store.get('uploads/2026/05/large.jpg');
      assert.ok(o);
      assert.equal(o.size, bytes.length);
      let chunks = 0;
      const parts: Buffer[] = [];
      for await (const c of o.body) {
        chunks++;
        parts.push(c as Buffer);
      }
      assert.ok(chunks > 1, `streamed in ${chunks} chunk(s)`);
      assert.ok(Buffer.concat(parts).equals(bytes), 'same bytes');
    });

    test('a put replaces the object whole, and its ETag changes', async () => {
      const key = 'demo/replace-me.jpg';
      await store.put(key, Buffer.from('પહેલી આવૃત્તિ'));
      const first = await store.head(key);
      await store.put(key, Buffer.from('બીજી, થોડી લાંબી આવૃત્તિ'));
      const second = await store.head(key);
      assert.deepEqual(await bytesOf(store, key), Buffer.from('બીજી, થોડી લાંબી આવૃત્તિ'));
      assert.notEqual(first?.etag, second?.etag);
    });

    test('a missing key: get and head give undefined, exists false, delete is no error', async () => {
      assert.equal(await store.get('uploads/none/here.jpg'), undefined);
      assert.equal(await store.head('uploads/none/here.jpg'), undefined);
      assert.equal(await store.exists('uploads/none/here.jpg'), false);
      await store.delete('uploads/none/here.jpg');
    });

    test('delete removes the object and list shows every key, nested and Gujarati ones included', async () => {
      await store.put('demo/metro-400.webp', Buffer.from('a'));
      await store.put('demo/metro-800.webp', Buffer.from('b'));
      const before = await all(store.list());
      for (const k of [gujaratiKey, 'demo/metro-400.webp', 'demo/metro-800.webp', 'uploads/2026/05/large.jpg']) assert.ok(before.includes(k), `${k} listed`);
      await store.delete('demo/metro-400.webp');
      assert.equal(await store.exists('demo/metro-400.webp'), false);
      const afterDelete = await all(store.list());
      assert.ok(!afterDelete.includes('demo/metro-400.webp'));
      assert.equal(afterDelete.length, before.length - 1);
    });

    test('keys that would leave the store are refused before anything is written', async () => {
      const listed = await all(store.list());
      for (const bad of ['../escape.jpg', 'a/../../escape.jpg', '/etc/passwd', 'a//b.jpg', '', 'a\\b.jpg', 'nul\u0000.jpg', 'demo/./x.jpg', 'line\nbreak.jpg']) {
        await assert.rejects(store.put(bad, Buffer.from('x')), MediaKeyError, JSON.stringify(bad));
        await assert.rejects(store.get(bad), MediaKeyError, JSON.stringify(bad));
      }
      assert.deepEqual(await all(store.list()), listed, 'nothing new appeared');
    });

    test('puts to many keys at once all land', async () => {
      const keys = Array.from({ length: 24 }, (_, i) => `uploads/2026/06/parallel-${i}.webp`);
      await Promise.all(keys.map((k, i) => store.put(k, Buffer.from(`છબી ${i}`))));
      for (const [i, k] of keys.entries()) assert.deepEqual(await bytesOf(store, k), Buffer.from(`છબી ${i}`));
    });
  });
}
