import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { api, signIn, type Session } from '../helpers/newsroom.js';
import { storeSettings } from '../helpers/database.js';

const hunspell = existsSync('/usr/share/hunspell/gu_IN.dic');

describe(`newsroom editor aids and Gujarati slugs (${testDialect})`, () => {
  let site: TestSite;
  let contributor: Session;
  let editor: Session;

  before(async () => {
    site = await startTestSite();
    contributor = await signIn(site, 'contributor');
    editor = await signIn(site, 'editor');
  });
  after(async () => site.close());

  test('suggest-tags: existing tags matched through inflected forms; CSRF and login required', async () => {
    const { db } = site.database;
    const tags = await db.selectFrom('tags').select(['name']).execute();
    assert.ok(tags.length > 0);
    await db.insertInto('tags').values([{ slug: 'gujarat-tag', name: 'ગુજરાત' }, { slug: 'narendra-modi', name: 'નરેન્દ્ર મોદી' }, { slug: 'covid-19', name: 'COVID-19' }]).execute();
    const res = await api(site, contributor, 'POST', '/newsroom/api/suggest-tags', {
      headline: 'ગુજરાતમાં ચૂંટણી',
      bodyHtml: '<p>નરેન્દ્ર મોદીએ કહ્યું કે ગુજરાતના ખેડૂતો માટે COVID-19 પછી નવી યોજના છે. મોદી આવતીકાલે આવશે.</p>',
      exclude: [],
    });
    assert.equal(res.status, 200);
    const { suggestions } = (await res.json()) as { suggestions: { name: string; slug: string; score: number; forms: string[] }[] };
    const names = suggestions.map((s) => s.name);
    assert.equal(names[0], 'ગુજરાત', 'headline + body mentions rank first');
    assert.deepEqual(new Set(suggestions[0]!.forms), new Set(['ગુજરાતમાં', 'ગુજરાતના']));
    assert.ok(names.includes('નરેન્દ્ર મોદી'), 'a two-word tag matches as a sequence with an inflected last word');
    assert.deepEqual(suggestions.find((s) => s.name === 'નરેન્દ્ર મોદી')!.forms, ['નરેન્દ્ર મોદીએ']);
    assert.ok(names.includes('COVID-19'));
    const excluded = await api(site, contributor, 'POST', '/newsroom/api/suggest-tags', { headline: 'ગુજરાતમાં', exclude: ['ગુજરાત'] });
    assert.ok(!((await excluded.json()) as { suggestions: { name: string }[] }).suggestions.some((s) => s.name === 'ગુજરાત'));
    assert.equal((await api(site, contributor, 'POST', '/newsroom/api/suggest-tags', { headline: 'x' }, { csrf: false })).status, 403);
    const anonymous = await fetch(`${site.url}/newsroom/api/suggest-tags`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(anonymous.status, 403, 'no session: no CSRF token can match');
    const empty = await api(site, contributor, 'POST', '/newsroom/api/suggest-tags', {});
    assert.deepEqual(await empty.json(), { suggestions: [] });
  });

  test('transliterate: Gujarati candidates for a Latin word from the vocabulary, then the rules', async () => {
    const get = (q: string, cookie = contributor.cookie) => fetch(`${site.url}/newsroom/api/transliterate?q=${encodeURIComponent(q)}`, { headers: { cookie } });
    const res = await get('amdavad');
    assert.equal(res.status, 200);
    const body = (await res.json()) as { q: string; candidates: { word: string; source: string; frequency: number }[] };
    assert.equal(body.candidates[0]!.word, 'અમદાવાદ');
    assert.ok(body.candidates.some((c) => c.source === 'rules'));
    const rajkot = (await (await get('rajkot')).json()) as typeof body;
    assert.equal(rajkot.candidates[0]!.word, 'રાજકોટ');
    assert.equal(rajkot.candidates[0]!.source, 'vocabulary');
    const unknown = (await (await get('zzyzx')).json()) as typeof body;
    assert.ok(unknown.candidates.length >= 1, 'the rule-based generator always answers');
    assert.equal(((await (await get('૧૨૩')).json()) as typeof body).candidates.length, 0, 'only Latin letters are transliterated');
    assert.equal((await fetch(`${site.url}/newsroom/api/transliterate?q=abc`)).status, 401);
    assert.equal((await get('')).status, 400);
  });

  test('spellcheck: misspelt Gujarati words with suggestions when hunspell-gu is installed', { skip: !hunspell && 'hunspell-gu is not installed (apt-get install hunspell-gu)' }, async () => {
    const text = 'ગુજરાતમાં ભારે વરસાદ. ગુજરત સરકારે “ક્ષમા” માગી। COVID-19 અને 2026 બરાબર છે.';
    const res = await api(site, contributor, 'POST', '/newsroom/api/spellcheck', { text });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { available: boolean; misspelt: { word: string; start: number; end: number; suggestions: string[] }[] };
    assert.equal(body.available, true);
    assert.deepEqual(body.misspelt.map((m) => m.word), ['ગુજરત']);
    const m = body.misspelt[0]!;
    assert.equal(text.slice(m.start, m.end), 'ગુજરત');
    assert.ok(m.suggestions.includes('ગુજરાત'));
    const html = await api(site, contributor, 'POST', '/newsroom/api/spellcheck', { html: '<p>સરકારે <b>ગુજરત</b></p>' });
    assert.deepEqual(((await html.json()) as typeof body).misspelt.map((x) => x.word), ['ગુજરત']);
    const empty = await api(site, contributor, 'POST', '/newsroom/api/spellcheck', { text: '' });
    assert.deepEqual(await empty.json(), { available: true, misspelt: [] });
  });

  test('native slugs: Gujarati-script slugs served percent-encoded; old slugs (encoded or not) redirect', async () => {
    const { db } = site.database;
    await storeSettings(db, { slugStyle: 'native' });
    const section = await db.selectFrom('sections').select(['id', 'slug']).where('slug', '=', 'gujarat').executeTakeFirstOrThrow();
    const created = await api(site, editor, 'POST', '/newsroom/api/articles', { headline: 'શ્રીનગરમાં જ્ઞાનસત્ર: દ્રૌપદી ક્ષમા માગે', sectionId: section.id, bodyHtml: '<p>લખાણ</p>' });
    assert.equal(created.status, 200);
    const { id, slug } = (await created.json()) as { id: number; slug: string };
    assert.equal(slug, 'શ્રીનગરમાં-જ્ઞાનસત્ર-દ્રૌપદી-ક્ષમા-માગે', 'vowel signs and virama kept');
    const publish = await fetch(`${site.url}/newsroom/articles/${id}/publish`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: editor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: editor.csrf }),
    });
    assert.equal(publish.status, 303);
    const path = `/${section.slug}/${encodeURIComponent(slug)}`;
    const page = await fetch(`${site.url}${path}`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), new RegExp(`<link rel="canonical" href="[^"]*${path.replace(/[%/]/g, (c) => `\\${c}`)}"`));
    // lower-case percent-encoding is the same URL
    assert.equal((await fetch(`${site.url}${path.toLowerCase()}`)).status, 200);
    const found = (await (await fetch(`${site.url}/api/v1/search?q=${encodeURIComponent('શ્રીનગર')}`)).json()) as { items: { url: string }[] };
    assert.ok(found.items.some((i) => i.url.endsWith(path)));

    // the slug changes after publishing: both spellings of the old URL redirect
    const { version } = await db.selectFrom('articles').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    const saved = await api(site, editor, 'PUT', `/newsroom/api/articles/${id}`, { version, edit: { slug: 'શ્રીનગર જ્ઞાનસત્ર' } });
    assert.equal(saved.status, 200);
    const newSlug = ((await saved.json()) as { slug: string }).slug;
    assert.equal(newSlug, 'શ્રીનગર-જ્ઞાનસત્ર');
    // A live story's edit waits for "Update".
    const update = await fetch(`${site.url}/newsroom/articles/${id}/update`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: editor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: editor.csrf }),
    });
    assert.equal(update.status, 303);
    const canonical = `/${section.slug}/${encodeURIComponent(newSlug)}`;
    const encoded = await fetch(`${site.url}${path}`, { redirect: 'manual' });
    assert.equal(encoded.status, 301);
    assert.equal(encoded.headers.get('location'), canonical);
    // lower-case escapes of the old URL, and a redirect stored from an unencoded Gujarati path
    const lower = await fetch(`${site.url}${path.toLowerCase()}`, { redirect: 'manual' });
    assert.equal(lower.status, 301);
    assert.equal(lower.headers.get('location'), canonical);
    const { addRedirect } = await import('../../src/content/redirects.js');
    await addRedirect(db, '/જૂના-સમાચાર/શ્રીનગર', canonical);
    const legacy = await fetch(`${site.url}/${encodeURIComponent('જૂના-સમાચાર')}/${encodeURIComponent('શ્રીનગર')}`, { redirect: 'manual' });
    assert.equal(legacy.status, 301);
    assert.equal(legacy.headers.get('location'), canonical);
    assert.equal((await fetch(`${site.url}${canonical}`)).status, 200);
    await storeSettings(db, { slugStyle: 'ascii' });
    const ascii = await api(site, editor, 'POST', '/newsroom/api/articles', { headline: 'રશિયાના વિદેશમંત્રી', sectionId: section.id });
    assert.equal(((await ascii.json()) as { slug: string }).slug, 'rashiyana-videshmantri');
  });
});

