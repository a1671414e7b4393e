import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { NotAllowedError } from '../../../src/content/policies.js';
import { publishArticle } from '../../../src/newsroom/commands/publishArticle.js';
import { PublishBlockedError } from '../../../src/newsroom/publishing.js';
import { testDialect } from '../../helpers/database.js';
import { newsroom, type Newsroom } from './fixture.js';

describe(`publishArticle (${testDialect})`, () => {
  let n: Newsroom;
  before(async () => (n = await newsroom()));
  after(() => n.close());

  test('an editor publishes: article.published (first time) with the pages it touches, written with the change', async () => {
    const id = await n.draft(n.people.contributor);
    n.heard.length = 0;
    await publishArticle(n.deps, { actor: n.people.editor, articleId: id });
    assert.equal(await n.status(id), 'published');
    assert.equal(n.heard.length, 1);
    const e = n.heard[0]!;
    assert.ok(e.type === 'article.published' && e.articleId === id && e.firstTime && e.origin === 'newsroom');
    assert.ok(e.pages.includes(`article:${id}`) && e.pages.includes(`section:${n.sectionId}`) && e.pages.includes('feeds'));
    assert.deepEqual(await n.pendingEvents(), n.heard, 'the same event is in the outbox');
    const search = await n.db.db.selectFrom('search_documents').select('article_id').where('article_id', '=', id).execute();
    assert.equal(search.length, 1, 'indexed in the same transaction');
  });

  test('republishing after an unpublish is not a first publication', async () => {
    const id = await n.draft(n.people.editor);
    await publishArticle(n.deps, { actor: n.people.editor, articleId: id });
    const { unpublishArticle } = await import('../../../src/newsroom/commands/unpublishArticle.js');
    await unpublishArticle(n.deps, { actor: n.people.editor, articleId: id });
    n.heard.length = 0;
    await publishArticle(n.deps, { actor: n.people.editor, articleId: id });
    const e = n.heard[0]!;
    assert.ok(e.type === 'article.published' && !e.firstTime);
  });

  test('a contributor may not publish, and nothing is recorded', async () => {
    const id = await n.draft(n.people.contributor);
    n.heard.length = 0;
    await assert.rejects(publishArticle(n.deps, { actor: n.people.contributor, articleId: id }), NotAllowedError);
    assert.equal(await n.status(id), 'draft');
    assert.deepEqual(n.heard, []);
  });

  test('an image without alt text blocks publishing with the reason', async () => {
    const id = await n.draft(n.people.editor);
    await n.db.db.updateTable('articles').set({ body_html: '<p>ફોટો</p><img src="https://example.com/a.jpg">' }).where('id', '=', id).execute();
    await assert.rejects(publishArticle(n.deps, { actor: n.people.editor, articleId: id }), (err: unknown) => err instanceof PublishBlockedError && err.problems.some((p) => p.code === 'bodyAltMissing' && p.count === 1));
    assert.equal(await n.status(id), 'draft');
  });
});
