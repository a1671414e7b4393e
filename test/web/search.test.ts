import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { demoContent } from '../../src/demo/content.js';
import { rebuildSearchIndex } from '../../src/search/indexer.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { api, post, signIn, type Session } from '../helpers/newsroom.js';

interface Hit {
  id: number;
  slug: string;
  url: string;
  headline: string;
  headlineHtml: string;
  snippetHtml: string;
  snippet: { text: string; mark: boolean }[];
  section: { slug: string };
  publishedAt: string;
}
interface SearchJson {
  query: string;
  items: Hit[];
  page: number;
  perPage: number;
  total: number;
  more: boolean;
  pageCount: number;
  match: string;
  suggestion: string | null;
  filters: Record<string, string>;
}

const slugsWith = (pred: (text: string) => boolean) =>
  demoContent.articles.filter((a) => pred([a.headline, a.dek, ...a.paragraphs].join(' '))).map((a) => a.slug);

describe(`search over HTTP (${testDialect})`, () => {
  let site: TestSite;
  let editor: Session;
  const search = async (q: string, extra = ''): Promise<SearchJson> => {
    const res = await fetch(`${site.url}/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
    assert.equal(res.status, 200, `${q}: ${res.status}`);
    return (await res.json()) as SearchJson;
  };
  const slugs = (r: SearchJson) => r.items.map((i) => i.slug);

  before(async () => {
    site = await startTestSite();
    editor = await signIn(site, 'editor');
  });
  after(async () => site.close());

  test('the demo is indexed as it is seeded: every published story is found by a headline word', async () => {
    for (const a of demoContent.articles.slice(0, 12)) {
      const word = a.headline.split(/\s+/u).find((w) => /^[\u0A80-\u0AFF]{4,}$/u.test(w))!;
      const r = await search(word, '&per_page=50');
      assert.ok(slugs(r).includes(a.slug), `${word} finds ${a.slug}`);
    }
  });

  test('inflected forms find each other (અમદાવાદમાં finds stories that say અમદાવાદ, અમદાવાદના …)', async () => {
    const expected = slugsWith((t) => t.includes('અમદાવાદ'));
    assert.ok(expected.length >= 3);
    for (const q of ['અમદાવાદમાં', 'અમદાવાદના', 'અમદાવાદ', 'અમદાવાદથી']) {
      const r = await search(q, '&per_page=50');
      assert.equal(r.match, 'all', q);
      assert.deepEqual(new Set(slugs(r)), new Set(expected), q);
    }
    const r = await search('ખેડૂતોને', '&per_page=50');
    assert.ok(r.items.some((i) => /ખેડૂત/u.test(i.snippetHtml) || /ખેડૂત/u.test(i.headlineHtml)));
  });

  test('Latin spellings of Gujarati place names and words find Gujarati stories', async () => {
    const cases: [string, string][] = [
      ['ahmedabad', 'અમદાવાદ'],
      ['amdavad', 'અમદાવાદ'],
      ['rajkot', 'રાજકોટ'],
      ['saurashtra', 'સૌરાષ્ટ્ર'],
      ['gujarat', 'ગુજરાત'],
      ['navratri garba', 'નવરાત્રિ'],
      ['varsad', 'વરસાદ'],
    ];
    for (const [q, word] of cases) {
      const r = await search(q, '&per_page=50');
      assert.ok(r.total > 0, `${q} finds something`);
      for (const i of r.items) assert.ok(`${i.headline} ${i.snippet.map((s) => s.text).join('')}`.length > 0);
      assert.ok(r.items.some((i) => i.headlineHtml.includes(word) || i.snippetHtml.includes(word)), `${q} finds ${word}`);
      assert.ok(r.items.some((i) => /<mark>/u.test(i.headlineHtml + i.snippetHtml)), `${q} highlights`);
    }
  });

  test('Devanagari and Gujarati-digit queries find Gujarati stories', async () => {
    const r = await search('वरसाद');
    assert.equal(r.match, 'all');
    assert.ok(r.items.some((i) => i.snippetHtml.includes('<mark>વરસાદ')));
    const n = await search('૧,૨૦૦');
    assert.ok(slugs(n).includes(demoContent.articles.find((a) => a.headline.includes('૧,૨૦૦'))!.slug));
  });

  test('mixed-script tokens: GIFT City, Latin acronyms glued to Gujarati case markers', async () => {
    const gift = await search('GIFT City');
    assert.ok(gift.total >= 2);
    assert.equal(gift.match, 'all');
    assert.match(gift.items[0]!.headlineHtml + gift.items[0]!.snippetHtml, /<mark>GIFT<\/mark>/u);
    const isro = await search('ISRO');
    assert.ok(slugs(isro).includes(demoContent.articles.find((a) => a.headline.startsWith('ISROએ'))!.slug));
    assert.match(isro.items[0]!.headlineHtml, /<mark>ISROએ<\/mark>/u);
  });

  test('"phrases", -exclusions and section: filters', async () => {
    const phrase = await search('"ભારે વરસાદ"', '&per_page=50');
    assert.ok(phrase.total > 0);
    const loose = await search('ભારે વરસાદ', '&per_page=50');
    assert.ok(phrase.total <= loose.total);
    const minus = await search('વરસાદ -અમદાવાદ', '&per_page=50');
    const all = await search('વરસાદ', '&per_page=50');
    assert.ok(minus.total < all.total);
    const withAhmedabad = new Set(slugsWith((t) => t.includes('અમદાવાદ')));
    for (const s of slugs(minus)) assert.ok(!withAhmedabad.has(s), `${s} mentions અમદાવાદ`);
    const inSection = await search('વરસાદ section:ahmedabad', '&per_page=50');
    assert.ok(inSection.total > 0);
    for (const i of inSection.items) assert.equal(i.section.slug, 'ahmedabad');
    assert.equal(inSection.filters.section, 'ahmedabad');
    const parent = demoContent.sections.find((s) => demoContent.sections.some((c) => c.parent === s.slug))!;
    const family = new Set([parent.slug, ...demoContent.sections.filter((c) => c.parent === parent.slug).map((c) => c.slug)]);
    const inParent = await search(`વરસાદ section:${parent.slug}`, '&per_page=50');
    for (const i of inParent.items) assert.ok(family.has(i.section.slug), 'a parent section includes its sub-sections');
  });

  test('date filters: after: and before: (site days, Gujarati digits allowed)', async () => {
    const all = await search('વરસાદ', '&per_page=50');
    const dates = all.items.map((i) => i.publishedAt).sort();
    const middle = dates[Math.floor(dates.length / 2)]!;
    const day = new Date(Date.parse(middle) + 5.5 * 3600_000).toISOString().slice(0, 10);
    const later = await search(`વરસાદ after:${day}`, '&per_page=50');
    const earlier = await search(`વરસાદ before:${day}`, '&per_page=50');
    assert.equal(later.total + earlier.total, all.total);
    for (const i of later.items) assert.ok(new Date(Date.parse(i.publishedAt) + 5.5 * 3600_000).toISOString().slice(0, 10) >= day);
    const gujaratiDigits = day.replace(/[0-9]/gu, (d) => String.fromCharCode(0x0ae6 + Number(d)));
    assert.equal((await search(`વરસાદ after:${gujaratiDigits}`, '&per_page=50')).total, later.total);
    const bad = await fetch(`${site.url}/api/v1/search?q=${encodeURIComponent('વરસાદ after:2026-13-45')}`);
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: string }).error, 'bad_date');
    const unknown = await fetch(`${site.url}/api/v1/search?q=${encodeURIComponent('વરસાદ section:nope')}`);
    assert.equal(unknown.status, 400);
  });

  test('paging: per_page, page, pageCount, and no item twice', async () => {
    const first = await search('છે', '&per_page=5');
    assert.ok(first.total > 10);
    assert.equal(first.pageCount, Math.ceil(first.total / 5));
    const second = await search('છે', '&per_page=5&page=2');
    assert.equal(second.items.length, 5);
    assert.equal(new Set([...slugs(first), ...slugs(second)]).size, 10);
    const html = await (await fetch(`${site.url}/search?q=${encodeURIComponent('છે')}`)).text();
    const $ = load(html);
    assert.ok($('nav.pager a[rel=next]').attr('href')?.startsWith('/search?q='));
    const past = await fetch(`${site.url}/search?q=${encodeURIComponent('છે')}&page=999`);
    assert.equal(past.status, 404);
    assert.equal((await fetch(`${site.url}/search?q=x&page=abc`)).status, 404);
    assert.equal((await fetch(`${site.url}/api/v1/search?q=x&per_page=500`)).status, 400);
  });

  test('empty, whitespace, punctuation-only and very long queries', async () => {
    assert.equal((await fetch(`${site.url}/api/v1/search?q=`)).status, 400);
    assert.equal((await fetch(`${site.url}/api/v1/search`)).status, 400);
    const blank = await search('   ');
    assert.equal(blank.total, 0);
    const punct = await search('“ ” ‘ ’ । ॥ - !');
    assert.equal(punct.total, 0);
    const long = 'વરસાદ '.repeat(83).trim();
    assert.ok(long.length <= 500);
    assert.ok((await search(long)).total > 0);
    assert.equal((await fetch(`${site.url}/api/v1/search?q=${encodeURIComponent('ક'.repeat(501))}`)).status, 400);
    const page = await fetch(`${site.url}/search?q=${encodeURIComponent('વરસાદ '.repeat(150))}`);
    assert.equal(page.status, 200, 'the page cuts a long query instead of failing');
    const form = await fetch(`${site.url}/search`);
    assert.equal(form.status, 200);
    assert.equal(load(await form.text())('ol.hits').length, 0);
  });

  test('nothing found: a nearby spelling from the vocabulary is suggested', async () => {
    const r = await search('સમારકમ');
    assert.ok(r.suggestion, 'a suggestion for a misspelt word');
    const again = await search(r.suggestion!);
    assert.ok(again.total > 0);
    const html = await (await fetch(`${site.url}/search?q=${encodeURIComponent('સમારકમ')}`)).text();
    const $ = load(html);
    assert.equal($('.suggestion a').text(), r.suggestion);
    assert.equal((await search('qqqqzzzz')).total, 0);
  });

  test('results page: Gujarati UI, highlighted snippets, noindex, search box keeps the query; header search works without JS', async () => {
    const res = await fetch(`${site.url}/search?q=${encodeURIComponent('અમદાવાદમાં')}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('cache-control') ?? '', /max-age=60/);
    const $ = load(await res.text());
    assert.equal($('html').attr('lang'), 'gu-IN');
    assert.equal($('meta[name=robots]').attr('content'), 'noindex, follow');
    assert.equal($('form[role=search] input[name=q]').attr('value'), 'અમદાવાદમાં');
    assert.ok($('ol.hits li').length > 0);
    assert.match($('ol.hits li mark').first().text(), /^અમદાવાદ/u);
    assert.match($('p.meta[role=status]').text(), /પરિણામ/u);
    const home = load(await (await fetch(`${site.url}/`)).text());
    const form = home('form[role=search]');
    assert.equal(form.attr('action'), '/search');
    assert.equal(form.attr('method'), 'get');
    assert.equal(home(`label[for=${form.find('input').attr('id')}]`).length, 1);
  });

  test('publish, edit and unpublish keep the index in step; snippets are escaped', async () => {
    const sectionId = (await site.database.db.selectFrom('sections').select('id').where('slug', '=', 'gujarat').executeTakeFirstOrThrow()).id;
    const created = await api(site, editor, 'POST', '/newsroom/api/articles', {
      headline: 'ક્ષિતિજ પર જ્ઞાનસત્ર: શ્રદ્ધા અને દ્રષ્ટિની વાત',
      sectionId,
      dek: 'ચાઁદ અને ચાંદ, ફ઼િલ્મ અને ફિલ્મ: એક જ શબ્દ',
      bodyHtml: '<p>Sputnik-V અને COVID-19 પછી SCOની બેઠકમાં “ઝળહળતું” <b>&lt;script&gt;alert(1)&lt;/script&gt;</b> લખાણ। ૨૦૨૬માં 2026ના અહેવાલ.</p>',
    });
    assert.equal(created.status, 200);
    const { id } = (await created.json()) as { id: number };
    assert.equal((await search('ઝળહળતું')).total, 0, 'a draft is not searchable');
    assert.equal((await post(site, editor, `/newsroom/articles/${id}/publish`)).status, 303);

    const found = await search('ઝળહળતું');
    assert.deepEqual(found.items.map((i) => i.id), [id]);
    assert.match(found.items[0]!.snippetHtml, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/u);
    assert.doesNotMatch(found.items[0]!.snippetHtml, /<script>/u);
    const page = await (await fetch(`${site.url}/search?q=${encodeURIComponent('ઝળહળતું')}`)).text();
    assert.doesNotMatch(page, /<script>alert/u);
    // conjuncts, nukta, candrabindu, mixed tokens, digits in both scripts
    for (const q of ['ક્ષિતિજ', 'જ્ઞાનસત્રમાં', 'શ્રદ્ધાથી', 'દ્રષ્ટિ', 'ચાંદ', 'ચાઁદ', 'ફિલ્મ', 'ફ઼િલ્મ', 'Sputnik-V', 'sputnik', 'COVID-19', 'covid', 'SCO', '2026', '૨૦૨૬']) {
      assert.ok(slugs(await search(q, '&per_page=50')).includes(found.items[0]!.slug), `${q} finds the new story`);
    }
    assert.equal((await search('"ક્ષિતિજ શ્રદ્ધા"')).total, 0, 'not adjacent: no phrase match');
    assert.deepEqual((await search('"જ્ઞાનસત્ર: શ્રદ્ધા"')).items.map((i) => i.id), [id], 'punctuation does not break a phrase');
    assert.deepEqual((await search('"શ્રદ્ધા અને દ્રષ્ટિ"')).items.map((i) => i.id), [id]);

    // edit: the old word leaves the index, the new one arrives (same transaction as the save)
    const version = (await site.database.db.selectFrom('articles').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
    const saved = await api(site, editor, 'PUT', `/newsroom/api/articles/${id}`, { version, edit: { bodyHtml: '<p>હવે આમાં ઓસરતું અજવાળું છે.</p>' } });
    assert.equal(saved.status, 200);
    assert.equal((await search('અજવાળું')).items.some((i) => i.id === id), false, 'a pending change is not searchable');
    assert.equal((await post(site, editor, `/newsroom/articles/${id}/update`)).status, 303);
    assert.equal((await search('ઝળહળતું')).total, 0);
    assert.deepEqual((await search('અજવાળું')).items.map((i) => i.id), [id]);

    // unpublish: gone
    assert.equal((await post(site, editor, `/newsroom/articles/${id}/unpublish`, { confirmed: '1' })).status, 303);
    // (a demo story says અજવાળામાં: found by sound, but never the unpublished one)
    assert.ok(!(await search('અજવાળું')).items.some((i) => i.id === id));
    assert.ok(!(await search('ક્ષિતિજ')).items.some((i) => i.id === id));
  });

  test('the vocabulary follows the index, and reindex rebuilds the same results', async () => {
    const { db } = site.database;
    const before = await search('ahmedabad', '&per_page=50');
    const vocabBefore = await db.selectFrom('search_vocabulary').select(['word', 'frequency']).orderBy('word').execute();
    assert.ok(vocabBefore.some((v) => v.word === 'અમદાવાદમાં'));
    assert.ok(vocabBefore.every((v) => v.frequency > 0));
    // the unpublished story's words are gone from the vocabulary
    assert.ok(!vocabBefore.some((v) => v.word === 'અજવાળું'));
    const slugsBefore = new Map<string, string[]>();
    for (const q of ['મેટ્રો', '"ગિફ્ટ સિટી"', 'isro', 'વરસાદ']) slugsBefore.set(q, slugs(await search(q, '&per_page=50')));
    const r = await rebuildSearchIndex(db);
    // Stories and static pages are both searchable.
    assert.equal(r.articles, demoContent.articles.length + (demoContent.pages?.length ?? 0));
    const vocabAfter = await db.selectFrom('search_vocabulary').select(['word', 'frequency']).orderBy('word').execute();
    assert.deepEqual(vocabAfter, vocabBefore, 'incremental counts equal a full recount');
    assert.deepEqual(slugs(await search('ahmedabad', '&per_page=50')), slugs(before));
    // analyzed in worker threads (as large archives are), with batches smaller than the archive
    const inWorkers = await rebuildSearchIndex(db, { workers: 2, batchSize: 7 });
    assert.equal(inWorkers.articles, r.articles);
    assert.equal(inWorkers.words, r.words);
    const vocabWorkers = await db.selectFrom('search_vocabulary').select(['word', 'frequency']).orderBy('word').execute();
    assert.deepEqual(vocabWorkers, vocabBefore, 'worker tallies equal the single-thread count');
    assert.deepEqual(slugs(await search('ahmedabad', '&per_page=50')), slugs(before));
    for (const q of ['મેટ્રો', '"ગિફ્ટ સિટી"', 'isro', 'વરસાદ']) {
      const found = slugs(await search(q, '&per_page=50'));
      assert.ok(found.length > 0, q);
      assert.deepEqual(found, slugsBefore.get(q), q);
    }
  });
});
