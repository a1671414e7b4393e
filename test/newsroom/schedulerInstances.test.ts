import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { openTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';
import { nowIso } from '../../src/db/connect.js';

function worker(db: TestDatabase): Promise<number[]> {
  const args = db.target.kind === 'postgres' ? ['postgres', db.target.url, db.target.schema] : ['sqlite', db.target.file];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/schedulerWorker.ts', ...args]);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(`worker failed (${code}): ${err}`))));
  });
}

describe(`scheduled publishing with two instances on one ${testDialect} database`, () => {
  let db: TestDatabase;
  const count = 60;
  before(async () => {
    db = await openTestDatabase();
    const section = await db.db.insertInto('sections').values({ slug: 'gujarat', name: 'ગુજરાત', created_at: nowIso() }).returning('id').executeTakeFirstOrThrow();
    const due = new Date(Date.now() - 60_000).toISOString();
    for (let i = 0; i < count; i++) {
      await db.db
        .insertInto('articles')
        .values({ headline: `નિર્ધારિત સમાચાર ${i}`, slug: `scheduled-${i}`, section_id: section.id, status: 'scheduled', scheduled_for: due, updated_at: nowIso(), created_at: nowIso() })
        .execute();
    }
  });
  after(async () => db.drop());

  test('every due story is published, each by exactly one instance', async () => {
    const [a, b] = await Promise.all([worker(db), worker(db)]);
    const all = [...a, ...b];
    assert.equal(all.length, count, `published ${a.length} + ${b.length}`);
    assert.equal(new Set(all).size, count, 'no story published twice');
    const left = await db.db.selectFrom('articles').select('id').where('status', '!=', 'published').execute();
    assert.equal(left.length, 0);
  });
});
