import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize, words, graphemeLength, graphemes, scriptOf } from '../../src/gujarati/tokenize.js';

test('tokenize: empty input', () => {
  assert.deepEqual(tokenize(''), []);
  assert.deepEqual(tokenize('  ।, “ ” ‘ ’ - '), []);
});

test('tokenize: Gujarati words keep vowel signs, virama and conjuncts', () => {
  assert.deepEqual(words('ક્ષત્રિય જ્ઞાન, શ્રદ્ધા અને નરેન્દ્ર।'), ['ક્ષત્રિય', 'જ્ઞાન', 'શ્રદ્ધા', 'અને', 'નરેન્દ્ર']);
  assert.deepEqual(words('ખાણ ખીણ'), ['ખાણ', 'ખીણ']);
});

test('tokenize: offsets point into the original string', () => {
  const text = '“રશિયાના” વિદેશમંત્રી ‘પાકિસ્તાન’માં, COVID-19 રસી Sputnik-V — SCO।';
  for (const t of tokenize(text, { compounds: true })) {
    assert.equal(text.slice(t.start, t.end), t.text);
  }
  assert.deepEqual(words(text), ['રશિયાના', 'વિદેશમંત્રી', 'પાકિસ્તાન', 'માં', 'COVID', '19', 'રસી', 'Sputnik', 'V', 'SCO']);
});

test('tokenize: hyphenated compounds as parts, whole compound on request', () => {
  const parts = tokenize('જમ્મુ-કાશ્મીરના લોકો');
  assert.deepEqual(parts.map((t) => t.text), ['જમ્મુ', 'કાશ્મીરના', 'લોકો']);
  assert.deepEqual(parts.map((t) => t.position), [0, 1, 2]);
  const all = tokenize('જમ્મુ-કાશ્મીરના લોકો અને COVID-19', { compounds: true });
  assert.deepEqual(all.map((t) => t.text), ['જમ્મુ-કાશ્મીરના', 'જમ્મુ', 'કાશ્મીરના', 'લોકો', 'અને', 'COVID-19', 'COVID', '19']);
  assert.equal(all[0]!.compound, true);
  assert.equal(all[0]!.script, 'gujarati');
  assert.equal(all[5]!.script, 'latin'); // letters and digits
});

test('tokenize: scripts, digits and mixed tokens', () => {
  const toks = tokenize('Redmiએ ૧૨૩ 456 पाकिस्तान SCO ૧૯૧૮માં');
  assert.deepEqual(toks.map((t) => [t.text, t.script]), [
    ['Redmiએ', 'mixed'], ['૧૨૩', 'number'], ['456', 'number'], ['पाकिस्तान', 'devanagari'], ['SCO', 'latin'], ['૧૯૧૮માં', 'gujarati'],
  ]);
  assert.equal(scriptOf('ગુજરાત'), 'gujarati');
});

test('tokenize: ZWJ/ZWNJ inside a word stay, at the edges they go', () => {
  const t = tokenize('\u200Cક્\u200Dષમા\u200D');
  assert.equal(t.length, 1);
  assert.equal(t[0]!.text, 'ક્\u200Dષમા');
  assert.equal(t[0]!.start, 1);
});

test('tokenize: colon as visarga, apostrophes, numbers with separators', () => {
  assert.deepEqual(words('અંત:કરણ નોંધ: ભારત'), ['અંત:કરણ', 'નોંધ', 'ભારત']);
  assert.deepEqual(words("India's don’t ‘quote’"), ["India's", 'don’t', 'quote']);
  assert.deepEqual(words('રૂ. 1,23,456 અને 3.5 ટકા'), ['રૂ', '1,23,456', 'અને', '3.5', 'ટકા']);
});

test('tokenize: danda and double danda are punctuation', () => {
  assert.deepEqual(words('આ સાચું છે।તે પણ॥'), ['આ', 'સાચું', 'છે', 'તે', 'પણ']);
});

test('tokenize: very long input', () => {
  const text = 'ગુજરાતમાં વરસાદ, '.repeat(50000);
  const toks = tokenize(text);
  assert.equal(toks.length, 100000);
  assert.equal(toks[99999]!.text, 'વરસાદ');
});

test('graphemes: conjuncts count once', () => {
  assert.equal(graphemeLength('પાકિસ્તાને'), 4);
  assert.equal(graphemeLength('સ્ત્રી'), 1);
  assert.deepEqual(graphemes('ક્ષત્રિય'), ['ક્ષ', 'ત્રિ', 'ય']);
  assert.equal(graphemeLength(''), 0);
});

test('graphemes: the fast count agrees with Intl.Segmenter', () => {
  const seg = new Intl.Segmenter('gu', { granularity: 'grapheme' });
  const samples = [
    'ગુજરાત', 'પાકિસ્તાનને', 'ક્ષત્રિય', 'જ્ઞાન', 'શ્રદ્ધા', 'દ્રશ્ય', 'ફ઼િલ્મ', 'હંસ', 'ઁ', 'ાબ', 'ૐ', 'ઋતુ',
    'કર્‍મ', 'ક્‌ષ', 'વિદ્યાર્થીઓને', '૨૦૨૬', 'સાંજે', 'ઐતિહાસિક', 'ઉંમર', 'ॉ', 'Redmiએ', 'COVID-19',
  ];
  for (const w of samples) assert.equal(graphemeLength(w), [...seg.segment(w)].length, w);
});
