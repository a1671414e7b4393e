// invitePerson, issueResetLink and requestPasswordReset against a real SMTP server in this
// process: what arrives (language, parts, site name, link), the link working once, mail off, SMTP down.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { NotAllowedError } from '../../../src/content/policies.js';
import { createMailer } from '../../../src/mail/index.js';
import { invitePerson } from '../../../src/newsroom/commands/invitePerson.js';
import { issueResetLink } from '../../../src/newsroom/commands/issueResetLink.js';
import { requestPasswordReset } from '../../../src/newsroom/commands/requestPasswordReset.js';
import { savePerson } from '../../../src/newsroom/commands/savePerson.js';
import { PersonError, type PeopleDeps } from '../../../src/newsroom/profiles.js';
import { resetPassword } from '../../../src/newsroom/people.js';
import { login } from '../../../src/newsroom/sessions.js';
import { freePort } from '../../helpers/site.js';
import { startSmtp, resetLinkIn, type TestSmtp } from '../../helpers/smtp.js';
import { testDialect } from '../../helpers/database.js';
import { newsroom, type Newsroom } from './fixture.js';

const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';
const byline = (n: Newsroom, name: string) => savePerson(n.deps, { actor: n.people.admin, profile: { name, title: '', bio: '', socialLinks: [], emailPublic: false } });

describe(`invitations and reset links (${testDialect})`, () => {
  let n: Newsroom;
  let smtp: TestSmtp;
  let mail: PeopleDeps;
  const errors: unknown[] = [];
  before(async () => {
    n = await newsroom();
    smtp = await startSmtp();
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'ખબર ન્યૂઝરૂમ <news@khabar.example>' }, 'https://khabar.example');
    mail = { ...n.deps, mailer: mailer!, siteName: () => 'ખબર સમાચાર', publicUrl: 'https://khabar.example', onMailError: (e) => errors.push(e) };
  });
  after(async () => {
    mail.mailer?.close();
    await smtp.close();
    await n.close();
  });

  test('an invitation arrives in Gujarati, text and HTML, with the site\'s name and a link that works once', async () => {
    const id = await byline(n, 'ઋષિ દ્રષ્ટિ');
    const before = smtp.received.length;
    const inv = await invitePerson(mail, { actor: n.people.admin, personId: id, email: 'Rushi@Example.com', role: 'author' });
    assert.equal(inv.mail, 'sent');
    const [m] = (await smtp.waitFor(before + 1)).slice(before);
    assert.equal(m!.to, 'rushi@example.com');
    assert.equal(m!.from, 'news@khabar.example');
    assert.equal(m!.subject, 'ખબર સમાચારના ન્યૂઝરૂમમાં આપનું સ્વાગત છે');
    assert.match(m!.contentType, /multipart\/alternative/);
    assert.match(m!.text, /નમસ્તે ઋષિ દ્રષ્ટિ/);
    assert.match(m!.text, /૭૨ કલાક/);
    assert.match(m!.html, /<html lang="gu">/);
    assert.match(m!.html, /ખબર સમાચાર/);
    const link = resetLinkIn(m!.text);
    assert.equal(link, inv.link);
    assert.ok(m!.html.includes(link.replace(/&/g, '&#38;')));
    const row = await n.db.db.selectFrom('password_resets').select(['purpose', 'expires_at']).where('person_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.purpose, 'invite');
    const hours = (new Date(row.expires_at).getTime() - Date.now()) / 3600_000;
    assert.ok(hours > 71.9 && hours <= 72, `valid ${hours} h`);
    await resetPassword(n.db.db, tokenOf(link), 'મારો-નવો-પાસવર્ડ-૨૦૨૬');
    await assert.rejects(resetPassword(n.db.db, tokenOf(link), 'બીજો-પાસવર્ડ-૨૦૨૬'), (e: unknown) => e instanceof PersonError && e.problem.code === 'badToken');
    const signed = await login(n.db.db, 'rushi@example.com', 'મારો-નવો-પાસવર્ડ-૨૦૨૬');
    assert.equal(signed.ok, true);
    // Once the password is set, inviting again is refused: it is an account now.
    await assert.rejects(invitePerson(mail, { actor: n.people.admin, personId: id, email: 'rushi@example.com', role: 'author' }), (e: unknown) => e instanceof PersonError && e.problem.code === 'hasAccount');
  });

  test('an invitation in English for a person who chose English; a link past 72 hours is refused', async () => {
    const id = await byline(n, 'Meera Joshi');
    await n.db.db.updateTable('people').set({ ui_locale: 'en' }).where('id', '=', id).execute();
    const before = smtp.received.length;
    const long = new Date(Date.now() - 73 * 3600_000);
    const inv = await invitePerson(mail, { actor: n.people.admin, personId: id, email: 'meera@example.com', role: 'contributor', at: long });
    const [m] = (await smtp.waitFor(before + 1)).slice(before);
    assert.equal(m!.subject, 'Welcome to the ખબર સમાચાર newsroom');
    assert.match(m!.text, /72 hours/);
    await assert.rejects(resetPassword(n.db.db, tokenOf(inv.link), 'a-long-enough-password'), PersonError);
  });

  test('an editor cannot invite; an e-mail already taken is refused and nothing changes', async () => {
    const id = await byline(n, 'હેતલ ભટ્ટ');
    await assert.rejects(invitePerson(mail, { actor: n.people.editor, personId: id, email: 'hetal@example.com', role: 'author' }), NotAllowedError);
    await assert.rejects(invitePerson(mail, { actor: n.people.admin, personId: id, email: 'editor@example.com', role: 'author' }), (e: unknown) => e instanceof PersonError && e.problem.code === 'emailTaken');
    const row = await n.db.db.selectFrom('people').select(['email', 'role']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { email: null, role: null });
  });

  test('mail off: the invitation is made and its link returned for the admin to hand over', async () => {
    const id = await byline(n, 'નિસર્ગ દવે');
    const before = smtp.received.length;
    const { mailer: _m, ...off } = mail;
    const inv = await invitePerson(off, { actor: n.people.admin, personId: id, email: 'nisarg@example.com', role: 'author' });
    assert.equal(inv.mail, 'off');
    assert.match(inv.link, /^https:\/\/khabar\.example\/newsroom\/reset\?token=/);
    assert.equal(smtp.received.length, before);
  });

  test('SMTP down: the invitation still stands, the answer is "failed" with the link, the error is reported', async () => {
    const id = await byline(n, 'ઝરણા ત્રિવેદી');
    const dead = createMailer({ smtpUrl: `smtp://127.0.0.1:${await freePort()}` }, 'https://khabar.example')!;
    errors.length = 0;
    const inv = await invitePerson({ ...mail, mailer: dead }, { actor: n.people.admin, personId: id, email: 'zarna@example.com', role: 'author' });
    dead.close();
    assert.equal(inv.mail, 'failed');
    assert.equal(errors.length, 1);
    assert.equal((await n.db.db.selectFrom('people').select('email').where('id', '=', id).executeTakeFirstOrThrow()).email, 'zarna@example.com');
    await resetPassword(n.db.db, tokenOf(inv.link), 'ઝરણાનો-પાસવર્ડ-૨૦૨૬');
  });

  test('forgot password: a link for an account, nothing (and the same answer) for an unknown or deactivated e-mail', async () => {
    const before = smtp.received.length;
    const known = await requestPasswordReset(mail, { email: 'AUTHOR@example.com' });
    await known.sending;
    const unknown = await requestPasswordReset(mail, { email: 'nobody@example.com' });
    await unknown.sending;
    assert.deepEqual(Object.keys(known), Object.keys(unknown));
    const all = await smtp.waitFor(before + 1);
    assert.equal(all.length, before + 1);
    const m = all.at(-1)!;
    assert.equal(m.to, 'author@example.com');
    assert.equal(m.subject, 'ખબર સમાચાર: નવો પાસવર્ડ');
    const row = await n.db.db.selectFrom('password_resets').select(['purpose', 'expires_at']).where('person_id', '=', n.people.author.id).executeTakeFirstOrThrow();
    assert.equal(row.purpose, 'reset');
    await n.db.db.updateTable('people').set({ disabled: 1 }).where('id', '=', n.people.author.id).execute();
    await (await requestPasswordReset(mail, { email: 'author@example.com' })).sending;
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(smtp.received.length, before + 1);
    await n.db.db.updateTable('people').set({ disabled: 0 }).where('id', '=', n.people.author.id).execute();
  });

  test('issueResetLink: an admin gets a link for an account (mailed too); an earlier link stops working', async () => {
    const first = await issueResetLink(mail, { actor: n.people.admin, personId: n.people.editor.id });
    const second = await issueResetLink(mail, { actor: n.people.admin, personId: n.people.editor.id });
    assert.equal(second.mail, 'sent');
    await assert.rejects(resetPassword(n.db.db, tokenOf(first.link), 'તંત્રીનો-પાસવર્ડ-૨૦૨૬'), PersonError);
    await resetPassword(n.db.db, tokenOf(second.link), 'તંત્રીનો-પાસવર્ડ-૨૦૨૬');
    await assert.rejects(issueResetLink(mail, { actor: n.people.editor, personId: n.people.author.id }), NotAllowedError);
  });
});
