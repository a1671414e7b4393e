// Search precision: a name the archive does not have finds nothing labelled `all`, short
// function words never stand for a Latin word, "did you mean" offers only near spellings.
// The demo's own vocabulary first (pure), then the site's search over HTTP.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { demoContent } from '../../src/demo/content.js';
import { buildQueryIndex, decodeTerm, encodeGujarati, vocabularyOf } from '../../src/search/analyzer.js';
import { isFunctionWord, parseSearch, searchTiers } from '../../src/search/query.js';
import { nearestSpelling } from '../../src/search/suggest.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';

const vocabulary = new Map<string, number>();
for (const a of demoContent.articles) vocabularyOf([a.headline, a.dek, ...a.paragraphs].join('\n'), vocabulary);
const idx = buildQueryIndex(vocabulary);
const tiers = (q: string) => searchTiers(parseSearch(q, idx, { sections: [], timeZone: 'Asia/Kolkata' }).query);
/** The Gujarati words each tier lets stand for each query word. */
const wordsOf = (q: string, tier: 'all' | 'similar') =>
  (tiers(q).find((t) => t.tier === tier)?.query.groups ?? []).map((g) => g.alternatives.filter((a) => a.term[0] === 'g').map((a) => decodeTerm(a.term)));

describe('query tiers over the demo vocabulary', () => {
  test('the demo has the look-alikes the regressions are about (મોડી, કે, અમારા) and not the names', () => {
    for (const w of ['મોડી', 'કે', 'અમારા']) assert.ok((vocabulary.get(w) ?? 0) > 0, w);
    for (const w of ['મોદી', 'ઇમરાન', 'ખાન']) assert.equal(vocabulary.get(w), undefined, w);
  });

  test('"modi" is મોદી: મોડી (late) sounds the same but is only similar', () => {
    const all = wordsOf('modi', 'all').flat();
    assert.ok(!all.includes('મોડી'), all.join(' '));
    assert.ok(all.includes('મોદી'), 'the name table gives the name');
    assert.ok(wordsOf('modi', 'similar').flat().includes('મોડી'), 'still offered as similar');
    assert.ok(!wordsOf('MODI', 'all').flat().includes('મોડી'), 'case does not matter');
  });

  test('"imran khan": no Gujarati word of the demo stands for either word in the all tier', () => {
    const [imran, khan] = wordsOf('imran khan', 'all');
    for (const w of [...imran!, ...khan!]) assert.ok(w === 'ઇમરાન' || w === 'ખાન', w);
    for (const t of tiers('imran khan')) {
      for (const g of t.query.groups) for (const a of g.alternatives) assert.notEqual(a.term, 'pk', 'a one-consonant sound key matches કે, ખો …');
    }
  });

  test('short function words never satisfy a Latin content word', () => {
    const functionTerms = new Set(['કે', 'છે', 'ને', 'તે', 'ખો', 'કહે', 'કહી'].map((w) => encodeGujarati(w)));
    for (const q of ['khan', 'shah', 'chhe', 'teh', 'kahan', 'nehru']) {
      for (const t of tiers(q)) {
        for (const g of t.query.groups) for (const a of g.alternatives) assert.ok(!functionTerms.has(a.term) || q === 'chhe', `${q} → ${decodeTerm(a.term)} (${t.tier})`);
      }
    }
    // typed as the word itself, a function word is found: "ke" is કે
    assert.ok(wordsOf('ke', 'all').flat().includes('કે'));
    assert.ok(isFunctionWord('છે') && isFunctionWord('ને') && !isFunctionWord('ખેડૂત'));
  });

  test('close Latin spellings and Gujarati / Devanagari words still match in the all tier', () => {
    assert.ok(wordsOf('rajkot', 'all')[0]!.includes('રાજકોટ'));
    assert.ok(wordsOf('khedut', 'all')[0]!.includes('ખેડૂત'));
    assert.ok(wordsOf('vadodara', 'all')[0]!.includes('વડોદરા'));
    assert.deepEqual(wordsOf('ખેડૂતોને', 'all'), [['ખેડૂત']]);
    assert.deepEqual(wordsOf('वरसाद', 'all'), [['વરસાદ']]);
  });
});

describe('did you mean', () => {
  test('only spellings near in sound: "imran" is not અમારા, "khan" not કે, "modi" not મોડી', () => {
    assert.equal(nearestSpelling('imran', idx), undefined);
    assert.equal(nearestSpelling('khan', idx), undefined);
    assert.equal(nearestSpelling('modi', idx), undefined);
  });

  test('typos find their word, in Latin and in Gujarati', () => {
    assert.equal(nearestSpelling('rajkott', idx), 'રાજકોટ');
    assert.equal(nearestSpelling('gujrat', idx), 'ગુજરાત');
    assert.equal(nearestSpelling('vadodra', idx), 'વડોદરા');
    assert.equal(nearestSpelling('રાજકોત', idx), 'રાજકોટ');
    assert.equal(nearestSpelling('રાજકોટ', idx), undefined, 'a known word needs no suggestion');
  });

  test('names first, then the nearer, then the more frequent', () => {
    const v = buildQueryIndex(new Map([['કિરણ', 2], ['કરણ', 60]]));
    assert.equal(nearestSpelling('kirann', v), 'કરણ', 'both a vowel off at most: the more frequent');
    assert.equal(nearestSpelling('kirann', v, new Set(['કિરણ'])), 'કિરણ', 'a tagged name first');
    const w = buildQueryIndex(new Map([['સરસ', 80], ['સરસવ', 2]]));
    assert.equal(nearestSpelling('sarasav', w), 'સરસવ', 'a consonant off loses to an exact sound');
  });
});

describe(`search precision over HTTP (${testDialect})`, () => {
  let site: TestSite;
  const search = async (q: string) => {
    const res = await fetch(`${site.url}/api/v1/search?q=${encodeURIComponent(q)}&per_page=50`);
    assert.equal(res.status, 200, q);
    return (await res.json()) as { total: number; match: string; suggestion: string | null; items: { headline: string; snippetHtml: string; headlineHtml: string }[] };
  };
  before(async () => {
    site = await startTestSite();
  });
  after(async () => site.close());

  test('"imran khan", "imran", "khan": nothing labelled all, no far suggestion', async () => {
    for (const q of ['imran khan', 'Imran Khan', 'imran', 'khan', 'इमरान खान']) {
      const r = await search(q);
      assert.notEqual(r.match, 'all', `${q}: ${r.total} ${r.match}`);
      assert.ok(r.suggestion === null || !/અમાર|કે/u.test(r.suggestion), `${q}: ${r.suggestion}`);
      for (const i of r.items) assert.ok(!/<mark>(કે|ખો|છે)<\/mark>/u.test(i.headlineHtml + i.snippetHtml), `${q}: a function word marked`);
    }
  });

  test('"imran khan": whatever is shown is labelled as not having all the words', async () => {
    const r = await search('imran khan');
    if (r.total > 0) assert.ok(r.match === 'similar' || r.match === 'any', r.match);
    else assert.equal(r.match, 'none');
  });

  test('"modi" does not find મોડી (late) as all', async () => {
    const r = await search('modi');
    if (r.match === 'all') for (const i of r.items) assert.ok(!/<mark>મોડ/u.test(i.headlineHtml + i.snippetHtml), i.headline);
    assert.notEqual(r.match, 'all');
  });

  test('Latin place names still answer all', async () => {
    for (const q of ['rajkot', 'gujarat', 'ahmedabad']) assert.equal((await search(q)).match, 'all', q);
  });

  test('the reader page says no story has all the words, in the site language', async () => {
    const res = await fetch(`${site.url}/search?q=${encodeURIComponent('modi')}`);
    assert.equal(res.status, 200);
    const $ = load(await res.text());
    const r = await search('modi');
    if (r.total > 0) assert.match($('.notice[role=status]').text(), /બધા શબ્દોવાળા સમાચાર મળ્યા નથી/u);
    else assert.match($('p[role=status]').text(), /કોઈ સમાચાર મળ્યા નહીં/u);
  });
});
