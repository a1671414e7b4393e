// submitArticle, scheduleArticle, embargoArticle, unpublishArticle, archiveArticle,
// returnToDraft and correctArticle: the editorial states around "publish now".
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { NotAllowedError } from '../../../src/content/policies.js';
import { WorkflowError } from '../../../src/newsroom/publishing.js';
import { archiveArticle } from '../../../src/newsroom/commands/archiveArticle.js';
import { correctArticle } from '../../../src/newsroom/commands/correctArticle.js';
import { embargoArticle } from '../../../src/newsroom/commands/embargoArticle.js';
import { publishArticle } from '../../../src/newsroom/commands/publishArticle.js';
import { returnToDraft } from '../../../src/newsroom/commands/returnToDraft.js';
import { scheduleArticle } from '../../../src/newsroom/commands/scheduleArticle.js';
import { submitArticle } from '../../../src/newsroom/commands/submitArticle.js';
import { unpublishArticle } from '../../../src/newsroom/commands/unpublishArticle.js';
import { testDialect } from '../../helpers/database.js';
import { newsroom, type Newsroom } from './fixture.js';

describe(`workflow commands (${testDialect})`, () => {
  let n: Newsroom;
  const inAnHour = () => new Date(Date.now() + 3600_000);
  before(async () => (n = await newsroom()));
  after(() => n.close());

  test('submitArticle: a contributor hands in their draft; a second submit is refused', async () => {
    const id = await n.draft(n.people.contributor);
    await submitArticle(n.deps, { actor: n.people.contributor, articleId: id });
    assert.equal(await n.status(id), 'submitted');
    await assert.rejects(submitArticle(n.deps, { actor: n.people.contributor, articleId: id }), WorkflowError);
  });

  test('scheduleArticle and embargoArticle: a time ahead is kept; a time past is refused; contributors may not', async () => {
    const s = await n.draft(n.people.editor);
    const e = await n.draft(n.people.editor);
    const when = inAnHour();
    await scheduleArticle(n.deps, { actor: n.people.editor, articleId: s, when });
    await embargoArticle(n.deps, { actor: n.people.editor, articleId: e, when });
    const rows = await n.db.db.selectFrom('articles').select(['id', 'status', 'scheduled_for', 'embargo_until']).where('id', 'in', [s, e]).orderBy('id').execute();
    assert.deepEqual(rows.map((r) => [r.status, r.scheduled_for, r.embargo_until]), [['scheduled', when.toISOString(), null], ['embargoed', null, when.toISOString()]]);
    await assert.rejects(scheduleArticle(n.deps, { actor: n.people.editor, articleId: s, when: new Date(Date.now() - 1000) }), WorkflowError);
    const c = await n.draft(n.people.contributor);
    await assert.rejects(scheduleArticle(n.deps, { actor: n.people.contributor, articleId: c, when }), NotAllowedError);
    assert.deepEqual(n.heard.filter((x) => 'articleId' in x && [s, e].includes(x.articleId)), [], 'not public yet: no event');
  });

  test('unpublishArticle, archiveArticle and returnToDraft take a public story off the site: article.unpublished', async () => {
    for (const [command, status] of [[unpublishArticle, 'unpublished'], [archiveArticle, 'archived'], [returnToDraft, 'draft']] as const) {
      const id = await n.draft(n.people.editor);
      await publishArticle(n.deps, { actor: n.people.editor, articleId: id });
      n.heard.length = 0;
      await command(n.deps, { actor: n.people.editor, articleId: id });
      assert.equal(await n.status(id), status);
      const e = n.heard[0]!;
      assert.ok(e.type === 'article.unpublished' && e.articleId === id && e.status === status, `${status}: ${JSON.stringify(e)}`);
    }
    const own = await n.draft(n.people.author);
    await publishArticle(n.deps, { actor: n.people.author, articleId: own });
    await assert.rejects(unpublishArticle(n.deps, { actor: n.people.author, articleId: own }), NotAllowedError, 'authors may not unpublish');
    await assert.rejects(returnToDraft(n.deps, { actor: n.people.author, articleId: own }), NotAllowedError, 'nor pull a public story back');
  });

  test('correctArticle: a note on a published story, kept in the log, recorded as article.corrected', async () => {
    const id = await n.draft(n.people.editor);
    await assert.rejects(correctArticle(n.deps, { actor: n.people.editor, articleId: id, note: 'સુધારો' }), WorkflowError, 'not on a draft');
    await publishArticle(n.deps, { actor: n.people.editor, articleId: id });
    await assert.rejects(correctArticle(n.deps, { actor: n.people.editor, articleId: id, note: '   ' }), WorkflowError, 'not empty');
    n.heard.length = 0;
    const note = 'અગાઉ ડેમની સપાટી ૧૩૩ મીટર લખાઈ હતી; સાચી સપાટી ૧૩૮ મીટર છે.';
    await correctArticle(n.deps, { actor: n.people.editor, articleId: id, note });
    const e = n.heard[0]!;
    assert.ok(e.type === 'article.corrected' && e.note === note);
    const log = await n.db.db.selectFrom('corrections').select('note').where('article_id', '=', id).execute();
    assert.deepEqual(log.map((r) => r.note), [note]);
  });
});
