import { words } from './tokenize.js';

/** Words a reader gets through in a minute: news prose in Gujarati reads at about 180. */
export const wordsPerMinute = 180;

/**
 * Words and reading time of a story's text. Words are counted with the Gujarati tokenizer, so
 * vowel signs, virama conjuncts (ક્ષ, દ્ર) and ZWJ/ZWNJ never split a word and punctuation is
 * not a word; Gujarati and Latin digits count as words, as readers read them.
 */
export function readingStats(text: string): { words: number; minutes: number } {
  const n = words(text).length;
  return { words: n, minutes: n === 0 ? 0 : Math.max(1, Math.round(n / wordsPerMinute)) };
}
