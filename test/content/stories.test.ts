import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';
import { articlesByIds } from '../../src/content/stories.js';

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
});
