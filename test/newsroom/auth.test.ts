import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPerson, createResetToken } from '../../src/newsroom/people.js';
import { login, maxFailedLogins } from '../../src/newsroom/sessions.js';
import { hashPassword, verifyPassword } from '../../src/newsroom/passwords.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { post, signIn, testPassword } from '../helpers/newsroom.js';

describe(`newsroom sign-in (${testDialect})`, () => {
  let site: TestSite;
  before(async () => {
    site = await startTestSite();
  });
  after(async () => site.close());

  test('passwords are scrypt hashes that verify only the right (Gujarati) password', async () => {
    const h = await hashPassword('મારો ગુપ્ત પાસવર્ડ');
    assert.match(h, /^scrypt\$131072\$8\$1\$/);
    assert.equal(await verifyPassword('મારો ગુપ્ત પાસવર્ડ', h), true);
    assert.equal(await verifyPassword('મારો ગુપ્ત પાસવર્ડ ', h), false);
    // NFC: the same text typed with a different byte order of marks still matches.
    assert.equal(await verifyPassword('મારો ગુપ્ત પાસવર્ડ'.normalize('NFD'), h), true);
  });

  test('pages need a session; the session cookie is HttpOnly and SameSite=Lax', async () => {
    const res = await fetch(`${site.url}/newsroom`, { redirect: 'manual' });
    assert.equal(res.status, 303);
    assert.match(res.headers.get('location') ?? '', /^\/newsroom\/login/);
    const api = await fetch(`${site.url}/newsroom/api/articles/1/lock`, { method: 'POST' });
    assert.equal(api.status, 403, 'no session, no CSRF token: refused');

    await addPerson(site.database.db, { email: 'cookie@example.com', name: 'કૂકી', role: 'author', password: testPassword });
    const form = await fetch(`${site.url}/newsroom/login`);
    const loginCookie = (form.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrf = (await form.text()).match(/name="_csrf" value="([^"]+)"/)![1]!;
    const ok = await fetch(`${site.url}/newsroom/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, email: 'COOKIE@example.com', password: testPassword }),
    });
    assert.equal(ok.status, 303);
    const set = ok.headers.get('set-cookie') ?? '';
    assert.match(set, /khabar_session=/);
    assert.match(set, /HttpOnly/i);
    assert.match(set, /SameSite=Lax/i);
    assert.doesNotMatch(set, /Secure/i, 'plain http here; Secure is set behind HTTPS');
    const https = await fetch(`${site.url}/newsroom/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: loginCookie, 'x-forwarded-proto': 'https', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, email: 'cookie@example.com', password: testPassword }),
    });
    assert.match(https.headers.get('set-cookie') ?? '', /Secure/i);
    const bad = await fetch(`${site.url}/newsroom/login`, {
      method: 'POST',
      headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, email: 'cookie@example.com', password: 'wrong-password-here' }),
    });
    assert.equal(bad.status, 401);
    assert.match(await bad.text(), /ઈમેલ અથવા પાસવર્ડ ખોટો છે/);
  });

  test('repeated failures lock the account for a while, then it works again', async () => {
    await addPerson(site.database.db, { email: 'lock@example.com', name: 'તાળું', role: 'author', password: testPassword });
    const t0 = new Date('2026-11-27T10:00:00Z');
    for (let i = 1; i < maxFailedLogins; i++) {
      assert.deepEqual(await login(site.database.db, 'lock@example.com', 'wrong', t0), { ok: false, reason: 'bad-credentials' });
    }
    const locked = await login(site.database.db, 'lock@example.com', 'wrong', t0);
    assert.equal(locked.ok, false);
    assert.equal(!locked.ok && locked.reason, 'locked');
    const stillLocked = await login(site.database.db, 'lock@example.com', testPassword, new Date(t0.getTime() + 60_000));
    assert.equal(!stillLocked.ok && stillLocked.reason, 'locked', 'the right password does not help while locked');
    const later = await login(site.database.db, 'lock@example.com', testPassword, new Date(t0.getTime() + 16 * 60_000));
    assert.equal(later.ok, true);
  });

  test('the login form is rate-limited per IP', async () => {
    const form = await fetch(`${site.url}/newsroom/login`);
    const loginCookie = (form.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrf = (await form.text()).match(/name="_csrf" value="([^"]+)"/)![1]!;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await fetch(`${site.url}/newsroom/login`, {
        method: 'POST',
        headers: { cookie: loginCookie, 'x-forwarded-for': '203.0.113.9', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, email: `nobody${i}@example.com`, password: 'whatever-password' }),
      });
      statuses.push(r.status);
    }
    assert.ok(statuses.slice(0, 10).every((s) => s === 401), statuses.join(','));
    assert.equal(statuses.at(-1), 429);
  });

  test('logout ends the session; password change and reset link work once', async () => {
    const s = await signIn(site, 'author', 'reset@example.com');
    const change = await post(site, s, '/newsroom/account/password', { current: testPassword, next: 'નવો-પાસવર્ડ-૨૦૨૬' });
    assert.equal(change.status, 200);
    assert.equal((await login(site.database.db, 'reset@example.com', 'નવો-પાસવર્ડ-૨૦૨૬')).ok, true);
    const wrong = await post(site, s, '/newsroom/account/password', { current: 'not-it-at-all', next: 'બીજો-પાસવર્ડ-૨૦૨૬' });
    assert.equal(wrong.status, 400);

    const out = await post(site, s, '/newsroom/logout');
    assert.equal(out.status, 303);
    assert.equal((await fetch(`${site.url}/newsroom`, { headers: { cookie: s.cookie }, redirect: 'manual' })).status, 303, 'old cookie no longer works');

    const token = await createResetToken(site.database.db, 'reset@example.com');
    const form = await fetch(`${site.url}/newsroom/reset?token=${token}`);
    const cookie = (form.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrf = (await form.text()).match(/name="_csrf" value="([^"]+)"/)![1]!;
    const send = () =>
      fetch(`${site.url}/newsroom/reset`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, token, password: 'રીસેટ-પાસવર્ડ-૨૦૨૬' }),
      });
    assert.equal((await send()).status, 200);
    assert.equal((await login(site.database.db, 'reset@example.com', 'રીસેટ-પાસવર્ડ-૨૦૨૬')).ok, true);
    assert.equal((await send()).status, 400, 'a reset token works once');
  });
});
