// Home curation by search: an editor finds stories by part of the headline (Gujarati or Latin),
// pins them, orders them with ↑ ↓ and unpins them, each a plain form; the pinned list shows
// titles and states, never bare ids; unknown or unpublished stories are refused in words.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { demoContent } from '../../src/demo/content.js';
import { pinnedArticleIds } from '../../src/content/home.js';
import { post, signIn, type Session } from '../helpers/newsroom.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';

describe(`home curation by search (${testDialect})`, () => {
  let site: TestSite;
  let editor: Session;
  const page = async (path: string) => load(await (await fetch(`${site.url}${path}`, { headers: { cookie: editor.cookie } })).text());
  const idOf = async (headline: string) => (await site.database.db.selectFrom('articles').select('id').where('headline', '=', headline).executeTakeFirstOrThrow()).id;

  before(async () => {
    site = await startTestSite();
    editor = await signIn(site, 'editor');
  });
  after(async () => site?.close());

  test('a Gujarati word finds published stories with an add button; adding pins them in order, shown by title', async () => {
    const first = demoContent.articles[0]!;
    const second = demoContent.articles[1]!;
    const word = first.headline.split(/\s+/).find((w) => [...w].length >= 4)!;
    const $ = await page(`/newsroom/home?q=${encodeURIComponent(word)}`);
    const found = $('form[action="/newsroom/home/pins"] button').toArray().map((b) => $(b).attr('aria-label') ?? '');
    assert.ok(found.some((l) => l.includes(first.headline)), `"${word}" finds "${first.headline}": ${found.join(' | ')}`);
    for (const a of [first, second]) {
      const pins = await pinnedArticleIds(site.database.db);
      const res = await post(site, editor, '/newsroom/home/pins', { pins: [...pins, await idOf(a.headline)].join(',') });
      assert.equal(res.status, 303);
    }
    const after = await page('/newsroom/home?saved=pins');
    assert.match(after('.notice').text(), /ટોચના સમાચાર સચવાયા/);
    assert.deepEqual(after('#pins-h + ol li a').toArray().map((a) => after(a).text()), [first.headline, second.headline]);
    assert.equal(after('#pins').length, 0, 'no field of bare ids');
  });

  test('↓ on the first moves it after the second; ✕ unpins; the home page follows', async () => {
    const $ = await page('/newsroom/home');
    const down = $('button[aria-label$="નીચે ખસેડો"]').first().closest('form').find('input[name=pins]').attr('value')!;
    assert.equal((await post(site, editor, '/newsroom/home/pins', { pins: down })).status, 303);
    const [a, b] = await pinnedArticleIds(site.database.db);
    assert.deepEqual([a, b], [await idOf(demoContent.articles[1]!.headline), await idOf(demoContent.articles[0]!.headline)]);
    const home = load(await (await fetch(`${site.url}/`)).text());
    assert.match(home('main').text(), new RegExp(demoContent.articles[1]!.headline.slice(0, 20)));
    const $2 = await page('/newsroom/home');
    const remove = $2('button[aria-label$="ટોચ પરથી હટાવો"]').first().closest('form').find('input[name=pins]').attr('value')!;
    assert.equal((await post(site, editor, '/newsroom/home/pins', { pins: remove })).status, 303);
    assert.equal((await pinnedArticleIds(site.database.db)).length, 1);
  });

  test('moving a pinned story (a ↑ button or a drag, the same form) says which story moved from where to where', async () => {
    const first = await idOf(demoContent.articles[2]!.headline);
    const second = await idOf(demoContent.articles[3]!.headline);
    const kept = await pinnedArticleIds(site.database.db);
    const base = [...kept, first, second];
    assert.equal((await post(site, editor, '/newsroom/home/pins', { pins: base.join(',') })).status, 303);
    const $ = await page('/newsroom/home');
    const up = $(`button[aria-label="${$('button[aria-label$="ઉપર ખસેડો"]').last().attr('aria-label')}"]`).closest('form');
    const fields = Object.fromEntries(up.find('input[type=hidden]').toArray().map((i) => [$(i).attr('name')!, $(i).attr('value') ?? '']));
    assert.equal(fields.moved, String(second), 'the ↑ button names the story it moves');
    const res = await post(site, editor, '/newsroom/home/pins', { pins: fields.pins!, moved: fields.moved! });
    assert.equal(res.status, 303);
    const done = await page(res.headers.get('location')!);
    const n = base.length;
    assert.equal(done('.notice').text(), `“${demoContent.articles[3]!.headline}” સ્થાન ${n} પરથી સ્થાન ${n - 1} પર ખસેડ્યો.`);
    assert.deepEqual(await pinnedArticleIds(site.database.db), [...kept, second, first]);
    // The drag posts the hidden form with the whole new order and the dragged story.
    assert.equal($('form#pins-order input[name=moved]').length, 1);
    assert.equal($('ol.pin-rows li[draggable=true]').length, n);
    const removed = await post(site, editor, '/newsroom/home/pins', { pins: kept.join(',') + (kept.length ? ',' : '') + String(second) });
    assert.match((await page(removed.headers.get('location')!))('.notice').text(), /ટોચના સમાચારમાંથી કાઢ્યો/);
  });

  test('an unknown story is refused in words with a 400, not a 500; a search with no match says so', async () => {
    const res = await post(site, editor, '/newsroom/home/pins', { pins: '999999' });
    assert.equal(res.status, 400);
    assert.match(load(await res.text())('.notice').text(), /૯૯૯૯૯૯|999999/);
    const $ = await page(`/newsroom/home?q=${encodeURIComponent('અસ્તિત્વહીનશબ્દ')}`);
    assert.match($('main').text(), /કોઈ પ્રકાશિત સમાચાર મળ્યા નહીં/);
  });
});
