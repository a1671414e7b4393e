import { test } from 'node:test';
import assert from 'node:assert/strict';
import { slugify, slugifyNative, slugHash } from '../../src/gujarati/slugify.js';
import { romanizeIso, romanizeReadable } from '../../src/gujarati/romanize.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

test('romanizeReadable: schwa deletion and overrides', () => {
  assert.equal(romanizeReadable('રશિયાના'), 'rashiyana');
  assert.equal(romanizeReadable('નરેન્દ્ર'), 'narendra');
  assert.equal(romanizeReadable('ગુજરાત'), 'gujarat');
  assert.equal(romanizeReadable('ગુજરાતમાં'), 'gujaratma');
  assert.equal(romanizeReadable('ડૉક્ટર'), 'doctor');
  assert.equal(romanizeReadable('અમદાવાદ'), 'ahmedabad');
  assert.equal(romanizeReadable('સરકાર'), 'sarkar');
  assert.equal(romanizeReadable('ભારતીય'), 'bhartiya');
  assert.equal(romanizeReadable('ક્ષત્રિય'), 'kshatriya');
  assert.equal(romanizeReadable('જ્ઞાન'), 'jnan');
  assert.equal(romanizeReadable('શ્રદ્ધા'), 'shraddha');
  assert.equal(romanizeReadable('હિંદુ'), 'hindu');
  assert.equal(romanizeReadable('સંબંધ'), 'sambandh');
  assert.equal(romanizeReadable('કેમ છો'), 'kem chho');
  assert.equal(romanizeReadable('पाकिस्तान'), 'pakistan');
});

test('romanizeIso: diacritics, nukta, candra vowels, digits', () => {
  assert.equal(romanizeIso('પાકિસ્તાન'), 'pākistāna');
  assert.equal(romanizeIso('ઑગસ્ટ'), 'ôgasṭa');
  assert.equal(romanizeIso('ફ઼િલ્મ'), 'filma');
  assert.equal(romanizeIso('હિંદુ'), 'hiṁdu');
  assert.equal(romanizeIso('દુઃખ'), 'duḥkha');
  assert.equal(romanizeIso('ચાઁદ'), 'cām̐da');
  assert.equal(romanizeIso('૧૯૧૮માં'), '1918māṁ');
  assert.equal(romanizeIso('SCO ભારત'), 'SCO bhārata');
  assert.equal(romanizeIso(''), '');
});

test('slugify: readable ASCII', () => {
  assert.equal(slugify('રશિયાના વિદેશમંત્રી પાકિસ્તાનના વડાપ્રધાનને મળ્યા'), 'rashiyana-videshmantri-pakistanna-vadapradhanne-malya');
  assert.equal(slugify('COVID-19: ગુજરાતમાં ૧૨૩ નવા કેસ'), 'covid-19-gujaratma-123-nava-kes');
  assert.equal(slugify('Sputnik-V રસી “ભારત”માં ‘આવી’।'), 'sputnik-v-rasi-bharat-ma-avi');
  assert.equal(slugify('SCO બેઠક'), 'sco-bethak');
  assert.equal(slugify('Café Société'), 'cafe-societe');
  assert.equal(slugify('૧,૨૦૦ લોકો, 3.5 ટકા'), '1200-loko-3-5-taka');
});

test('slugify: never empty, always valid', () => {
  for (const t of ['', '   ', '😀😀', '।।', '\u0ABE', '!!!', '“”‘’']) {
    const slug = slugify(t);
    assert.match(slug, SLUG, JSON.stringify(t));
    assert.ok(slug.length > 0);
  }
  assert.equal(slugify('😀'), slugHash('😀'));
  assert.notEqual(slugify('😀'), slugify('😃'));
});

test('slugify: cut at a word boundary within maxLength', () => {
  const long = 'ક્ષત્રિય ભારતીય '.repeat(50);
  const slug = slugify(long);
  assert.ok(slug.length <= 80);
  assert.match(slug, SLUG);
  assert.ok(slug.endsWith('bhartiya') || slug.endsWith('kshatriya'));
  assert.ok(slugify(long, { maxLength: 20 }).length <= 20);
  assert.ok(slugify('a'.repeat(200)).length <= 80);
});

test('slugifyNative keeps Gujarati vowel signs and virama', () => {
  assert.equal(slugifyNative('રશિયાના વિદેશમંત્રી, “પાકિસ્તાન”!'), 'રશિયાના-વિદેશમંત્રી-પાકિસ્તાન');
  assert.equal(slugifyNative('ક્ષત્રિય જ્ઞાન શ્રદ્ધા'), 'ક્ષત્રિય-જ્ઞાન-શ્રદ્ધા');
  assert.equal(slugifyNative('COVID-19 ૧૨૩ કેસ'), 'covid-19-૧૨૩-કેસ');
  assert.equal(slugifyNative('ક્\u200Dષ'), 'ક્ષ');
  assert.ok(slugifyNative('').length > 0);
  const long = [...slugifyNative('નરેન્દ્ર મોદી '.repeat(40))];
  assert.ok(long.length <= 80);
});
