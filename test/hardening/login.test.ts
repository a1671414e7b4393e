// Sign-in hardening (issue 18, findings 3, 9 and 10): the failure count cannot be raced, a name
// nobody has answers exactly like a real account, a disabled account costs a real password
// check, and changing a password signs out every other session.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { accountKey } from '../../src/newsroom/loginAttempts.js';
import { addPerson, createResetToken, resetPassword, setDisabled } from '../../src/newsroom/people.js';
import { login, maxFailedLogins } from '../../src/newsroom/sessions.js';
import { testDialect } from '../helpers/database.js';
import { testPassword } from '../helpers/newsroom.js';
import { startTestSite, type TestSite } from '../helpers/site.js';

describe(`sign-in hardening (${testDialect})`, () => {
  let site: TestSite;
  let address = 0;
  before(async () => {
    site = await startTestSite();
  });
  after(() => site.close());

  /** The login form's CSRF cookie pair. */
  async function loginForm(): Promise<{ cookie: string; csrf: string }> {
    const form = await fetch(`${site.url}/newsroom/login`);
    return { cookie: (form.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: (await form.text()).match(/name="_csrf" value="([^"]+)"/)![1]! };
  }

  /**
   * One sign-in over HTTP, each from a new address (as a botnet would: the per-address rate
   * limit is not what is tested here). Returns the status, the notice shown and the cookie set.
   */
  async function attempt(form: { cookie: string; csrf: string }, email: string, password: string) {
    address++;
    const res = await fetch(`${site.url}/newsroom/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `10.7.${address >> 8}.${address & 255}` },
      body: new URLSearchParams({ _csrf: form.csrf, email, password }),
    });
    const body = await res.text();
    const notice = body.match(/class="notice[^"]*"[^>]*>([^<]*)</)?.[1] ?? '';
    return { status: res.status, notice, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
  }

  async function failures(email: string): Promise<{ failures: number; lockedUntil: string | null }> {
    const row = await site.database.db.selectFrom('login_failures').select(['failures', 'locked_until']).where('account', '=', accountKey(email)).executeTakeFirst();
    return { failures: row?.failures ?? 0, lockedUntil: row?.locked_until ?? null };
  }

  test('40 parallel sign-ins, 39 wrong and then the right one: at most 5 are checked and the account ends locked', async () => {
    const email = 'race@example.com';
    await addPerson(site.database.db, { email, name: 'દોડ', role: 'author', password: testPassword });
    const form = await loginForm();
    const wrong = Array.from({ length: 39 }, (_, i) => attempt(form, email, `wrong-password-${i}`));
    // The right one goes out once the 39 are counted and while their passwords are still being checked.
    const t0 = Date.now();
    while ((await failures(email)).failures < 39 && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 20));
    const right = await attempt(form, email, testPassword);
    const answers = await Promise.all(wrong);
    const counted = await failures(email);
    assert.equal(counted.failures, 40, 'every attempt counted, none lost to a read-then-write');
    assert.ok(counted.lockedUntil && new Date(counted.lockedUntil) > new Date(), 'locked');
    assert.equal(right.status, 429, 'the right password does not get in once the account is locked');
    assert.equal(right.cookie.startsWith('khabar_session='), false);
    const byStatus = answers.reduce((m, a) => m.set(a.status, (m.get(a.status) ?? 0) + 1), new Map<number, number>());
    assert.deepEqual([...byStatus].sort(), [[401, maxFailedLogins - 1], [429, 39 - (maxFailedLogins - 1)]]);
    assert.equal((await attempt(await loginForm(), email, testPassword)).status, 429, 'still locked afterwards');
  });

  test('after 5 failures a name nobody has answers exactly like a real account, and so does a disabled one', async () => {
    const known = 'known@example.com';
    const disabled = 'disabled@example.com';
    await addPerson(site.database.db, { email: known, name: 'જાણીતા', role: 'editor', password: testPassword });
    const { person } = await addPerson(site.database.db, { email: disabled, name: 'બંધ', role: 'editor', password: testPassword });
    await setDisabled(site.database.db, person.id, true);
    const form = await loginForm();
    // The time in "try again after 10:45:12" depends on the second of the fifth failure.
    const shape = (a: { status: number; notice: string }) => `${a.status} ${a.notice.replace(/[0-9૦-૯:]+(\s*[ap]\.?m\.?)?/giu, 'T')}`;
    const run = async (email: string) => {
      const out: string[] = [];
      for (let i = 0; i <= maxFailedLogins; i++) out.push(shape(await attempt(form, email, `not-the-password-${i}`)));
      return out;
    };
    const knownAnswers = await run(known);
    assert.deepEqual(knownAnswers.map((a) => a.slice(0, 3)), ['401', '401', '401', '401', '429', '429']);
    assert.deepEqual(await run('nobody-at-all@example.com'), knownAnswers);
    assert.deepEqual(await run(disabled), knownAnswers);
    assert.match(knownAnswers[4]!, /ઘણા ખોટા પ્રયત્નો/);
  });

  test('an unknown or disabled account takes as long as a real password check', async () => {
    const { person } = await addPerson(site.database.db, { email: 'slow-disabled@example.com', name: 'ધીમું', role: 'author', password: testPassword });
    await setDisabled(site.database.db, person.id, true);
    await addPerson(site.database.db, { email: 'slow-known@example.com', name: 'ધીમું', role: 'author', password: testPassword });
    // Rounds interleave the three, so a busy moment on the machine slows all of them alike.
    const cases = { known: 'slow-known@example.com', unknown: 'slow-nobody@example.com', disabled: 'slow-disabled@example.com' };
    const ms: Record<keyof typeof cases, number[]> = { known: [], unknown: [], disabled: [] };
    for (let round = 0; round < 3; round++) {
      for (const [name, email] of Object.entries(cases) as [keyof typeof cases, string][]) {
        const t0 = performance.now();
        const r = await login(site.database.db, email, 'a-wrong-password');
        ms[name].push(performance.now() - t0);
        assert.equal(r.ok, false);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
    const [real, unknown, disabledWrong] = [median(ms.known), median(ms.unknown), median(ms.disabled)];
    console.log(`login-ms: known ${real.toFixed(0)}, unknown ${unknown.toFixed(0)}, disabled ${disabledWrong.toFixed(0)}`);
    assert.ok(unknown > real * 0.4, `unknown ${unknown.toFixed(0)} ms vs ${real.toFixed(0)} ms`);
    assert.ok(disabledWrong > real * 0.4, `disabled ${disabledWrong.toFixed(0)} ms vs ${real.toFixed(0)} ms`);
    // Only with its right password does a disabled account say so.
    assert.deepEqual(await login(site.database.db, 'slow-disabled@example.com', testPassword), { ok: false, reason: 'disabled' });
  });

  test('over-long login fields are refused before any lookup or hashing', async () => {
    const form = await loginForm();
    const long = `${'ક'.repeat(100_000)}@example.com`;
    const r = await attempt(form, long, 'whatever-password');
    assert.equal(r.status, 401);
    assert.match(r.notice, /ઈમેલ અથવા પાસવર્ડ ખોટો છે/);
    assert.equal((await failures(long)).failures, 0, 'not even counted');
    const t0 = performance.now();
    const p = await login(site.database.db, 'someone@example.com', 'x'.repeat(50_000));
    assert.deepEqual(p, { ok: false, reason: 'bad-credentials' });
    assert.ok(performance.now() - t0 < 100, 'no scrypt run on a 50,000-character password');
  });

  test('a password reset lifts the lock', async () => {
    const email = 'locked-then-reset@example.com';
    await addPerson(site.database.db, { email, name: 'તાળું', role: 'author', password: testPassword });
    for (let i = 0; i < maxFailedLogins; i++) await login(site.database.db, email, 'wrong-password');
    assert.equal((await login(site.database.db, email, testPassword)).ok, false);
    const token = await createResetToken(site.database.db, email);
    await resetPassword(site.database.db, token, 'નવો-પાસવર્ડ-૨૦૨૬');
    assert.equal((await login(site.database.db, email, 'નવો-પાસવર્ડ-૨૦૨૬')).ok, true);
  });

  test('changing the password ends every other session of the person, not the current one', async () => {
    const email = 'two-devices@example.com';
    await addPerson(site.database.db, { email, name: 'બે ઉપકરણ', role: 'author', password: testPassword });
    const phone = await attempt(await loginForm(), email, testPassword);
    const laptop = await attempt(await loginForm(), email, testPassword);
    assert.equal(phone.status, 303);
    assert.equal(laptop.status, 303);
    const dashboard = (cookie: string) => fetch(`${site.url}/newsroom`, { headers: { cookie }, redirect: 'manual' });
    const page = await (await dashboard(laptop.cookie)).text();
    const csrf = page.match(/name="csrf-token" content="([^"]+)"/)![1]!;
    const change = await fetch(`${site.url}/newsroom/account/password`, {
      method: 'POST',
      headers: { cookie: laptop.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, current: testPassword, next: 'બદલાયેલો-પાસવર્ડ-૨૦૨૬' }),
    });
    assert.equal(change.status, 200);
    assert.equal((await dashboard(laptop.cookie)).status, 200, 'the session that changed it stays signed in');
    assert.equal((await dashboard(phone.cookie)).status, 303, 'the other session is signed out');
    const rows = await site.database.db.selectFrom('sessions').innerJoin('people', 'people.id', 'sessions.person_id').select('sessions.id_hash').where('people.email', '=', email).execute();
    assert.equal(rows.length, 1);
  });
});
