// Public inputs are measured before anything processes them (issue 18, finding 2), and the
// failures that mean "the database is away" are told apart from others (finding 1).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isDatabaseUnavailable } from '../../src/db/connect.js';
import { latestArticles } from '../../src/content/stories.js';
import { testDialect } from '../helpers/database.js';
import { startTestSite, type TestSite } from '../helpers/site.js';

describe(`public inputs over HTTP (${testDialect})`, () => {
  let site: TestSite;
  let article: number;
  let address = 0;
  before(async () => {
    site = await startTestSite();
    const [a] = await latestArticles(site.database.db, { now: new Date(), limit: 1 });
    article = a!.id;
  });
  after(() => site.close());

  const comment = (text: string) =>
    fetch(`${site.url}/comments`, {
      method: 'POST',
      // A new reader each time: the comment limit is not what is tested here.
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-forwarded-for': `10.8.0.${++address}` },
      body: new URLSearchParams({ article: String(article), name: 'વાચક', text }),
    });

  test('the comments that froze the server are refused as too long, with the reason', async () => {
    for (const text of [`${' '.repeat(60_000)}x`, `https://example.com/${'.'.repeat(60_000)}x`]) {
      const res = await comment(text);
      assert.equal(res.status, 422);
      const body = (await res.json()) as { problems: { code: string; message: string }[] };
      assert.deepEqual(body.problems.map((p) => p.code), ['textTooLong']);
      assert.match(body.problems[0]!.message, /૫,?૦૦૦|5,?000/);
    }
  });

  test('long white space inside the raw limit is cleaned away and the comment kept', async () => {
    const res = await comment(`${' '.repeat(14_000)}\u00A0\nઆ સમાચાર સાચા છે.${' '.repeat(4_000)}\n`);
    assert.equal(res.status, 201);
    const { id } = (await res.json()) as { id: number };
    const row = await site.database.db.selectFrom('comments').select('body').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.body, 'આ સમાચાર સાચા છે.');
  });

  test('a search query of 1,500 characters (what fits in a URL) is cut to the query limit, not refused', async () => {
    const res = await fetch(`${site.url}/search?q=${encodeURIComponent(`ગુજરાત ${'ક'.repeat(1_500)}`)}`);
    assert.equal(res.status, 200);
  });
});

test('database errors that mean "not reachable right now" are told from query errors', () => {
  const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });
  assert.ok(isDatabaseUnavailable(pgError('57P01', 'terminating connection due to administrator command')));
  assert.ok(isDatabaseUnavailable(pgError('57P03', 'the database system is starting up')));
  assert.ok(isDatabaseUnavailable(pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')));
  assert.ok(isDatabaseUnavailable(pgError('08006', 'connection failure')));
  assert.ok(isDatabaseUnavailable(new Error('Connection terminated unexpectedly')));
  assert.ok(isDatabaseUnavailable(new Error('wrapped', { cause: pgError('57P01', 'terminating connection') })));
  assert.equal(isDatabaseUnavailable(pgError('42601', 'syntax error at or near "selec"')), false);
  assert.equal(isDatabaseUnavailable(pgError('23505', 'duplicate key value violates unique constraint')), false);
  assert.equal(isDatabaseUnavailable(new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed')), false);
  assert.equal(isDatabaseUnavailable('not an error'), false);
});
