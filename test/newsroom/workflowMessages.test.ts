import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { api, post, signIn, type Session } from '../helpers/newsroom.js';

/** The editor's workflow in words: warnings asked before publishing, results said, refusals and diffs in the person's language. */
describe(`workflow messages (${testDialect})`, () => {
  let site: TestSite;
  let editor: Session;
  let sectionId: number;
  before(async () => {
    site = await startTestSite();
    editor = await signIn(site, 'editor');
    sectionId = (await site.database.db.selectFrom('sections').select('id').where('slug', '=', 'gujarat').executeTakeFirstOrThrow()).id;
  });
  after(async () => site.close());

  const create = async (s: Session, headline: string, bodyHtml = '<p>ભાવનગરમાં વહેલી સવારે ધુમ્મસ છવાયું.</p>') => {
    const res = await api(site, s, 'POST', '/newsroom/api/articles', { headline, sectionId, bodyHtml });
    return (await res.json()) as { id: number; version: number };
  };
  const status = async (id: number) => (await site.database.db.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  test('a headline-only story is published only after the person says so', async () => {
    const a = await create(editor, 'બ્રેકિંગ: અમદાવાદમાં ભૂકંપનો હળવો આંચકો', '');
    const asked = await post(site, editor, `/newsroom/articles/${a.id}/publish`);
    assert.equal(asked.status, 200);
    const $ = load(await asked.text());
    assert.ok($('.confirm-step').text().includes('લેખ ખાલી છે: ફક્ત શીર્ષકવાળો સમાચાર પ્રકાશિત થશે.'));
    assert.equal($('.confirm-step button').text(), 'તો પણ પ્રકાશિત કરો');
    assert.equal(await status(a.id), 'draft');
    const done = await post(site, editor, `/newsroom/articles/${a.id}/publish`, { confirmed: '1' });
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), `/newsroom/articles/${a.id}/edit?done=publish`);
    assert.equal(await status(a.id), 'published');
    const page = load(await (await fetch(`${site.url}${done.headers.get('location')}`, { headers: { cookie: editor.cookie } })).text());
    assert.match(page('.notice-ok').first().text(), /^પ્રકાશિત થયું — જુઓ$/);
    assert.match(page('.notice-ok a').attr('href') ?? '', /^\/gujarat\//);
  });

  test('an over-long headline is a warning with the reason, in Gujarati digits', async () => {
    const long = `${'સૌરાષ્ટ્ર અને કચ્છમાં ક્ષત્રિય સમાજના '.repeat(5)}સંમેલનમાં મુખ્યમંત્રીએ નવી યોજનાઓની જાહેરાત કરી`;
    const a = await create(editor, long);
    const $ = load(await (await post(site, editor, `/newsroom/articles/${a.id}/publish`)).text());
    assert.match($('.confirm-step li').text(), /^શીર્ષક [૦-૯]+ અક્ષરનું છે\. ૧૦૦ અક્ષરથી લાંબું શીર્ષક Google, WhatsApp અને Telegramના પૂર્વદર્શનમાં કપાઈ જાય છે\.$/);
    assert.equal(await status(a.id), 'draft');
  });

  test('a blocking problem is not offered for confirmation; each step states its result', async () => {
    const a = await create(editor, 'વડોદરામાં ફોટો પ્રદર્શન', '<p>પ્રદર્શન</p><img src="https://example.com/a.jpg">');
    const blocked = await post(site, editor, `/newsroom/articles/${a.id}/publish`, { confirmed: '1' });
    assert.equal(blocked.status, 400);
    assert.ok(load(await blocked.text())('.notice-error').text().includes('લેખ પ્રકાશિત કરવો શક્ય નથી: લેખની ૧ તસવીરમાં વૈકલ્પિક લખાણ (alt) નથી.'));
    const b = await create(editor, 'પાટણમાં પટોળાં મેળો');
    const submitted = await post(site, editor, `/newsroom/articles/${b.id}/submit`);
    const page = load(await (await fetch(`${site.url}${submitted.headers.get('location')}`, { headers: { cookie: editor.cookie } })).text());
    assert.equal(page('.notice-ok').first().text(), 'સમીક્ષા માટે મોકલ્યું.');
    assert.equal(page('[data-action=sendBack]').length, 1, 'an editor may send it back');
  });

  test('restoring a revision of a live story asks, then waits for Update; the diff names fields in words', async () => {
    const a = await create(editor, 'મહેસાણામાં દૂધના ભાવ વધ્યા');
    await api(site, editor, 'PUT', `/newsroom/api/articles/${a.id}`, { version: 1, edit: { dek: 'ડેરીએ લિટરે ૨ રૂપિયા વધાર્યા', bodyHtml: '<p>નવો ભાવ સોમવારથી.</p>' } });
    assert.equal((await post(site, editor, `/newsroom/articles/${a.id}/publish`)).status, 303);
    const diff = load(await (await fetch(`${site.url}/newsroom/articles/${a.id}/revisions?from=1&to=2`, { headers: { cookie: editor.cookie } })).text());
    assert.deepEqual(diff('.diff h2').toArray().map((h) => diff(h).text()).sort(), ['લેખ', 'સાર'].sort());
    const asked = await post(site, editor, `/newsroom/articles/${a.id}/restore`, { version: '1', baseVersion: '2' });
    assert.equal(asked.status, 200);
    assert.ok(load(await asked.text())('.confirm-step').text().includes('આવૃત્તિ ૧ પાછી લાવવી છે?'));
    const done = await post(site, editor, `/newsroom/articles/${a.id}/restore`, { version: '1', baseVersion: '2', confirmed: '1' });
    assert.equal(done.status, 303);
    const page = load(await (await fetch(`${site.url}${done.headers.get('location')}`, { headers: { cookie: editor.cookie } })).text());
    assert.ok(page('.notice-ok').first().text().startsWith('આવૃત્તિ ૧ અપ્રકાશિત ફેરફાર તરીકે પાછી લાવી'));
    const live = await site.database.db.selectFrom('articles').select(['dek', 'status']).where('id', '=', a.id).executeTakeFirstOrThrow();
    assert.deepEqual(live, { dek: 'ડેરીએ લિટરે ૨ રૂપિયા વધાર્યા', status: 'published' }, 'readers keep the published text');
  });

  test('refusals come in English for those who chose it, in JSON too', async () => {
    const english = await signIn(site, 'editor');
    await post(site, english, '/newsroom/account/locale', { locale: 'en' });
    const a = await create(english, 'જૂનાગઢમાં ગિરનાર પરિક્રમા');
    const res = await post(site, english, `/newsroom/articles/${a.id}/correct`, { note: 'સુધારો' });
    assert.equal(res.status, 400);
    assert.ok(load(await res.text())('.notice-error').text().includes('This story is a draft, so it cannot be corrected.'));
    const json = await fetch(`${site.url}/newsroom/articles/${a.id}/discard`, {
      method: 'POST',
      headers: { cookie: english.cookie, 'x-csrf-token': english.csrf, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'confirmed=1',
    });
    assert.equal(json.status, 400);
    const body = (await json.json()) as { message: string; problem: { code: string } };
    assert.equal(body.problem.code, 'noPendingChanges');
    assert.equal(body.message, 'This story has no unpublished changes.');
  });
});
