import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importWordPress } from '../../src/importers/wordpress/import.js';
import { DiskMediaStore } from '../../src/media/diskStore.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { site as wpSite, writeGujaratiExport } from '../importers/gujaratiWxr.js';

/** A story published at 00:30 in India on 10 July, which is still 9 July in UTC. */
const midnight = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>સમાચાર</title><link>${wpSite}</link><wp:base_site_url>${wpSite}</wp:base_site_url>
<item><title>મધરાતનું પરિણામ</title><link>${wpSite}/2024/07/10/madhrat/</link><dc:creator>reporter1</dc:creator><guid isPermaLink="false">${wpSite}/?p=501</guid>
<content:encoded><![CDATA[પરિણામ મધરાતે આવ્યું.]]></content:encoded><wp:post_id>501</wp:post_id><wp:post_date>2024-07-10 00:30:00</wp:post_date><wp:post_date_gmt>2024-07-09 19:00:00</wp:post_date_gmt>
<wp:post_name>madhrat</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="%e0%aa%97%e0%ab%81%e0%aa%9c%e0%aa%b0%e0%aa%be%e0%aa%a4">ગુજરાત</category></item>
</channel></rss>`;

describe(`WordPress date archives, _jsonp, tax_relation (${testDialect})`, () => {
  let site: TestSite;
  let dir: string;
  const get = (path: string) => fetch(`${site.url}${path}`, { redirect: 'manual' });

  before(async () => {
    site = await startTestSite();
    dir = mkdtempSync(join(tmpdir(), 'khabar-wparchives-'));
    const { file, uploads } = await writeGujaratiExport(dir, { extraPosts: 3 });
    const deps = { db: site.database.db, feed: site.feed, media: new DiskMediaStore(join(site.database.dir, 'media')) };
    await importWordPress(deps, { file, uploadsDir: uploads });
    writeFileSync(join(dir, 'midnight.xml'), midnight);
    await importWordPress(deps, { file: join(dir, 'midnight.xml') });
    await site.changeSettings({ pageSize: 2 });
  });
  after(async () => {
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("WordPress's date archives lead to Khabar's, one 301, days counted on the site's clock", async () => {
    for (const [old, to] of [
      ['/2024/07/', '/archive/2024/07'],
      ['/2024/07/10/', '/archive/2024/07/10'],
      ['/2024/', '/archive/2024'],
      ['/2024/08/page/2/', '/archive/2024/08?page=2'],
      ['/2024/07/?utm_source=whatsapp', '/archive/2024/07?utm_source=whatsapp'],
    ] as const) {
      const res = await get(old);
      assert.equal(res.status, 301, old);
      assert.equal(res.headers.get('location'), to, old);
    }
    const july = await (await get('/archive/2024/07')).text();
    assert.match(july, /<h1>જુલાઈ 2024ના સમાચાર<\/h1>|<h1>જુલાઈ ૨૦૨૪ના સમાચાર<\/h1>/);
    // Two a page, newest first: the 10th's story and the password-protected one of the 5th, then the 2nd's.
    assert.match(july, /મધરાતનું પરિણામ[\s\S]*પાસવર્ડવાળો લેખ/);
    assert.match(await (await get('/archive/2024/07?page=2')).text(), /ભારતે શ્રેણી જીતી/);
    assert.doesNotMatch(july, /સમાચાર નંબર/, 'August stories are not in July');
    const tenth = await (await get('/archive/2024/07/10')).text();
    assert.match(tenth, /મધરાતનું પરિણામ/, '00:30 in India is the 10th, though it is the 9th in UTC');
    assert.doesNotMatch(await (await get('/archive/2024/07/09')).text(), /મધરાતનું પરિણામ/);
    const second = await get('/archive/2024/08?page=2');
    assert.equal(second.status, 200);
    for (const missing of ['/archive/2024/13', '/archive/2024/02/30', '/archive/1999', '/archive/2024/08?page=9', '/archive/૨૦૨૪']) {
      assert.equal((await get(missing)).status, 404, missing);
    }
  });

  test('_jsonp wraps the answer in a call; a callback that is not a name is refused in Gujarati', async () => {
    const res = await get('/wp-json/wp/v2/posts/101?_jsonp=khabar.show_1');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/javascript/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    const body = await res.text();
    assert.match(body, /^\/\*\*\/khabar\.show_1\(\{"id":101,/);
    assert.ok(body.endsWith(')'));
    const bad = await get(`/wp-json/wp/v2/posts?_jsonp=${encodeURIComponent('alert(1)')}`);
    assert.equal(bad.status, 400);
    const error = (await bad.json()) as { code: string; message: string };
    assert.equal(error.code, 'rest_callback_invalid');
    assert.match(error.message, /અમાન્ય/);
  });

  test('tax_relation=OR: in the category or with the tag; AND (the default) in both', async () => {
    const ids = async (q: string) => ((await (await get(`/wp-json/wp/v2/posts?per_page=100&${q}`)).json()) as { id: number }[]).map((p) => p.id).sort((a, b) => a - b);
    // Category 5 is ક્રિકેટ (102), tag 10 is વરસાદ (101 and some August stories).
    const inCategory = await ids('categories=5');
    const tagged = await ids('tags=10');
    assert.deepEqual(inCategory, [102]);
    assert.ok(tagged.includes(101) && !tagged.includes(102));
    assert.deepEqual(await ids('categories=5&tags=10&tax_relation=OR'), [...new Set([...inCategory, ...tagged])].sort((a, b) => a - b));
    assert.deepEqual(await ids('categories=5&tags=10'), []);
    assert.deepEqual(await ids('categories=5&tags=10&tax_relation=AND'), []);
    const bad = await get('/wp-json/wp/v2/posts?tax_relation=XOR');
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { code: string }).code, 'rest_invalid_param');
  });
});
