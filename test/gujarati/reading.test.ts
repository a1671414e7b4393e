import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readingStats, wordsPerMinute } from '../../src/gujarati/reading.js';

test('words are counted whole: conjuncts, nukta, ZWJ/ZWNJ and vowel signs never split one; punctuation is not a word', () => {
  assert.deepEqual(readingStats('ક્ષત્રિય સમાજે દ્રાક્ષ મહોત્સવ યોજ્યો.'), { words: 5, minutes: 1 });
  assert.equal(readingStats('રાજેન્દ્ર\u200Dભાઈ અને ક\u200Cમલ — “ખબર” !').words, 4);
  assert.equal(readingStats('ફ઼િલ્મ ઝ઼ ૧૨૩ 2026 COVID-19 India’s').words, 7, 'digits and Latin count as words; a hyphen joins parts that each count');
  assert.deepEqual(readingStats('  \n '), { words: 0, minutes: 0 });
});

test('reading time rounds to whole minutes, at least one for any text', () => {
  assert.equal(readingStats('શબ્દ '.repeat(wordsPerMinute * 3)).minutes, 3);
  assert.equal(readingStats('એક').minutes, 1);
});
