import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalize, searchKey, looseKey, composeVowels, devanagariToGujarati, dropStrayMarks } from '../../src/gujarati/normalize.js';

test('normalize: empty and plain text unchanged', () => {
  assert.equal(normalize(''), '');
  assert.equal(normalize('ગુજરાત સમાચાર'), 'ગુજરાત સમાચાર');
  assert.equal(normalize('ક્ષત્રિય જ્ઞાન શ્રદ્ધા નરેન્દ્ર'), 'ક્ષત્રિય જ્ઞાન શ્રદ્ધા નરેન્દ્ર');
});

test('normalize: the 16 Lucene compositions', () => {
  const cases: Array<[string, string]> = [
    ['અ\u0ABE\u0AC5', 'ઑ'], ['અ\u0ABE\u0AC7', 'ઓ'], ['અ\u0ABE\u0AC8', 'ઔ'], ['અ\u0ABE', 'આ'],
    ['અ\u0AC5', 'ઍ'], ['અ\u0AC7', 'એ'], ['અ\u0AC8', 'ઐ'], ['અ\u0AC9', 'ઑ'], ['અ\u0ACB', 'ઓ'], ['અ\u0ACC', 'ઔ'],
    ['આ\u0AC5', 'ઑ'], ['આ\u0AC7', 'ઓ'], ['આ\u0AC8', 'ઔ'],
    ['ક\u0ABE\u0AC5', 'કૉ'], ['ક\u0ABE\u0AC7', 'કો'], ['ક\u0ABE\u0AC8', 'કૌ'],
  ];
  for (const [from, to] of cases) {
    assert.equal(composeVowels(from), to, from);
    assert.equal(normalize(from), to, from);
  }
  assert.equal(normalize('અાજે'), 'આજે');
});

test('normalize: invisible characters removed, ZWJ/ZWNJ kept only inside words', () => {
  assert.equal(normalize('\uFEFFગુજ\u00ADરાત\u200B'), 'ગુજરાત');
  assert.equal(normalize('ક્\u200Dષ'), 'ક્\u200Dષ');
  assert.equal(normalize('\u200Cભારત\u200D '), 'ભારત ');
});

test('normalize: stray leading marks dropped', () => {
  assert.equal(normalize('\u0ABEભારત'), 'ભારત');
  assert.equal(normalize('ભારત \u0ABF\u0AC7દેશ'), 'ભારત દેશ');
  assert.equal(dropStrayMarks('\u0ACDક'), 'ક');
  assert.equal(normalize('કોંગ્રેસ'), 'કોંગ્રેસ'); // marks after letters stay
});

test('searchKey: nukta, candrabindu, candra vowels', () => {
  assert.equal(searchKey('ફ઼િલ્મ'), searchKey('ફિલ્મ'));
  assert.equal(searchKey('જ઼મીન'), 'જમીન');
  assert.equal(searchKey('ચાઁદ'), 'ચાંદ');
  assert.equal(searchKey('ઑગસ્ટ'), 'ઓગસ્ટ');
  assert.equal(searchKey('ડૉક્ટર'), 'ડોક્ટર');
  assert.equal(searchKey('ઍપ'), 'એપ');
  assert.equal(searchKey('બૅંક'), 'બેંક');
});

test('searchKey: nasal + virama before its class becomes anusvara', () => {
  assert.equal(searchKey('હિન્દુ'), searchKey('હિંદુ'));
  assert.equal(searchKey('નરેન્દ્ર'), 'નરેંદ્ર');
  assert.equal(searchKey('સમ્બન્ધ'), 'સંબંધ');
  assert.equal(searchKey('અણ્ડા'), 'અંડા');
  assert.equal(searchKey('પઙ્ક્તિ'), 'પંક્તિ');
  assert.equal(searchKey('અઞ્જલિ'), 'અંજલિ');
  // not before another class or a doubled nasal
  assert.equal(searchKey('અન્ય'), 'અન્ય');
  assert.equal(searchKey('સમ્મેલન'), 'સમ્મેલન');
  assert.equal(searchKey('જન્મ'), 'જન્મ');
});

test('searchKey: ZWJ/ZWNJ removed, ASCII colon as visarga, digits to ASCII', () => {
  assert.equal(searchKey('ક્\u200Dષ'), searchKey('ક્ષ'));
  assert.equal(searchKey('શ્\u200Cર'), 'શ્ર');
  assert.equal(searchKey('અંત:કરણ'), 'અંતઃકરણ');
  assert.equal(searchKey('દુ:ખ'), 'દુઃખ');
  assert.equal(searchKey('નોંધ: ભારત'), 'નોંધ: ભારત'); // a real colon before a space stays
  assert.equal(searchKey('૧૯૧૮માં'), '1918માં');
  assert.equal(searchKey('૦૧૨૩૪૫૬૭૮૯'), '0123456789');
  assert.equal(searchKey('10:30'), '10:30');
});

test('searchKey: Devanagari maps to Gujarati after NFC', () => {
  assert.equal(searchKey('पाकिस्तान'), 'પાકિસ્તાન');
  assert.equal(searchKey('हिन्दू'), searchKey('હિંદૂ'));
  assert.equal(searchKey('क़ानून'), 'કાનૂન'); // precomposed nukta letter
  assert.equal(searchKey('क\u093Cानून'), 'કાનૂન');
  assert.equal(devanagariToGujarati('भारत।'), 'ભારત।');
  assert.equal(searchKey('नरेंद्र मोदी'), searchKey('નરેન્દ્ર મોદી'));
});

test('searchKey: Latin lowercased, accents dropped, mixed tokens', () => {
  assert.equal(searchKey('COVID-19'), 'covid-19');
  assert.equal(searchKey('Sputnik-V'), 'sputnik-v');
  assert.equal(searchKey('Café'), 'cafe');
  assert.equal(searchKey('SCOમાં'), 'scoમાં');
  assert.equal(searchKey(''), '');
});

test('looseKey merges long and short i/u only', () => {
  assert.equal(looseKey('ઈમરાન'), looseKey('ઇમરાન'));
  assert.equal(looseKey('પૂજા'), looseKey('પુજા'));
  assert.equal(looseKey('દીકરી'), looseKey('દિકરિ'));
  assert.notEqual(looseKey('ખાણ'), looseKey('ખીણ'));
});

test('searchKey handles very long input', () => {
  const long = 'નરેન્દ્ર મોદીએ ગુજરાતમાં '.repeat(20000);
  const key = searchKey(long);
  assert.ok(key.startsWith('નરેંદ્ર મોદીએ'));
  assert.equal(key.length, long.length - 20000); // one virama dropped per repetition
});
