import { test } from 'node:test';
import assert from 'node:assert/strict';
import { phoneticKey, skeletonKey, soundsAlike, foldLatin, EXONYMS } from '../../src/gujarati/phonetic.js';
import { TransliterationIndex, transliterate, latinToGujarati, keyDistance } from '../../src/gujarati/transliterate.js';
import { words as wordsOf } from '../../src/gujarati/tokenize.js';
import { demoContent } from '../../src/demo/content.js';

test('Latin, Devanagari and Gujarati spellings meet', () => {
  assert.equal(skeletonKey('pakistan'), skeletonKey('પાકિસ્તાન'));
  assert.equal(skeletonKey('पाकिस्तान'), skeletonKey('પાકિસ્તાન'));
  assert.equal(skeletonKey('Paakistaan'), skeletonKey('પાકિસ્તાન'));
  assert.equal(phoneticKey('Imraan'), phoneticKey('ઈમરાન'));
  assert.equal(phoneticKey('imran'), phoneticKey('ઇમરાન'));
  assert.ok(soundsAlike('imran khan', 'ઇમરાન ખાન'));
  assert.ok(soundsAlike('Imraan Khaan', 'ઈમરાન ખાન'));
  assert.ok(!soundsAlike('pakistan', 'ભારત'));
  for (const v of ['ankana', 'ankna', 'anknaa']) assert.equal(skeletonKey(v), skeletonKey('અંકના'), v);
});

test('folding rules', () => {
  assert.equal(foldLatin('shrwan'), 'srvan');
  assert.equal(foldLatin('phone'), 'fone');
  assert.equal(foldLatin('zoo'), 'ju');
  assert.equal(foldLatin('bhatt'), 'bat');
  assert.equal(foldLatin('chhe'), 'ce');
  assert.equal(foldLatin(''), '');
  assert.equal(skeletonKey('ક્ષત્રિય'), skeletonKey('kshatriya'));
  assert.equal(skeletonKey('જ્ઞાન'), skeletonKey('jnan'));
  assert.equal(skeletonKey('શ્રદ્ધા'), skeletonKey('shraddha'));
});

test('exonym table', () => {
  assert.equal(EXONYMS.get('russia'), 'રશિયા');
  assert.equal(EXONYMS.get('ahmedabad'), 'અમદાવાદ');
});

const vocab = new Map<string, number>([
  ['પાકિસ્તાન', 120], ['પાકિસ્તાનમાં', 40], ['ઇમરાન', 30], ['ખાન', 80], ['ખાને', 20], ['રશિયા', 50], ['રશિયાના', 12],
  ['અમદાવાદ', 70], ['ભારત', 300], ['ગુજરાત', 200], ['ગુજરાતમાં', 90], ['કોવિડ', 10], ['એસસીઓ', 3],
]);

test('transliteration ranks vocabulary words', () => {
  const idx = new TransliterationIndex(vocab);
  assert.equal(idx.lookup('pakistan')[0]?.word, 'પાકિસ્તાન');
  assert.equal(idx.lookup('Paakistaan')[0]?.word, 'પાકિસ્તાન');
  assert.equal(idx.lookup('pakistanma')[0]?.word, 'પાકિસ્તાનમાં');
  assert.equal(idx.lookup('imraan')[0]?.word, 'ઇમરાન');
  assert.equal(idx.lookup('russia')[0]?.word, 'રશિયા');
  assert.equal(idx.lookup('ahmedabad')[0]?.word, 'અમદાવાદ');
  assert.equal(idx.lookup('gujarat')[0]?.word, 'ગુજરાત');
  assert.equal(idx.lookup('SCO')[0]?.word, 'એસસીઓ');
  assert.deepEqual(idx.lookup(''), []);
  assert.ok(idx.lookup('pakistan', { limit: 2 }).length <= 2);
  assert.equal(transliterate('bharat', vocab)[0]?.word, 'ભારત');
});

test('transliteration: a smaller limit gives a prefix of a larger one (pruning never drops a winner)', () => {
  const words = new Map<string, number>();
  for (const a of demoContent.articles) for (const w of wordsOf(`${a.headline} ${a.dek} ${a.paragraphs.join(' ')}`)) words.set(w, (words.get(w) ?? 0) + 1);
  const idx = new TransliterationIndex(words);
  assert.ok(idx.size > 1000);
  for (const latin of ['amdavad', 'vidyarthi', 'sarkar', 'chunti', 'gujaratma', 'isro', 'metro', 'varsad', 'khedut', 'bajet', 'xyzzy']) {
    const ten = idx.lookup(latin, { limit: 10 });
    for (let i = 1; i < ten.length; i++) assert.ok(ten[i - 1]!.score <= ten[i]!.score, `${latin}: ranked`);
    for (const k of [1, 3, 5]) assert.deepEqual(idx.lookup(latin, { limit: k }), ten.slice(0, k), `${latin} limit ${k}`);
  }
  assert.deepEqual(idx.lookup('amdavad', { limit: 0 }), []);
});

test('transliteration: a vowel typed doubled asks for the long vowel, a single letter for neither', () => {
  // equal frequencies, short spellings listed first: only what was typed can tell these apart
  const idx = new TransliterationIndex(new Map([['કુતરા', 4], ['કૂતરા', 4], ['મિના', 3], ['મીના', 3], ['ગુજરત', 5], ['ગુજરાત', 5]]));
  assert.equal(idx.lookup('kootara')[0]?.word, 'કૂતરા');
  assert.equal(idx.lookup('meena')[0]?.word, 'મીના');
  assert.equal(idx.lookup('miinaa')[0]?.word, 'મીના');
  // gujarat is how ગુજરાત is typed: a single a never counts against a written ા
  const g = idx.lookup('gujarat').map((c) => c.word);
  assert.ok(g.includes('ગુજરાત') && g.includes('ગુજરત'));
  assert.equal(idx.lookup('gujaraat')[0]?.word, 'ગુજરાત');
});

test('key distance', () => {
  assert.equal(keyDistance('pakistan', 'pakistan'), 0);
  assert.ok(keyDistance('ankna', 'ankana') < 1);
  assert.ok(keyDistance('pakistan', 'bharat') > 3);
  // a bound stops early with a value over it; within the bound the distance is exact
  assert.ok(keyDistance('pakistan', 'bharat', 1) > 1);
  assert.equal(keyDistance('pakistan', 'pakistaan', 1), keyDistance('pakistan', 'pakistaan'));
  assert.equal(keyDistance('a'.repeat(100), 'a'.repeat(99) + 'b'), 1);
});

test('rule-based Latin → Gujarati', () => {
  assert.equal(latinToGujarati('paakistaan'), 'પાકિસ્તાન');
  assert.equal(latinToGujarati('rashiya'), 'રશિયા');
  assert.equal(latinToGujarati('hindu'), 'હિંદુ');
  assert.equal(latinToGujarati('imraan khaan'), 'ઇમ્રાન ખાન');
  assert.equal(latinToGujarati(''), '');
});
