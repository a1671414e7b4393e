import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { localIds, publicIds, rememberWpId } from '../../src/content/wpIds.js';
import { withLegacy } from '../../src/content/legacyIds.js';
import { wordpressIds } from '../../src/db/migrations/0017_wordpress_ids.js';
import { openTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';

describe(`WordPress id space (${testDialect})`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.drop();
  });

  test('imported ids map both ways; ids made here sit above the highest imported one', async () => {
    const db = database.db;
    // WordPress's tag 40 is our tag 1, its tag 7 our tag 3; our tag 2 was made here.
    await rememberWpId(db, 'tag', 40, 1);
    await rememberWpId(db, 'tag', 7, 3);
    const pub = await publicIds(db, 'tag', [1, 2, 3, 4]);
    assert.deepEqual([...pub], [[1, 40], [3, 7], [2, 42], [4, 44]]);
    const back = await localIds(db, 'tag', [40, 7, 42, 44, 41, 43, 1, 2]);
    // 41 and 43 would be our tags 1 and 3 numbered as if made here: they answer to 40 and 7 only.
    assert.deepEqual([...back].sort((a, b) => a[0] - b[0]), [[7, 3], [40, 1], [42, 2], [44, 4]]);
    // A second mapping of either side keeps the first: a re-run or two terms merged into one.
    await rememberWpId(db, 'tag', 40, 9);
    await rememberWpId(db, 'tag', 99, 1);
    assert.equal((await publicIds(db, 'tag', [1])).get(1), 40);
    // A kind with nothing imported keeps its local ids.
    assert.deepEqual([...(await publicIds(db, 'person', [5]))], [[5, 5]]);
  });

  test('posts and media share one floor, as WordPress numbers them in one table', async () => {
    const db = database.db;
    await rememberWpId(db, 'media', 500, 1, undefined);
    await rememberWpId(db, 'article', 120, 1, 'https://samachar.example/?p=120');
    assert.equal((await publicIds(db, 'article', [2])).get(2), 502);
    assert.equal((await publicIds(db, 'media', [2])).get(2), 502);
    const guid = await db.selectFrom('wp_ids').select('guid').where('kind', '=', 'article').where('wp_id', '=', 120).executeTakeFirstOrThrow();
    assert.equal(guid.guid, 'https://samachar.example/?p=120');
  });

  test('migration 0017 fills the id space from an earlier import (numeric WordPress ids only)', async () => {
    const db = database.db as unknown as Kysely<unknown>;
    await db.schema.dropTable('wp_ids').execute();
    const legacy = withLegacy(database.db);
    await legacy
      .insertInto('legacy_ids')
      .values([
        { source: 'https://samachar.example', kind: 'post', legacy_id: '101', local_id: 7, legacy_path: '/2024/07/01/વરસાદ' },
        { source: 'https://samachar.example', kind: 'page', legacy_id: '5', local_id: 8, legacy_path: null },
        { source: 'https://samachar.example', kind: 'category', legacy_id: '3', local_id: 2, legacy_path: '/category/ગુજરાત' },
        { source: 'https://samachar.example', kind: 'category', legacy_id: 'slug:રમત', local_id: 4, legacy_path: null },
        { source: 'https://samachar.example', kind: 'author', legacy_id: 'login:kiran', local_id: 6, legacy_path: null },
        { source: 'https://samachar.example', kind: 'comment', legacy_id: '12', local_id: 1, legacy_path: null },
      ])
      .execute();
    await wordpressIds({ dialect: database.dialect }).up(db);
    const rows = await database.db.selectFrom('wp_ids').select(['kind', 'wp_id', 'local_id']).orderBy('kind').orderBy('wp_id').execute();
    assert.deepEqual(rows.map((r) => [r.kind, r.wp_id, r.local_id]), [
      ['article', 5, 8],
      ['article', 101, 7],
      ['comment', 12, 1],
      ['section', 3, 2],
    ]);
  });
});
