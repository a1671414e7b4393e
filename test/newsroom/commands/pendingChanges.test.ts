import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ChangeEvent } from '../../../src/content/changes.js';
import { publishedArticleBySlug } from '../../../src/content/stories.js';
import { discardChanges } from '../../../src/newsroom/commands/discardChanges.js';
import { publishArticle } from '../../../src/newsroom/commands/publishArticle.js';
import { publishChanges } from '../../../src/newsroom/commands/publishChanges.js';
import { saveArticle } from '../../../src/newsroom/commands/saveArticle.js';
import { editorSnapshot } from '../../../src/newsroom/pendingChanges.js';
import { NotAllowedError } from '../../../src/content/policies.js';
import { WorkflowError } from '../../../src/newsroom/publishing.js';
import { testDialect } from '../../helpers/database.js';
import { newsroom, type Newsroom } from './fixture.js';

describe(`a live story changes only on "Update" (${testDialect})`, () => {
  let n: Newsroom;
  before(async () => (n = await newsroom()));
  after(() => n.close());

  const live = async (headline: string) => {
    const id = await n.draft(n.people.editor, headline);
    await publishArticle(n.deps, { actor: n.people.editor, articleId: id });
    const slug = (await n.db.db.selectFrom('articles').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug;
    return { id, slug };
  };
  const searchable = async (id: number) =>
    (await n.db.db.selectFrom('search_documents').select('article_id').where('article_id', '=', id).execute()).length;

  test('autosaves of a published story are pending: readers and the event feed see nothing until Update', async () => {
    const { id, slug } = await live('રાજકોટમાં નવું બસ સ્ટેન્ડ ખુલ્યું');
    n.heard.length = 0;
    const recorded = (await n.pendingEvents()).length;
    const half = await saveArticle(n.deps, { actor: n.people.editor, articleId: id, baseVersion: 1, edit: { headline: 'રાજકોટમાં નવું બસ સ્ટે' } });
    assert.equal(half.pending, true);
    const more = await saveArticle(n.deps, { actor: n.people.editor, articleId: id, baseVersion: 2, edit: { headline: 'રાજકોટમાં ૪૦ કરોડનું નવું બસ સ્ટેન્ડ ખુલ્યું', bodyHtml: '<p>મુખ્યમંત્રીએ લોકાર્પણ કર્યું.</p>' } });
    assert.equal(more.slug, slug, 'a live story keeps its slug');
    assert.deepEqual(n.heard, [], 'no public event');
    assert.equal((await n.pendingEvents()).length, recorded, 'nothing in the outbox');
    assert.equal((await publishedArticleBySlug(n.db.db, slug))?.headline, 'રાજકોટમાં નવું બસ સ્ટેન્ડ ખુલ્યું', 'readers still see the published headline');
    const shown = await editorSnapshot(n.db.db, id);
    assert.equal(shown.pending, true);
    assert.equal(shown.snapshot.headline, 'રાજકોટમાં ૪૦ કરોડનું નવું બસ સ્ટેન્ડ ખુલ્યું', 'the editor shows the pending text');
    assert.equal(await searchable(id), 1);

    const r = await publishChanges(n.deps, { actor: n.people.editor, articleId: id, baseVersion: 3 });
    assert.equal(r.pending, false);
    assert.equal((await publishedArticleBySlug(n.db.db, slug))?.headline, 'રાજકોટમાં ૪૦ કરોડનું નવું બસ સ્ટેન્ડ ખુલ્યું');
    const e = n.heard[0] as ChangeEvent | undefined;
    assert.ok(e?.type === 'article.updated' && e.fields.includes('headline') && e.fields.includes('body'), JSON.stringify(n.heard));
    assert.equal((await editorSnapshot(n.db.db, id)).pending, false);
    await assert.rejects(publishChanges(n.deps, { actor: n.people.editor, articleId: id, baseVersion: 4 }), WorkflowError, 'nothing left to update');
  });

  test('Discard throws the pending change away; the published text stays', async () => {
    const { id, slug } = await live('સાબરમતી રિવરફ્રન્ટ પર ફ્લાવર શો');
    await saveArticle(n.deps, { actor: n.people.editor, articleId: id, baseVersion: 1, edit: { dek: 'ખોટો ઉપશીર્ષક' } });
    await discardChanges(n.deps, { actor: n.people.editor, articleId: id });
    assert.equal((await editorSnapshot(n.db.db, id)).pending, false);
    assert.equal((await publishedArticleBySlug(n.db.db, slug))?.dek, '');
  });

  test('an author may not Update a story of someone else', async () => {
    const { id } = await live('વલસાડમાં કેરીનો પાક ઓછો');
    await saveArticle(n.deps, { actor: n.people.editor, articleId: id, baseVersion: 1, edit: { dek: 'ભાવ વધવાની શક્યતા' } });
    await assert.rejects(publishChanges(n.deps, { actor: n.people.author, articleId: id, baseVersion: 2 }), NotAllowedError);
  });

  test('until first published, the slug follows the headline unless typed by hand', async () => {
    const id = await n.draft(n.people.editor, 'સુરત મા હીરા');
    const r = await saveArticle(n.deps, { actor: n.people.editor, articleId: id, baseVersion: 1, edit: { headline: 'સુરતમાં હીરા ઉદ્યોગમાં ફરી તેજી, ૫૦૦૦ કારીગરોને કામ' } });
    assert.notEqual(r.slug, (await n.db.db.selectFrom('revisions').select('snapshot').where('article_id', '=', id).where('version', '=', 1).executeTakeFirstOrThrow()).snapshot.match(/"slug":"([^"]+)"/)?.[1]);
    const typed = await saveArticle(n.deps, { actor: n.people.editor, articleId: id, baseVersion: 2, edit: { slug: 'surat-hira-teji' } });
    assert.equal(typed.slug, 'surat-hira-teji');
    const later = await saveArticle(n.deps, { actor: n.people.editor, articleId: id, baseVersion: 3, edit: { headline: 'સુરતમાં હીરા ઉદ્યોગમાં તેજી' } });
    assert.equal(later.slug, 'surat-hira-teji', 'a typed slug stays');
  });
});
