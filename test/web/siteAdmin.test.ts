// Site administration over HTTP: who may use the settings and taxonomy pages (an editor cannot
// change settings, a contributor cannot edit sections), errors per field with what was typed
// kept, every reader page following a change at once, and a renamed section's 301.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import sharp from 'sharp';
import { listSections } from '../../src/content/taxonomy.js';
import { listAdminLog } from '../../src/content/adminLog.js';
import { submitComment } from '../../src/audience/comments.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { post, signIn, type Session } from '../helpers/newsroom.js';

describe(`site administration over HTTP (${testDialect})`, () => {
  let site: TestSite;
  let admin: Session;
  let editor: Session;
  let contributor: Session;
  before(async () => {
    site = await startTestSite();
    admin = await signIn(site, 'admin');
    editor = await signIn(site, 'editor');
    contributor = await signIn(site, 'contributor');
  });
  after(() => site.close());

  const get = (s: Session, path: string) => fetch(`${site.url}${path}`, { headers: { cookie: s.cookie }, redirect: 'manual' });
  const settingsForm = async () => {
    const $ = load(await (await get(admin, '/newsroom/settings')).text());
    const fields: Record<string, string> = {};
    $('form.admin-form input[type=text]').each((_, el) => void (fields[$(el).attr('name')!] = $(el).attr('value') ?? ''));
    $('form.admin-form input[type=radio]:checked').each((_, el) => void (fields[$(el).attr('name')!] = $(el).attr('value') ?? ''));
    return fields;
  };

  test('an editor cannot change settings (403 with a message); a contributor cannot edit sections; nav links only for those allowed', async () => {
    const refused = await post(site, editor, '/newsroom/settings', { name: 'હેક' });
    assert.equal(refused.status, 403);
    assert.match(await refused.text(), /પરવાનગી નથી/);
    assert.equal((await get(editor, '/newsroom/settings')).status, 403);
    assert.equal((await post(site, contributor, '/newsroom/sections', { name: 'નવો વિભાગ' })).status, 403);
    assert.equal((await get(contributor, '/newsroom/tags')).status, 403);
    assert.equal((await get(editor, '/newsroom/sections')).status, 200);
    const nav = (html: string) => load(html)('header nav a').map((_, a) => load(a).root().find('a').attr('href')).get();
    const editorNav = nav(await (await get(editor, '/newsroom')).text());
    assert.ok(editorNav.includes('/newsroom/sections') && !editorNav.includes('/newsroom/settings'));
    assert.ok(!nav(await (await get(contributor, '/newsroom')).text()).includes('/newsroom/sections'));
    assert.ok(nav(await (await get(admin, '/newsroom')).text()).includes('/newsroom/settings'));
  });

  test('bad values come back beside their fields, in the person\'s language, with what was typed', async () => {
    const fields = await settingsForm();
    const res = await post(site, admin, '/newsroom/settings', { ...fields, name: '', social_x: 'javascript:alert(1)', timeZone: 'Asia/Gandhinagar', tagline: 'દ્રષ્ટિ‍ ક્ષમતા' });
    assert.equal(res.status, 400);
    const $ = load(await res.text());
    assert.match($('#s-name-error').text(), /ખાલી/);
    assert.match($('#s-social-x-error').text(), /https:\/\//);
    assert.match($('#s-tz-error').text(), /સમય-વિસ્તાર/);
    assert.equal($('#s-social-x').attr('value'), 'javascript:alert(1)');
    assert.equal($('#s-tagline').attr('value'), 'દ્રષ્ટિ‍ ક્ષમતા');
    assert.equal($('#s-name').attr('aria-invalid'), 'true');
  });

  test('a change reaches every reader page at once and is in the history', async () => {
    const sections = await listSections(site.database.db);
    const sectionPath = `/${sections[0]!.slug}`;
    // Warm the page cache first: the change must not wait for it to expire.
    assert.doesNotMatch(await (await fetch(`${site.url}/`)).text(), /ક્ષિતિજ ખબર/);
    await fetch(`${site.url}${sectionPath}`);
    const fields = await settingsForm();
    const saved = await post(site, admin, '/newsroom/settings', { ...fields, name: 'ક્ષિતિજ ખબર', social_telegram: 'https://t.me/kshitij_khabar' });
    assert.equal(saved.status, 303);
    for (const path of ['/', sectionPath]) {
      const html = await (await fetch(`${site.url}${path}`)).text();
      assert.match(html, /ક્ષિતિજ ખબર/, path);
      assert.match(html, /t\.me\/kshitij_khabar/, path);
    }
    const history = await (await get(admin, '/newsroom/settings/history')).text();
    assert.match(history, /ક્ષિતિજ ખબર/);
    const [entry] = await listAdminLog(site.database.db, { limit: 1 });
    assert.equal(entry?.personId, admin.personId);
  });

  test('renaming a section leaves a 301 from its old front; merging and deleting answer in words', async () => {
    const sections = await listSections(site.database.db);
    const section = sections.find((s) => s.parent_id === null)!;
    const res = await post(site, editor, `/newsroom/sections/${section.id}`, { name: `${section.name} નવું`, slug: 'navu-naam', description: 'નવું વર્ણન', seoTitle: '', seoDescription: '', parentId: '' });
    assert.equal(res.status, 303);
    assert.match(await (await get(editor, res.headers.get('location')!)).text(), /નવું/, 'the signed notice is shown');
    assert.doesNotMatch(await (await get(editor, '/newsroom/sections?done=Visit%20evil.example&sig=x')).text(), /evil\.example/, 'an unsigned one is not');
    const old = await fetch(`${site.url}/${section.slug}`, { redirect: 'manual' });
    assert.equal(old.status, 301);
    assert.equal(new URL(old.headers.get('location')!, site.url).pathname, '/navu-naam');
    const front = await (await fetch(`${site.url}/navu-naam`)).text();
    assert.match(front, /નવું વર્ણન/);
    const refused = await post(site, editor, `/newsroom/sections/${section.id}/delete`);
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /કાઢી શકાતો નથી: તેમાં \d+ સમાચાર/);
    const taken = await post(site, editor, '/newsroom/sections', { name: 'શોધ', slug: 'search' });
    assert.equal(taken.status, 400);
    assert.equal(load(await taken.text())('#new-name').attr('value'), 'શોધ');
  });

  test('closed comments: the form gives way to a line saying so, and a comment sent anyway is refused', async () => {
    const story = await site.database.db.selectFrom('articles').innerJoin('sections', 'sections.id', 'articles.section_id').select(['articles.id', 'articles.slug', 'sections.slug as section']).where('articles.status', '=', 'published').executeTakeFirstOrThrow();
    await site.changeSettings({ commentPolicy: 'closed' });
    const html = await (await fetch(`${site.url}/${story.section}/${story.slug}`)).text();
    assert.match(html, /નવા પ્રતિભાવ બંધ/);
    const result = await submitComment({ db: site.database.db, feed: site.feed }, { articleId: story.id, name: 'વાચક', text: 'સરસ લેખ, આભાર.' });
    assert.deepEqual(result, { ok: false, problems: [{ code: 'closed' }] });
    await site.changeSettings({ commentPolicy: 'open' });
  });

  test('a site icon uploaded on the settings page is made in every size and linked from reader pages (apple-touch-icon too)', async () => {
    const png = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#8a1c1c' } }).png().toBuffer();
    const form = new FormData();
    form.append('_csrf', admin.csrf);
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'આઇકન.png');
    const res = await fetch(`${site.url}/newsroom/settings/favicon`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf }, body: form, redirect: 'manual' });
    assert.equal(res.status, 303);
    const $ = load(await (await fetch(`${site.url}/`)).text());
    const touch = $('link[rel=apple-touch-icon]').attr('href')!;
    assert.match(touch, /^\/media\/site\/icon-[0-9a-f]+-180\.png$/);
    const icon = await fetch(`${site.url}${touch}`);
    assert.equal(icon.status, 200);
    const meta = await sharp(Buffer.from(await icon.arrayBuffer())).metadata();
    assert.deepEqual([meta.width, meta.height], [180, 180]);
    assert.equal($('link[rel=icon][sizes="32x32"]').length, 1);
    const bad = new FormData();
    bad.append('_csrf', admin.csrf);
    bad.append('file', new Blob([new TextEncoder().encode('not an image')], { type: 'image/png' }), 'ખોટું.png');
    const refused = await fetch(`${site.url}/newsroom/settings/logo`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf }, body: bad, redirect: 'manual' });
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /છબી નથી/);
  });
});
