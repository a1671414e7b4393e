// Analytics and most-read from real beacons: the dashboard's figures equal the counters,
// referrers are domains only, the SVG chart is accessible, CSV exports, the most-read API and
// blocks follow the decayed score.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { signIn, type Session } from '../helpers/newsroom.js';
import { latestArticles, type ArticleCard } from '../../src/content/stories.js';
import { urls } from '../../src/content/urls.js';
import { decayWeight, trendingScore } from '../../src/audience/trending.js';
import { referrerDomain, visitorHash } from '../../src/audience/visitor.js';
import { toCsv } from '../../src/audience/analytics.js';
import { sendBeacons, visitorIp, waitFor } from './beacons.js';

describe('audience pure functions', () => {
  test('decay halves every six hours; the score weighs recent hours more', () => {
    const now = new Date('2026-11-27T12:30:00Z');
    assert.equal(decayWeight('2026-11-27T12', now), 1);
    assert.ok(Math.abs(decayWeight('2026-11-27T06', now) - 0.5) < 1e-9);
    const fresh = trendingScore([{ hour: '2026-11-27T12', views: 100 }], now);
    const stale = trendingScore([{ hour: '2026-11-26T12', views: 300 }], now);
    assert.ok(fresh > stale, `${fresh} > ${stale}`);
    assert.equal(trendingScore([{ hour: '2026-11-24T12', views: 1e6 }], now), 0, 'outside the 48-hour window');
  });
  test('referrers keep the host only; hashes differ per article and per salt', () => {
    assert.equal(referrerDomain('https://www.Google.co.in/search?q=સમાચાર'), 'google.co.in');
    assert.equal(referrerDomain('https://ગુજરાત.example/x'), new URL('https://ગુજરાત.example/').hostname);
    assert.equal(referrerDomain(''), '(direct)');
    assert.equal(referrerDomain('android-app://com.whatsapp'), '(other)');
    assert.notDeepEqual(visitorHash('s', '1.2.3.4', 'ua', 1), visitorHash('s', '1.2.3.4', 'ua', 2));
    assert.deepEqual(visitorHash('s', '1.2.3.4', 'ua', 1), visitorHash('s', '1.2.3.4', 'ua', 1));
    assert.notDeepEqual(visitorHash('s', '1.2.3.4', 'ua', 1), visitorHash('t', '1.2.3.4', 'ua', 1));
    // Stored blocks are shared by instances (and kept over upgrades): whichever SHA-256 call the
    // running Node offers, a reader's fingerprint is the first 8 bytes of SHA-256("salt\0ip\0ua\0id").
    assert.deepEqual(visitorHash('s', '2001:db8::1', 'Mozilla/5.0 (ગુજરાતી)', 42), { lo: 3357913048, hi: 1805289710 });
  });
  test('CSV quotes, keeps Gujarati and defuses formulas', () => {
    assert.equal(toCsv(['a', 'b'], [['ગુજરાત, "ભારત"', '=1+1']]), '\uFEFFa,b\r\n"ગુજરાત, ""ભારત""",\'=1+1\r\n');
  });
});

describe(`analytics and most read (${testDialect})`, () => {
  let site: TestSite;
  let editor: Session;
  let stories: ArticleCard[];
  // Views per story: the first is read most, from several referrers.
  const plan = [40, 25, 10];

  before(async () => {
    site = await startTestSite();
    await site.database.db.updateTable('article_counters').set({ views: 0 }).execute();
    editor = await signIn(site, 'editor');
    stories = await latestArticles(site.database.db, { now: new Date(), limit: 3 });
    let n = 0;
    for (const [i, count] of plan.entries()) {
      const referrers = ['https://www.google.com/search?q=ખબર', 'https://t.me/khabar', '', 'https://news.example/x?token=secret'];
      const items = Array.from({ length: count }, (_, k) => ({ ip: visitorIp(++n), referrer: referrers[k % referrers.length]! }));
      await sendBeacons(`${site.url}/api/v1/articles/${stories[i]!.id}/views`, items, 8);
    }
    const total = plan.reduce((a, b) => a + b, 0);
    const sum = async () => Number((await site.database.db.selectFrom('article_counters').select((e) => e.fn.sum<number>('views').as('n')).executeTakeFirstOrThrow()).n);
    assert.equal(await waitFor(sum, total), total);
  });
  after(() => site.close());

  test('dashboard figures equal the counters', async () => {
    const res = await fetch(`${site.url}/newsroom/analytics`, { headers: { cookie: editor.cookie } });
    assert.equal(res.status, 200);
    const $ = load(await res.text());
    const counters = await site.database.db.selectFrom('article_counters').select(['article_id as id', 'views as view_count']).where('views', '>', 0).execute();
    const total = counters.reduce((s, r) => s + r.view_count, 0);
    assert.equal(Number($('[data-total-30]').attr('data-total-30')), total);
    const dayRows = $('.day-table td[data-views]').map((_, el) => Number($(el).attr('data-views'))).get();
    assert.equal(dayRows.length, 30);
    assert.equal(dayRows.reduce((a, b) => a + b, 0), total);
    for (const id of ['#top-day', '#top-week', '#top-month']) {
      const rows = $(`${id} tr[data-article]`);
      assert.equal(rows.length, counters.length);
      rows.each((_, tr) => {
        const articleId = Number($(tr).attr('data-article'));
        const counter = counters.find((c) => c.id === articleId)!.view_count;
        assert.equal(Number($(tr).find('[data-views]').attr('data-views')), counter, `${id}: article ${articleId}`);
        assert.equal(Number($(tr).find('[data-total]').attr('data-total')), counter);
      });
    }
    assert.equal(Number($('#top-day tr[data-article]').first().attr('data-article')), stories[0]!.id, 'most read first');
    const sections = $('#by-section td[data-views]').map((_, el) => Number($(el).attr('data-views'))).get();
    assert.equal(sections.reduce((a, b) => a + b, 0), total);
    const referrers = Object.fromEntries($('#by-referrer tbody tr').map((_, tr) => [[$(tr).find('td').first().text(), Number($(tr).find('[data-views]').attr('data-views'))]]).get() as [string, number][]);
    assert.equal(Object.values(referrers).reduce((a, b) => a + b, 0), total);
    assert.ok(referrers['google.com']! > 0 && referrers['t.me']! > 0 && referrers['news.example']! > 0);
    assert.ok(!$.html().includes('secret'), 'only the domain of a referrer is kept');
    // The chart: server-rendered SVG with a title and a description.
    const svg = $('svg.chart').first();
    assert.equal(svg.attr('role'), 'img');
    assert.match(svg.find('title').first().text(), /30 દિવસ/);
    assert.match(svg.find('desc').text(), new RegExp(`કુલ ${total} વાંચન`));
    assert.equal(svg.find('rect').length, 30);
  });

  test('per-article chart and CSV export', async () => {
    const a = stories[0]!;
    const res = await fetch(`${site.url}/newsroom/analytics/articles/${a.id}`, { headers: { cookie: editor.cookie } });
    const $ = load(await res.text());
    assert.equal(Number($('[data-total]').attr('data-total')), plan[0]);
    assert.equal(Number($('[data-total-30]').attr('data-total-30')), plan[0]);
    assert.equal($('svg.chart rect').length, 30);
    const csv = await fetch(`${site.url}/newsroom/analytics.csv`, { headers: { cookie: editor.cookie } });
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines[0], 'day,article_id,headline,section,views');
    assert.equal(lines.length, 1 + plan.length);
    assert.ok(lines.some((l) => l.includes(a.headline) && l.endsWith(`,${plan[0]}`)));
  });

  test('analytics needs the analytics.view policy', async () => {
    const contributor = await signIn(site, 'contributor');
    assert.equal((await fetch(`${site.url}/newsroom/analytics`, { headers: { cookie: contributor.cookie } })).status, 403);
    assert.equal((await fetch(`${site.url}/newsroom/analytics.csv`, { headers: { cookie: contributor.cookie } })).status, 403);
  });

  test('most read: JSON API site-wide and per section, and the block on home, section front and article page', async () => {
    const api = await (await fetch(`${site.url}/api/v1/most-read`)).json() as { items: { id: number; views: number; url: string }[] };
    assert.deepEqual(api.items.map((i) => i.id), stories.map((s) => s.id));
    assert.equal(api.items[0]!.views, plan[0]);
    const section = stories[0]!.sectionSlug;
    const bySection = await (await fetch(`${site.url}/api/v1/most-read?section=${encodeURIComponent(section)}`)).json() as { items: { section: { slug: string } }[] };
    assert.ok(bySection.items.length >= 1);
    assert.equal((await fetch(`${site.url}/api/v1/most-read?section=nope-ના`)).status, 404);
    // Pages rendered before the first views: the minute refresh drops exactly the pages whose list changed.
    site.cache.clear();
    const home = load(await (await fetch(`${site.url}/`)).text());
    assert.equal(home('.most-read li').length, 3);
    assert.equal(home('.most-read a').first().attr('href'), urls.article(stories[0]!.sectionSlug, stories[0]!.slug));
    const front = load(await (await fetch(`${site.url}${urls.section(section)}`)).text());
    assert.ok(front('.most-read li').length >= 1);
    const story = load(await (await fetch(`${site.url}${urls.article(stories[2]!.sectionSlug, stories[2]!.slug)}`)).text());
    assert.equal(story('.most-read li').length, 2, 'the story itself is left out of its own block');
  });
});
