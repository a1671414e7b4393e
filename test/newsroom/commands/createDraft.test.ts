import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createDraft } from '../../../src/newsroom/commands/createDraft.js';
import { EditInputError } from '../../../src/newsroom/articleInput.js';
import { testDialect } from '../../helpers/database.js';
import { newsroom, type Newsroom } from './fixture.js';

describe(`createDraft (${testDialect})`, () => {
  let n: Newsroom;
  before(async () => (n = await newsroom()));
  after(() => n.close());

  test('a contributor starts a draft bylined to them, with a slug from the Gujarati headline and no public event', async () => {
    const r = await createDraft(n.deps, { actor: n.people.contributor, edit: { headline: 'સુરતમાં હીરા ઉદ્યોગ ફરી ધમધમ્યો', sectionId: n.sectionId } });
    assert.equal(r.version, 1);
    assert.match(r.slug, /^[a-z0-9-]+$/);
    assert.equal(await n.status(r.id), 'draft');
    const byline = await n.db.db.selectFrom('article_authors').select('person_id').where('article_id', '=', r.id).execute();
    assert.deepEqual(byline.map((b) => b.person_id), [n.people.contributor.id]);
    assert.deepEqual(n.heard, []);
    assert.deepEqual(await n.pendingEvents(), []);
  });

  test('a second story with the same headline gets its own slug', async () => {
    const a = await createDraft(n.deps, { actor: n.people.editor, edit: { headline: 'ચૂંટણી પરિણામ ૨૦૨૬', sectionId: n.sectionId } });
    const b = await createDraft(n.deps, { actor: n.people.editor, edit: { headline: 'ચૂંટણી પરિણામ ૨૦૨૬', sectionId: n.sectionId } });
    assert.notEqual(a.slug, b.slug);
  });

  test('an unknown section is refused and nothing is written', async () => {
    const before = await n.db.db.selectFrom('articles').select((e) => e.fn.countAll<number>().as('c')).executeTakeFirstOrThrow();
    await assert.rejects(createDraft(n.deps, { actor: n.people.editor, edit: { headline: 'ખોટો વિભાગ', sectionId: 9999 } }), (e: unknown) => e instanceof EditInputError && e.problem.code === 'noSection' && e.problem.id === 9999);
    const after = await n.db.db.selectFrom('articles').select((e) => e.fn.countAll<number>().as('c')).executeTakeFirstOrThrow();
    assert.equal(Number(after.c), Number(before.c));
  });

});
