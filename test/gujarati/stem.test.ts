import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stem, stemCandidates, isProtected } from '../../src/gujarati/stem.js';
import { searchKey } from '../../src/gujarati/normalize.js';

const s = (w: string) => stem(searchKey(w));

test('case markers', () => {
  const base = 'ગુજરાત';
  for (const m of ['નો', 'ની', 'નું', 'ના', 'નાં', 'ને', 'માં', 'થી', 'માંથી', 'થકી', 'સુધી', 'પર']) {
    assert.equal(s(base + m), base, base + m);
  }
  assert.equal(s('સરકારે'), 'સરકાર');
  assert.equal(s('મોદીએ'), 'મોદી');
  assert.equal(s('ભારતને'), 'ભારત');
});

test('ergative on -ન words: પાકિસ્તાને → પાકિસ્તાન', () => {
  assert.equal(s('પાકિસ્તાને'), 'પાકિસ્તાન');
  assert.equal(s('પાકિસ્તાનને'), 'પાકિસ્તાન');
  assert.equal(s('પાકિસ્તાનમાં'), 'પાકિસ્તાન');
  assert.equal(s('ખાને'), 'ખાન');
  assert.equal(s('નેતાને'), 'નેતા'); // dative by default
});

test('plural and plural + case', () => {
  assert.equal(s('વિદ્યાર્થીઓ'), 'વિદ્યાર્થી');
  assert.equal(s('વિદ્યાર્થીઓને'), 'વિદ્યાર્થી');
  assert.equal(s('શહેરો'), 'શહેર');
  assert.equal(s('શહેરોમાં'), 'શહેર');
  assert.equal(s('લોકોએ'), 'લોક');
  assert.equal(s('ઘરમાંના'), 'ઘર');
});

test('verb endings', () => {
  assert.equal(s('કરવાની'), 'કર');
  assert.equal(s('કરવું'), 'કર');
  assert.equal(s('કરવામાં'), 'કર');
});

test('lexical words that only look inflected stay whole', () => {
  for (const w of ['ઘટના', 'રચના', 'કંપની', 'કહાની', 'સેના', 'યોજના', 'રાજધાની', 'પત્ની', 'માટે', 'સાથે', 'જ્યારે', 'રેડિયો']) {
    assert.equal(s(w), searchKey(w), w);
    assert.ok(isProtected(searchKey(w)), w);
  }
  assert.equal(s('ઘટનાની'), 'ઘટના');
  assert.equal(s('કંપનીના'), 'કંપની');
  assert.equal(s('કંપનીઓ'), 'કંપની');
  assert.equal(s('કામવાસના'), 'કામવાસના');
});

test('short words are never stemmed', () => {
  for (const w of ['કે', 'છે', 'તે', 'ને', 'એ', 'માં', 'ના', 'તને', 'હવે', 'સેના', 'દવા']) {
    assert.equal(s(w), searchKey(w), w);
  }
});

test('conjuncts and nukta survive', () => {
  assert.equal(s('ક્ષત્રિયોને'), 'ક્ષત્રિય');
  assert.equal(s('જ્ઞાનથી'), 'જ્ઞાન');
  assert.equal(s('શ્રદ્ધામાં'), 'શ્રદ્ધા');
  assert.equal(s('નરેન્દ્રએ'), searchKey('નરેન્દ્ર'));
  assert.equal(s('ફ઼િલ્મમાં'), 'ફિલ્મ');
  assert.ok(!s('ચિહ્નો').endsWith('\u0ACD'));
});

test('other scripts and empty input pass through', () => {
  assert.equal(stem(''), '');
  assert.equal(stem('covid'), 'covid');
  assert.equal(stem('19'), '19');
});

test('vocabulary breaks ties', () => {
  const vocab = new Map([['નેતા', 50], ['મેદાન', 40]]);
  assert.equal(stem('નેતાને', { vocabulary: vocab }), 'નેતા');
  assert.equal(stem('મેદાને', { vocabulary: vocab }), 'મેદાન');
  assert.equal(stem('મેદાને'), 'મેદા'); // the default reads ને as dative
  assert.deepEqual(stemCandidates('કેન'), ['કેન']);
  const fn = (w: string) => (w === 'સાધન' ? 10 : 0);
  assert.equal(stem('સાધનો', { vocabulary: fn }), 'સાધન');
});
