// The media library over HTTP on a real server and database: search by alt, caption and file
// name in Gujarati and in Latin letters, pages, edits, crops, and deletes that are refused for
// images in use (saying where) and for people who may not delete them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { api, post, signIn, type Session } from '../helpers/newsroom.js';
import { picture } from '../media/images.js';
import { variantPath } from '../../src/media/variants.js';

interface Image {
  id: number;
  path: string;
  alt: string;
  caption: string;
  fileName: string;
  width: number;
  height: number;
  src: string;
  srcset: string;
  aspect: string;
  mayEdit: boolean;
}

async function upload(site: TestSite, s: Session, name: string, alt: string, caption = ''): Promise<Image> {
  const form = new FormData();
  form.append('alt', alt);
  form.append('caption', caption);
  form.append('file', new Blob([new Uint8Array(await picture('jpeg', 900, 600))]), name);
  const res = await fetch(`${site.url}/newsroom/media`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, accept: 'application/json' }, body: form });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as Image;
}

async function find(site: TestSite, s: Session, q: string, page = 1): Promise<{ items: Image[]; total: number; page: number; pages: number }> {
  const res = await fetch(`${site.url}/newsroom/api/media?${new URLSearchParams({ q, page: String(page) })}`, { headers: { cookie: s.cookie } });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as { items: Image[]; total: number; page: number; pages: number };
}

const ids = (r: { items: Image[] }) => r.items.map((i) => i.id).sort((a, b) => a - b);

describe(`media library: search, edit, delete (${testDialect})`, () => {
  let site: TestSite;
  let editor: Session;
  let contributor: Session;
  let other: Session;
  let dam: Image;
  let river: Image;
  let mine: Image;
  let sectionId: number;

  before(async () => {
    site = await startTestSite();
    editor = await signIn(site, 'editor');
    contributor = await signIn(site, 'contributor');
    other = await signIn(site, 'contributor');
    dam = await upload(site, editor, 'sardar-sarovar.jpg', 'નર્મદા ડેમના ખુલ્લા દરવાજા', 'કેવડિયા, ૨૦૨૬');
    river = await upload(site, editor, 'ફોટો-૧૨.jpg', 'સાબરમતી રિવરફ્રન્ટ પર સવાર', 'અમદાવાદ');
    mine = await upload(site, contributor, 'kshetra.png', 'ક્ષેત્રમાં દ્રાક્ષની વાડી', '');
    sectionId = (await site.database.db.selectFrom('sections').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  });
  after(async () => site.close());

  test('Latin "narmada" finds the image whose alt says નર્મદા; Gujarati finds it too', async () => {
    assert.deepEqual(ids(await find(site, editor, 'narmada')), [dam.id]);
    assert.deepEqual(ids(await find(site, editor, 'Narmadaa')), [dam.id], 'a long vowel typed twice');
    assert.deepEqual(ids(await find(site, editor, 'નર્મદા')), [dam.id]);
    assert.deepEqual(ids(await find(site, editor, 'sabarmati')), [river.id]);
    assert.deepEqual(ids(await find(site, editor, 'અમદાવાદ')), [river.id], 'by caption');
    assert.deepEqual(ids(await find(site, editor, 'દ્રાક્ષ')), [mine.id], 'a conjunct');
    assert.deepEqual(ids(await find(site, editor, 'nonesuch')), []);
  });

  test('file names are searched, with Gujarati digits meeting ASCII ones', async () => {
    assert.ok(ids(await find(site, editor, 'sarovar')).includes(dam.id), 'a Latin word of the file name');
    assert.ok(ids(await find(site, editor, 'ફોટો 12')).includes(river.id));
    assert.deepEqual(ids(await find(site, editor, '૨૦૨૬')), [dam.id], 'caption digits');
  });

  test('every word must match; an empty query lists everything, newest first, in pages', async () => {
    assert.deepEqual(ids(await find(site, editor, 'narmada sabarmati')), []);
    const all = await find(site, editor, '');
    assert.equal(all.total, 3 + (all.total - 3));
    assert.ok(all.items.findIndex((i) => i.id === mine.id) < all.items.findIndex((i) => i.id === dam.id), 'newest first');
    // The library page pages by 24: the test site has the demo's images too.
    const html = await (await fetch(`${site.url}/newsroom/media?q=narmada`, { headers: { cookie: editor.cookie } })).text();
    const $ = cheerio.load(html);
    assert.deepEqual($('.media-card').map((_, e) => $(e).attr('data-media-id')).get(), [String(dam.id)]);
    assert.match($('.media-count').text(), /1 છબી મળી/);
  });

  test('alt and caption are edited by form, in Gujarati with ZWJ kept; the search follows', async () => {
    const res = await post(site, editor, `/newsroom/media/${river.id}`, { alt: 'સાબરમતી નદી પર ઝાકળ', caption: 'રિવરફ્રન્ટ\u200D, સવાર', q: '', page: '1' });
    assert.equal(res.status, 303);
    assert.match(res.headers.get('location') ?? '', /done=saved/);
    const row = await site.database.db.selectFrom('media').selectAll().where('id', '=', river.id).executeTakeFirstOrThrow();
    assert.equal(row.alt, 'સાબરમતી નદી પર ઝાકળ');
    assert.equal(row.caption, 'રિવરફ્રન્ટ\u200D, સવાર');
    assert.deepEqual(ids(await find(site, editor, 'zakal')), [river.id]);
  });

  test('a crop makes new files under a new name; the old ones stay for bodies that use them', async () => {
    const res = await api(site, editor, 'PUT', `/newsroom/api/media/${dam.id}`, { aspect: '1:1', focusX: 0.2, focusY: 0.5 });
    assert.equal(res.status, 200, await res.clone().text());
    const cropped = (await res.json()) as Image & { focusX: number };
    assert.equal(cropped.width, 600);
    assert.equal(cropped.height, 600);
    assert.equal(cropped.aspect, '1:1');
    assert.notEqual(cropped.src, dam.src);
    const media = join(site.database.dir, 'media');
    assert.ok(existsSync(join(media, dam.path)), 'the old original stays');
    const row = await site.database.db.selectFrom('media').select(['path', 'former_paths']).where('id', '=', dam.id).executeTakeFirstOrThrow();
    assert.ok(existsSync(join(media, variantPath(row.path, 800, 'webp'))));
    assert.deepEqual(JSON.parse(row.former_paths), [dam.path]);
  });

  test('an image in use cannot be deleted; the page names the stories, with links', async () => {
    // The dam as a featured image; the river (by its first, uncropped file) in a body.
    const featured = await api(site, editor, 'POST', '/newsroom/api/articles', { headline: 'નર્મદા ડેમના ૨૩ દરવાજા ખોલાયા', sectionId, featuredMediaId: dam.id });
    assert.equal(featured.status, 200);
    const featuredId = ((await featured.json()) as { id: number }).id;
    const body = `<p>સવારનું દૃશ્ય.</p><figure class="image"><img src="${river.src}" srcset="${river.srcset}" alt="નદી" width="900" height="600"></figure>`;
    const inBody = await api(site, editor, 'POST', '/newsroom/api/articles', { headline: 'રિવરફ્રન્ટ પર ઝાકળભરી સવાર', sectionId, bodyHtml: body });
    assert.equal(inBody.status, 200);
    const bodyId = ((await inBody.json()) as { id: number }).id;

    const page = cheerio.load(await (await fetch(`${site.url}/newsroom/media`, { headers: { cookie: editor.cookie } })).text());
    const damCard = page(`.media-card[data-media-id="${dam.id}"]`);
    assert.equal(damCard.find(`a[href="/newsroom/articles/${featuredId}/edit"]`).text(), 'નર્મદા ડેમના ૨૩ દરવાજા ખોલાયા');
    assert.match(damCard.find('.media-uses').text(), /1 લેખમાં વપરાય છે.*મુખ્ય છબી/s);
    assert.equal(damCard.find('form[action$="/delete"]').length, 0, 'no delete button for an image in use');
    const riverCard = page(`.media-card[data-media-id="${river.id}"]`);
    assert.equal(riverCard.find(`a[href="/newsroom/articles/${bodyId}/edit"]`).length, 1);
    assert.match(riverCard.find('.media-uses').text(), /લખાણમાં/);

    for (const m of [dam, river]) {
      const res = await post(site, editor, `/newsroom/media/${m.id}/delete`, {});
      assert.equal(res.status, 409);
      const $ = cheerio.load(await res.text());
      assert.match($('.notice-error').text(), /1 લેખમાં વપરાય છે, તેથી કાઢી શકાતી નથી/);
      assert.ok(await site.database.db.selectFrom('media').select('id').where('id', '=', m.id).executeTakeFirst(), 'still there');
    }
  });

  test('who may delete: not another contributor; the uploader may, and the files go', async () => {
    const refused = await post(site, other, `/newsroom/media/${mine.id}/delete`, {});
    assert.equal(refused.status, 403);
    assert.match(cheerio.load(await refused.text())('.notice-error').text(), /અપલોડ કરનાર કે સંપાદક/);
    const editRefused = await api(site, other, 'PUT', `/newsroom/api/media/${mine.id}`, { alt: 'બીજું' });
    assert.equal(editRefused.status, 403);
    // The contributor sees no edit or delete controls on the editor's images.
    const $ = cheerio.load(await (await fetch(`${site.url}/newsroom/media`, { headers: { cookie: other.cookie } })).text());
    assert.equal($(`.media-card[data-media-id="${dam.id}"] details`).length, 0);

    const media = join(site.database.dir, 'media');
    const row = await site.database.db.selectFrom('media').select('path').where('id', '=', mine.id).executeTakeFirstOrThrow();
    const res = await post(site, contributor, `/newsroom/media/${mine.id}/delete`, {});
    assert.equal(res.status, 303);
    assert.equal(await site.database.db.selectFrom('media').select('id').where('id', '=', mine.id).executeTakeFirst(), undefined);
    assert.ok(!existsSync(join(media, row.path)));
    assert.ok(!existsSync(join(media, variantPath(row.path, 400, 'webp'))));
    // Deleting it again: gone, said so, not a 500.
    const again = await post(site, contributor, `/newsroom/media/${mine.id}/delete`, {});
    assert.equal(again.status, 404);
  });

  test('an editor may delete an unused image someone else uploaded', async () => {
    const spare = await upload(site, other, 'spare.jpg', 'ખાલી મેદાન');
    assert.equal((await post(site, editor, `/newsroom/media/${spare.id}/delete`, {})).status, 303);
  });

  test('a published story shows a new alt and a new crop of its featured image at once (the page cache follows)', async () => {
    const lead = await upload(site, editor, 'lead.jpg', 'ગિરનાર પર વાદળ');
    const created = await api(site, editor, 'POST', '/newsroom/api/articles', { headline: 'ગિરનાર પર પહેલો વરસાદ', sectionId, featuredMediaId: lead.id, bodyHtml: '<p>જૂનાગઢમાં ઠંડક.</p>' });
    const { id } = (await created.json()) as { id: number };
    assert.equal((await post(site, editor, `/newsroom/articles/${id}/publish`)).status, 303);
    const a = await site.database.db.selectFrom('articles').innerJoin('sections', 'sections.id', 'articles.section_id').select(['articles.slug', 'sections.slug as s']).where('articles.id', '=', id).executeTakeFirstOrThrow();
    const url = `${site.url}/${a.s}/${a.slug}`;
    const ogAlt = async () => cheerio.load(await (await fetch(url)).text())('.hero img').attr('alt');
    const ogImage = async () => cheerio.load(await (await fetch(url)).text())('meta[property="og:image"]').attr('content') ?? '';
    const before = await ogImage();
    assert.equal(await ogAlt(), 'ગિરનાર પર વાદળ');
    assert.equal(await ogAlt(), 'ગિરનાર પર વાદળ', 'now from the cache');
    assert.equal((await api(site, editor, 'PUT', `/newsroom/api/media/${lead.id}`, { alt: 'ગિરનારની ટોચ પર ઘેરાં વાદળ', aspect: '1:1', focusX: 0.5, focusY: 0.5 })).status, 200);
    assert.equal(await ogAlt(), 'ગિરનારની ટોચ પર ઘેરાં વાદળ');
    const row = await site.database.db.selectFrom('media').select('path').where('id', '=', lead.id).executeTakeFirstOrThrow();
    // og:image is the share card drawn over the new crop (a new name), or the new crop itself without the card font.
    const after = await ogImage();
    assert.notEqual(after, before);
    if (!/\/cards\//.test(after)) assert.match(after, new RegExp(row.path.replace(/\.jpg$/, '').replace(/[/.]/g, '\\$&')));
  });

  test('the editor shows the featured image as a thumbnail with its alt, the id only in a hidden input', async () => {
    const story = await site.database.db.selectFrom('articles').select('id').where('featured_media_id', '=', dam.id).executeTakeFirstOrThrow();
    const $ = cheerio.load(await (await fetch(`${site.url}/newsroom/articles/${story.id}/edit`, { headers: { cookie: editor.cookie } })).text());
    const field = $('#featured-image');
    assert.equal(field.find('input[name=featuredMediaId]').attr('type'), 'hidden');
    assert.equal(field.find('input[name=featuredMediaId]').val(), String(dam.id));
    assert.equal($('input[name=featuredMediaId]:not([type=hidden])').length, 0);
    assert.equal(field.find('.featured-thumb img').attr('alt'), 'નર્મદા ડેમના ખુલ્લા દરવાજા');
    assert.match(field.find('.featured-thumb img').attr('src') ?? '', /-400\.webp$/);
  });
});
