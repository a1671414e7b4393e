import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { signIn, type Session } from '../helpers/newsroom.js';
import { createDraft } from '../../src/newsroom/commands/createDraft.js';

describe(`newsroom lists: pages, filters, search, bulk actions (${testDialect})`, () => {
  let site: TestSite;
  let editor: Session;
  let author: Session;
  let sectionId: number;
  const drafts: number[] = [];

  const get = (path: string, s: Session = editor) => fetch(`${site.url}${path}`, { headers: { cookie: s.cookie } });
  const form = (s: Session, path: string, fields: [string, string][]) =>
    fetch(`${site.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([['_csrf', s.csrf], ...fields]),
    });
  const listedIds = (html: string) => [...html.matchAll(/data-article-id="(\d+)"/g)].map((m) => Number(m[1]));

  before(async () => {
    site = await startTestSite();
    editor = await signIn(site, 'editor');
    author = await signIn(site, 'author');
    const deps = { db: site.database.db, feed: site.feed };
    sectionId = (await site.database.db.selectFrom('sections').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const actor = { id: editor.personId, role: 'editor' as const };
    // 120 drafts: more than two pages of 50.
    for (let i = 0; i < 120; i++) {
      const headline = i === 7 ? 'નર્મદામાં પૂર: ભરૂચના ૧૨ ગામ ખાલી કરાવાયા' : i === 8 ? 'ક્ષેત્રીય દ્રષ્ટિએ કચ્છ આગળ' : `પરીક્ષણ અહેવાલ ક્રમાંક ${i}`;
      const r = await createDraft(deps, { actor, edit: { headline, sectionId, bodyHtml: '<p>લખાણ</p>' } });
      drafts.push(r.id);
    }
  });
  after(async () => site.close());

  test('the list pages through the archive with page links; the status column says સ્થિતિ', async () => {
    const first = await (await get('/newsroom/articles?status=draft')).text();
    assert.equal(listedIds(first).length, 50);
    assert.match(first, /<th scope="col">સ્થિતિ<\/th>/);
    assert.doesNotMatch(first, /<th[^>]*>ગાળો/);
    assert.match(first, /120 લેખ મળ્યા/);
    assert.match(first, /પાનું 1 \/ 3/);
    assert.match(first, /href="\/newsroom\/articles\?status=draft&amp;page=2" rel="next"/);
    const third = await (await get('/newsroom/articles?status=draft&page=3')).text();
    const ids = listedIds(third);
    assert.equal(ids.length, 20);
    assert.ok(!ids.some((id) => listedIds(first).includes(id)), 'pages do not overlap');
    assert.match(third, /rel="prev"/);
    const past = await get('/newsroom/articles?page=0');
    assert.equal(past.status, 400);
  });

  test('search finds drafts by an inflected Gujarati form and by Latin', async () => {
    for (const q of ['નર્મદા', 'નર્મદામાં', 'narmada', 'NARMADA', 'bharuch']) {
      const html = await (await get(`/newsroom/articles?q=${encodeURIComponent(q)}`)).text();
      assert.ok(listedIds(html).includes(drafts[7]!), `“${q}” finds the Narmada draft`);
      assert.ok(!listedIds(html).includes(drafts[8]!), `“${q}” does not find the Kutch draft`);
    }
    const conjunct = await (await get(`/newsroom/articles?q=${encodeURIComponent('કચ્છ ક્ષેત્રીય')}`)).text();
    assert.deepEqual(listedIds(conjunct), [drafts[8]]);
    const nothing = await (await get(`/newsroom/articles?q=${encodeURIComponent('!!!')}`)).text();
    assert.deepEqual(listedIds(nothing), []);
  });

  test('filters by section, author and date range', async () => {
    const bySection = await (await get(`/newsroom/articles?section=${sectionId}&status=draft`)).text();
    assert.match(bySection, /120 લેખ મળ્યા/);
    const byAuthor = await (await get(`/newsroom/articles?author=${author.personId}`)).text();
    assert.match(byAuthor, /0 લેખ મળ્યા/);
    const today = new Date(Date.now() + 5.5 * 3600_000).toISOString().slice(0, 10);
    const inRange = await (await get(`/newsroom/articles?status=draft&from=${today}&to=${today}`)).text();
    assert.match(inRange, /120 લેખ મળ્યા/);
    const before = await (await get('/newsroom/articles?status=draft&to=2001-01-01')).text();
    assert.match(before, /0 લેખ મળ્યા/);
    assert.equal((await get('/newsroom/articles?from=yesterday')).status, 400);
  });

  test('bulk publish asks first, then says what it did per story', async () => {
    const ids = [drafts[0]!, drafts[1]!, drafts[2]!];
    const ask = await form(editor, '/newsroom/articles/bulk?status=draft', [['action', 'publish'], ...ids.map((i): [string, string] => ['ids', String(i)])]);
    assert.equal(ask.status, 200);
    const question = await ask.text();
    assert.match(question, /આ 3 લેખ હમણાં જ વાચકો માટે પ્રકાશિત કરવા છે\?/);
    const status = async (id: number) => (await site.database.db.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    assert.equal(await status(ids[0]!), 'draft', 'nothing happens before the confirmation');
    const done = await form(editor, '/newsroom/articles/bulk?status=draft', [['action', 'publish'], ['confirm', '1'], ...ids.map((i): [string, string] => ['ids', String(i)])]);
    const page = await done.text();
    assert.match(page, /3 લેખ પ્રકાશિત થયા\./);
    assert.equal(await status(ids[2]!), 'published');
    assert.match(page, /href="\/newsroom\/articles\?status=draft"/, 'the way back keeps the filter');

    const mixed = await form(author, '/newsroom/articles/bulk', [['action', 'publish'], ['confirm', '1'], ['ids', String(drafts[3])]]);
    assert.match(await mixed.text(), /0 લેખ પ્રકાશિત થયા; 1 ન થયો:[\s\S]*પરવાનગી નથી/);

    const one = await form(editor, '/newsroom/articles/bulk', [['action', 'archive'], ['confirm', '1'], ['ids', String(drafts[4])]]);
    assert.match(await one.text(), /1 લેખ આર્કાઇવ થયો\./);
  });

  test('bulk actions refuse a missing selection, section or tag with a Gujarati message', async () => {
    const none = await form(editor, '/newsroom/articles/bulk', [['action', 'publish']]);
    assert.equal(none.status, 400);
    assert.match(await none.text(), /કોઈ લેખ પસંદ કર્યો નથી/);
    const noSection = await form(editor, '/newsroom/articles/bulk', [['action', 'move'], ['ids', String(drafts[5])], ['section', '']]);
    assert.match(await noSection.text(), /નવો વિભાગ પસંદ કરો/);
    const noTag = await form(editor, '/newsroom/articles/bulk', [['action', 'tag'], ['ids', String(drafts[5])], ['tag', '  ']]);
    assert.match(await noTag.text(), /ઉમેરવાનો ટૅગ લખો/);
    const tagged = await form(editor, '/newsroom/articles/bulk', [['action', 'tag'], ['ids', String(drafts[5])], ['tag', 'પૂર'], ['confirm', '1']]);
    assert.match(await tagged.text(), /1 લેખમાં ટૅગ ઉમેરાયો/);
  });
});
