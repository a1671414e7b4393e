import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanCommentText, linkify } from '../../src/audience/commentText.js';
import { sanitizeBody } from '../../src/content/sanitize.js';
import { htmlToText } from '../../src/search/document.js';
import { Spellchecker, suggestTags } from '../../src/search/editorAids.js';
import { growthRatio } from './growth.js';

/**
 * Inputs that took quadratic time (issue 18, finding 2): doubling the input must at most
 * ~2.5× the time (linear work gives ~2, quadratic ~4). Sizes are where the old code already
 * took a measurable time, so the ratio is not noise. Each case prints `name: ratio`.
 */
const maxRatio = 2.5;

function check<T>(name: string, make: (n: number) => T, run: (input: T) => unknown, n: number) {
  let r = growthRatio(make, run, n);
  // One more measurement before failing: a busy moment can spoil one, quadratic work spoils both.
  if (r.ratio > maxRatio) r = [r, growthRatio(make, run, n)].sort((a, b) => a.ratio - b.ratio)[0]!;
  console.log(`${name}: ${r.ratio.toFixed(2)} (${r.msSmall.toFixed(3)} ms → ${r.msLarge.toFixed(3)} ms for n=${n} → ${2 * n})`);
  assert.ok(r.ratio <= maxRatio, `${name}: doubling the input took ${r.ratio.toFixed(2)}× the time (${r.msSmall.toFixed(2)} → ${r.msLarge.toFixed(2)} ms)`);
}

describe('public text inputs take linear time', () => {
  test('a comment of spaces with no line break', () => {
    check('comment-spaces', (n) => `${' '.repeat(n)}x`, cleanCommentText, 20_000);
  });

  test('a comment of no-break spaces and Gujarati, no line break', () => {
    check('comment-nbsp', (n) => `ગુજરાતી${'\u00A0 '.repeat(n / 2)}સમાચાર`, cleanCommentText, 20_000);
  });

  test('a link followed by dots and a letter', () => {
    check('linkify-dots', (n) => `જુઓ https://example.com/${'.'.repeat(n)}x`, linkify, 20_000);
    check('linkify-danda', (n) => `https://example.com/${'।'.repeat(n)}સ`, linkify, 20_000);
  });

  test('a body of deeply nested bold', () => {
    check('body-nested-b', (n) => `${'<b>'.repeat(n)}ગુજરાત${'</b>'.repeat(n)}`, sanitizeBody, 20_000);
  });

  test('a body of deeply nested, never closed divs', () => {
    check('body-unclosed-div', (n) => `${'<div>'.repeat(n)}x`, sanitizeBody, 20_000);
  });

  test('editor text: many "<" and long white space without a line break', () => {
    check('html-to-text-lt', (n) => '<'.repeat(n), htmlToText, 20_000);
    check('html-to-text-spaces', (n) => `a${' \t'.repeat(n / 2)}<b>x`, htmlToText, 20_000);
  });

  test('tag suggestions on a body repeating one word', () => {
    const tags = [
      { id: 1, slug: 'gujarat', name: 'ગુજરાત' },
      { id: 2, slug: 'modi', name: 'નરેન્દ્ર મોદી' },
    ];
    check('suggest-tags-repeat', (n) => ({ body: 'ગુજરાતમાં '.repeat(n) }), (b) => suggestTags(b, tags), 10_000);
  });

  test('spell-check of one very long Gujarati "word"', (t) => {
    const speller = new Spellchecker();
    if (!speller.available) {
      t.skip('hunspell-gu is not installed (apt-get install hunspell-gu): spell-check not measured');
      return;
    }
    check('spellcheck-long-word', (n) => 'ક'.repeat(n), (text) => speller.check(text), 500);
  });
});
