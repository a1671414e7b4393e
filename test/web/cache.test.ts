import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { request } from 'node:http';
import { demoContent } from '../../src/demo/content.js';
import { updateArticle, writeArticles, type ArticleFields } from '../../src/newsroom/articleWriter.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { chooseEncoding, PageCache, preparePage } from '../../src/web/plugins/pageCache/cache.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';

/** fetch() always decompresses; this returns the raw bytes and headers. */
function raw(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('PAGE_CACHE_MB sets the byte budget (32 MB unless set); nonsense is refused at start', () => {
  assert.equal(loadConfig({}).pageCacheBytes, 32 * 1024 * 1024);
  assert.equal(loadConfig({ PAGE_CACHE_MB: '200' }).pageCacheBytes, 200 * 1024 * 1024);
  assert.throws(() => loadConfig({ PAGE_CACHE_MB: 'બહુ' }), (e: Error) => e instanceof ConfigError && /PAGE_CACHE_MB/.test(e.message));
});

describe('page cache (unit)', () => {
  test('chooses the encoding the client accepts', () => {
    assert.equal(chooseEncoding('gzip, deflate, br'), 'br');
    assert.equal(chooseEncoding('gzip'), 'gzip');
    assert.equal(chooseEncoding('br;q=0, gzip'), 'gzip');
    assert.equal(chooseEncoding(undefined), 'identity');
    assert.equal(chooseEncoding('identity'), 'identity');
    assert.equal(chooseEncoding('*'), 'br');
  });

  test('drops pages by key and evicts least recently used over its byte budget', async () => {
    const page = (keys: string[]) => preparePage('<p>ગુજરાત સમાચાર</p>'.repeat(50), { status: 200, contentType: 'text/html', cacheControl: 'x', keys });
    const cache = new PageCache(10_000);
    cache.set('/a', await page(['article:1', 'home']), cache.begin());
    cache.set('/b', await page(['article:2']), cache.begin());
    assert.equal(cache.invalidate(['article:1']), 1);
    assert.equal(cache.has('/a'), false);
    assert.equal(cache.has('/b'), true);
    const small = new PageCache(1);
    small.set('/c', await page(['x']), small.begin());
    assert.equal(small.stats().entries, 0, 'a page over the budget is not kept');
  });

  test('a render that overlapped an invalidation is not stored', async () => {
    const cache = new PageCache();
    const started = cache.begin();
    cache.invalidate(['article:1']);
    cache.set('/a', await preparePage('x', { status: 200, contentType: 'text/html', cacheControl: 'x', keys: ['article:1'] }), started);
    assert.equal(cache.has('/a'), false);
  });
});

describe(`page cache over HTTP (${testDialect})`, () => {
  let site: TestSite;
  /** A story change as the newsroom makes it: through the article writer and the site's change feed. */
  const change = (id: number, patch: Partial<ArticleFields>) =>
    writeArticles({ db: site.database.db, feed: site.feed }, 'newsroom', (scope) => updateArticle(scope, id, patch));
  const story = [...demoContent.articles].sort((a, b) => a.hoursAgo - b.hoursAgo)[2]!;
  const other = demoContent.articles.find((a) => a.section !== story.section && !a.tags.some((t) => story.tags.includes(t)))!;
  const storyPath = `/${story.section}/${story.slug}`;
  const otherPath = `/${other.section}/${other.slug}`;

  before(async () => {
    site = await startTestSite();
  });
  after(async () => site.close());

  test('serves brotli and gzip variants with ETag, Cache-Control and 304', async () => {
    const br = await raw(`${site.url}${storyPath}`, { 'accept-encoding': 'br, gzip' });
    assert.equal(br.status, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers['cache-control']), /s-maxage=\d+/);
    assert.match(String(br.headers['cache-control']), /stale-while-revalidate=\d+/);
    assert.equal(br.headers.vary, 'Accept-Encoding');
    const html = brotliDecompressSync(br.body).toString();
    assert.ok(html.includes(story.headline));
    const gz = await raw(`${site.url}${storyPath}`, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.body).toString(), html);
    const plain = await raw(`${site.url}${storyPath}`);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body.toString(), html);
    const etag = String(br.headers.etag);
    assert.ok(etag.startsWith('"'));
    const again = await raw(`${site.url}${storyPath}`, { 'if-none-match': etag });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    assert.ok(site.cache.stats().hits >= 3);
  });

  test('a cache hit answered before routing sends what the routes send: same headers, bytes, 304 and encodings', async () => {
    // `?utm_source=…` is not a shape answered directly: the same cached page, served through Fastify's route.
    assert.equal(site.cache.has('/feed.xml'), false, 'the feed is not cached yet');
    for (const path of ['/', storyPath, `/${story.section}`, '/feed.xml']) {
      // A miss makes only the variant its reader takes; a reader of the other one makes that.
      const fresh = !site.cache.has(path);
      await raw(`${site.url}${path}`, { 'accept-encoding': 'gzip' });
      if (fresh) assert.equal(site.cache.peek(path)?.br, undefined, `${path}: a gzip reader's miss makes no brotli`);
      await raw(`${site.url}${path}`, { 'accept-encoding': 'br' });
      assert.ok(site.cache.peek(path)?.br, `${path}: the first brotli reader's answer is kept`);
      // Read again, the page is recompressed at the best settings in the background: wait for
      // that, so the answers compared below come from one stored copy.
      await raw(`${site.url}${path}`, { 'accept-encoding': 'br' });
      for (let i = 0; i < 100 && site.cache.peek(path)?.effort !== 'best'; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(site.cache.peek(path)?.effort, 'best');
      for (const headers of [{ 'accept-encoding': 'br, gzip' }, { 'accept-encoding': 'gzip' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }, {}] as Record<string, string>[]) {
        const before = site.cache.stats();
        const direct = await raw(`${site.url}${path}`, headers);
        const routed = await raw(`${site.url}${path}?utm_source=${encodeURIComponent('ખબર')}`, headers);
        const after = site.cache.stats();
        assert.equal(after.hits, before.hits + 2, `${path}: both answers are cache hits`);
        assert.equal(after.direct, before.direct + 1, `${path}: one of them answered before routing`);
        const { date: _d1, ...h1 } = direct.headers;
        const { date: _d2, ...h2 } = routed.headers;
        assert.deepEqual(h1, h2, `${path} ${JSON.stringify(headers)}: same headers`);
        assert.equal(direct.status, routed.status);
        assert.deepEqual(direct.body, routed.body, `${path}: same bytes`);
        if (path !== '/feed.xml') assert.match(String(h1['content-security-policy']), /frame-ancestors 'self'/);
        const etag = String(direct.headers.etag);
        const d304 = await raw(`${site.url}${path}`, { ...headers, 'if-none-match': `W/"x", ${etag}` });
        const r304 = await raw(`${site.url}${path}?utm_source=x`, { ...headers, 'if-none-match': `W/"x", ${etag}` });
        assert.equal(d304.status, 304);
        const { date: _d3, ...h3 } = d304.headers;
        const { date: _d4, ...h4 } = r304.headers;
        assert.deepEqual(h3, h4, `${path}: same 304 headers`);
        assert.equal(d304.body.length, 0);
      }
    }
    // A trailing slash is an old WordPress shape: still redirected. A HEAD goes to the route.
    const direct = site.cache.stats().direct;
    const slash = await raw(`${site.url}${storyPath}/`);
    assert.equal(slash.status, 301);
    const head = await new Promise<number>((resolve, reject) => {
      const req = request(`${site.url}${storyPath}`, { method: 'HEAD' }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    assert.equal(head, 200);
    assert.equal(site.cache.stats().direct, direct, 'neither was answered before routing');
  });

  test('a miss is compressed fast; once the page is read again its variants are made at the best settings, same bytes and ETag', async () => {
    const path = otherPath;
    const first = await raw(`${site.url}${path}`, { 'accept-encoding': 'br' });
    const stored = () => site.cache.peek(path);
    assert.equal(stored()?.effort, 'fast', 'stored as rendered: fast compression');
    const second = await raw(`${site.url}${path}`, { 'accept-encoding': 'br' });
    assert.deepEqual(second.body, first.body, 'the second request still gets the stored copy');
    for (let i = 0; i < 100 && stored()?.effort !== 'best'; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(stored()?.effort, 'best', 'recompressed in the background after the second read');
    const third = await raw(`${site.url}${path}`, { 'accept-encoding': 'br' });
    assert.equal(third.headers.etag, first.headers.etag);
    assert.equal(brotliDecompressSync(third.body).toString(), brotliDecompressSync(first.body).toString());
    assert.ok(third.body.length <= first.body.length, `best (${third.body.length} B) is no larger than fast (${first.body.length} B)`);
  });

  test('editing a story refreshes its page, section, home, tag pages and feeds, and leaves unrelated pages cached', async () => {
    const tagPath = `/tag/${story.tags[0]}`;
    const sectionPath = `/${story.section}`;
    const paths = [storyPath, sectionPath, '/', tagPath, '/feed.xml', '/atom.xml', `/${story.section}/feed.xml`, otherPath];
    for (const p of paths) assert.equal((await fetch(`${site.url}${p}`)).status, 200, p);
    for (const p of paths) assert.ok(site.cache.has(p), `${p} is cached`);

    const row = await site.database.db.selectFrom('articles').select('id').where('slug', '=', story.slug).executeTakeFirstOrThrow();
    const headline = `${story.headline} — સુધારેલું શીર્ષક ૨૦૨૬`;
    await change(row.id, { headline });

    for (const p of [storyPath, sectionPath, '/', tagPath, '/feed.xml', '/atom.xml', `/${story.section}/feed.xml`]) {
      assert.equal(site.cache.has(p), false, `${p} was dropped`);
      const body = await (await fetch(`${site.url}${p}`)).text();
      assert.ok(body.includes(headline) || body.includes(headline.replace(/—/g, '&#8212;')), `${p} shows the new headline`);
    }
    assert.ok(site.cache.has(otherPath), 'an unrelated article page stays cached');
  });

  test('publishing a new story shows on home at the next request; unpublishing removes its page', async () => {
    const row = await site.database.db.selectFrom('articles').select(['id', 'slug']).where('slug', '=', other.slug).executeTakeFirstOrThrow();
    await fetch(`${site.url}${otherPath}`);
    await change(row.id, { status: 'unpublished' });
    assert.equal((await fetch(`${site.url}${otherPath}`)).status, 404);
    assert.ok(!(await (await fetch(`${site.url}/`)).text()).includes(other.headline));
    await change(row.id, { status: 'published' });
    assert.equal((await fetch(`${site.url}${otherPath}`)).status, 200);
  });
});
