// savePerson and setPersonPhoto: byline people without accounts, profiles, own profile, links.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { NotAllowedError } from '../../../src/content/policies.js';
import { publicProfile } from '../../../src/content/people.js';
import { savePerson, type ProfileInput } from '../../../src/newsroom/commands/savePerson.js';
import { setPersonPhoto } from '../../../src/newsroom/commands/setPersonPhoto.js';
import { PersonError } from '../../../src/newsroom/profiles.js';
import { testDialect } from '../../helpers/database.js';
import { newsroom, type Newsroom } from './fixture.js';

const profile = (over: Partial<ProfileInput> = {}): ProfileInput => ({
  name: 'ક્ષિતિજ દ્રવિડ',
  title: 'વરિષ્ઠ ખબરપત્રી, સુરત',
  bio: 'નર્મદા અને ડાયમંડ ઉદ્યોગ પર ૧૨ વર્ષથી લખે છે.\n\nઅગાઉ ‌રાજકોટ આવૃત્તિમાં.',
  socialLinks: ['https://x.com/kshitij', ' https://www.instagram.com/kshitij ', ''],
  emailPublic: false,
  ...over,
});

describe(`savePerson and setPersonPhoto (${testDialect})`, () => {
  let n: Newsroom;
  before(async () => (n = await newsroom()));
  after(() => n.close());

  test('an admin creates a byline-only person with a Gujarati profile; the author page reads it; the event names the page', async () => {
    n.heard.length = 0;
    const id = await savePerson(n.deps, { actor: n.people.admin, profile: profile() });
    const row = await n.db.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.role, null);
    assert.equal(row.email, null);
    assert.equal(row.password_hash, null);
    assert.match(row.slug, /^[a-z0-9-]+$/);
    const shown = await publicProfile(n.db.db, row.slug);
    assert.equal(shown?.name, 'ક્ષિતિજ દ્રવિડ');
    assert.equal(shown?.bio, profile().bio);
    assert.deepEqual(shown?.links, ['https://x.com/kshitij', 'https://www.instagram.com/kshitij']);
    assert.deepEqual(n.heard, [{ type: 'person.changed', personId: id, pages: [`person:${id}`] }]);
    assert.equal((await n.pendingEvents()).at(-1)?.type, 'person.changed');
  });

  test('two people of one name get two slugs', async () => {
    const a = await savePerson(n.deps, { actor: n.people.admin, profile: profile({ name: 'નયના પટેલ' }) });
    const b = await savePerson(n.deps, { actor: n.people.admin, profile: profile({ name: 'નયના પટેલ' }) });
    const slugs = await n.db.db.selectFrom('people').select('slug').where('id', 'in', [a, b]).execute();
    assert.equal(new Set(slugs.map((s) => s.slug)).size, 2);
  });

  test('links must be http(s) URLs: javascript:, bare words and credentials are refused, nothing changes', async () => {
    const id = await savePerson(n.deps, { actor: n.people.admin, profile: profile({ name: 'ઝીલ શાહ' }) });
    for (const bad of ['javascript:alert(1)', 'x.com/zeel', 'ftp://files.example/zeel', 'https://user:pw@example.com/']) {
      await assert.rejects(savePerson(n.deps, { actor: n.people.admin, personId: id, profile: profile({ name: 'બદલાયું', socialLinks: [bad] }) }), (e: unknown) => e instanceof PersonError && e.problem.code === 'badLink');
    }
    const row = await n.db.db.selectFrom('people').select('name').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.name, 'ઝીલ શાહ');
    await assert.rejects(savePerson(n.deps, { actor: n.people.admin, personId: id, profile: profile({ name: '   ' }) }), (e: unknown) => e instanceof PersonError && e.problem.code === 'nameEmpty');
  });

  test('a person edits their own profile and notification choice; not someone else\'s; an editor cannot create people', async () => {
    const me = n.people.contributor;
    await savePerson(n.deps, { actor: me, personId: me.id, profile: profile({ name: 'ફાળો આપનાર રાજ', emailPublic: true }), notifySubmissions: false });
    const row = await n.db.db.selectFrom('people').select(['name', 'email_public', 'notify_submissions']).where('id', '=', me.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { name: 'ફાળો આપનાર રાજ', email_public: 1, notify_submissions: 0 });
    await assert.rejects(savePerson(n.deps, { actor: me, personId: n.people.author.id, profile: profile() }), NotAllowedError);
    await assert.rejects(savePerson(n.deps, { actor: n.people.editor, profile: profile() }), NotAllowedError);
    // An admin edits profiles, but another person's mail choices are theirs.
    await assert.rejects(savePerson(n.deps, { actor: n.people.admin, personId: me.id, profile: profile(), notifySubmissions: true }), NotAllowedError);
  });

  test('the public e-mail shows only when chosen', async () => {
    const slug = (await n.db.db.selectFrom('people').select('slug').where('id', '=', n.people.contributor.id).executeTakeFirstOrThrow()).slug;
    assert.equal((await publicProfile(n.db.db, slug))?.email, 'contributor@example.com');
    await savePerson(n.deps, { actor: n.people.contributor, personId: n.people.contributor.id, profile: profile({ emailPublic: false }) });
    assert.equal((await publicProfile(n.db.db, slug))?.email, null);
  });

  test('setPersonPhoto: own or an admin; an unknown image is refused; removing keeps the image in the library', async () => {
    const media = await n.db.db
      .insertInto('media')
      .values({ path: 'uploads/2026/12/face.jpg', mime: 'image/jpeg', width: 800, height: 800, alt: '', caption: '', created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setPersonPhoto(n.deps, { actor: n.people.author, personId: n.people.author.id, mediaId: media.id });
    const slug = (await n.db.db.selectFrom('people').select('slug').where('id', '=', n.people.author.id).executeTakeFirstOrThrow()).slug;
    assert.equal((await publicProfile(n.db.db, slug))?.photo?.path, 'uploads/2026/12/face.jpg');
    await assert.rejects(setPersonPhoto(n.deps, { actor: n.people.author, personId: n.people.editor.id, mediaId: media.id }), NotAllowedError);
    await assert.rejects(setPersonPhoto(n.deps, { actor: n.people.admin, personId: n.people.editor.id, mediaId: 999_999 }), PersonError);
    await setPersonPhoto(n.deps, { actor: n.people.admin, personId: n.people.author.id, mediaId: null });
    assert.equal((await publicProfile(n.db.db, slug))?.photo, null);
    assert.ok(await n.db.db.selectFrom('media').select('id').where('id', '=', media.id).executeTakeFirst());
  });
});
