import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { listTags } from '../../src/content/taxonomy.js';
import { insertArticle, writeArticles } from '../../src/newsroom/articleWriter.js';
import { LocalChangeFeed } from '../../src/content/changes.js';
import { openTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';

describe(`public tag list (${testDialect})`, () => {
  let db: TestDatabase;
  before(async () => (db = await openTestDatabase()));
  after(() => db.drop());

  test('a tag only drafts, scheduled or future stories carry is not listed', async () => {
    const now = new Date();
    const section = await db.db.insertInto('sections').values({ slug: 'desh', name: 'દેશ', description: '', parent_id: null, position: 0, created_at: now.toISOString() }).returning('id').executeTakeFirstOrThrow();
    const [pub, secret, future] = await Promise.all(
      ['ચૂંટણી', 'ગુપ્ત-તપાસ', 'આવતીકાલ'].map(async (name, i) => (await db.db.insertInto('tags').values({ slug: `t${i}`, name }).returning('id').executeTakeFirstOrThrow()).id),
    );
    await writeArticles({ db: db.db, feed: new LocalChangeFeed() }, 'newsroom', async (scope) => {
      await insertArticle(scope, { headline: 'ચૂંટણીનાં પરિણામ', slug: 'a', sectionId: section.id, status: 'published', tagIds: [pub!] }, null, now);
      await insertArticle(scope, { headline: 'ગુપ્ત તપાસનો મુસદ્દો', slug: 'b', sectionId: section.id, status: 'draft', tagIds: [secret!] }, null, now);
      await insertArticle(scope, { headline: 'કાલે પ્રકાશિત', slug: 'c', sectionId: section.id, status: 'published', publishedAt: new Date(now.getTime() + 86_400_000), tagIds: [future!] }, null, now);
    });
    const { items, total } = await listTags(db.db, 10, 0, now);
    assert.deepEqual(items.map((t) => [t.name, t.articleCount]), [['ચૂંટણી', 1]]);
    assert.equal(total, 1);
  });
});
