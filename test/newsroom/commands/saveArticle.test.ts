import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ChangeEvent } from '../../../src/content/changes.js';
import { NotAllowedError } from '../../../src/content/policies.js';
import { EditConflictError } from '../../../src/newsroom/articleInput.js';
import { publishArticle } from '../../../src/newsroom/commands/publishArticle.js';
import { saveArticle } from '../../../src/newsroom/commands/saveArticle.js';
import { publishChanges } from '../../../src/newsroom/commands/publishChanges.js';
import { testDialect } from '../../helpers/database.js';
import { newsroom, type Newsroom } from './fixture.js';

describe(`saveArticle (${testDialect})`, () => {
  let n: Newsroom;
  before(async () => (n = await newsroom()));
  after(() => n.close());

  test('saving a draft bumps the version and records no public event', async () => {
    const id = await n.draft(n.people.contributor);
    n.heard.length = 0;
    const r = await saveArticle(n.deps, { actor: n.people.contributor, articleId: id, baseVersion: 1, edit: { dek: 'ઉપરવાસમાં ૨૪ કલાકમાં ૧૨ ઇંચ વરસાદ' } });
    assert.equal(r.version, 2);
    assert.deepEqual(n.heard, []);
  });

  test('a published story\'s save waits as a pending change; its Update records article.updated with the fields, and a slug change leaves a redirect', async () => {
    const id = await n.draft(n.people.editor, 'કચ્છમાં ભૂકંપનો હળવો આંચકો');
    await publishArticle(n.deps, { actor: n.people.editor, articleId: id });
    n.heard.length = 0;
    const r = await saveArticle(n.deps, {
      actor: n.people.editor,
      articleId: id,
      baseVersion: 1,
      edit: { headline: 'કચ્છમાં ૩.૨ની તીવ્રતાનો ભૂકંપ', slug: 'kutch-bhukamp-3-2' },
    });
    assert.equal(r.pending, true);
    assert.deepEqual(n.heard, [], 'nothing public yet');
    const done = await publishChanges(n.deps, { actor: n.people.editor, articleId: id, baseVersion: r.version });
    assert.equal(done.slug, 'kutch-bhukamp-3-2');
    const e = n.heard[0] as ChangeEvent | undefined;
    assert.ok(e?.type === 'article.updated' && e.fields.includes('headline') && e.fields.includes('slug'), JSON.stringify(n.heard));
    const redirect = await n.db.db.selectFrom('redirects').select(['from_path', 'to_path']).execute();
    assert.ok(redirect.some((x) => x.to_path.endsWith('/kutch-bhukamp-3-2')), JSON.stringify(redirect));
  });

  test('a save on top of an older version is a conflict that names the change, and writes nothing', async () => {
    const id = await n.draft(n.people.editor);
    await saveArticle(n.deps, { actor: n.people.editor, articleId: id, baseVersion: 1, edit: { headline: 'પહેલા સંપાદકનું શીર્ષક' } });
    await assert.rejects(
      saveArticle(n.deps, { actor: n.people.admin, articleId: id, baseVersion: 1, edit: { headline: 'બીજા સંપાદકનું શીર્ષક' } }),
      (err: unknown) => err instanceof EditConflictError && err.currentVersion === 2 && err.changes.some((c) => c.field === 'headline'),
    );
    const row = await n.db.db.selectFrom('articles').select(['headline', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { headline: 'પહેલા સંપાદકનું શીર્ષક', version: 2 });
  });

  test("a contributor may not save someone else's story", async () => {
    const id = await n.draft(n.people.author);
    await assert.rejects(saveArticle(n.deps, { actor: n.people.contributor, articleId: id, baseVersion: 1, edit: { dek: 'ચોરીછૂપીથી' } }), NotAllowedError);
  });
});
