import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';
import { articlesByIds, articlesInSections, sectionPage } from '../../src/content/stories.js';

describe(`article reads (${testDialect})`, () => {
  let database: TestDatabase;
  const ids: Record<string, number> = {};
  const now = new Date('2026-11-28T06:00:00Z');
  before(async () => {
    database = await openTestDatabase();
    const { db } = database;
    const at = '2026-11-27T06:00:00.000Z';
    const section = await db.insertInto('sections').values({ slug: 'gujarat', name: 'ગુજરાત', parent_id: null, created_at: at }).returning('id').executeTakeFirstOrThrow();
    const rows = [
      ['live', 'published', at, 'કચ્છમાં રણોત્સવની શરૂઆત'],
      ['older', 'published', '2026-11-20T06:00:00.000Z', 'સુરતમાં હીરાઉદ્યોગની ચિંતા'],
      ['draft', 'draft', null, 'અધૂરો લેખ'],
      ['future', 'published', '2026-12-01T06:00:00.000Z', 'આવતા સપ્તાહનો લેખ'],
      ['pulled', 'unpublished', at, 'પાછો ખેંચાયેલો લેખ'],
    ] as const;
    for (const [key, status, published, headline] of rows) {
      const r = await db
        .insertInto('articles')
        .values({ headline, dek: '', body_html: '<p>લખાણ</p>', slug: key, status, section_id: section.id, published_at: published, updated_at: at, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[key] = r.id;
    }
  });
  after(async () => database.drop());

  test('articlesByIds keeps the order given and only what readers may see now', async () => {
    const asked = [ids.older!, ids.draft!, ids.live!, ids.future!, ids.pulled!, 99_999];
    const cards = await articlesByIds(database.db, asked, now);
    assert.deepEqual(cards.map((c) => c.id), [ids.older, ids.live]);
    assert.equal(cards[1]!.headline, 'કચ્છમાં રણોત્સવની શરૂઆત');
    assert.equal(cards[1]!.sectionSlug, 'gujarat');
    // the scheduled story appears once its time has come
    const later = await articlesByIds(database.db, [ids.future!], new Date('2026-12-02T00:00:00Z'));
    assert.deepEqual(later.map((c) => c.id), [ids.future]);
    assert.deepEqual(await articlesByIds(database.db, [], now), []);
  });

  describe('section lists', () => {
    const sec: Record<string, number> = {};
    const story: Record<string, number> = {};
    before(async () => {
      const { db } = database;
      const at = '2026-11-27T06:00:00.000Z';
      for (const [slug, name, parent] of [['desh', 'દેશ', null], ['rajya', 'રાજ્ય', 'desh'], ['ramat', 'રમત', null]] as const) {
        const r = await db.insertInto('sections').values({ slug, name, parent_id: parent === null ? null : sec[parent]!, created_at: at }).returning('id').executeTakeFirstOrThrow();
        sec[slug] = r.id;
      }
      // Minutes apart, newest last; two share a time (the id decides).
      const rows = [
        ['d1', 'desh', 'published', '2026-11-27T01:00:00.000Z', 'દિલ્હીમાં ઠંડીનો ચમકારો'],
        ['d2', 'desh', 'published', '2026-11-27T02:00:00.000Z', 'સંસદનું શિયાળુ સત્ર શરૂ'],
        ['r1', 'rajya', 'published', '2026-11-27T03:00:00.000Z', 'ક્ષત્રિય સમાજનું સંમેલન'],
        ['r2', 'rajya', 'published', '2026-11-27T03:00:00.000Z', 'નર્મદા ડૅમની સપાટી ૧૩૮ મીટર'],
        ['m1', 'ramat', 'published', '2026-11-27T04:00:00.000Z', 'ક્રિકેટ: ગુજરાત જાયન્ટ્સની જીત'],
        ['m2', 'ramat', 'published', '2026-11-27T05:00:00.000Z', 'કબડ્ડી‍ લીગમાં અમદાવાદ'],
        ['dFuture', 'desh', 'published', '2026-12-05T00:00:00.000Z', 'આવનારી ચૂંટણીનો કાર્યક્રમ'],
        ['dUndated', 'desh', 'published', null, 'તારીખ વિનાનો લેખ'],
        ['dDraft', 'desh', 'draft', null, 'અધૂરો અહેવાલ'],
        ['mFuture', 'ramat', 'published', '2026-12-05T00:00:00.000Z', 'આવતા મહિનાની મેચ'],
      ] as const;
      for (const [key, section, status, published, headline] of rows) {
        const r = await db
          .insertInto('articles')
          .values({ headline, dek: '', body_html: '<p>લખાણ</p>', slug: `list-${key}`, status, section_id: sec[section]!, published_at: published, updated_at: at, created_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        story[key] = r.id;
      }
      // m1 is also listed under દેશ, r1 under its own parent (already in the family: once only), a draft under રમત.
      await db.insertInto('article_sections').values([
        { article_id: story.m1!, section_id: sec.desh!, position: 0 },
        { article_id: story.r1!, section_id: sec.desh!, position: 0 },
        { article_id: story.dDraft!, section_id: sec.ramat!, position: 0 },
        { article_id: story.mFuture!, section_id: sec.desh!, position: 0 },
      ]).execute();
    });

    const family = () => [sec.desh!, sec.rajya!];

    test('a section front lists its own, its sub-sections\' and stories listed in it, newest first, public only, once each', async () => {
      const cards = await articlesInSections(database.db, family(), { now, limit: 20 });
      assert.deepEqual(cards.map((c) => c.id), [story.m1, story.r2, story.r1, story.d2, story.d1]);
      assert.equal(cards[0]!.sectionSlug, 'ramat', 'a story listed here still links to its own section');
      const ramat = await articlesInSections(database.db, [sec.ramat!], { now, limit: 20 });
      assert.deepEqual(ramat.map((c) => c.id), [story.m2, story.m1]);
      assert.deepEqual(await articlesInSections(database.db, [], { now, limit: 5 }), []);
    });

    test('limit, offset and excluded stories page through the same order', async () => {
      const all = (await articlesInSections(database.db, family(), { now, limit: 20 })).map((c) => c.id);
      const pages = [];
      for (let offset = 0; offset < all.length; offset += 2) pages.push(...(await articlesInSections(database.db, family(), { now, limit: 2, offset })).map((c) => c.id));
      assert.deepEqual(pages, all);
      const without = await articlesInSections(database.db, family(), { now, limit: 3, excludeIds: [story.m1!, story.r2!] });
      assert.deepEqual(without.map((c) => c.id), [story.r1, story.d2, story.d1]);
    });

    test('the section page counts what the list shows, and follows the clock', async () => {
      const page1 = await sectionPage(database.db, family(), 1, 2, now);
      assert.deepEqual(page1.items.map((c) => c.id), [story.m1, story.r2]);
      assert.equal(page1.total, 5);
      assert.equal(page1.pageCount, 3);
      const page3 = await sectionPage(database.db, family(), 3, 2, now);
      assert.deepEqual(page3.items.map((c) => c.id), [story.d1]);
      assert.equal((await sectionPage(database.db, [sec.ramat!], 1, 10, now)).total, 2);
      // Once the dated stories' time has come, they are listed and counted (mFuture once in દેશ, as listed there, and in રમત).
      const later = new Date('2026-12-06T00:00:00Z');
      const desh = await sectionPage(database.db, family(), 1, 10, later);
      assert.deepEqual(desh.items.map((c) => c.id).slice(0, 2), [story.mFuture, story.dFuture].sort((a, b) => b! - a!));
      assert.equal(desh.total, 7);
      assert.equal(desh.items.length, 7);
      assert.equal((await sectionPage(database.db, [sec.ramat!], 1, 10, later)).total, 3);
      assert.equal((await sectionPage(database.db, [sec.rajya!], 1, 10, later)).total, 2);
    });

    test('a second category holding more stories than SQLite binds in one statement (a WordPress import) lists and counts them all', async () => {
      const { db } = database;
      const at = '2026-11-27T06:00:00.000Z';
      const shared = await db.insertInto('sections').values({ slug: 'vishesh', name: 'વિશેષ', parent_id: null, created_at: at }).returning('id').executeTakeFirstOrThrow();
      const n = 33_000; // SQLite binds at most 32,766 values in one statement
      const made: number[] = [];
      for (let i = 0; i < n; i += 500) {
        const rows = Array.from({ length: Math.min(500, n - i) }, (_, k) => {
          const j = i + k;
          return {
            headline: `વિશેષ અહેવાલ ${j}`, dek: '', body_html: '<p>લખાણ</p>', slug: `vishesh-${j}`, status: 'published' as const, section_id: sec.ramat!,
            published_at: new Date(Date.parse('2026-11-01T00:00:00Z') + j * 60_000).toISOString(), updated_at: at, created_at: at,
          };
        });
        made.push(...(await db.insertInto('articles').values(rows).returning('id').execute()).map((r) => r.id));
      }
      for (let i = 0; i < made.length; i += 500) {
        await db.insertInto('article_sections').values(made.slice(i, i + 500).map((article_id) => ({ article_id, section_id: shared.id, position: 0 }))).execute();
      }
      const page = await sectionPage(db, [shared.id], 1, 10, now);
      assert.equal(page.total, n);
      assert.deepEqual(page.items.map((c) => c.id), made.slice(-10).reverse(), 'the newest ten, newest first');
      const deep = await sectionPage(db, [shared.id], 200, 10, now);
      assert.deepEqual(deep.items.map((c) => c.id), made.slice(n - 2000, n - 1990).reverse());
    });
  });
});

