import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { load, type CheerioAPI } from 'cheerio';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { api, post, signIn, type Session } from '../helpers/newsroom.js';
import { previewLifetimeMs, previewToken } from '../../src/newsroom/preview.js';

const headline = 'કચ્છમાં દ્રાક્ષની ખેતીથી ક્ષેત્રમાં નવી આશા';
const dek = 'ભુજના ખેડૂતોએ ૧૨૩ એકરમાં પ્રયોગ કર્યો; Drip irrigation કામ આવ્યું.';

/** The article page's shape: the tags and classes of the story's blocks, in order (the view beacon aside: previews are not counted). */
function layout($: CheerioAPI): string[] {
  return $('article.story')
    .children()
    .not('[data-beacon], noscript')
    .toArray()
    .map((el) => `${el.tagName}.${$(el).attr('class') ?? ''}`);
}

describe(`preview links (${testDialect})`, () => {
  let site: TestSite;
  let editor: Session;
  let sectionId: number;
  let id: number;
  let link: string;
  before(async () => {
    site = await startTestSite();
    editor = await signIn(site, 'editor');
    sectionId = (await site.database.db.selectFrom('sections').select('id').where('slug', '=', 'gujarat').executeTakeFirstOrThrow()).id;
    const res = await api(site, editor, 'POST', '/newsroom/api/articles', { headline, dek, sectionId, bodyHtml: '<p>રણ વિસ્તારમાં પાણીની અછત છતાં દ્રાક્ષનો પાક સારો થયો.</p>' });
    id = ((await res.json()) as { id: number }).id;
    const page = load(await (await fetch(`${site.url}/newsroom/articles/${id}/edit`, { headers: { cookie: editor.cookie } })).text());
    link = page('#preview-url').attr('value') ?? '';
    assert.equal(page('#preview-button').attr('href'), link, 'the Preview button opens the same link');
  });
  after(async () => site.close());

  test('a static page’s draft previews as the page (no section needed), noindex', async () => {
    const res = await api(site, editor, 'POST', '/newsroom/api/pages', { headline: 'સુધારા અંગેની અમારી નીતિ', bodyHtml: '<p>ભૂલ સુધારીએ ત્યારે લેખની નીચે નોંધ મૂકીએ છીએ.</p>' });
    assert.equal(res.status, 200, await res.clone().text());
    const pageId = ((await res.json()) as { id: number }).id;
    const editorPage = load(await (await fetch(`${site.url}/newsroom/articles/${pageId}/edit`, { headers: { cookie: editor.cookie } })).text());
    const pageLink = editorPage('#preview-url').attr('value') ?? '';
    assert.match(pageLink, /^\/preview\//);
    const shown = await fetch(`${site.url}${pageLink}`);
    assert.equal(shown.status, 200);
    assert.equal(shown.headers.get('x-robots-tag'), 'noindex, nofollow');
    const $ = load(await shown.text());
    assert.equal($('h1.headline').text(), 'સુધારા અંગેની અમારી નીતિ');
    assert.equal($('article.static-page').length, 1, 'the static page layout');
    assert.ok($('.preview-banner').text().includes('પૂર્વદર્શન'));
    assert.equal($('meta[name=robots]').attr('content'), 'noindex, nofollow');
  });

  test('a draft’s link shows its article page without signing in: noindex, never cached, CSP kept, not counted', async () => {
    assert.match(link, /^\/preview\/\d+\.\d+\.[A-Za-z0-9_-]{43}$/);
    const entries = site.cache.stats().entries;
    const res = await fetch(`${site.url}${link}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-robots-tag'), 'noindex, nofollow');
    assert.equal(res.headers.get('cache-control'), 'private, no-store');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer', 'the token does not leak through links to other sites');
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const $ = load(await res.text());
    assert.equal($('meta[name=robots]').attr('content'), 'noindex, nofollow');
    assert.equal($('h1.headline').text(), headline);
    assert.equal($('article.story .dek').text(), dek);
    assert.equal($('meta[property="og:title"]').attr('content'), headline);
    assert.ok($('.preview-banner').text().includes('પૂર્વદર્શન'));
    assert.equal($('[data-beacon]').length, 0, 'a preview is not a reader’s view');
    assert.equal(site.cache.stats().entries, entries, 'nothing went into the page cache');

    // An edit shows on the next load: nothing kept it.
    await api(site, editor, 'PUT', `/newsroom/api/articles/${id}`, { version: 1, edit: { dek: 'નવો સાર: ખેડૂતોનો ઉત્સાહ વધ્યો.' } });
    assert.equal(load(await (await fetch(`${site.url}${link}`)).text())('article.story .dek').text(), 'નવો સાર: ખેડૂતોનો ઉત્સાહ વધ્યો.');
  });

  test('the preview is the reader page: same blocks once published; a pending change previews while readers see the live text', async () => {
    const before = layout(load(await (await fetch(`${site.url}${link}`)).text()));
    assert.equal((await post(site, editor, `/newsroom/articles/${id}/publish`)).status, 303);
    const row = await site.database.db.selectFrom('articles').select(['slug', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    const publicUrl = `${site.url}/gujarat/${row.slug}`;
    const live = load(await (await fetch(publicUrl)).text());
    assert.deepEqual(before, layout(live), 'the same article page, block for block');

    const saved = await api(site, editor, 'PUT', `/newsroom/api/articles/${id}`, { version: row.version, edit: { headline: `${headline}: ભાવ પણ સારા` } });
    assert.equal(((await saved.json()) as { pending: boolean }).pending, true);
    const preview = load(await (await fetch(`${site.url}${link}`)).text());
    assert.equal(preview('h1.headline').text(), `${headline}: ભાવ પણ સારા`);
    assert.equal(load(await (await fetch(publicUrl)).text())('h1.headline').text(), headline, 'readers still see the published headline');
  });

  test('a tampered link is refused (403), a malformed one is not found (404), an expired one says so (403)', async () => {
    const [idPart, expires, signature] = link.slice('/preview/'.length).split('.') as [string, string, string];
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    for (const forged of [`${idPart}.${expires}.${flipped}`, `${Number(idPart) + 1}.${expires}.${signature}`, `${idPart}.${Number(expires) + 86400}.${signature}`]) {
      const res = await fetch(`${site.url}/preview/${forged}`);
      assert.equal(res.status, 403, forged);
      assert.equal(res.headers.get('x-robots-tag'), 'noindex, nofollow');
      assert.ok((await res.text()).includes('પૂર્વદર્શનની લિંક ખોટી છે'), 'says what is wrong, in Gujarati');
    }
    const malformed = await fetch(`${site.url}/preview/not-a-token`);
    assert.equal(malformed.status, 404);

    const old = await previewToken(site.database.db, id, new Date(Date.now() - previewLifetimeMs - 60_000));
    const expired = await fetch(`${site.url}/preview/${old}`);
    assert.equal(expired.status, 403);
    assert.ok((await expired.text()).includes('મુદત પૂરી થઈ'));
  });

  test('an archived story has nothing to preview', async () => {
    assert.equal((await post(site, editor, `/newsroom/articles/${id}/archive`, { confirmed: '1' })).status, 303);
    const res = await fetch(`${site.url}${link}`);
    assert.equal(res.status, 404);
    assert.ok((await res.text()).includes('પૂર્વદર્શન માટે ઉપલબ્ધ નથી'));
  });

  test('the editor script gets a link for a story it just created; only those who may see the story get one', async () => {
    const res = await api(site, editor, 'POST', `/newsroom/api/articles/${id}/preview-link`, {});
    assert.equal(res.status, 200);
    assert.match(((await res.json()) as { path: string }).path, /^\/preview\//);
    const contributor = await signIn(site, 'contributor');
    assert.equal((await api(site, contributor, 'POST', `/newsroom/api/articles/${id}/preview-link`, {})).status, 403);
  });
});
