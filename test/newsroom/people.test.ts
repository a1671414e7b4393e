// The people pages and accounts over real HTTP, with a real SMTP server in this process:
// policies (an editor cannot deactivate), a deactivated session refused at once, one-time
// passwords spent at first sign-in, lockout times in the site's format, forgot password,
// submission notices and their opt-out, mail off, SMTP down.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addPerson } from '../../src/newsroom/people.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { api, post, signIn, type Session } from '../helpers/newsroom.js';
import { startSmtp, resetLinkIn, type TestSmtp } from '../helpers/smtp.js';
import { testDialect } from '../helpers/database.js';

/** The login form's CSRF pair, as a browser gets it. */
async function loginForm(site: TestSite, path = '/newsroom/login'): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${site.url}${path}`);
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: (await res.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '' };
}

async function publicPost(site: TestSite, path: string, fields: Record<string, string>, form?: { cookie: string; csrf: string }) {
  const f = form ?? (await loginForm(site, path));
  return fetch(`${site.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    // Each from a reader address of its own, so the per-address rate limit stays out of the way.
    headers: { cookie: f.cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 250) + 1}` },
    body: new URLSearchParams({ _csrf: f.csrf, ...fields }),
  });
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&quot;/g, "'").replace(/\s+/g, ' ');

describe(`people and mail over HTTP, mail on (${testDialect})`, () => {
  let site: TestSite;
  let smtp: TestSmtp;
  let admin: Session;
  let editor: Session;
  let sectionId: number;
  before(async () => {
    smtp = await startSmtp();
    site = await startTestSite({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'news@khabar.example' } });
    admin = await signIn(site, 'admin');
    editor = await signIn(site, 'editor');
    sectionId = (await site.database.db.selectFrom('sections').select('id').where('slug', '=', 'gujarat').executeTakeFirstOrThrow()).id;
  });
  after(async () => {
    await site.close();
    await smtp.close();
  });

  test('an editor can neither see the people page nor deactivate anyone (403); the person stays signed in', async () => {
    const author = await signIn(site, 'author');
    assert.equal((await fetch(`${site.url}/newsroom/people`, { headers: { cookie: editor.cookie } })).status, 403);
    const refused = await post(site, editor, `/newsroom/people/${author.personId}/deactivate`);
    assert.equal(refused.status, 403);
    assert.equal((await post(site, editor, `/newsroom/people/${author.personId}/role`, { role: 'admin' })).status, 403);
    assert.equal((await fetch(`${site.url}/newsroom`, { headers: { cookie: author.cookie }, redirect: 'manual' })).status, 200);
  });

  test('deactivated by an admin, a signed-in person\'s next request is refused at once; they cannot sign in; reactivated they can', async () => {
    const email = `nayan-${Date.now()}@example.com`;
    const author = await signIn(site, 'author', email);
    assert.equal((await fetch(`${site.url}/newsroom`, { headers: { cookie: author.cookie }, redirect: 'manual' })).status, 200);
    const res = await post(site, admin, `/newsroom/people/${author.personId}/deactivate`);
    assert.equal(res.status, 200);
    assert.match(text(await res.text()), /ખાતું બંધ થયું/);
    const after = await fetch(`${site.url}/newsroom`, { headers: { cookie: author.cookie }, redirect: 'manual' });
    assert.equal(after.status, 303);
    assert.match(after.headers.get('location') ?? '', /\/newsroom\/login/);
    const login = await publicPost(site, '/newsroom/login', { email, password: 'ગુજરાતી-પાસવર્ડ-2026' });
    assert.equal(login.status, 401);
    assert.match(text(await login.text()), /ખાતું બંધ કરાયું છે/);
    assert.equal((await post(site, admin, `/newsroom/people/${author.personId}/reactivate`)).status, 200);
    assert.equal((await publicPost(site, '/newsroom/login', { email, password: 'ગુજરાતી-પાસવર્ડ-2026' })).status, 303);
    // An admin cannot deactivate themself: the refusal is in Gujarati.
    const self = await post(site, admin, `/newsroom/people/${admin.personId}/deactivate`);
    assert.equal(self.status, 400);
    assert.match(text(await self.text()), /પોતાનું ખાતું બંધ કરી શકાતું નથી/);
  });

  test('the people list shows last sign-in in the site\'s format; a bad social link is a 400 in Gujarati', async () => {
    await site.changeSettings({ digits: 'gujarati' });
    const page = text(await (await fetch(`${site.url}/newsroom/people`, { headers: { cookie: admin.cookie } })).text());
    assert.match(page, /છેલ્લો પ્રવેશ: [૦-૯]+ [^\s]+, [૦-૯]{4}.* IST/);
    const bad = await post(site, admin, `/newsroom/people/${editor.personId}/profile`, { name: 'તંત્રી', links: 'javascript:alert(1)' });
    assert.equal(bad.status, 400);
    assert.match(text(await bad.text()), /વેબ સરનામું નથી/);
    await site.changeSettings({ digits: 'ascii' });
  });

  test('a one-time password works once and forces a new password at the first sign-in', async () => {
    const { password } = await addPerson(site.database.db, { email: 'ektaso@example.com', name: 'એકતા સોની', role: 'contributor' });
    const first = await publicPost(site, '/newsroom/login', { email: 'ektaso@example.com', password: password! });
    assert.equal(first.status, 303);
    const where = first.headers.get('location') ?? '';
    assert.match(where, /^\/newsroom\/reset\?token=[\w-]+&first=1$/);
    assert.doesNotMatch(first.headers.get('set-cookie') ?? '', /khabar_session/);
    const again = await publicPost(site, '/newsroom/login', { email: 'ektaso@example.com', password: password! });
    assert.equal(again.status, 401);
    const resetPage = await fetch(`${site.url}${where}`);
    assert.match(text(await resetPage.text()), /એક વખતનો પાસવર્ડ વપરાઈ ગયો/);
    const form = { cookie: (resetPage.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: '' };
    form.csrf = (await (await fetch(`${site.url}${where}`, { headers: { cookie: form.cookie } })).text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    const token = new URL(where, site.url).searchParams.get('token')!;
    assert.equal((await publicPost(site, '/newsroom/reset', { token, password: 'એકતાનો-પોતાનો-પાસવર્ડ' }, form)).status, 200);
    assert.equal((await publicPost(site, '/newsroom/login', { email: 'ektaso@example.com', password: 'એકતાનો-પોતાનો-પાસવર્ડ' })).status, 303);
  });

  test('the lockout message gives the time in the site\'s format: Gujarati digits, zone shown', async () => {
    await site.changeSettings({ digits: 'gujarati' });
    await addPerson(site.database.db, { email: 'lock@example.com', name: 'તાળું', role: 'author', password: 'સાચો-પાસવર્ડ-૨૦૨૬' });
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) last = await publicPost(site, '/newsroom/login', { email: 'lock@example.com', password: 'ખોટો-પાસવર્ડ-' + i });
    assert.equal(last!.status, 429);
    const body = text(await last!.text());
    assert.match(body, /ઘણા ખોટા પ્રયત્નો થયા છે\. [૦-૯]+ [^\s]+, [૦-૯]{4},? [૦-૯]{2}:[૦-૯]{2} (AM|PM|am|pm) IST પછી ફરી પ્રયત્ન કરો\./);
    assert.doesNotMatch(body, /[0-9]{1,2}:[0-9]{2}:[0-9]{2}/);
    await site.changeSettings({ digits: 'ascii' });
  });

  test('forgot password: the same page for a known and an unknown e-mail; only the account gets a link, which sets a password once', async () => {
    const { person } = await addPerson(site.database.db, { email: 'bhula@example.com', name: 'ભૂલકણા ભાઈ', role: 'author', password: 'જૂનો-પાસવર્ડ-૨૦૨૬' });
    const before = smtp.received.length;
    const known = await publicPost(site, '/newsroom/forgot', { email: 'Bhula@example.com' });
    const unknown = await publicPost(site, '/newsroom/forgot', { email: 'koi-nahi@example.com' });
    assert.equal(known.status, 200);
    assert.equal(unknown.status, 200);
    const strip = (s: string) => text(s).replace(/name="_csrf" value="[^"]*"/g, '');
    assert.equal(strip(await known.text()), strip(await unknown.text()));
    const m = (await smtp.waitFor(before + 1)).at(-1)!;
    assert.equal(m.to, 'bhula@example.com');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(smtp.received.length, before + 1);
    const link = resetLinkIn(m.text);
    assert.ok(link.startsWith(site.url));
    const token = new URL(link).searchParams.get('token')!;
    assert.equal((await publicPost(site, '/newsroom/reset', { token, password: 'નવો-પાસવર્ડ-૨૦૨૬' }, await loginForm(site, '/newsroom/reset'))).status, 200);
    const twice = await publicPost(site, '/newsroom/reset', { token, password: 'ત્રીજો-પાસવર્ડ-૨૦૨૬' }, await loginForm(site, '/newsroom/reset'));
    assert.equal(twice.status, 400);
    assert.match(text(await twice.text()), /આ લિંક હવે ચાલતી નથી/);
    const row = await site.database.db.selectFrom('people').select('id').where('id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(row.id, person.id);
  });

  test('a submission mails the editors who want it, in their language; one who turned it off gets nothing', async () => {
    const wants = await signIn(site, 'editor');
    const optedOut = await signIn(site, 'editor');
    await site.database.db.updateTable('people').set({ ui_locale: 'en' }).where('id', '=', wants.personId).execute();
    const off = await post(site, optedOut, '/newsroom/account/profile', { name: 'ના પાડનાર તંત્રી', notifyShown: '1' });
    assert.equal(off.status, 200);
    const contributor = await signIn(site, 'contributor');
    const created = await api(site, contributor, 'POST', '/newsroom/api/articles', { headline: 'દ્વારકામાં ક્ષિતિજે નવો પુલ', sectionId, bodyHtml: '<p>પુલનું કામ ૯૦ ટકા પૂરું.</p>' });
    const { id } = (await created.json()) as { id: number };
    const before = smtp.received.length;
    assert.equal((await post(site, contributor, `/newsroom/articles/${id}/submit`)).status, 303);
    const wantsEmail = (await site.database.db.selectFrom('people').select('email').where('id', '=', wants.personId).executeTakeFirstOrThrow()).email!;
    const optedEmail = (await site.database.db.selectFrom('people').select('email').where('id', '=', optedOut.personId).executeTakeFirstOrThrow()).email!;
    const deadline = Date.now() + 5000;
    while (!smtp.received.slice(before).some((m) => m.to === wantsEmail) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 300));
    const got = smtp.received.slice(before);
    const forWants = got.find((m) => m.to === wantsEmail);
    assert.ok(forWants, 'the editor who wants notices got one');
    assert.equal(forWants.subject, 'For review: દ્વારકામાં ક્ષિતિજે નવો પુલ');
    assert.ok(forWants.text.includes(`/newsroom/articles/${id}/edit`));
    assert.equal(got.some((m) => m.to === optedEmail), false);
  });

  test('SMTP down: an invitation is still made, the page says the mail failed and shows the link; a submission still succeeds', async () => {
    await smtp.close();
    const created = await post(site, admin, '/newsroom/people', { name: 'હવા ઠક્કર' });
    const id = Number((await created.text()).match(/\/newsroom\/people\/(\d+)\/invite/)?.[1]);
    const res = await post(site, admin, `/newsroom/people/${id}/invite`, { email: 'hava@example.com', role: 'author' });
    assert.equal(res.status, 200);
    const page = await res.text();
    assert.match(text(page), /ઈમેલ મોકલી શકાયો નહીં/);
    assert.match(page, /id="handover-link"[^>]*value="http[^"]+\/newsroom\/reset\?token=/);
    const contributor = await signIn(site, 'contributor');
    const made = await api(site, contributor, 'POST', '/newsroom/api/articles', { headline: 'સર્વર બંધ છતાં', sectionId, bodyHtml: '<p>લેખ.</p>' });
    const { id: articleId } = (await made.json()) as { id: number };
    assert.equal((await post(site, contributor, `/newsroom/articles/${articleId}/submit`)).status, 303);
    smtp = await startSmtp();
  });
});

describe(`people and mail over HTTP, mail off (${testDialect})`, () => {
  let site: TestSite;
  let admin: Session;
  before(async () => {
    site = await startTestSite();
    admin = await signIn(site, 'admin');
  });
  after(() => site.close());

  test('forgot password says to ask an admin; an invitation shows the link to copy; the link sets the password and they sign in', async () => {
    const forgot = text(await (await fetch(`${site.url}/newsroom/forgot`)).text());
    assert.match(forgot, /વ્યવસ્થાપકને કહો/);
    assert.doesNotMatch(forgot, /લિંક મોકલો/);
    const login = await (await fetch(`${site.url}/newsroom/login`)).text();
    assert.match(login, /href="\/newsroom\/forgot"/);
    const created = await post(site, admin, '/newsroom/people', { name: 'પ્રજ્ઞા દેસાઈ', title: 'ફોટોગ્રાફર' });
    assert.equal(created.status, 201);
    const id = Number((await created.text()).match(/\/newsroom\/people\/(\d+)\/invite/)?.[1]);
    const res = await post(site, admin, `/newsroom/people/${id}/invite`, { email: 'pragna@example.com', role: 'author' });
    const page = await res.text();
    assert.match(text(page), /ઈમેલ બંધ છે/);
    const link = page.match(/id="handover-link"[^>]*value="([^"]+)"/)?.[1] ?? page.match(/value="([^"]+\/newsroom\/reset\?token=[^"]+)"/)?.[1];
    assert.ok(link, 'the page shows the link');
    const token = new URL(link.replace(/&amp;/g, '&')).searchParams.get('token')!;
    assert.equal((await publicPost(site, '/newsroom/reset', { token, password: 'પ્રજ્ઞાનો-પાસવર્ડ' }, await loginForm(site, '/newsroom/reset'))).status, 200);
    assert.equal((await publicPost(site, '/newsroom/login', { email: 'pragna@example.com', password: 'પ્રજ્ઞાનો-પાસવર્ડ' })).status, 303);
    const list = text(await (await fetch(`${site.url}/newsroom/people`, { headers: { cookie: admin.cookie } })).text());
    assert.match(list, /પ્રજ્ઞા દેસાઈ/);
    assert.match(list, /ઈમેલ બંધ છે/);
  });

  test('the author page follows a profile change at once (page cache dropped through the change feed)', async () => {
    const byline = await site.database.db
      .selectFrom('article_authors')
      .innerJoin('people', 'people.id', 'article_authors.person_id')
      .innerJoin('articles', 'articles.id', 'article_authors.article_id')
      .select(['people.id', 'people.slug', 'people.name'])
      .where('articles.status', '=', 'published')
      .executeTakeFirstOrThrow();
    const url = `${site.url}/author/${byline.slug}`;
    assert.equal((await fetch(url)).status, 200);
    const cached = await fetch(url);
    assert.doesNotMatch(await cached.text(), /દ્રાક્ષના બગીચા/);
    const saved = await post(site, admin, `/newsroom/people/${byline.id}/profile`, { name: byline.name, title: 'કૃષિ સંવાદદાતા', bio: 'નાસિકથી દ્રાક્ષના બગીચા સુધીના અહેવાલો.', links: 'https://x.com/krushi' });
    assert.equal(saved.status, 200);
    const fresh = await (await fetch(url)).text();
    assert.match(fresh, /દ્રાક્ષના બગીચા/);
    assert.match(fresh, /"sameAs":\["https:\/\/x.com\/krushi"\]/);
  });
});
