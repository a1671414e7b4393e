import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clampSlug, slugByteBudget } from '../../src/gujarati/slugify.js';

const graphemes = (s: string) => [...new Intl.Segmenter('gu', { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);

test('clampSlug keeps short slugs as they are', () => {
  for (const s of ['વરસાદ', 'ક્ષેત્ર-૨૦૨૪', 'ipl-ફાઇનલ', 'દ્રષ્ટિ']) assert.equal(clampSlug(s), s);
});

test('clampSlug cuts a long Gujarati slug at a grapheme boundary within the byte budget', () => {
  const long = Array.from({ length: 30 }, (_, i) => (i % 2 ? 'ક્ષેત્રીય' : 'દ્રષ્ટિએ')).join('-');
  const cut = clampSlug(long);
  assert.ok(encodeURIComponent(cut).length <= slugByteBudget);
  assert.ok(encodeURIComponent(cut).length > slugByteBudget - 40, 'the budget is used, not wasted');
  const kept = graphemes(cut);
  assert.deepEqual(graphemes(long).slice(0, kept.length), kept, 'whole graphemes (conjuncts with their virama and vowel signs)');
  assert.ok(!cut.endsWith('-'));
});

test('clampSlug never splits a ZWJ/ZWNJ sequence or a nukta from its letter', () => {
  const unit = 'ર‍્ય-ફ઼ઝ઼-'; // ZWJ after ર, nukta after ફ and ઝ
  const cut = clampSlug(unit.repeat(40), 60);
  const kept = graphemes(cut);
  assert.deepEqual(graphemes(unit.repeat(40)).slice(0, kept.length), kept);
  assert.ok(encodeURIComponent(cut).length <= 60);
});

test('clampSlug of something with no room for one grapheme gives a stable token', () => {
  assert.equal(clampSlug('ક્ષ', 3), clampSlug('ક્ષ', 3));
  assert.match(clampSlug('ક્ષ', 3), /^n[0-9a-z]+$/);
});
