// Phonetic typing that a reporter can trust, and spell-check that does not cry wolf (issue #17).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ORTHOGRAPHY_RULE_NAMES, latinToGujarati, orthographyProblems } from '../../src/gujarati/transliterate.js';
import { buildQueryIndex } from '../../src/search/analyzer.js';
import { searchKey } from '../../src/gujarati/normalize.js';
import { Spellchecker, dictionaryKey, transliterationCandidates } from '../../src/search/editorAids.js';

const fixtures = '../shared/fixtures/gujarati';
const dictionary = '/usr/share/hunspell/gu_IN.dic';

// A small site, like the demo: the words typed below are NOT all in it, and their nearest
// neighbours are (the words Space used to put in silently).
const site = buildQueryIndex(
  new Map([
    ['ચોમાસા', 40], ['ચોમાસું', 25], ['કિસ્સા', 30], ['કિસ્સો', 12], ['છીનવી', 6], ['મળી', 220], ['માલી', 3], ['મળે', 90],
    ['મુખ્યમંત્રી', 80], ['મુખ્યમંત્રીએ', 30], ['ગુજરાત', 300], ['સરકાર', 150], ['સરકારે', 60], ['ખેડૂત', 35],
  ]),
);

test('Space never puts in a far-off word: chamak, kishan, chunav stay as typed with candidates shown', () => {
  for (const [latin, wrong] of [['chamak', 'ચોમાસા'], ['kishan', 'કિસ્સા'], ['chunav', 'છીનવી']] as const) {
    const c = transliterationCandidates(latin, site);
    assert.ok(c.length > 0, `${latin}: candidates are shown`);
    assert.equal(c[0]!.autoReplace, false, `${latin}: Space must not replace it with ${c[0]!.word}`);
    assert.ok(c.every((x) => !x.autoReplace || x.word !== wrong), `${latin} → ${wrong} is never automatic`);
  }
  assert.ok(transliterationCandidates('chamak', site).some((c) => c.word === 'ચમક'), 'the generated spelling is offered');
  assert.ok(transliterationCandidates('kishan', site).some((c) => c.word === 'કિશન'));
});

test('mukhyamantri gives મુખ્યમંત્રી (never the non-word મુખ્યમંતૃ), and Space puts it in', () => {
  assert.equal(latinToGujarati('mukhyamantri'), 'મુખ્યમંત્રી');
  const c = transliterationCandidates('mukhyamantri', site);
  assert.equal(c[0]!.word, 'મુખ્યમંત્રી');
  assert.equal(c[0]!.autoReplace, true);
  assert.ok(!c.some((x) => x.word.includes('ૃ')));
  assert.equal(transliterationCandidates('mukhyamantri', undefined)[0]!.word, 'મુખ્યમંત્રી');
  assert.equal(transliterationCandidates('mukhyamantri', undefined)[0]!.autoReplace, false, 'a generated word is never put in by Space');
});

test('mali is never left without Gujarati: મળી, the site\'s common word, comes first', () => {
  const c = transliterationCandidates('mali', site);
  assert.equal(c[0]!.word, 'મળી');
  assert.ok(c.some((x) => x.word === 'માલી'));
  assert.ok(c.every((x) => /^[\u0A80-\u0AFF]+$/u.test(x.word)));
});

test('the orthography rules catch each malformed shape', () => {
  const bad: Record<string, string> = {
    'vowel-sign-after-virama': 'ક્ા',
    'mark-after-virama': 'ક્ં',
    'independent-vowel-after-virama': 'ક્અ',
    'sign-at-start': 'ાક',
    'vowel-sign-without-consonant': 'કાા',
    'ri-sign-on-ra': 'રૃપ',
    'ri-sign-on-conjunct-with-ra': 'મંત્રૃ',
    'nukta-not-on-consonant': 'કા઼',
    'word-ends-in-virama': 'મંત્',
    'double-virama': 'ક્્ષ',
    'not-gujarati': 'ગુજરાતk',
  };
  for (const name of ORTHOGRAPHY_RULE_NAMES) assert.ok(bad[name], `an example for ${name}`);
  for (const [name, word] of Object.entries(bad)) assert.ok(orthographyProblems(word).includes(name), `${word} breaks ${name}`);
  for (const good of ['મુખ્યમંત્રી', 'કૃષ્ણ', 'ગૃહ', 'પરિસ્થિતિ', 'થઈ', 'ગઈ', 'ક્ષત્રિય', 'ડૉક્ટર', 'જ્ઞાન', 'દુઃખ']) assert.deepEqual(orthographyProblems(good), [], good);
});

test('every candidate offered is well-formed Gujarati (fixture pairs when present)', (t) => {
  const latin = ['mukhyamantri', 'chamak', 'kishan', 'chunav', 'mali', 'krishna', 'prithvi', 'shri', 'gai', 'aai', 'kshatriya', 'gnyan', 'mantri', 'trishna', 'rrr', 'aeiou', 'bhrashtachar', 'xyz'];
  const file = `${fixtures}/aksharantar-guj-translit-pairs.jsonl`;
  const builtIn = latin.length;
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(0, 3000)) if (line) latin.push((JSON.parse(line) as { latin: string }).latin);
  } else t.diagnostic(`${file} absent: only the built-in words are checked`);
  let checked = 0;
  latin.forEach((w, i) => {
    const generated = latinToGujarati(w.toLowerCase());
    if (/^[a-z]+$/u.test(w.toLowerCase())) {
      assert.ok(!generated.includes('ૃ'), `${w}: the generator writes no ઋ-sign (${generated})`);
    }
    if (i % 10 !== 0 && i > 20) return;
    for (const c of transliterationCandidates(w, site)) {
      checked++;
      assert.deepEqual(orthographyProblems(c.word), [], `${w} → ${c.word}`);
    }
  });
  // Every built-in word has candidates; with the fixture, thousands more are checked.
  assert.ok(checked >= (latin.length > builtIn ? 100 : builtIn), `${checked} candidates checked`);
});

test('a malformed published word is never offered', () => {
  const idx = buildQueryIndex(new Map([['મંત્ર્ી', 500], ['મંત્રી', 2]]));
  const c = transliterationCandidates('mantri', idx);
  assert.ok(c.some((x) => x.word === 'મંત્રી'));
  assert.ok(!c.some((x) => x.word === 'મંત્ર્ી'));
});

test('spell-check with hunspell-gu: published words, stems and verb forms are right', { skip: !existsSync(dictionary) && `${dictionary} absent (apt-get install hunspell-gu)` }, () => {
  const sp = new Spellchecker();
  const published = new Map([['પરિસ્થિતિ', 12], ['નિયંત્રણ', 8], ['ગુજરાત', 300]]);
  const known = (w: string) => published.get(w) ?? 0;
  assert.ok(sp.isCorrect('પરિસ્થિતિ', known), 'a word the site has published');
  assert.ok(sp.isCorrect('નિયંત્રણમાં', known), 'a published word + a case marker');
  assert.ok(sp.isCorrect('ખસેડાયા'), 'passive past of ખસેડવું, with no vocabulary');
  assert.ok(sp.isCorrect('ખસેડ્યું') && sp.isCorrect('ખસેડાશે') && sp.isCorrect('ખસેડવામાં'));
  assert.ok(sp.isCorrect('બીસીસીઆઇએ'), 'an acronym in letter names, with a case marker');
  assert.ok(sp.isCorrect('2012માં') && sp.isCorrect('દિલ્હીઃ'));
  const r = sp.check('પરિસ્થિતિ નિયંત્રણમાં છે, ટ્રક ખસેડાયા. ગુજરત', known);
  assert.deepEqual(r.misspelt.map((m) => m.word), ['ગુજરત']);
  assert.equal(r.misspelt[0]!.suggestions[0], 'ગુજરાત', 'the nearest word first');
  assert.ok(!sp.suggest('ખસેડાયાા').includes('ખસેડયા') || sp.suggest('ખસેડાયાા')[0] !== 'ખસેડયા');
});

test('spell-check suggestions: at one distance the site\'s frequent word comes first', { skip: !existsSync(dictionary) && `${dictionary} absent` }, () => {
  const sp = new Spellchecker();
  const freq = new Map([['સરકાર', 500], ['સરકારી', 3]]);
  const s = sp.suggest('સરકારિ', 5, (w) => freq.get(w) ?? 0);
  // dropping or changing the vowel sign are one half-cost slip each: the more used word first
  assert.deepEqual(s.slice(0, 2), ['સરકાર', 'સરકારી']);
});

const hasDictionary = existsSync(dictionary);

test('spell-check: hunspell-gu has no word that begins with પ or નિ; there only a frequent site word one slip away marks a word', { skip: !hasDictionary && `${dictionary} absent` }, () => {
  const sp = new Spellchecker();
  assert.ok(sp.isCorrect('પરિસ્થિતિ') && sp.isCorrect('નિયંત્રણમાં') && sp.isCorrect('પ્રધાનમંત્રી'), 'not judged by a list that has no such words');
  const published = new Map([['પરિસ્થિતિ', 12]]);
  const known = (w: string) => published.get(w) ?? 0;
  assert.ok(!sp.isCorrect('પરિસ્થતિ', known), 'one sign short of a word the site uses often');
  assert.equal(sp.suggest('પરિસ્થતિ', 5, known)[0], 'પરિસ્થિતિ');
  assert.ok(!sp.isCorrect('ગુજરત'), 'outside the holes the list still decides');
});

test('spell-check: oblique and derived forms of listed words, and names the story repeats, are right', { skip: !hasDictionary && `${dictionary} absent` }, () => {
  const sp = new Spellchecker();
  assert.ok(sp.isCorrect('છોકરાને'), 'છોકરો → છોકરા + ને');
  assert.ok(sp.isCorrect('ઓગણીસમો'), 'an ordinal: ઓગણીસ + મો');
  const once = sp.check('ઝેગ્નાર્ડો આવ્યા.');
  assert.deepEqual(once.misspelt.map((m) => m.word), ['ઝેગ્નાર્ડો'], 'an unknown word used once is flagged');
  const thrice = sp.check('ઝેગ્નાર્ડો આવ્યા. ઝેગ્નાર્ડોએ કહ્યું કે ઝેગ્નાર્ડોની ટીમ જીતશે. ગુજરત');
  assert.deepEqual(thrice.misspelt.map((m) => m.word), ['ગુજરત'], 'a name used three times, inflected, is the writer\'s spelling');
});

test('spell-check: the word list is read once and shared; its keys are searchKey\'s', { skip: !hasDictionary && `${dictionary} absent` }, () => {
  assert.ok(new Spellchecker().available);
  const t = performance.now();
  assert.ok(new Spellchecker().available);
  assert.ok(performance.now() - t < 50, 'a second checker reuses the list');
  for (const w of ['હિન્દુ', 'ઑગસ્ટ', 'અાપ', 'કંંપની', 'ક઼લમ', 'ગુજરાત', 'સ્થિતિ']) assert.equal(dictionaryKey(w), searchKey(w), w);
});

test('spell-check: affix rules in the .aff are applied (through nspell) when a dictionary ships them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-spell-'));
  try {
    writeFileSync(join(dir, 'gu_IN.dic'), '1\nઘર/A\n');
    writeFileSync(join(dir, 'gu_IN.aff'), 'SET UTF-8\nSFX A Y 1\nSFX A 0 ઝઝ .\n');
    assert.ok(new Spellchecker(dir).isCorrect('ઘરઝઝ'), 'the SFX rule makes ઘરઝઝ');
    const plain = mkdtempSync(join(tmpdir(), 'khabar-spell-'));
    writeFileSync(join(plain, 'gu_IN.dic'), '1\nઘર\n');
    writeFileSync(join(plain, 'gu_IN.aff'), 'SET UTF-8\n');
    assert.ok(!new Spellchecker(plain).isCorrect('ઘરઝઝ'), 'without the rule it is not a word');
    rmSync(plain, { recursive: true, force: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
