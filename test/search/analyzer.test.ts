import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import {
  analyze, analyzeQuery, termsToIndexText, indexColumns, queryToFts5, queryToTsquery, encodeGujarati, decodeTerm, vocabularyOf, termKind,
} from '../../src/search/analyzer.js';

const SAFE = /^[a-z][a-z0-9]*$/;

test('terms are ASCII and safe for unicode61 / simple', () => {
  const text = '“જમ્મુ-કાશ્મીરના” ક્ષત્રિય જ્ઞાન શ્રદ્ધા નરેન્દ્ર ફ઼િલ્મ ચાઁદ ક્\u200Dષ COVID-19 Sputnik-V SCO ૧૨૩ 1,23,456 पाकिस्तान।';
  const terms = analyze(text);
  assert.ok(terms.length > 0);
  for (const t of terms) assert.match(t.term, SAFE, t.term);
  assert.match(termsToIndexText(terms), /^[a-z0-9 ]+$/);
  for (const t of terms) assert.ok(text.slice(t.start, t.end).length > 0);
});

test('Gujarati terms are reversible', () => {
  assert.equal(decodeTerm(encodeGujarati('પાકિસ્તાન')), 'પાકિસ્તાન');
  assert.equal(termKind(encodeGujarati('ક')), 'stem');
});

test('inflected forms share stems; Devanagari meets Gujarati', () => {
  const a = analyze('પાકિસ્તાને').find((t) => t.kind === 'stem')!.term;
  const b = analyze('પાકિસ્તાનમાં').find((t) => t.kind === 'stem')!.term;
  const c = analyze('पाकिस्तान').find((t) => t.kind === 'stem')!.term;
  assert.equal(a, b);
  assert.equal(a, c);
  assert.equal(decodeTerm(a), 'પાકિસ્તાન');
  const k1 = analyze('ઇમરાન ખાને').filter((t) => t.kind === 'stem').map((t) => t.term);
  const k2 = analyze('ઇમરાન ખાનને').filter((t) => t.kind === 'stem').map((t) => t.term);
  assert.deepEqual(k1, k2);
});

test('mixed tokens split by script; numbers folded', () => {
  const terms = analyze('Redmiએ ૧૯૧૮માં COVID-19').filter((t) => t.kind !== 'phonetic').map((t) => t.term);
  assert.deepEqual(terms.slice(0, 1), ['wredmi']);
  assert.ok(terms.includes('n1918'));
  assert.ok(terms.includes('wcovid'));
  assert.ok(terms.includes('n19'));
  assert.deepEqual(analyze(''), []);
  assert.deepEqual(analyze('।, “ ”'), []);
});

test('columns keep stems adjacent and sounds apart', () => {
  const cols = indexColumns(analyze('ઇમરાન ખાને કહ્યું'));
  assert.equal(cols.text.split(' ').length, 3);
  assert.ok(cols.sounds.split(' ').every((t) => t.startsWith('p')));
});

test('Latin queries match Gujarati documents through sounds and vocabulary', () => {
  const doc = new Set(analyze('ઇમરાન ખાને પાકિસ્તાનમાં રેલી કરી').map((t) => t.term));
  for (const q of ['imran khan', 'Imraan Khaan', 'pakistan']) {
    const aq = analyzeQuery(q);
    for (const g of aq.groups) assert.ok(g.alternatives.some((a) => doc.has(a.term)), `${q}: ${g.source}`);
  }
  const vocab = vocabularyOf('ઇમરાન ખાને પાકિસ્તાનમાં રેલી કરી');
  const aq = analyzeQuery('pakistan', vocab);
  assert.ok(aq.groups[0]!.alternatives.some((a) => a.term === encodeGujarati('પાકિસ્તાન')));
});

test('query syntax: phrases, exclusions, filters', () => {
  const q = analyzeQuery('"ઇમરાન ખાન" -ક્રિકેટ section:desh ભારત');
  assert.equal(q.phrases.length, 1);
  assert.equal(q.excluded.length, 1);
  assert.equal(q.filters.section, 'desh');
  const fts = queryToFts5(q);
  assert.match(fts, /NOT/);
  assert.match(fts, /"g[0-9a-v]+ g[0-9a-v]+"/);
  const ts = queryToTsquery(q);
  assert.match(ts, /<->/);
  assert.match(ts, /!/);
  assert.equal(queryToFts5(analyzeQuery('')), '');
  assert.equal(queryToTsquery(analyzeQuery('  ')), '');
  assert.match(queryToFts5(q, { text: 'body', sounds: 'sounds' }), /body : /);
  // words inside a phrase are required by the phrase alone (no second pass over their postings)
  const phrase = analyzeQuery('"ઇમરાન ખાન"');
  const [a, b] = phrase.phrases[0]!;
  assert.equal(queryToFts5(phrase), `"${a} ${b}"`);
  assert.equal(queryToTsquery(phrase), `(${a} <-> ${b})`);
  const mixed = queryToFts5(analyzeQuery('"ઇમરાન ખાન" ભારત'));
  assert.ok(mixed.includes(encodeGujarati('ભારત')) && mixed.endsWith(` AND "${a} ${b}"`), mixed);
  assert.equal(mixed.split(a!).length, 2, `${a} only inside the phrase: ${mixed}`);
});

test('very long input', () => {
  const terms = analyze('નરેન્દ્ર મોદીએ ગુજરાતમાં '.repeat(20000));
  assert.equal(terms.filter((t) => t.kind !== 'phonetic').length, 60000);
});

test('fixture sentences: Latin romanization finds the Gujarati sentence', (t) => {
  const file = new URL('../../../shared/fixtures/gujarati/dakshina-romanized-sentences.jsonl', import.meta.url);
  if (!existsSync(file)) {
    t.skip('../shared/fixtures/gujarati/dakshina-romanized-sentences.jsonl is absent');
    return;
  }
  const rows = readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(0, 50).map((l) => JSON.parse(l) as { native: string; roman: string });
  const vocab = new Map<string, number>();
  for (const r of rows) vocabularyOf(r.native, vocab);
  let hits = 0;
  for (const r of rows) {
    const doc = new Set(analyze(r.native).map((x) => x.term));
    const q = analyzeQuery(r.roman, vocab);
    const matched = q.groups.filter((g) => g.alternatives.some((a) => doc.has(a.term))).length;
    if (matched >= q.groups.length * 0.8) hits++;
  }
  assert.ok(hits >= 45, `${hits}/50`);
});
