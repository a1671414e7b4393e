// `/media/…` over real HTTP from each store (disk, database, S3): the bytes streamed with
// their type and length, a year of `immutable` caching, ETag and Last-Modified revalidation
// answered 304 without the bytes, HEAD, and 404 for missing, hidden and escaping paths.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.js';
import { LocalChangeFeed } from '../../src/content/changes.js';
import { buildApp } from '../../src/web/server.js';
import { urls } from '../../src/content/urls.js';
import { freePort } from '../helpers/site.js';
import { storeKinds, type OpenedStore } from './stores.js';

for (const kind of storeKinds) {
  describe(`serving /media from the ${kind.name} store`, () => {
    let opened: OpenedStore;
    let app: FastifyInstance;
    let base: string;
    const dataDir = mkdtempSync(join(tmpdir(), 'khabar-serve-'));
    const variant = randomBytes(150_000);
    const original = randomBytes(900_000);
    const gujarati = 'wp/2024/01/નર્મદા ડેમ-800.webp';

    before(async () => {
      opened = await kind.open();
      await opened.store.put('demo/metro-800.webp', variant, { contentType: 'image/webp' });
      await opened.store.put('uploads/2026/05/0123abcd.jpg', original, { contentType: 'image/jpeg' });
      await opened.store.put(gujarati, variant, { contentType: 'image/webp' });
      const port = await freePort();
      const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, { port, host: '127.0.0.1' });
      ({ app } = await buildApp({ config, database: opened.database, feed: new LocalChangeFeed(), media: opened.store }));
      await app.listen({ port, host: '127.0.0.1' });
      base = config.publicUrl;
    });
    after(async () => {
      await app.close();
      await opened.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('a variant and an original: bytes, type, length and a year of immutable caching', async () => {
      for (const [key, bytes, type] of [
        ['demo/metro-800.webp', variant, 'image/webp'],
        ['uploads/2026/05/0123abcd.jpg', original, 'image/jpeg'],
        [gujarati, variant, 'image/webp'],
      ] as const) {
        const res = await fetch(`${base}${urls.media(key)}`);
        assert.equal(res.status, 200, key);
        assert.equal(res.headers.get('content-type'), type);
        assert.equal(res.headers.get('content-length'), String(bytes.length));
        assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
        assert.match(res.headers.get('etag') ?? '', /^(W\/)?"[^"]+"$/);
        assert.ok(!Number.isNaN(Date.parse(res.headers.get('last-modified') ?? '')), 'last-modified');
        assert.ok(Buffer.from(await res.arrayBuffer()).equals(bytes), `${key}: same bytes`);
      }
    });

    test('revalidation: a matching ETag (strong, weak or in a list) or an unchanged date answers 304 without a body', async () => {
      const url = `${base}${urls.media('demo/metro-800.webp')}`;
      const first = await fetch(url);
      await first.arrayBuffer();
      const etag = first.headers.get('etag')!;
      const bare = etag.replace(/^W\//, '');
      for (const inm of [etag, `W/${bare}`, `"other", ${etag}`, '*']) {
        const res = await fetch(url, { headers: { 'if-none-match': inm } });
        assert.equal(res.status, 304, `If-None-Match: ${inm}`);
        assert.equal(res.headers.get('etag'), etag);
        assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
        assert.equal((await res.arrayBuffer()).byteLength, 0);
      }
      const other = await fetch(url, { headers: { 'if-none-match': '"not-this-one"' } });
      assert.equal(other.status, 200);
      assert.equal((await other.arrayBuffer()).byteLength, variant.length);

      const lastModified = first.headers.get('last-modified')!;
      assert.equal((await fetch(url, { headers: { 'if-modified-since': lastModified } })).status, 304);
      const older = new Date(Date.parse(lastModified) - 86_400_000).toUTCString();
      const changed = await fetch(url, { headers: { 'if-modified-since': older } });
      assert.equal(changed.status, 200);
      await changed.arrayBuffer();
      // If-None-Match wins over If-Modified-Since (RFC 9110).
      assert.equal((await fetch(url, { headers: { 'if-none-match': '"nope"', 'if-modified-since': lastModified } })).status, 200);
    });

    test('HEAD gives the headers and length without the bytes', async () => {
      const res = await fetch(`${base}${urls.media('uploads/2026/05/0123abcd.jpg')}`, { method: 'HEAD' });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-length'), String(original.length));
      assert.equal(res.headers.get('content-type'), 'image/jpeg');
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal((await res.arrayBuffer()).byteLength, 0);
    });

    test('missing, hidden and escaping paths are 404, never a file from elsewhere', async () => {
      for (const path of ['/media/demo/none.webp', '/media/%2e%2e/khabar.db', '/media/demo/%2e%2e/%2e%2e/package.json', '/media/.partial-123', '/media/demo/.hidden.jpg', '/media/demo//metro-800.webp', '/media/']) {
        const res = await fetch(`${base}${path}`);
        assert.equal(res.status, 404, path);
        await res.arrayBuffer();
      }
    });
  });
}
