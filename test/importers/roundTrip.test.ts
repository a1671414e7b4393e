import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalChangeFeed } from '../../src/content/changes.js';
import { getSettings } from '../../src/content/settings.js';
import { exportSite } from '../../src/importers/export.js';
import { importWordPress } from '../../src/importers/wordpress/import.js';
import { wordpressContent } from '../../src/importers/wordpress/wxrExport.js';
import { DiskMediaStore } from '../../src/media/diskStore.js';
import { openTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';
import { site, writeGujaratiExport } from './gujaratiWxr.js';
import { snapshot } from './snapshot.js';

/** A page and a sticky post, which the shared fixture does not have, from the same WordPress site. */
const extra = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/">
<channel><title>સમાચાર દર્પણ</title><description>ગુજરાતના તાજા સમાચાર</description><link>${site}</link><wp:base_site_url>${site}</wp:base_site_url>
<item><title>અમારા વિશે</title><link>${site}/about-us/</link><dc:creator>reporter1</dc:creator><guid isPermaLink="false">${site}/?page_id=300</guid>
<content:encoded><![CDATA[અમે ગુજરાતના સમાચાર આપીએ છીએ.]]></content:encoded><wp:post_id>300</wp:post_id><wp:post_date>2024-01-01 10:00:00</wp:post_date><wp:post_date_gmt>2024-01-01 04:30:00</wp:post_date_gmt>
<wp:post_name>about-us</wp:post_name><wp:status>publish</wp:status><wp:post_type>page</wp:post_type></item>
<item><title>મધરાતે પરિણામ</title><link>${site}/2024/07/10/madhrate/</link><dc:creator>reporter2</dc:creator><guid isPermaLink="false">${site}/?p=301</guid>
<content:encoded><![CDATA[મધરાતે પરિણામ જાહેર થયું.]]></content:encoded><wp:post_id>301</wp:post_id><wp:post_date>2024-07-10 00:30:00</wp:post_date><wp:post_date_gmt>2024-07-09 19:00:00</wp:post_date_gmt>
<wp:post_name>madhrate</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><wp:is_sticky>1</wp:is_sticky>
<category domain="category" nicename="%e0%aa%97%e0%ab%81%e0%aa%9c%e0%aa%b0%e0%aa%be%e0%aa%a4">ગુજરાત</category>
<wp:comment><wp:comment_id>400</wp:comment_id><wp:comment_author>વાચક</wp:comment_author><wp:comment_date>2024-07-10 01:05:00</wp:comment_date><wp:comment_date_gmt>2024-07-09 19:35:00</wp:comment_date_gmt><wp:comment_content>સરસ</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
<wp:comment><wp:comment_id>401</wp:comment_id><wp:comment_author>બીજો વાચક</wp:comment_author><wp:comment_date>2024-07-10 02:00:00</wp:comment_date><wp:comment_date_gmt>2024-07-09 20:30:00</wp:comment_date_gmt><wp:comment_content>હા, ખરેખર</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>400</wp:comment_parent></wp:comment>
</item>
<item><title>મેચનો વિડિયો: સુરતમાં જીત</title><link>${site}/2024/07/11/match-video/</link><dc:creator>reporter1</dc:creator><guid isPermaLink="false">${site}/?p=302</guid>
<content:encoded><![CDATA[મેચની ઝલક.]]></content:encoded><wp:post_id>302</wp:post_id><wp:post_date>2024-07-11 09:00:00</wp:post_date><wp:post_date_gmt>2024-07-11 03:30:00</wp:post_date_gmt>
<wp:comment_status>closed</wp:comment_status><wp:post_name>match-video</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><wp:post_password>ગુપ્ત-૧૨</wp:post_password>
<category domain="category" nicename="cricket">ક્રિકેટ</category>
<category domain="category" nicename="%e0%aa%97%e0%ab%81%e0%aa%9c%e0%aa%b0%e0%aa%be%e0%aa%a4">ગુજરાત</category>
<category domain="post_format" nicename="post-format-video">Video</category>
<wp:comment><wp:comment_id>402</wp:comment_id><wp:comment_author>વાચક</wp:comment_author><wp:comment_date>2024-07-11 10:00:00</wp:comment_date><wp:comment_date_gmt>2024-07-11 04:30:00</wp:comment_date_gmt><wp:comment_content><![CDATA[જુઓ <a href="https://example.org/score">સ્કોર</a>]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
</item></channel></rss>`;

/** What must come back the same, beyond the natural-key snapshot: WordPress ids, pins, the site's name. */
async function identity(d: TestDatabase) {
  const spam = new Set((await d.db.selectFrom('comments').select('id').where('status', '=', 'spam').execute()).map((c) => c.id));
  const ids = (await d.db.selectFrom('wp_ids').select(['kind', 'wp_id', 'guid', 'local_id']).orderBy('kind').orderBy('wp_id').execute())
    .filter((r) => !(r.kind === 'comment' && spam.has(r.local_id)))
    .map(({ local_id: _, ...r }) => r);
  const pins = await d.db.selectFrom('home_pins').innerJoin('articles', 'articles.id', 'home_pins.article_id').select(['articles.slug', 'home_pins.position']).orderBy('position').execute();
  const pages = await d.db.selectFrom('articles').select(['slug', 'headline', 'status']).where('kind', '=', 'page').orderBy('slug').execute();
  const s = await getSettings(d.db);
  return { ids, pins, pages, name: s.name, tagline: s.tagline };
}

/** The export without the lines that carry the time it was made. */
const stable = (text: string) => text.split('\n').filter((l) => !/^<!-- generator|^\t<pubDate>/.test(l)).join('\n');

describe(`WXR round trip: Khabar → WordPress export → an empty Khabar (${testDialect})`, () => {
  let dir: string;
  let source: TestDatabase;
  const deps = (d: TestDatabase) => ({ db: d.db, feed: new LocalChangeFeed(), media: new DiskMediaStore(join(d.dir, 'media')), publicUrl: 'https://khabar.example' });
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'khabar-roundtrip-'));
    const { file, uploads } = await writeGujaratiExport(dir, { extraPosts: 5 });
    source = await openTestDatabase();
    await importWordPress(deps(source), { file, uploadsDir: uploads });
    writeFileSync(join(dir, 'extra.xml'), extra);
    await importWordPress(deps(source), { file: join(dir, 'extra.xml') });
  });
  after(async () => {
    await source.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the export is written as WordPress writes it: site time and GMT, threads, pages, absolute images, parents, sticky, embeds, title', async () => {
    const wxr = join(dir, 'site.xml');
    await exportSite(deps(source), wxr, 'wxr', { uploadsDir: join(dir, 'out-uploads') });
    const text = readFileSync(wxr, 'utf8');
    // The first import named the site; the second (another title) left it alone.
    assert.match(text, /<title>સમાચાર<\/title>/);
    assert.match(text, /<description>ગુજરાતના તાજા સમાચાર<\/description>/);
    const item = (id: number) => text.split('\t<item>').find((x) => x.includes(`<wp:post_id>${id}</wp:post_id>`)) ?? '';
    const midnight = item(301);
    assert.match(midnight, /<wp:post_date><!\[CDATA\[2024-07-10 00:30:00\]\]><\/wp:post_date>/, 'post_date on the site clock');
    assert.match(midnight, /<wp:post_date_gmt><!\[CDATA\[2024-07-09 19:00:00\]\]><\/wp:post_date_gmt>/);
    assert.match(midnight, /<pubDate>Tue, 09 Jul 2024 19:00:00 \+0000<\/pubDate>/);
    assert.match(midnight, /<wp:is_sticky>1<\/wp:is_sticky>/);
    assert.match(midnight, /<wp:comment_date><!\[CDATA\[2024-07-10 02:00:00\]\]><\/wp:comment_date>\n\t\t\t<wp:comment_date_gmt><!\[CDATA\[2024-07-09 20:30:00\]\]>/);
    assert.match(midnight, /<wp:comment_parent>400<\/wp:comment_parent>/, 'replies keep their WordPress parent id');
    assert.match(midnight, /<guid isPermaLink="false">https:\/\/samachar\.example\/\?p=301<\/guid>/, 'WordPress GUIDs kept');
    const page = item(300);
    assert.match(page, /<wp:post_type><!\[CDATA\[page\]\]><\/wp:post_type>/);
    assert.match(page, /<link>https:\/\/khabar\.example\/about-us<\/link>/);
    const rain = item(101);
    assert.match(rain, /src="https:\/\/khabar\.example\/media\/wp\/2024\/07\/rain\.jpg"/, 'images by absolute URL');
    assert.doesNotMatch(rain, /(?:src|href)="\/(?!\/)/);
    assert.match(rain, /\n\nhttps:\/\/www\.youtube\.com\/watch\?v=gujarat1abc\n\n/, 'YouTube as a bare URL on its own line');
    assert.match(rain, /<wp:meta_key><!\[CDATA\[_thumbnail_id\]\]><\/wp:meta_key>\n\t\t<wp:meta_value><!\[CDATA\[201\]\]>/);
    const image = item(201);
    assert.match(image, /<wp:post_type><!\[CDATA\[attachment\]\]><\/wp:post_type>/);
    assert.match(image, /<wp:post_parent>101<\/wp:post_parent>/, 'attachment parented to its story');
    assert.match(image, /<wp:attachment_url><!\[CDATA\[https:\/\/khabar\.example\/media\/wp\/2024\/07\/rain\.jpg\]\]>/);
    assert.match(image, /_wp_attached_file\]\]><\/wp:meta_key>\n\t\t<wp:meta_value><!\[CDATA\[2024\/07\/rain\.jpg\]\]>/);
    const video = item(302);
    assert.match(video, /<category domain="category" nicename="cricket"><!\[CDATA\[ક્રિકેટ\]\]><\/category>\n\t\t<category domain="category" nicename="%e0%aa%97/, 'every category, the primary first');
    assert.match(video, /<category domain="post_format" nicename="post-format-video"><!\[CDATA\[Video\]\]><\/category>/);
    assert.match(video, /<wp:post_password><!\[CDATA\[ગુપ્ત-૧૨\]\]><\/wp:post_password>/);
    assert.match(video, /<wp:comment_status><!\[CDATA\[closed\]\]><\/wp:comment_status>/);
    assert.match(video, /<wp:comment_content><!\[CDATA\[<p>જુઓ <a href="https:\/\/example\.org\/score" rel="nofollow ugc">સ્કોર<\/a><\/p>\]\]>/, 'comment links kept');
    assert.doesNotMatch(text, /buy now/, 'spam stays out, as in WordPress');
    assert.ok(readFileSync(join(dir, 'out-uploads', '2024/07/rain.jpg')).length > 1000, 'the originals are written beside the export');
  });

  test('importing that export into an empty Khabar gives back the same site', async () => {
    const first = join(dir, 'first.xml');
    const uploads = join(dir, 'first-uploads');
    await exportSite(deps(source), first, 'wxr', { uploadsDir: uploads });
    const target = await openTestDatabase();
    try {
      const report = await importWordPress(deps(target), { file: first, uploadsDir: uploads });
      assert.deepEqual(report.warnings.filter((w) => !/shortcode|private: imported as unpublished/.test(w.reason)), []);
      // WordPress's exporter leaves spam out, and so does ours: the one thing that does not travel.
      const before = await snapshot(source.db);
      assert.ok(before.comments.some((c) => c.status === 'spam'));
      assert.deepEqual(await snapshot(target.db), { ...before, comments: before.comments.filter((c) => c.status !== 'spam') });
      assert.deepEqual(await identity(target), await identity(source));
      // And the second export is the first, element for element.
      const second = join(dir, 'second.xml');
      await exportSite(deps(target), second, 'wxr');
      assert.equal(stable(readFileSync(second, 'utf8')), stable(readFileSync(first, 'utf8')));
    } finally {
      await target.drop();
    }
  });

  test('bodies for WordPress: embeds become their URL on a line, relative links absolute', () => {
    const body = '<p>એક</p><figure class="embed" data-embed="https://www.youtube.com/watch?v=a1&amp;t=5"><a href="https://www.youtube.com/watch?v=a1&amp;t=5">x</a></figure><p><a href="/tag/વરસાદ">વરસાદ</a> <img src="/media/a.jpg" alt=""></p>';
    assert.equal(
      wordpressContent(body, 'https://khabar.example'),
      '<p>એક</p>\n\nhttps://www.youtube.com/watch?v=a1&t=5\n\n<p><a href="https://khabar.example/tag/વરસાદ">વરસાદ</a> <img src="https://khabar.example/media/a.jpg" alt=""></p>',
    );
  });
});
