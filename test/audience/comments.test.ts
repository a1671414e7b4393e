// Readers' comments through the real form endpoint and the newsroom moderation queue:
// pending by default, every refusal explained in Gujarati, approval shows the comment and
// updates the count on the (cached) page, links are nofollow ugc, emails never shown.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { post, signIn, type Session } from '../helpers/newsroom.js';
import { latestArticles } from '../../src/content/stories.js';
import { urls } from '../../src/content/urls.js';
import { checkComment } from '../../src/audience/comments.js';
import { cleanCommentText, linkify } from '../../src/audience/commentText.js';
import { countsOf } from '../../src/audience/counters.js';

let ipCounter = 1;
/** A comment form post from its own address (the rate limit is per address). */
function comment(site: TestSite, fields: Record<string, string>, o: { ip?: string; json?: boolean } = {}) {
  return fetch(`${site.url}/comments`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-forwarded-for': o.ip ?? `192.0.2.${ipCounter++ % 250}`,
      ...(o.json && { accept: 'application/json' }),
    },
    body: new URLSearchParams(fields),
  });
}

describe('comment text (pure)', () => {
  test('URLs become links, trailing punctuation and danda stay text, nothing else is interpreted', () => {
    assert.deepEqual(linkify('જુઓ https://khabar.example/a?b=1. <b>x</b>'), [
      { kind: 'text', text: 'જુઓ ' },
      { kind: 'link', text: 'https://khabar.example/a?b=1', href: 'https://khabar.example/a?b=1' },
      { kind: 'text', text: '. <b>x</b>' },
    ]);
    assert.deepEqual(linkify('javascript:alert(1) www.x.com'), [{ kind: 'text', text: 'javascript:alert(1) www.x.com' }]);
    assert.equal(linkify('સમાચાર https://ex.com/ગુજરાત।')[1]?.kind, 'link');
    assert.equal(linkify('સમાચાર https://ex.com/ગુજરાત।')[2]?.text, '।');
  });
  test('cleaning keeps Gujarati conjuncts (ZWJ/ZWNJ) and drops controls, bidi overrides and zalgo stacks', () => {
    assert.equal(cleanCommentText('ક્ષ\u200Dત્ર \u202Eabc\u0000'), 'ક્ષ\u200Dત્ર abc');
    // NFC first folds a + U+0301 into á; then at most four marks follow.
    assert.equal(cleanCommentText('a\u0301\u0302\u0303\u0304\u0305\u0306'), '\u00E1\u0302\u0303\u0304\u0305');
    assert.equal(cleanCommentText('\uD800x'), '\uFFFDx');
  });
  test('checks list every problem at once', () => {
    const { problems } = checkComment({ articleId: 1, name: '', text: 'a http://a.com http://b.com http://c.com જુગાર', email: 'no', honeypot: 'x' }, { blocklist: ['જુગાર'], maxLinks: 2 });
    assert.deepEqual(problems.map((p) => p.code).sort(), ['blocked', 'emailInvalid', 'honeypot', 'nameMissing', 'tooManyLinks']);
  });
});

describe(`comments (${testDialect})`, () => {
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

  const page = async () => load(await (await fetch(`${site.url}${article.path}`)).text());

  test('a new comment waits for approval; approving shows it (page cache dropped) and counts it', async () => {
    const before = await page();
    assert.equal(before('#comments-h').text().includes('(0)'), true);
    assert.ok(site.cache.has(article.path));
    const res = await comment(site, { article: String(article.id), name: 'રમેશ પટેલ', email: 'ramesh@example.com', text: 'સરસ સમાચાર!\n\nવધુ માહિતી https://gujarat.example/વિગત પર.' });
    assert.equal(res.status, 201);
    assert.match(await res.text(), /સંપાદકની મંજૂરી પછી દેખાશે/);
    const row = await site.database.db.selectFrom('comments').selectAll().where('article_id', '=', article.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending');
    assert.equal((await page())('.comment').length, 0, 'pending comments are not shown');

    const queue = await (await fetch(`${site.url}/newsroom/comments`, { headers: { cookie: editor.cookie } })).text();
    assert.match(queue, /રમેશ પટેલ/);
    assert.match(queue, /ramesh@example\.com/, 'editors see the email');
    const noCsrf = await post(site, editor, '/newsroom/comments', { action: 'approve', ids: String(row.id) }, { csrf: false });
    assert.equal(noCsrf.status, 403);
    const ok = await post(site, editor, '/newsroom/comments?status=pending', { action: 'approve', ids: String(row.id) });
    assert.equal(ok.status, 303);
    assert.match(ok.headers.get('location') ?? '', /done=1/);

    const after = await page();
    assert.equal(after('.comment').length, 1);
    assert.match(after('#comments-h').text(), /\(1\)/);
    assert.equal(after('[data-count=comments]').text(), '1');
    const link = after('.comment-text a');
    assert.equal(link.attr('rel'), 'nofollow ugc');
    assert.equal(link.attr('href'), new URL('https://gujarat.example/વિગત').href);
    assert.ok(!after.html().includes('ramesh@example.com'), 'the email is never shown');
    const counters = await (await fetch(`${site.url}${urls.counters(article.id)}`)).json() as { comments: number };
    assert.equal(counters.comments, 1);
  });

  test('replies: a reply page for a comment and for a reply; a reply to a reply is shown nested', async () => {
    const parent = await site.database.db.selectFrom('comments').select('id').where('article_id', '=', article.id).executeTakeFirstOrThrow();
    const replyPage = await fetch(`${site.url}/comments/${parent.id}/reply`);
    assert.equal(replyPage.status, 200);
    assert.match(await replyPage.text(), /રમેશ પટેલને જવાબ/);
    const r = await comment(site, { article: String(article.id), parent: String(parent.id), name: 'સીમા', text: 'સહમત છું.' }, { json: true });
    assert.equal(r.status, 201);
    const { id } = (await r.json()) as { id: number };
    await post(site, editor, '/newsroom/comments', { one: `approve:${id}` });
    const $ = await page();
    assert.equal($('.comment-replies .comment').length, 1);
    // Threads go five deep, as WordPress's default (web/wordpressModel.test.ts goes to the bottom).
    assert.equal((await fetch(`${site.url}/comments/${id}/reply`)).status, 200, 'a reply has a reply page');
    const deep = await comment(site, { article: String(article.id), parent: String(id), name: 'સીમાબેન', text: 'જવાબનો જવાબ' }, { json: true });
    assert.equal(deep.status, 201);
    const deepId = ((await deep.json()) as { id: number }).id;
    await post(site, editor, '/newsroom/comments', { one: `approve:${deepId}` });
    const $$ = await page();
    assert.equal($$('.comment-replies .comment-replies .comment').length, 1, 'the reply to the reply is shown under it');
    const elsewhere = await comment(site, { article: String(article.id), parent: '999999', name: 'x', text: 'ક્યાંય નહીં' }, { json: true });
    assert.equal(((await elsewhere.json()) as { problems: { code: string }[] }).problems[0]?.code, 'replyInvalid');
  });

  test('every refusal says what was wrong, in Gujarati', async () => {
    await post(site, editor, '/newsroom/comments/settings', { blocklist: 'જુગાર\nCASINO', maxLinks: '2' });
    const cases: [Record<string, string>, RegExp][] = [
      [{ name: 'બોટ', text: 'લખાણ ૧', website: 'http://spam.example' }, /ખાલી રાખો/],
      [{ name: '', text: 'લખાણ ૨' }, /નામ લખો/],
      [{ name: 'ક'.repeat(81), text: 'લખાણ ૩' }, /80 અક્ષર/],
      [{ name: 'અ', text: '   ' }, /લખાણ ખાલી છે/],
      [{ name: 'અ', text: 'લખાણ ૪', email: 'નથી' }, /ઈમેલ સરનામું સાચું નથી/],
      [{ name: 'અ', text: 'https://a.example https://b.example https://c.example' }, /વધુમાં વધુ 2 લિંક હોઈ શકે; આમાં 3 છે/],
      [{ name: 'અ', text: 'આજે જુગાર રમો' }, /“જુગાર” છે/],
      [{ name: 'અ', text: 'Best casino here' }, /“casino” છે/],
      [{ name: 'અ', text: 'સરસ સમાચાર!\n\nવધુ માહિતી https://gujarat.example/વિગત પર.' }, /પહેલેથી મોકલાયું/],
      [{ name: 'અ', text: 'x'.repeat(5001) }, /5000 અક્ષર/],
    ];
    for (const [fields, message] of cases) {
      const res = await comment(site, { article: String(article.id), ...fields });
      assert.equal(res.status, 422, JSON.stringify(fields).slice(0, 80));
      const html = await res.text();
      assert.match(html, message);
      assert.match(html, /<form method="post" action="\/comments"/, 'the form comes back to fix');
    }
    const gone = await comment(site, { article: '999999', name: 'અ', text: 'ક' });
    assert.match(await gone.text(), /ઉપલબ્ધ નથી/);
  });

  test('per-address rate limit: the sixth comment in a minute is refused with a clear message', async () => {
    const statuses: number[] = [];
    let last = '';
    for (let i = 0; i < 6; i++) {
      const res = await comment(site, { article: String(article.id), name: 'ઝડપી', text: `પ્રતિભાવ નંબર ${i}` }, { ip: '198.51.100.200' });
      statuses.push(res.status);
      last = await res.text();
    }
    assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429]);
    assert.match(last, /સેકન્ડ પછી ફરી પ્રયત્ન કરો/);
  });

  test('auto-approve publishes comments that pass; bulk reject/spam/delete recount', async () => {
    await post(site, editor, '/newsroom/comments/settings', { autoApprove: '1', maxLinks: '2', blocklist: '' });
    const res = await comment(site, { article: String(article.id), name: 'તરત', text: 'તરત પ્રકાશિત' }, { json: true });
    assert.deepEqual(await res.json(), { id: ((await site.database.db.selectFrom('comments').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id), status: 'approved' });
    const approved = await site.database.db.selectFrom('comments').select('id').where('article_id', '=', article.id).where('status', '=', 'approved').execute();
    const count = async () => (await countsOf(site.database.db, article.id)).comments;
    assert.equal(await count(), approved.length);
    const ids = approved.map((c) => String(c.id));
    // Spam and delete ask first; `confirm=1` is the confirmation page's answer.
    const body = new URLSearchParams({ _csrf: editor.csrf, action: 'spam', confirm: '1' });
    for (const id of ids.slice(-2)) body.append('ids', id);
    const bulk = await fetch(`${site.url}/newsroom/comments`, { method: 'POST', redirect: 'manual', headers: { cookie: editor.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body });
    assert.equal(bulk.status, 303);
    assert.equal(await count(), approved.length - 2);
    await post(site, editor, '/newsroom/comments', { action: 'delete', ids: ids[0]!, confirm: '1' });
    assert.equal(await count(), 0, 'deleting a comment deletes its replies too');
    assert.equal((await page())('.comment').length, 0);
  });

  test('only people the policy allows may moderate', async () => {
    const author = await signIn(site, 'author');
    const res = await fetch(`${site.url}/newsroom/comments`, { headers: { cookie: author.cookie } });
    assert.equal(res.status, 403);
    const act = await post(site, author, '/newsroom/comments', { action: 'approve', ids: '1' });
    assert.equal(act.status, 403);
    const anon = await fetch(`${site.url}/newsroom/comments`, { redirect: 'manual' });
    assert.equal(anon.status, 303);
  });
});
