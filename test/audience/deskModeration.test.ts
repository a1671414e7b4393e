// The newsroom's moderation desk over HTTP: plural-right results, spam and delete that ask
// first, replies as the site shown on the reader page, and the reader form's Gujarati checks.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { post, signIn, type Session } from '../helpers/newsroom.js';
import { latestArticles } from '../../src/content/stories.js';
import { urls } from '../../src/content/urls.js';

let ip = 1;
const comment = (site: TestSite, fields: Record<string, string>) =>
  fetch(`${site.url}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `198.51.100.${ip++ % 250}` },
    body: new URLSearchParams(fields),
  });

describe(`moderation desk and the reader comment form (${testDialect})`, () => {
  let site: TestSite;
  let editor: Session;
  let article: { id: number; path: string };

  before(async () => {
    site = await startTestSite();
    editor = await signIn(site, 'editor');
    const [a] = await latestArticles(site.database.db, { now: new Date(), limit: 1 });
    article = { id: a!.id, path: urls.article(a!.sectionSlug, a!.slug) };
  });
  after(() => site.close());

  const pendingIds = async () =>
    (await site.database.db.selectFrom('comments').select('id').where('article_id', '=', article.id).where('status', '=', 'pending').orderBy('id').execute()).map((r) => r.id);
  const queue = async (status = 'pending', done?: string) =>
    load(await (await fetch(`${site.url}/newsroom/comments?status=${status}${done ?? ''}`, { headers: { cookie: editor.cookie } })).text());

  test('tabs carry counts; approve is the primary button, spam and delete set apart; shortcuts listed', async () => {
    for (const text of ['નર્મદા યોજના સરસ છે', 'ક્ષેત્રફળ વિશે પ્રશ્ન', 'દ્રષ્ટિકોણ ગમ્યો']) {
      assert.equal((await comment(site, { article: String(article.id), name: 'વાચક', text })).status, 201);
    }
    const $ = await queue();
    assert.match($('.mod-tabs a[aria-current=page]').text(), /બાકી\s*3/);
    const row = $('.mod-row').first();
    assert.equal(row.find('.mod-main button').first().text().trim(), 'મંજૂર કરો');
    assert.ok(!row.find('.mod-main button').first().hasClass('danger'));
    assert.equal(row.find('.mod-danger button.danger').length, 2, 'spam and delete in their own group');
    assert.match($('.mod-keys').text(), /j[\s\S]*k[\s\S]*a[\s\S]*s/);
  });

  test('results agree with the count: 1 પ્રતિભાવ બદલાયો, 2 પ્રતિભાવ બદલાયા', async () => {
    const ids = await pendingIds();
    const one = await post(site, editor, '/newsroom/comments?status=pending', { one: `approve:${ids[0]}` });
    assert.equal(one.status, 303);
    const $1 = await queue('pending', `&done=1`);
    assert.match($1('.notice').text(), /^1 પ્રતિભાવ બદલાયો\.$/);
    const $2 = await queue('pending', `&done=2`);
    assert.match($2('.notice').text(), /^2 પ્રતિભાવ બદલાયા\.$/);
  });

  test('spam and delete ask first (a page, no JavaScript needed); the answer does it', async () => {
    const [id] = await pendingIds();
    const ask = await post(site, editor, '/newsroom/comments?status=pending', { one: `spam:${id}` });
    assert.equal(ask.status, 200);
    const $ = load(await ask.text());
    assert.match($('.desk-question').text(), /સ્પામ ગણવો છે\?/);
    const status = async () => (await site.database.db.selectFrom('comments').select('status').where('id', '=', id!).executeTakeFirstOrThrow()).status;
    assert.equal(await status(), 'pending');
    const done = await post(site, editor, '/newsroom/comments?status=pending', { action: 'spam', ids: String(id), confirm: '1' });
    assert.equal(done.status, 303);
    assert.equal(await status(), 'spam');
    const del = await post(site, editor, '/newsroom/comments?status=spam', { one: `delete:${id}` });
    assert.match(load(await del.text())('.desk-question').text(), /કાયમ માટે કાઢી નાખવો છે\?/);
  });

  test('a reply as the newsroom is shown on the reader page as the site’s reply, with the site name', async () => {
    const [id] = await pendingIds();
    const empty = await post(site, editor, `/newsroom/comments/${id}/reply?status=pending`, { text: '   ' });
    assert.equal(empty.status, 422);
    assert.match(await empty.text(), /જવાબ ખાલી છે/);
    const res = await post(site, editor, `/newsroom/comments/${id}/reply?status=pending`, { text: 'આભાર! ક્ષેત્રફળની વિગત ૨૪ કલાકમાં ઉમેરીશું.' });
    assert.equal(res.status, 303);
    assert.match(res.headers.get('location') ?? '', /replied=1/);
    const reply = await site.database.db.selectFrom('comments').selectAll().where('parent_id', '=', id!).executeTakeFirstOrThrow();
    assert.equal(reply.site_reply, 1);
    assert.equal(reply.status, 'approved');
    const $ = load(await (await fetch(`${site.url}${article.path}`)).text());
    const shown = $('.comment-site');
    assert.equal(shown.length, 1, 'the answered comment was approved with the reply');
    assert.match(shown.find('.comment-badge').text(), /સાઇટનો જવાબ/);
    assert.match(shown.text(), /ક્ષેત્રફળની વિગત ૨૪ કલાકમાં/);
    const name = shown.find('.comment-author').text();
    assert.ok(name.length > 0 && $('title').text().includes(name), `the reply is signed with the site's name (${name})`);
    assert.equal((await post(site, editor, '/newsroom/comments/99999999/reply', { text: 'x' })).status, 404);
  });

  test('the reader form has labels, no browser validation (novalidate) and answers in Gujarati', async () => {
    const $ = load(await (await fetch(`${site.url}${article.path}`)).text());
    const form = $('form.comment-form');
    assert.equal(form.attr('novalidate'), '');
    for (const field of ['name', 'text']) {
      const input = form.find(`[name=${field}]`);
      assert.equal(form.find(`label[for=${input.attr('id')}]`).length, 1, `${field} has a visible label`);
    }
    const res = await comment(site, { article: String(article.id), name: '', text: '' });
    assert.equal(res.status, 422);
    const answer = load(await res.text());
    const problems = answer('.comment-problems li').map((_, li) => answer(li).text()).get();
    assert.ok(problems.length >= 2);
    for (const p of problems) assert.match(p, /[\u0A80-\u0AFF]/, `“${p}” is Gujarati`);
    assert.equal(answer('form.comment-form').attr('novalidate'), '', 'the form to fix is novalidate too');
  });

  test('share links under the headline and after the body, WhatsApp first, plain links', async () => {
    const $ = load(await (await fetch(`${site.url}${article.path}`)).text());
    const blocks = $('.share');
    assert.equal(blocks.length, 2);
    assert.ok($('.share-top').prevAll('.byline').length === 1, 'the top row follows the headline block');
    blocks.each((_, b) => {
      const names = $(b).find('a').map((_i, a) => $(a).text().trim()).get();
      assert.deepEqual(names.slice(0, 4), ['WhatsApp', 'Telegram', 'X', 'Facebook']);
      assert.match($(b).find('a').first().attr('href') ?? '', /^https:\/\/wa\.me\//);
      assert.equal($(b).find('a[data-copy]').attr('href'), $(b).find('a[data-copy]').attr('data-copy'), 'copy link is the URL itself without JavaScript');
    });
  });
});
