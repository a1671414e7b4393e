import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { demoContent } from '../../src/demo/content.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';

const gujaratiMonths = ['જાન્યુઆરી', 'ફેબ્રુઆરી', 'માર્ચ', 'એપ્રિલ', 'મે', 'જૂન', 'જુલાઈ', 'ઑગસ્ટ', 'સપ્ટેમ્બર', 'ઑક્ટોબર', 'નવેમ્બર', 'ડિસેમ્બર'];

function jsonLd(html: string): Record<string, unknown>[] {
  const $ = load(html);
  return $('script[type="application/ld+json"]')
    .toArray()
    .map((el) => JSON.parse($(el).text()) as Record<string, unknown>);
}

describe(`reader pages (${testDialect})`, () => {
  let site: TestSite;
  const sub = demoContent.sections.find((s) => s.parent !== undefined);
  assert.ok(sub, 'the demo has a sub-section');
  const parent = demoContent.sections.find((s) => s.slug === sub.parent)!;
  const story = [...demoContent.articles].sort((a, b) => a.hoursAgo - b.hoursAgo).find((a) => a.section === sub.slug)!;

  before(async () => {
    site = await startTestSite();
  });
  after(async () => site.close());

  test('home shows a top story, the latest list and a block per section', async () => {
    const res = await fetch(`${site.url}/`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html; charset=utf-8/);
    const $ = load(await res.text());
    assert.equal($('html').attr('lang'), 'gu-IN');
    assert.equal($('a.skip').attr('href'), '#main');
    assert.equal($('main#main').length, 1);
    assert.equal($('.lead .card-title a').length, 1);
    assert.ok($('.latest li').length >= 5);
    const blocks = $('.block .block-title a').toArray().map((el) => $(el).text());
    for (const s of demoContent.sections.filter((x) => !x.parent)) {
      if (demoContent.articles.some((a) => a.section === s.slug || demoContent.sections.find((c) => c.slug === a.section)?.parent === s.slug)) {
        assert.ok(blocks.includes(s.name), `home has a block for ${s.name}`);
      }
    }
    const breaking = demoContent.articles.find((a) => a.breaking)!;
    assert.equal($('.lead .card-title a').text(), breaking.headline, 'the breaking story leads');
    assert.ok(jsonLd($.html()).some((o) => o['@type'] === 'NewsMediaOrganization'));
  });

  test('article page has every part of the sketch, in order', async () => {
    const path = `/${story.section}/${story.slug}`;
    const res = await fetch(`${site.url}${path}`);
    assert.equal(res.status, 200);
    const html = await res.text();
    const $ = load(html);
    const crumbs = $('nav.crumbs li').toArray().map((el) => $(el).text());
    assert.deepEqual(crumbs, ['ખબર', parent.name, sub.name, story.headline]);
    assert.equal($('h1.headline').text(), story.headline);
    assert.match($('.counters').text(), /💬/);
    assert.match($('.counters').text(), /👁/);
    assert.equal($('[data-count=views]').text(), story.views.toLocaleString('en-IN'));
    assert.equal($('.story > .dek').text(), story.dek);
    const byline = $('.byline').text();
    const author = demoContent.authors.find((p) => p.slug === story.authors[0])!;
    assert.ok(byline.includes(author.name), 'byline names the author');
    assert.ok(gujaratiMonths.some((m) => byline.includes(m)), `byline date is in Gujarati: ${byline}`);
    assert.match(byline, /IST/);
    assert.match($('.byline time').attr('datetime') ?? '', /\+05:30$/);
    assert.equal($('.body p').first().text(), story.paragraphs.find((p) => !p.startsWith('## ') && !p.startsWith('> ')));
    const tagNames = $('.tags a').toArray().map((el) => $(el).text());
    assert.deepEqual(new Set(tagNames), new Set(story.tags.map((t) => demoContent.tags[t])));
    const shares = $('.share a').toArray().map((el) => $(el).attr('href') ?? '');
    for (const host of ['https://wa.me/', 'https://t.me/share', 'https://x.com/intent', 'https://www.facebook.com/sharer']) {
      assert.ok(shares.some((h) => h.startsWith(host)), `share link ${host}`);
    }
    assert.equal($('.share [data-copy]').attr('data-copy'), `${site.url}${path}`);
    assert.ok($('.related .card').length >= 1, 'related stories');
    const follow = $('.follow-box .follow a').toArray().map((el) => $(el).text());
    assert.deepEqual(follow, ['Telegram', 'WhatsApp', 'Instagram', 'X', 'Facebook', 'YouTube']);
    // Order of the sketch: breadcrumb, headline, counters, dek, byline, share (under the headline block), body, tags, share.
    const order = ['nav.crumbs', 'h1.headline', '.counters', '.story > .dek', '.byline', '.share-top', '.body', '.tags', '.share:not(.share-top)'].map((sel) =>
      html.indexOf($(sel).first().prop('outerHTML') ?? '∅'),
    );
    assert.ok(order.every((pos, i) => pos >= 0 && (i === 0 || pos > order[i - 1]!)), `page order ${order.join(',')}`);
    // Images keep their box and offer WebP.
    const img = $('.hero img');
    assert.ok(img.attr('width') && img.attr('height') && img.attr('alt'));
    assert.match($('.hero source').attr('type') ?? '', /webp/);
  });

  test('article page head: canonical, OpenGraph, Twitter card, JSON-LD', async () => {
    const path = `/${story.section}/${story.slug}`;
    const $ = load(await (await fetch(`${site.url}${path}`)).text());
    assert.equal($('link[rel=canonical]').attr('href'), `${site.url}${path}`);
    assert.equal($('meta[property="og:type"]').attr('content'), 'article');
    assert.equal($('meta[property="og:title"]').attr('content'), story.headline);
    // The story's share card (its headline over its image), or the image itself without the card font.
    assert.match($('meta[property="og:image"]').attr('content') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/(cards|media)\/.+\.jpg$/);
    assert.equal($('meta[name="twitter:card"]').attr('content'), 'summary_large_image');
    const ld = jsonLd($.html());
    const article = ld.find((o) => o['@type'] === 'NewsArticle');
    assert.ok(article, 'NewsArticle');
    assert.equal(article.headline, story.headline);
    assert.match(String(article.datePublished), /\+05:30$/);
    const crumbs = ld.find((o) => o['@type'] === 'BreadcrumbList') as { itemListElement: { name: string; position: number }[] };
    assert.deepEqual(crumbs.itemListElement.map((i) => i.name), ['ખબર', parent.name, sub.name, story.headline]);
    assert.ok(ld.some((o) => o['@type'] === 'NewsMediaOrganization'));
    // The image in the head must exist.
    const og = await fetch($('meta[property="og:image"]').attr('content')!);
    assert.equal(og.status, 200);
    assert.equal(og.headers.get('content-type'), 'image/jpeg');
    assert.match(og.headers.get('cache-control') ?? '', /immutable/);
  });

  test('an article asked for under the wrong section is sent to its own URL', async () => {
    const res = await fetch(`${site.url}/${parent.slug === story.section ? 'gujarat' : parent.slug}/${story.slug}`, { redirect: 'manual' });
    assert.equal(res.status, 301);
    assert.equal(res.headers.get('location'), `/${story.section}/${story.slug}`);
  });

  test('section front lists its own and its sub-sections’ stories, with sub-section links and paging', async () => {
    const res = await fetch(`${site.url}/${parent.slug}`);
    assert.equal(res.status, 200);
    const $ = load(await res.text());
    assert.equal($('h1').text(), parent.name);
    assert.ok($('.subnav a').toArray().some((el) => $(el).text() === sub.name));
    const headlines = $('.card-title a').toArray().map((el) => $(el).text());
    assert.ok(headlines.includes(story.headline), 'a sub-section story shows on the parent front');
    const inFamily = demoContent.articles.filter((a) => a.section === parent.slug || a.section === sub.slug).length;
    assert.equal(headlines.length, Math.min(12, inFamily));
    if (inFamily > 12) {
      assert.equal($('a[rel=next]').attr('href'), `/${parent.slug}?page=2`);
      const second = await fetch(`${site.url}/${parent.slug}?page=2`);
      assert.equal(second.status, 200);
    }
    for (const bad of ['?page=0', '?page=abc', '?page=999']) {
      const r = await fetch(`${site.url}/${parent.slug}${bad}`);
      assert.equal(r.status, 404, `page ${bad}`);
    }
  });

  test('tag and author pages', async () => {
    const tag = story.tags[0]!;
    const res = await fetch(`${site.url}/tag/${tag}`);
    assert.equal(res.status, 200);
    const $ = load(await res.text());
    assert.ok($('h1').text().includes(demoContent.tags[tag]!));
    assert.ok($('.card-title a').toArray().some((el) => $(el).text() === story.headline));
    const author = demoContent.authors.find((p) => p.slug === story.authors[0])!;
    const res2 = await fetch(`${site.url}/author/${author.slug}`);
    assert.equal(res2.status, 200);
    const $2 = load(await res2.text());
    assert.equal($2('h1').text(), author.name);
    assert.ok($2('.author-bio').text().includes(author.bio));
  });

  test('unknown paths and slugs give the Gujarati 404 page with status 404', async () => {
    for (const path of ['/no-such-section', `/${story.section}/no-such-story`, '/tag/no-such-tag', '/author/nobody', '/a/b/c/d', '/%E0%AA%96%E0%AA%AC%E0%AA%B0']) {
      const res = await fetch(`${site.url}${path}`);
      assert.equal(res.status, 404, path);
      const $ = load(await res.text());
      assert.equal($('h1').text(), 'પાનું મળ્યું નહીં', path);
      assert.equal($('meta[name=robots]').attr('content'), 'noindex');
    }
  });

  test('a stored redirect answers 301', async () => {
    await site.database.db
      .insertInto('redirects')
      .values({ from_path: '/જૂનું-સરનામું', to_path: `/${story.section}/${story.slug}`, status_code: 301, created_at: new Date().toISOString() })
      .execute();
    const res = await fetch(`${site.url}/${encodeURIComponent('જૂનું-સરનામું')}`, { redirect: 'manual' });
    assert.equal(res.status, 301);
    assert.equal(res.headers.get('location'), `/${story.section}/${story.slug}`);
  });

  test('English UI when the site setting says so', async () => {
    await site.changeSettings({ locale: 'en' });
    await new Promise((r) => setTimeout(r, 100));
    const $ = load(await (await fetch(`${site.url}/no-such-page`)).text());
    assert.equal($('html').attr('lang'), 'en-IN');
    assert.equal($('h1').text(), 'Page not found');
    await site.changeSettings({ locale: 'gu' });
    await new Promise((r) => setTimeout(r, 100));
    const $2 = load(await (await fetch(`${site.url}/`)).text());
    assert.equal($2('html').attr('lang'), 'gu-IN');
  });

  test('a database failure gives the Gujarati 500 page, not a stack trace', async () => {
    site.cache.clear();
    await site.database.db.schema.alterTable('articles').renameTo('articles_away').execute();
    try {
      const res = await fetch(`${site.url}/${story.section}/${story.slug}`);
      assert.equal(res.status, 500);
      const $ = load(await res.text());
      assert.equal($('h1').text(), 'કંઈક ખોટું થયું');
    } finally {
      await site.database.db.schema.alterTable('articles_away').renameTo('articles').execute();
    }
  });
});
