// Issue #16 item 4: the once-a-minute audience refresh must not re-render hot pages. A cached page
// is dropped only when a most-read list it shows changed order; counts never drop anything.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { Audience } from '../../src/audience/service.js';
import { hourKey } from '../../src/audience/visitor.js';
import { latestArticles } from '../../src/content/stories.js';
import { urls } from '../../src/content/urls.js';

describe(`the minute refresh and cached pages (${testDialect})`, () => {
  let site: TestSite;
  let audience: Audience;
  const errors: unknown[] = [];

  before(async () => {
    site = await startTestSite();
    // The refresh the app's timer runs every minute, driven by hand here.
    audience = new Audience({
      db: site.database.db,
      dialect: site.database.dialect,
      timeZone: () => 'Asia/Kolkata',
      invalidate: (keys) => site.cache.invalidate(keys),
      onError: (_message, err) => errors.push(err),
    });
  });
  after(() => site.close());

  test('unchanged lists drop no page, counts included; a changed list drops only the pages showing it', async () => {
    const hour = hourKey(new Date());
    const addViews = (articleId: number, views: number) =>
      site.database.db
        .insertInto('article_views_hourly')
        .values({ article_id: articleId, hour, views })
        .onConflict((oc) => oc.columns(['article_id', 'hour']).doUpdateSet((eb) => ({ views: eb('article_views_hourly.views', '+', eb.ref('excluded.views')) })))
        .execute();
    const stories = await latestArticles(site.database.db, { now: new Date(), limit: 40 });
    // Two stories read this hour, the first more: the list the pages show.
    await addViews(stories[0]!.id, 500);
    await addViews(stories[1]!.id, 300);
    const shown = (await audience.board.get()).map((i) => i.article.id);
    assert.deepEqual(shown, [stories[0]!.id, stories[1]!.id]);
    site.cache.clear();
    const pages = ['/', urls.article(stories[2]!.sectionSlug, stories[2]!.slug), urls.rss()];
    for (const path of pages) assert.equal((await fetch(`${site.url}${path}`)).status, 200, path);
    const cached = pages.map((path) => site.cache.peek(path));
    cached.forEach((page, i) => assert.ok(page, `${pages[i]} is cached`));

    // New views that leave the order as it is (the leader gains), three minutes running.
    for (let minute = 0; minute < 3; minute++) {
      await addViews(stories[0]!.id, 1000);
      await audience.refresh();
    }
    pages.forEach((path, i) => assert.equal(site.cache.peek(path), cached[i], `${path} was not rendered again`));

    // A story from outside the list overtakes both: the list changes.
    await addViews(stories[3]!.id, 10_000_000);
    await audience.refresh();
    assert.equal(site.cache.peek('/'), undefined, 'the home page shows the list: dropped');
    assert.equal(site.cache.peek(pages[1]!), undefined, 'an article page shows the list: dropped');
    assert.equal(site.cache.peek(urls.rss()), cached[2], 'the feed does not show it: kept');
    assert.deepEqual(errors, []);
  });
});
