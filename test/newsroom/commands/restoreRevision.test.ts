import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { restoreRevision } from '../../../src/newsroom/commands/restoreRevision.js';
import { saveArticle } from '../../../src/newsroom/commands/saveArticle.js';
import { publishArticle } from '../../../src/newsroom/commands/publishArticle.js';
import { publishChanges } from '../../../src/newsroom/commands/publishChanges.js';
import { pendingSnapshot } from '../../../src/newsroom/pendingChanges.js';
import { EditInputError } from '../../../src/newsroom/articleInput.js';
import { testDialect } from '../../helpers/database.js';
import { newsroom, type Newsroom } from './fixture.js';

describe(`restoreRevision (${testDialect})`, () => {
  let n: Newsroom;
  before(async () => (n = await newsroom()));
  after(() => n.close());

  test('an older revision comes back as a new version; history keeps every step', async () => {
    const id = await n.draft(n.people.editor, 'વડોદરામાં પૂરનાં પાણી ઓસર્યાં');
    await saveArticle(n.deps, { actor: n.people.editor, articleId: id, baseVersion: 1, edit: { headline: 'ખોટું શીર્ષક' } });
    const r = await restoreRevision(n.deps, { actor: n.people.editor, articleId: id, version: 1, baseVersion: 2 });
    assert.equal(r.version, 3);
    const row = await n.db.db.selectFrom('articles').select('headline').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.headline, 'વડોદરામાં પૂરનાં પાણી ઓસર્યાં');
    const versions = await n.db.db.selectFrom('revisions').select('version').where('article_id', '=', id).orderBy('version').execute();
    assert.deepEqual(versions.map((v) => v.version), [1, 2, 3]);
  });

  test('on a live story a restore is a pending change: readers keep the published text until Update', async () => {
    const id = await n.draft(n.people.editor, 'રાજકોટમાં દ્રાક્ષ મહોત્સવ');
    await saveArticle(n.deps, { actor: n.people.editor, articleId: id, baseVersion: 1, edit: { headline: 'રાજકોટમાં ક્ષત્રિય સમાજનો દ્રાક્ષ મહોત્સવ' } });
    await publishArticle(n.deps, { actor: n.people.editor, articleId: id });
    n.heard.length = 0;
    const r = await restoreRevision(n.deps, { actor: n.people.editor, articleId: id, version: 1, baseVersion: 2 });
    assert.equal(r.pending, true);
    assert.equal(r.version, 3);
    const live = await n.db.db.selectFrom('articles').select(['headline', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(live, { headline: 'રાજકોટમાં ક્ષત્રિય સમાજનો દ્રાક્ષ મહોત્સવ', status: 'published' }, 'the live story is untouched');
    assert.equal((await pendingSnapshot(n.db.db, id))?.headline, 'રાજકોટમાં દ્રાક્ષ મહોત્સવ');
    assert.equal(n.heard.length, 0, 'nothing readers would notice happened');

    await publishChanges(n.deps, { actor: n.people.editor, articleId: id, baseVersion: 3 });
    const after = await n.db.db.selectFrom('articles').select('headline').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(after.headline, 'રાજકોટમાં દ્રાક્ષ મહોત્સવ');
    assert.deepEqual(n.heard.map((e) => e.type), ['article.updated']);
  });

  test('a revision that does not exist is refused by name', async () => {
    const id = await n.draft(n.people.editor);
    await assert.rejects(restoreRevision(n.deps, { actor: n.people.editor, articleId: id, version: 9, baseVersion: 1 }), (e: unknown) => e instanceof EditInputError && e.problem.code === 'noRevision' && e.problem.version === 9);
  });
});
