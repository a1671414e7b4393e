import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { shareCardFonts } from '../../src/media/shareCard.js';
import { storyForDelivery } from '../../src/distribution/story.js';
import { visibleNow } from '../../src/content/visibility.js';
import * as cheerio from 'cheerio';
import { startTestSite } from '../helpers/site.js';
import { api, signIn } from '../helpers/newsroom.js';

const skip = shareCardFonts() ? false : 'Noto Sans Gujarati is not installed (apt-get install fonts-noto-core): no share cards';
if (skip) console.log(`# SKIP share card pages: ${skip}`);

const metaContent = (html: string, attr: 'property' | 'name', key: string) => new RegExp(`<meta ${attr}="${key}" content="([^"]*)"`).exec(html)?.[1];

test('a story page names its share card as og:image and twitter:image; the card is made once and follows the headline', { skip }, async () => {
  const site = await startTestSite();
  try {
    const { db } = site.database;
    const story = await db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.id', 'articles.slug', 'sections.slug as section'])
      .where(visibleNow())
      .orderBy('articles.id')
      .executeTakeFirstOrThrow();
    const pageUrl = `${site.url}/${story.section}/${encodeURIComponent(story.slug)}`;
    const html = await (await fetch(pageUrl)).text();
    const og = metaContent(html, 'property', 'og:image');
    assert.match(og ?? '', new RegExp(`^${site.url}/cards/${story.id}-[0-9a-f]{20}\\.jpg$`));
    assert.equal(metaContent(html, 'property', 'og:image:width'), '1200');
    assert.equal(metaContent(html, 'property', 'og:image:height'), '630');
    assert.equal(metaContent(html, 'name', 'twitter:image'), og);
    assert.equal(metaContent(html, 'name', 'twitter:card'), 'summary_large_image');

    const first = await fetch(og!);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('content-type'), 'image/jpeg');
    assert.match(first.headers.get('cache-control') ?? '', /immutable/);
    const meta = await sharp(Buffer.from(await first.arrayBuffer())).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 1200, 630]);
    const again = await fetch(og!);
    assert.equal(again.headers.get('etag'), first.headers.get('etag'), 'served from the store, not drawn again');
    assert.equal((await fetch(og!, { headers: { 'if-none-match': first.headers.get('etag')! } })).status, 304);

    // A new headline: a new card; the old name (a page cached before the edit) leads to it.
    await db.updateTable('articles').set({ headline: 'શ્રમિકો માટે ક્ષેત્રીય યોજના: જ્ઞાન અને કાર્યની નવી દિશા' }).where('id', '=', story.id).execute();
    const moved = await fetch(og!, { redirect: 'manual' });
    assert.equal(moved.status, 302);
    const next = new URL(moved.headers.get('location')!, site.url).href;
    assert.notEqual(next, og);
    assert.equal((await fetch(next)).status, 200);

    // Channels: a story without an image of its own is posted with its card.
    await db.updateTable('articles').set({ featured_media_id: null }).where('id', '=', story.id).execute();
    const delivery = await storyForDelivery(db, story.id, 'published', site.url);
    assert.ok(delivery && !('invalid' in delivery.message));
    assert.match(delivery.message.imageUrl ?? '', new RegExp(`^${site.url}/cards/${story.id}-[0-9a-f]{20}\\.jpg$`));

    // Not public, no card: a draft's headline does not leave the newsroom.
    await db.updateTable('articles').set({ status: 'draft' }).where('id', '=', story.id).execute();
    assert.equal((await fetch(next)).status, 404);
    assert.equal((await fetch(`${site.url}/cards/${story.id}-nothex.jpg`)).status, 404);
  } finally {
    await site.close();
  }
});

test("the editor's social card shows the story's share card as saved, for people who may see the story only", { skip }, async () => {
  const site = await startTestSite();
  try {
    const editor = await signIn(site, 'editor');
    const section = await site.database.db.selectFrom('sections').select('id').orderBy('id').executeTakeFirstOrThrow();
    const created = await api(site, editor, 'POST', '/newsroom/api/articles', { headline: 'જ્ઞાનસત્રમાં ક્ષત્રિય શ્રમિકોનો કાર્યક્રમ', sectionId: section.id, bodyHtml: '<p>અમદાવાદમાં સભા.</p>' });
    const { id } = (await created.json()) as { id: number };
    const $ = cheerio.load(await (await fetch(`${site.url}/newsroom/articles/${id}/edit`, { headers: { cookie: editor.cookie } })).text());
    const src = $('.social-card img').attr('src') ?? '';
    assert.match(src, new RegExp(`^/newsroom/articles/${id}/share-card\\.jpg\\?v=\\d+$`));
    const card = await fetch(`${site.url}${src}`, { headers: { cookie: editor.cookie } });
    assert.equal(card.status, 200);
    assert.equal(card.headers.get('content-type'), 'image/jpeg');
    const meta = await sharp(Buffer.from(await card.arrayBuffer())).metadata();
    assert.deepEqual([meta.width, meta.height], [1200, 630]);
    const anonymous = await fetch(`${site.url}${src}`, { redirect: 'manual' });
    assert.notEqual(anonymous.status, 200, 'a draft card needs a signed-in newsroom member');
    const other = await signIn(site, 'contributor');
    assert.notEqual((await fetch(`${site.url}${src}`, { headers: { cookie: other.cookie }, redirect: 'manual' })).status, 200, "another contributor's draft is not theirs to see");
  } finally {
    await site.close();
  }
});
