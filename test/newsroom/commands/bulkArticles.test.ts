import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bulkArticles } from '../../../src/newsroom/commands/bulkArticles.js';
import { publishArticle } from '../../../src/newsroom/commands/publishArticle.js';
import { saveArticle } from '../../../src/newsroom/commands/saveArticle.js';
import { testDialect } from '../../helpers/database.js';
import { newsroom, type Newsroom } from './fixture.js';

describe(`bulkArticles (${testDialect})`, () => {
  let n: Newsroom;
  before(async () => (n = await newsroom()));
  after(() => n.close());

  test('publishes each story in its own change; a story failing the checks is reported and the rest go out', async () => {
    const a = await n.draft(n.people.author, 'નર્મદા ડેમના ૨૩ દરવાજા ખોલાયા');
    const b = await n.draft(n.people.author, 'કચ્છમાં ક્ષેત્રફળની માપણી');
    const bad = await n.draft(n.people.author, 'ફોટો વિનાનો અહેવાલ');
    await n.db.db.updateTable('articles').set({ body_html: '<p>ફોટો</p><img src="https://example.com/a.jpg">' }).where('id', '=', bad).execute();
    n.heard.length = 0;
    const r = await bulkArticles(n.deps, { actor: n.people.editor, articleIds: [a, b, bad, 999_999], operation: { action: 'publish' } });
    assert.deepEqual(r.done.map((d) => d.id), [a, b]);
    assert.equal(r.done[0]!.headline, 'નર્મદા ડેમના ૨૩ દરવાજા ખોલાયા');
    assert.deepEqual(
      r.refused.map((x) => [x.id, x.refusal?.kind]),
      [
        [bad, 'blocked'],
        [999_999, 'missing'],
      ],
    );
    assert.equal(await n.status(a), 'published');
    assert.equal(await n.status(bad), 'draft');
    assert.equal(n.heard.filter((e) => e.type === 'article.published').length, 2);
  });

  test('the policy is checked per story: an author publishes their own story, not a colleague’s', async () => {
    const mine = await n.draft(n.people.author, 'મારો અહેવાલ');
    const theirs = await n.draft(n.people.editor, 'સંપાદકનો અહેવાલ');
    const r = await bulkArticles(n.deps, { actor: n.people.author, articleIds: [mine, theirs], operation: { action: 'publish' } });
    assert.deepEqual(r.done.map((d) => d.id), [mine]);
    assert.deepEqual(r.refused.map((x) => [x.id, x.refusal?.kind]), [[theirs, 'notAllowed']]);
    assert.equal(await n.status(theirs), 'draft');
  });

  test('unpublish and archive need an editor; a story already in that state is reported as such', async () => {
    const id = await n.draft(n.people.editor, 'દ્રશ્ય: વરસાદ');
    await publishArticle(n.deps, { actor: n.people.editor, articleId: id });
    const refused = await bulkArticles(n.deps, { actor: n.people.author, articleIds: [id], operation: { action: 'unpublish' } });
    assert.equal(refused.refused[0]?.refusal?.kind, 'notAllowed');
    const r = await bulkArticles(n.deps, { actor: n.people.editor, articleIds: [id], operation: { action: 'unpublish' } });
    assert.equal(r.done.length, 1);
    assert.equal(await n.status(id), 'unpublished');
    const again = await bulkArticles(n.deps, { actor: n.people.editor, articleIds: [id], operation: { action: 'unpublish' } });
    assert.equal(again.refused[0]?.refusal?.kind, 'already');
    await bulkArticles(n.deps, { actor: n.people.editor, articleIds: [id], operation: { action: 'archive' } });
    assert.equal(await n.status(id), 'archived');
  });

  test('moves stories to a section and adds a Gujarati tag (created once, kept beside the old tags)', async () => {
    const now = new Date().toISOString();
    const other = await n.db.db
      .insertInto('sections')
      .values({ slug: 'gujarat', name: 'ગુજરાત', description: '', parent_id: null, position: 1, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const a = await n.draft(n.people.editor, 'સુરતમાં હીરા ઉદ્યોગ');
    const b = await n.draft(n.people.editor, 'અમદાવાદ મેટ્રો');
    const moved = await bulkArticles(n.deps, { actor: n.people.editor, articleIds: [a, b], operation: { action: 'move', sectionId: other.id } });
    assert.equal(moved.done.length, 2);
    const sections = await n.db.db.selectFrom('articles').select('section_id').where('id', 'in', [a, b]).execute();
    assert.ok(sections.every((s) => s.section_id === other.id));
    const tagged = await bulkArticles(n.deps, { actor: n.people.editor, articleIds: [a, b], operation: { action: 'tag', tagName: ' ચૂંટણી ૨૦૨૭ ' } });
    assert.equal(tagged.done.length, 2);
    const tags = await n.db.db.selectFrom('tags').select(['id', 'name']).where('name', '=', 'ચૂંટણી ૨૦૨૭').execute();
    assert.equal(tags.length, 1);
    const links = await n.db.db.selectFrom('article_tags').select('article_id').where('tag_id', '=', tags[0]!.id).execute();
    assert.equal(links.length, 2);
    const twice = await bulkArticles(n.deps, { actor: n.people.editor, articleIds: [a], operation: { action: 'tag', tagName: 'ચૂંટણી ૨૦૨૭' } });
    assert.equal(twice.refused[0]?.refusal?.kind, 'already');
    const contributor = await bulkArticles(n.deps, { actor: n.people.contributor, articleIds: [a], operation: { action: 'move', sectionId: n.sectionId } });
    assert.equal(contributor.refused[0]?.refusal?.kind, 'notAllowed');
  });

  test('a live story with edits waiting for Update is not moved or tagged behind them', async () => {
    const id = await n.draft(n.people.editor, 'ભાવનગરમાં નવો પુલ');
    await publishArticle(n.deps, { actor: n.people.editor, articleId: id });
    const version = (await n.db.db.selectFrom('articles').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
    await saveArticle(n.deps, { actor: n.people.editor, articleId: id, baseVersion: version, edit: { headline: 'ભાવનગરમાં નવો પુલ ખુલ્લો મુકાયો' } });
    const r = await bulkArticles(n.deps, { actor: n.people.editor, articleIds: [id], operation: { action: 'tag', tagName: 'પુલ' } });
    assert.equal(r.refused[0]?.refusal?.kind, 'pendingChanges');
  });
});
