import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { publishArticle } from '../../src/newsroom/commands/publishArticle.js';
import { saveArticle } from '../../src/newsroom/commands/saveArticle.js';
import { articleListChoices, newsroomArticlePage, newsroomArticles } from '../../src/newsroom/newsroomQueries.js';
import { testDialect } from '../helpers/database.js';
import { newsroom, type Newsroom } from './commands/fixture.js';

describe(`the article list by byline (${testDialect})`, () => {
  let n: Newsroom;
  before(async () => (n = await newsroom()));
  after(() => n.close());

  const bylineCopies = (id: number) => n.db.db.selectFrom('article_authors').select(['person_id', 'updated_at', 'status']).where('article_id', '=', id).orderBy('person_id').execute();
  const story = (id: number) => n.db.db.selectFrom('articles').select(['updated_at', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
  const version = async (id: number) => (await n.db.db.selectFrom('articles').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

  test('every byline carries its story’s last change and state through saves, new bylines and publishing', async () => {
    const id = await n.draft(n.people.author, 'સુરતમાં હીરાના કારખાનાં ફરી ધમધમ્યાં');
    let s = await story(id);
    assert.deepEqual(await bylineCopies(id), [{ person_id: n.people.author.id, updated_at: s.updated_at, status: 'draft' }]);

    const later = new Date(Date.now() + 60_000);
    await saveArticle(n.deps, {
      actor: n.people.editor,
      articleId: id,
      baseVersion: await version(id),
      edit: { headline: 'સુરતમાં હીરા ઉદ્યોગે ઝડપ પકડી', authorIds: [n.people.author.id, n.people.contributor.id] },
      at: later,
    });
    s = await story(id);
    assert.equal(s.updated_at, later.toISOString());
    assert.deepEqual(
      (await bylineCopies(id)).map((b) => [b.updated_at, b.status]),
      [
        [later.toISOString(), 'draft'],
        [later.toISOString(), 'draft'],
      ],
    );

    await publishArticle(n.deps, { actor: n.people.editor, articleId: id });
    s = await story(id);
    assert.equal(s.status, 'published');
    for (const b of await bylineCopies(id)) assert.deepEqual([b.updated_at, b.status], [s.updated_at, 'published']);
  });

  test('a person’s list holds their bylines and the stories they created, newest change first, paged and filtered by state', async () => {
    const writer = n.people.contributor;
    const t0 = Date.parse('2026-03-01T05:00:00Z');
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) {
      const id = await n.draft(writer, `નર્મદા કાંઠે ${i + 1} ગામોમાં પાણી`);
      ids.push(id);
      // Old stories, in a known order: the list's order is the last change.
      await saveArticle(n.deps, { actor: n.people.editor, articleId: id, baseVersion: await version(id), edit: { dek: `અહેવાલ ${i + 1}` }, at: new Date(t0 + i * 60_000) });
    }
    // Created by the contributor, bylined to someone else: still theirs in the list.
    const handedOver = ids[2]!;
    await saveArticle(n.deps, { actor: n.people.editor, articleId: handedOver, baseVersion: await version(handedOver), edit: { authorIds: [n.people.editor.id] }, at: new Date(t0 + 10 * 60_000) });
    // Created by the editor, bylined to the contributor.
    const bylined = await n.draft(n.people.editor, 'કચ્છમાં ક્ષેત્રીય પ્રવાસન વધ્યું');
    await saveArticle(n.deps, { actor: n.people.editor, articleId: bylined, baseVersion: await version(bylined), edit: { authorIds: [writer.id] }, at: new Date(t0 + 3 * 60_000 + 30_000) });

    const admin = n.people.admin;
    const expected = [handedOver, ids[6]!, ids[5]!, ids[4]!, bylined, ids[3]!, ids[1]!, ids[0]!];
    const all = await newsroomArticles(n.db.db, admin, { personId: writer.id, limit: 100 });
    // The first story of this file is theirs too (a byline added there), newest of all.
    assert.deepEqual(all.slice(1).map((r) => r.id), expected);

    const page2 = await newsroomArticlePage(n.db.db, admin, { personId: writer.id }, 2, 3);
    assert.deepEqual(page2.rows.map((r) => r.id), all.slice(3, 6).map((r) => r.id));
    assert.equal(page2.total, all.length);

    await publishArticle(n.deps, { actor: n.people.editor, articleId: ids[4]! });
    const drafts = await newsroomArticles(n.db.db, admin, { personId: writer.id, status: 'draft', limit: 100 });
    assert.ok(!drafts.some((r) => r.id === ids[4]));
    assert.deepEqual(drafts.map((r) => r.id), expected.filter((id) => id !== ids[4]));
    const published = await newsroomArticles(n.db.db, admin, { personId: writer.id, status: 'published', limit: 100 });
    assert.deepEqual(published.map((r) => r.id), [ids[4]!, all[0]!.id]);
  });

  test('the byline filter offers people with a story, and the one chosen', async () => {
    const offered = async (chosen?: number) => (await articleListChoices(n.db.db, chosen)).people.map((p) => p.id).sort((a, b) => a - b);
    const { admin, author, contributor, editor } = n.people;
    // The admin wrote nothing in this file; the others have bylines or stories of their own.
    assert.deepEqual(await offered(), [author.id, editor.id, contributor.id].sort((a, b) => a - b));
    assert.deepEqual(await offered(admin.id), [author.id, editor.id, contributor.id, admin.id].sort((a, b) => a - b));
  });
});
