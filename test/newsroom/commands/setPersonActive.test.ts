// setPersonActive and changeRole: admins only, never on oneself; deactivation ends sessions at once.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { NotAllowedError } from '../../../src/content/policies.js';
import { changeRole } from '../../../src/newsroom/commands/changeRole.js';
import { setPersonActive } from '../../../src/newsroom/commands/setPersonActive.js';
import { savePerson } from '../../../src/newsroom/commands/savePerson.js';
import { PersonError } from '../../../src/newsroom/profiles.js';
import { addPerson } from '../../../src/newsroom/people.js';
import { login, userForSession } from '../../../src/newsroom/sessions.js';
import { testDialect } from '../../helpers/database.js';
import { newsroom, type Newsroom } from './fixture.js';

const password = 'નર્મદા-ડેમ-૧૩૮-મીટર';

describe(`setPersonActive and changeRole (${testDialect})`, () => {
  let n: Newsroom;
  before(async () => (n = await newsroom()));
  after(() => n.close());

  test('deactivating ends every session now and refuses sign-in; bylines stay; reactivating lets them in again', async () => {
    const { person } = await addPerson(n.db.db, { email: 'dhruv@example.com', name: 'ધ્રુવ મહેતા', role: 'author', password });
    const first = await login(n.db.db, 'dhruv@example.com', password);
    const second = await login(n.db.db, 'dhruv@example.com', password);
    assert.ok(first.ok && second.ok);
    const articleId = await n.draft({ id: person.id, role: 'author' });
    await setPersonActive(n.deps, { actor: n.people.admin, personId: person.id, active: false });
    assert.equal(await userForSession(n.db.db, first.sessionId), undefined);
    assert.equal(await userForSession(n.db.db, second.sessionId), undefined);
    assert.equal((await n.db.db.selectFrom('sessions').select('id_hash').where('person_id', '=', person.id).execute()).length, 0);
    assert.deepEqual(await login(n.db.db, 'dhruv@example.com', password), { ok: false, reason: 'disabled' });
    const byline = await n.db.db.selectFrom('article_authors').select('person_id').where('article_id', '=', articleId).execute();
    assert.deepEqual(byline.map((b) => b.person_id), [person.id]);
    await setPersonActive(n.deps, { actor: n.people.admin, personId: person.id, active: true });
    assert.equal((await login(n.db.db, 'dhruv@example.com', password)).ok, true);
  });

  test('an editor may not deactivate or change roles; an admin not their own; an unknown person is named so', async () => {
    await assert.rejects(setPersonActive(n.deps, { actor: n.people.editor, personId: n.people.author.id, active: false }), NotAllowedError);
    await assert.rejects(changeRole(n.deps, { actor: n.people.editor, personId: n.people.author.id, role: 'admin' }), NotAllowedError);
    await assert.rejects(setPersonActive(n.deps, { actor: n.people.admin, personId: n.people.admin.id, active: false }), (e: unknown) => e instanceof PersonError && e.problem.code === 'ownAccount');
    await assert.rejects(changeRole(n.deps, { actor: n.people.admin, personId: n.people.admin.id, role: 'editor' }), (e: unknown) => e instanceof PersonError && e.problem.code === 'ownAccount');
    await assert.rejects(setPersonActive(n.deps, { actor: n.people.admin, personId: 987_654, active: false }), (e: unknown) => e instanceof PersonError && e.problem.code === 'notFound');
  });

  test('changeRole: an account\'s role changes; a byline-only person gets one only by invitation', async () => {
    await changeRole(n.deps, { actor: n.people.admin, personId: n.people.contributor.id, role: 'author' });
    assert.equal((await n.db.db.selectFrom('people').select('role').where('id', '=', n.people.contributor.id).executeTakeFirstOrThrow()).role, 'author');
    const byline = await savePerson(n.deps, { actor: n.people.admin, profile: { name: 'અતિથિ લેખક', title: '', bio: '', socialLinks: [], emailPublic: false } });
    await assert.rejects(changeRole(n.deps, { actor: n.people.admin, personId: byline, role: 'editor' }), PersonError);
  });
});
