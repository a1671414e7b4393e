import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { NotAllowedError } from '../../../src/content/policies.js';
import { sendBackArticle } from '../../../src/newsroom/commands/sendBackArticle.js';
import { submitArticle } from '../../../src/newsroom/commands/submitArticle.js';
import { dashboard } from '../../../src/newsroom/newsroomQueries.js';
import { openNotes } from '../../../src/newsroom/notes.js';
import { WorkflowError } from '../../../src/newsroom/publishing.js';
import { testDialect } from '../../helpers/database.js';
import { newsroom, type Newsroom } from './fixture.js';

// A note with a conjunct (ક્ષ, દ્ર), a nukta-free Gujarati number and a ZWJ, as editors type them.
const note = 'શીર્ષકમાં "ક્ષતિ" ને બદલે "નુકસાન" લખો; રાજેન્દ્ર\u200Dભાઈનો ફોન નંબર ૯૮૨૫ ચકાસો.';

describe(`sendBackArticle (${testDialect})`, () => {
  let n: Newsroom;
  before(async () => (n = await newsroom()));
  after(() => n.close());

  test('a story in review goes back to its writer as a draft, with the note on their dashboard; resubmitting answers it', async () => {
    const id = await n.draft(n.people.contributor, 'સુરતમાં હીરા બજારમાં તેજી');
    await submitArticle(n.deps, { actor: n.people.contributor, articleId: id });
    await sendBackArticle(n.deps, { actor: n.people.editor, articleId: id, note: `  ${note}\n` });
    assert.equal(await n.status(id), 'draft');
    const [open] = await openNotes(n.db.db, [id]);
    assert.equal(open?.note, note, 'kept as typed (trimmed), conjuncts and ZWJ intact');
    assert.equal(open?.byName, 'editor ખબરપત્રી');

    const mine = await dashboard(n.db.db, n.people.contributor);
    assert.deepEqual(mine.sentBack.map((r) => [r.id, r.note.note]), [[id, note]], 'sent back to me, with the note');
    assert.ok(!mine.myDrafts.some((r) => r.id === id), 'not also among the plain drafts');

    await submitArticle(n.deps, { actor: n.people.contributor, articleId: id });
    assert.equal(await n.status(id), 'submitted');
    assert.deepEqual(await openNotes(n.db.db, [id]), [], 'answered by the resubmission');
    const kept = await n.db.db.selectFrom('article_notes').select(['note', 'resolved_at']).where('article_id', '=', id).execute();
    assert.equal(kept.length, 1, 'the note stays in the story’s record');
    assert.ok(kept[0]!.resolved_at);
    assert.ok(!(await dashboard(n.db.db, n.people.contributor)).sentBack.some((r) => r.id === id));
  });

  test('a second send-back replaces the open note', async () => {
    const id = await n.draft(n.people.contributor, 'ભાવનગરમાં નવું બંદર');
    await submitArticle(n.deps, { actor: n.people.contributor, articleId: id });
    await sendBackArticle(n.deps, { actor: n.people.editor, articleId: id, note: 'પહેલી નોંધ' });
    await submitArticle(n.deps, { actor: n.people.contributor, articleId: id });
    await sendBackArticle(n.deps, { actor: n.people.admin, articleId: id, note: 'બીજી નોંધ: આંકડા ૨૦૨૬ના છે?' });
    assert.deepEqual((await openNotes(n.db.db, [id])).map((x) => x.note), ['બીજી નોંધ: આંકડા ૨૦૨૬ના છે?']);
  });

  test('only editors send back, only a story in review, never without a note; nothing changes when refused', async () => {
    const id = await n.draft(n.people.contributor, 'જામનગરમાં વરસાદ');
    await assert.rejects(sendBackArticle(n.deps, { actor: n.people.editor, articleId: id, note: 'નોંધ' }), (e: unknown) => e instanceof WorkflowError && e.problem.code === 'wrongState');
    await submitArticle(n.deps, { actor: n.people.contributor, articleId: id });
    await assert.rejects(sendBackArticle(n.deps, { actor: n.people.author, articleId: id, note: 'નોંધ' }), NotAllowedError);
    await assert.rejects(sendBackArticle(n.deps, { actor: n.people.contributor, articleId: id, note: 'નોંધ' }), NotAllowedError);
    await assert.rejects(
      sendBackArticle(n.deps, { actor: n.people.editor, articleId: id, note: ' \u200C ' }),
      (e: unknown) => e instanceof WorkflowError && e.problem.code === 'emptyNote',
    );
    assert.equal(await n.status(id), 'submitted');
    assert.deepEqual(await openNotes(n.db.db, [id]), []);
  });

  test('sending back a story nobody reads yet announces nothing', async () => {
    const id = await n.draft(n.people.contributor, 'ગાંધીનગરમાં બેઠક');
    await submitArticle(n.deps, { actor: n.people.contributor, articleId: id });
    n.heard.length = 0;
    await sendBackArticle(n.deps, { actor: n.people.editor, articleId: id, note: 'વધુ વિગત' });
    assert.deepEqual(n.heard, []);
  });
});
