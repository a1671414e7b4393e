// The view counter's flush counts views of stories readers may see at the counter's own "now":
// not drafts, not stories dated ahead until their time has come, not unknown ids.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';
import { ViewCounter } from '../../src/audience/views.js';
import { countsOf } from '../../src/audience/counters.js';

describe(`view counter flush (${testDialect})`, () => {
  let database: TestDatabase;
  const ids: Record<string, number> = {};
  let clock = new Date('2026-11-28T06:00:00Z');

  before(async () => {
    database = await openTestDatabase();
    const { db } = database;
    const at = '2026-11-27T06:00:00.000Z';
    const section = await db.insertInto('sections').values({ slug: 'kutch', name: 'કચ્છ', parent_id: null, created_at: at }).returning('id').executeTakeFirstOrThrow();
    for (const [key, status, published] of [
      ['live', 'published', at],
      ['ahead', 'published', '2026-11-29T06:00:00.000Z'],
      ['draft', 'draft', null],
    ] as const) {
      const r = await db
        .insertInto('articles')
        .values({ headline: `રણોત્સવ ${key}`, dek: '', body_html: '<p>સફેદ રણ</p>', slug: `views-${key}`, status, section_id: section.id, published_at: published, updated_at: at, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[key] = r.id;
    }
  });
  after(async () => database.drop());

  test('only stories public at the flush are counted', async () => {
    const counter = new ViewCounter({ db: database.db, dialect: database.dialect, timeZone: () => 'Asia/Kolkata', now: () => clock });
    const ua = 'Mozilla/5.0 (Linux; Android 14) Chrome/126.0 Mobile';
    for (const key of ['live', 'ahead', 'draft'] as const) {
      for (const ip of ['203.0.113.7', '203.0.113.8']) assert.equal(await counter.record({ articleId: ids[key]!, ip, userAgent: ua }), 'queued');
    }
    await counter.record({ articleId: 9_999_999, ip: '203.0.113.7', userAgent: ua });
    assert.equal(await counter.flush(), 2);
    assert.equal((await countsOf(database.db, ids.live!)).views, 2);
    assert.equal((await countsOf(database.db, ids.ahead!)).views, 0);
    assert.equal((await countsOf(database.db, ids.draft!)).views, 0);
    // A day later the dated story is public: a new reader of it counts.
    clock = new Date('2026-11-29T07:00:00Z');
    await counter.record({ articleId: ids.ahead!, ip: '198.51.100.4', userAgent: ua });
    assert.equal(await counter.flush(), 1);
    assert.equal((await countsOf(database.db, ids.ahead!)).views, 1);
    await counter.stop();
  });
});
