// The people list in pages, searched by name in Gujarati or Latin letters; and the featured
// image chosen and removed without the editor's script, through the media library's
// "choose for story N" mode: the editor always shows a thumbnail, never an id.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { post, signIn, type Session } from '../helpers/newsroom.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';

describe(`people pages and the featured image without a script (${testDialect})`, () => {
  let site: TestSite;
  let admin: Session;
  let author: Session;
  const page = async (s: Session, path: string) => {
    const res = await fetch(`${site.url}${path}`, { headers: { cookie: s.cookie } });
    assert.equal(res.status, 200, `${path}: ${res.status}`);
    return load(await res.text());
  };
  const fields = ($: ReturnType<typeof load>, form: ReturnType<ReturnType<typeof load>>) =>
    Object.fromEntries(form.find('input[type=hidden]').toArray().map((i) => [$(i).attr('name')!, $(i).attr('value') ?? '']));

  before(async () => {
    site = await startTestSite();
    admin = await signIn(site, 'admin');
    author = await signIn(site, 'author');
    const now = new Date().toISOString();
    const rows = Array.from({ length: 70 }, (_, i) => ({ slug: `pratinidhi-${i}`, name: `પ્રતિનિધિ ${String(i).padStart(2, '0')}`, bio: '', title: 'ક્ષેત્રીય ખબરપત્રી', email: null, created_at: now, role: null, password_hash: null, locked_until: null }));
    rows.push({ slug: 'rajesh-patel', name: 'રાજેશ પટેલ', bio: '', title: 'સુરત બ્યૂરો', email: null, created_at: now, role: null, password_hash: null, locked_until: null });
    await site.database.db.insertInto('people').values(rows).execute();
  });
  after(async () => site?.close());

  test('the people list comes in pages of 50 with a pager; page 2 has the rest', async () => {
    const total = Number((await site.database.db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const $ = await page(admin, '/newsroom/people');
    assert.equal($('ul.people-list > li').length, 50);
    assert.match($('main').text(), new RegExp(`કુલ ${total} વ્યક્તિઓ`));
    const next = $('nav.pager a[rel=next]').attr('href')!;
    assert.equal(next, '/newsroom/people?page=2');
    const $2 = await page(admin, next);
    assert.equal($2('ul.people-list > li').length, total - 50);
    const names = [...$('ul.people-list .person-name'), ...$2('ul.people-list .person-name')].map((a) => $(a).text());
    assert.equal(new Set(names).size, total, 'no one twice, no one left out');
  });

  test('search by a Latin spelling finds the Gujarati name; by title; nothing found says so; the pager keeps the search', async () => {
    const $ = await page(admin, `/newsroom/people?q=rajesh`);
    assert.deepEqual($('ul.people-list .person-name').toArray().map((a) => $(a).text()), ['રાજેશ પટેલ']);
    assert.match($('main').text(), /1 વ્યક્તિ મળી/);
    const $t = await page(admin, `/newsroom/people?q=${encodeURIComponent('ક્ષેત્રીય')}`);
    assert.equal($t('ul.people-list > li').length, 50);
    assert.match($t('nav.pager a[rel=next]').attr('href')!, /q=%E0%AA%95/);
    const $n = await page(admin, `/newsroom/people?q=${encodeURIComponent('અસ્તિત્વહીન')}`);
    assert.match($n('main').text(), /કોઈ વ્યક્તિ મળી નહીં/);
    const bad = await fetch(`${site.url}/newsroom/people?page=0`, { headers: { cookie: admin.cookie } });
    assert.equal(bad.status, 400);
    const refused = await fetch(`${site.url}/newsroom/people`, { headers: { cookie: author.cookie } });
    assert.equal(refused.status, 403);
  });

  test('without the script: choose a featured image in the library for a story, then remove it; the editor says so and shows a thumbnail', async () => {
    const story = await site.database.db.selectFrom('articles').select(['id', 'headline', 'featured_media_id']).where('status', '=', 'draft').where('kind', '=', 'story').executeTakeFirst();
    const draft =
      story ??
      (await site.database.db.selectFrom('articles').select(['id', 'headline', 'featured_media_id']).where('kind', '=', 'story').orderBy('id', 'desc').executeTakeFirstOrThrow());
    const image = await site.database.db
      .insertInto('media')
      .values({ path: 'demo/no-js-vad.jpg', mime: 'image/jpeg', width: 1200, height: 800, alt: 'ગામનો જૂનો વડ', caption: 'ફોટો: ખબર', created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const editor = await signIn(site, 'editor');
    const $e = await page(editor, `/newsroom/articles/${draft.id}/edit`);
    const link = $e('#featured-image [data-featured=nojs] a').attr('href');
    assert.equal(link, `/newsroom/media?for=${draft.id}`);
    const $m = await page(editor, link!);
    assert.match($m('h1').text(), new RegExp(draft.headline.slice(0, 10)));
    const choose = $m(`li.media-card[data-media-id="${image.id}"] form[action="/newsroom/articles/${draft.id}/featured"]`);
    assert.equal(choose.length, 1, 'each card offers itself for the story');
    const chosen = await post(site, editor, `/newsroom/articles/${draft.id}/featured`, fields($m, choose));
    assert.equal(chosen.status, 303);
    assert.match(chosen.headers.get('location')!, /featured=chosen/);
    const $after = await page(editor, chosen.headers.get('location')!);
    assert.match($after('.notice').text(), /ફીચર્ડ છબી પસંદ કરી/);
    const thumb = $after('#featured-image img');
    assert.equal(thumb.attr('hidden'), undefined);
    assert.match(thumb.attr('src')!, /no-js-vad-400\.webp$/);
    assert.equal(thumb.attr('alt'), 'ગામનો જૂનો વડ');
    assert.doesNotMatch($after('#featured-image').text(), new RegExp(`#?\\b${image.id}\\b`), 'no bare id shown');
    assert.equal($after('#featuredAlt').attr('value'), 'ગામનો જૂનો વડ', "the story's alt starts as the image's");
    // And taken away again, from the same page of the library.
    const $m2 = await page(editor, `/newsroom/media?for=${draft.id}`);
    const clear = $m2('.featured-choice form');
    assert.equal(clear.find('input[name=mediaId]').attr('value'), '');
    const cleared = await post(site, editor, `/newsroom/articles/${draft.id}/featured`, fields($m2, clear));
    assert.match(cleared.headers.get('location')!, /featured=cleared/);
    const $c = await page(editor, cleared.headers.get('location')!);
    assert.match($c('.notice').text(), /ફીચર્ડ છબી કાઢી/);
    assert.equal($c('#featured-image input[name=featuredMediaId]').attr('value'), '');
    // A stale version is a conflict said in words, not a silent overwrite.
    const stale = await post(site, editor, `/newsroom/articles/${draft.id}/featured`, { ...fields($m, choose) });
    assert.equal(stale.status, 409);
  });

  test('a person who may not edit the story cannot open the choose mode for it', async () => {
    const other = await site.database.db.selectFrom('articles').select('id').where('kind', '=', 'story').orderBy('id').executeTakeFirstOrThrow();
    const contributor = await signIn(site, 'contributor');
    const res = await fetch(`${site.url}/newsroom/media?for=${other.id}`, { headers: { cookie: contributor.cookie } });
    assert.equal(res.status, 403);
  });
});
