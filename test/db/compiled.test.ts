import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { compiledQuery } from '../../src/db/compiled.js';
import { openTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';

let database: TestDatabase;
before(async () => {
  database = await openTestDatabase();
  await database.db.insertInto('tags').values([
    { slug: 'amdavad', name: 'અમદાવાદ' },
    { slug: 'kshetra', name: 'ક્ષેત્ર‍' },
    { slug: 'rajkot', name: 'રાજકોટ' },
  ]).execute();
});
after(async () => database.close());

const tagsFrom = compiledQuery((db, first: string, limit: number) =>
  db.selectFrom('tags').select(['slug', 'name']).where('slug', '>=', first).orderBy('slug').limit(limit),
);

test(`a query compiled once runs with each call's arguments, as the built query would (${testDialect})`, async () => {
  for (const [first, limit] of [['a', 2], ['k', 5], ['r', 1], ['z', 3]] as const) {
    const built = await database.db.selectFrom('tags').select(['slug', 'name']).where('slug', '>=', first).orderBy('slug').limit(limit).execute();
    assert.deepEqual(await tagsFrom(database.db, first, limit), built, `${first}, ${limit}`);
  }
  assert.deepEqual(await tagsFrom(database.db, 'k', 1), [{ slug: 'kshetra', name: 'ક્ષેત્ર‍' }]);
});

test('an argument changed before it reaches the SQL is refused at the first compile', async () => {
  const lowered = compiledQuery((db, slug: string) => db.selectFrom('tags').select('id').where('slug', '=', slug.toLowerCase()));
  await assert.rejects(lowered(database.db, 'Amdavad'), /argument 0 does not reach the SQL/);
});
