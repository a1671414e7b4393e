import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { analyze } from '../../src/search/analyzer.js';
import { analyzeText, documentVocabulary, fieldTerms, htmlToText, indexFields } from '../../src/search/document.js';
import { highlight, segmentsToHtml, snippet } from '../../src/search/snippet.js';
import { dayStart, highlightTerms, looseQuery, parseSearch, strictQuery } from '../../src/search/query.js';
import { fts5Expression, tsqueryExpression } from '../../src/search/engine/expressions.js';
import { suggestTags, transliterationCandidates, Spellchecker } from '../../src/search/editorAids.js';
import { buildQueryIndex, vocabularyOf, analyzeQuery } from '../../src/search/analyzer.js';
import type { Section } from '../../src/db/schema.js';

const sample =
  '“જમ્મુ-કાશ્મીરના” ક્ષત્રિય જ્ઞાન શ્રદ્ધા નરેન્દ્ર ફ઼િલ્મ ચાઁદ ચાંદ ક્\u200Dષ COVID-19 Sputnik-V SCOની ૧૨૩ 1,23,456 पाकिस्तान। ‘ઇમરાન ખાને’ કહ્યું: અંત:કરણ 3.5 ટકા.';

test('per-chunk analysis gives exactly the analyzer’s terms and offsets', () => {
  const texts = [sample, '', '   ', 'એક', 'a  b\n\tc', '।।', 'ગુજરાતમાં, ગુજરાતના; ગુજરાતથી!'];
  const fixture = '../shared/fixtures/gujarati/indicnlp-news-articles.jsonl';
  if (existsSync(fixture)) {
    texts.push(...readFileSync(fixture, 'utf8').split('\n').filter(Boolean).slice(0, 20).map((l) => String((JSON.parse(l) as { body: string }).body)));
  }
  for (const text of texts) {
    const want = analyze(text).map((t) => [t.term, t.start, t.end]);
    const got = analyzeText(text).map((t) => [t.term, t.start, t.end]);
    assert.deepEqual(got, want);
    for (const t of analyzeText(text)) assert.ok(text.slice(t.start, t.end).length > 0);
  }
});

test('index fields: stems first, then sounds; ASCII only; vocabulary counts forms', () => {
  const f = indexFields({ headline: 'પાકિસ્તાનમાં ચૂંટણી', dek: '', body: sample, tags: ['ગુજરાત', 'નરેન્દ્ર મોદી'] });
  for (const v of Object.values(f)) assert.match(v, /^[a-z0-9 ]*$/);
  const words = f.headline.split(' ');
  const firstSound = words.findIndex((w) => w.startsWith('p'));
  assert.ok(firstSound > 0 && words.slice(firstSound).every((w) => w.startsWith('p')));
  assert.equal(f.dek, '');
  assert.equal(fieldTerms(''), '');
  const v = documentVocabulary({ headline: 'ગુજરાત ગુજરાતમાં', dek: 'ગુજરાત', body: 'COVID 12', tags: [] });
  assert.deepEqual([...v].sort(), [['ગુજરાત', 2], ['ગુજરાતમાં', 1]]);
  assert.deepEqual(v, vocabularyOf('ગુજરાત ગુજરાતમાં ગુજરાત'));
});

test('htmlToText: blocks separate words, entities decoded once', () => {
  assert.equal(htmlToText('<p>એક</p><p>બે</p>'), 'એક\nબે');
  assert.equal(htmlToText('<p>&lt;script&gt; &amp;amp; &#2693; &#x0A86;</p>'), '<script> &amp; અ આ');
  assert.equal(htmlToText(''), '');
  assert.equal(htmlToText('<h2>શીર્ષક</h2>લખાણ<br>આગળ'), 'શીર્ષક\nલખાણ\nઆગળ');
});

test('highlight marks inflected, nukta and candrabindu forms as written', () => {
  const text = 'સરકારે પાકિસ્તાનને ચેતવ્યું; ચાઁદ ફ઼િલ્મ ૧૨૩ “COVID-19” Sputnik-V।';
  const q = analyzeQuery('સરકાર पाकिस्तान ચાંદ ફિલ્મ 123 covid sputnik');
  const marks = highlight(text, highlightTerms(q)).filter((s) => s.mark).map((s) => s.text);
  assert.deepEqual(marks, ['સરકારે', 'પાકિસ્તાનને', 'ચાઁદ', 'ફ઼િલ્મ', '૧૨૩', 'COVID', 'Sputnik']);
  assert.equal(highlight(text, new Set()).map((s) => s.text).join(''), text, 'segments give the text back');
});

test('snippet: window around the matches, cut at word boundaries, escaped as HTML', () => {
  const filler = 'આ એક લાંબું વાક્ય છે જે શોધ સાથે સંબંધ નથી રાખતું. '.repeat(30);
  const text = `${filler}અહીં <b>ક્ષમા</b> & “જ્ઞાન” મળ્યું। ${filler}`;
  const segs = snippet(text, highlightTerms(analyzeQuery('ક્ષમા જ્ઞાન')), { length: 120 });
  const joined = segs.map((s) => s.text).join('');
  assert.ok(joined.startsWith('… ') && joined.endsWith(' …'));
  assert.ok(joined.length <= 130);
  assert.deepEqual(segs.filter((s) => s.mark).map((s) => s.text), ['ક્ષમા', 'જ્ઞાન']);
  const html = segmentsToHtml(segs);
  assert.match(html, /&lt;b&gt;<mark>ક્ષમા<\/mark>&lt;\/b&gt; &amp; “<mark>જ્ઞાન<\/mark>”/u);
  for (const s of segs) if (!s.mark) assert.ok(!/^[\u0A81-\u0A83\u0ABC-\u0ACD]/u.test(s.text), 'never starts inside a word');
  assert.deepEqual(snippet('', new Set(['gx'])), []);
  const opening = snippet(filler, new Set(['gzz']), { length: 60 });
  assert.ok(opening[0]!.text.startsWith('આ એક'));
  const huge = 'શબ્દ '.repeat(100_000) + 'અંત';
  const far = snippet(huge, highlightTerms(analyzeQuery('અંત')));
  assert.equal(far.filter((s) => s.mark).map((s) => s.text).join(), 'અંત');
});

const sections: Section[] = [
  { id: 1, slug: 'gujarat', name: 'ગુજરાત', description: '', parent_id: null, position: 0, created_at: '', seo_title: '', seo_description: '' },
  { id: 2, slug: 'ahmedabad', name: 'અમદાવાદ', description: '', parent_id: 1, position: 1, created_at: '', seo_title: '', seo_description: '' },
  { id: 3, slug: 'sports', name: 'રમતગમત', description: '', parent_id: null, position: 2, created_at: '', seo_title: '', seo_description: '' },
];

test('query filters: section family, dates in the site time zone, Gujarati digits, problems reported', () => {
  const ctx = { sections, timeZone: 'Asia/Kolkata' };
  const p = parseSearch('વરસાદ section:gujarat after:૨૦૨૬-૧૧-૦૧ before:2026-12-01', undefined, ctx);
  assert.deepEqual(p.sectionIds, [1, 2]);
  assert.equal(p.from, '2026-10-31T18:30:00.000Z');
  assert.equal(p.to, '2026-11-30T18:30:00.000Z');
  assert.equal(p.after, '2026-11-01');
  assert.equal(p.words.length, 1);
  assert.equal(dayStart('2026-02-30', 'Asia/Kolkata'), undefined);
  assert.equal(dayStart('2026-06-01', 'America/New_York'), '2026-06-01T04:00:00.000Z');
  const bad = parseSearch('x section:nope after:tomorrow', undefined, ctx);
  assert.deepEqual(bad.problems, [{ kind: 'unknown_section', value: 'nope' }, { kind: 'bad_date', name: 'after', value: 'tomorrow' }]);
  assert.deepEqual(bad.sectionIds, []);
  const url = parseSearch('https://example.com/a 10:30', undefined, ctx);
  assert.ok(url.query.groups.some((g) => g.alternatives.some((a) => a.term === 'wexample')), 'unknown name:value is searched as words');
  assert.equal(parseSearch('ક '.repeat(400), undefined, ctx).query.groups.length, 16);
  assert.equal(parseSearch('', undefined, ctx).query.groups.length, 0);
});

test('strict, loose and engine expressions', () => {
  const q = analyzeQuery('"ભારે વરસાદ" ગુજરાત -અમદાવાદ');
  const strict = strictQuery(q);
  for (const g of strict.groups) assert.ok(g.alternatives.every((a) => !a.term.startsWith('p')));
  for (const g of looseQuery(q).excluded) assert.ok(g.alternatives.every((a) => !a.term.startsWith('p')));
  const fts = fts5Expression(strict, 'all');
  assert.match(fts, /"g\w+ g\w+"/);
  assert.match(fts, / NOT /);
  assert.match(fts5Expression(strict, 'any'), /^\(.* OR .*\) NOT /);
  assert.match(tsqueryExpression(strict, 'all'), /<->/);
  assert.match(tsqueryExpression(strict, 'any'), /^\(.* \| .*\) & !/);
  assert.equal(fts5Expression(analyzeQuery('-અમદાવાદ'), 'all'), '');
  assert.equal(tsqueryExpression(analyzeQuery(''), 'any'), '');
});

test('Latin guesses are pruned to close ones', () => {
  const vocab = new Map([['સિટી', 5], ['સૌથી', 500], ['સાથે', 900], ['ઇસરો', 3], ['આશરે', 200]]);
  const idx = buildQueryIndex(vocab);
  const ctx = { sections: [], timeZone: 'Asia/Kolkata' };
  const city = parseSearch('city', idx, ctx).query.groups[0]!.alternatives.map((a) => a.term);
  assert.ok(city.includes(analyze('સિટી', { phonetic: false })[0]!.term));
  assert.ok(!city.includes(analyze('સૌથી', { phonetic: false })[0]!.term));
  const nonsense = parseSearch('xyzzy', idx, ctx).query.groups[0]!.alternatives.map((a) => a.term);
  assert.ok(nonsense.every((t) => !t.startsWith('g')));
});

test('tag suggestions match inflected forms and multi-word tags', () => {
  const tags = [
    { id: 1, slug: 'gujarat', name: 'ગુજરાત' },
    { id: 2, slug: 'modi', name: 'નરેન્દ્ર મોદી' },
    { id: 3, slug: 'pak', name: 'પાકિસ્તાન' },
    { id: 4, slug: 'sco', name: 'SCO' },
    { id: 5, slug: 'ghatna', name: 'ઘટના' },
  ];
  const s = suggestTags({ headline: 'ગુજરાતમાં SCOની બેઠક', body: 'નરેન્દ્ર મોદીએ પાકિસ્તાનને કહ્યું. ગુજરાતના લોકો. મોદી નરેન્દ્ર.' }, tags);
  assert.deepEqual(s.map((t) => t.name), ['ગુજરાત', 'SCO', 'નરેન્દ્ર મોદી', 'પાકિસ્તાન']);
  assert.equal(s[0]!.score, 4);
  assert.deepEqual(s.find((t) => t.slug === 'modi')!.forms, ['નરેન્દ્ર મોદીએ']);
  assert.deepEqual(suggestTags({}, tags), []);
  assert.deepEqual(suggestTags({ body: 'ગુજરાત' }, tags, { exclude: [' ગુજરાત '] }), []);
  assert.equal(suggestTags({ body: 'ઘટનાઓ બની' }, tags)[0]?.name, 'ઘટના');
});

test('transliteration candidates: exonyms, vocabulary, then the generator', () => {
  const idx = buildQueryIndex(new Map([['પાકિસ્તાન', 40], ['પાકિસ્તાનમાં', 12], ['અમદાવાદ', 30]]));
  const pak = transliterationCandidates('pakistan', idx);
  assert.equal(pak[0]!.word, 'પાકિસ્તાન');
  assert.ok(pak.some((c) => c.source === 'rules'));
  assert.equal(transliterationCandidates('ahmedabad', idx)[0]!.word, 'અમદાવાદ');
  assert.equal(transliterationCandidates('Pakistan ', undefined)[0]!.source, 'rules');
  assert.deepEqual(transliterationCandidates('૧૨', idx), []);
  assert.deepEqual(transliterationCandidates('', idx), []);
});

test('spell-checker: absent dictionary is no error', () => {
  const none = new Spellchecker('/nonexistent');
  assert.equal(none.available, false);
  assert.deepEqual(none.check('ગુજરત'), { available: false, misspelt: [] });
  assert.deepEqual(none.suggest('ગુજરત'), []);
});

test('spell-checker with hunspell-gu: one-edit suggestions, fast', { skip: !existsSync('/usr/share/hunspell/gu_IN.dic') && 'hunspell-gu is not installed' }, () => {
  const sp = new Spellchecker();
  assert.equal(sp.available, true);
  const t = Date.now();
  const r = sp.check('પાકીસ્તાનમાં ગુજરત સરકારે ક્ષમા માગી, SCO ૨૦૨૬');
  assert.ok(Date.now() - t < 2000);
  assert.ok(r.misspelt.some((m) => m.word === 'ગુજરત' && m.suggestions.includes('ગુજરાત')));
  assert.ok(!r.misspelt.some((m) => ['સરકારે', 'ક્ષમા', 'માગી'].includes(m.word)));
  assert.ok(sp.isCorrect('ગુજરાતમાં'));
  assert.deepEqual(sp.check('').misspelt, []);
  assert.ok(sp.check('ગુજરત '.repeat(5000)).misspelt.length === 500, 'long input is capped, each word checked once');
});
