// Text measuring and cutting for posts. Cuts happen only between grapheme clusters, so a
// Gujarati conjunct (ક્ષ, ત્ર), a letter with its vowel sign, nukta or virama, a ZWJ/ZWNJ
// sequence or an emoji is never split; where a word boundary is near, the cut moves back to it.

const graphemes = new Intl.Segmenter('gu', { granularity: 'grapheme' });

export const ellipsis = '…';

/** The text's grapheme clusters, in order. */
export function splitGraphemes(text: string): string[] {
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/**
 * Cuts `text` so that `measure(result) <= max`, ending with "…" when anything was cut; returns
 * '' when not even one grapheme and the ellipsis fit. The cut prefers the last space in the final
 * third of what fits, and drops trailing spaces, commas and dashes before the ellipsis.
 */
export function truncate(text: string, max: number, measure: (s: string) => number = (s) => s.length): string {
  if (measure(text) <= max) return text;
  const parts = splitGraphemes(text);
  const budget = max - measure(ellipsis);
  let kept = '';
  let count = 0;
  for (const part of parts) {
    if (measure(kept + part) > budget) break;
    kept += part;
    count += 1;
  }
  if (count === 0) return '';
  const lastSpace = kept.search(/\s\S*$/u);
  if (lastSpace > 0 && lastSpace >= (kept.length * 2) / 3) kept = kept.slice(0, lastSpace);
  kept = trimEndWhile(kept, (c) => /\s/u.test(c) || ',;:-–—'.includes(c));
  if (kept === '') return '';
  return kept + ellipsis;
}

/** Whitespace runs (newlines, tabs, spaces) folded into single spaces; for one-line fields. */
/** `text` without the trailing characters `drop` accepts (a loop: a `[…]+$` pattern would rescan the tail from every start). */
export function trimEndWhile(text: string, drop: (ch: string) => boolean): string {
  let end = text.length;
  while (end > 0 && drop(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/** Each line without trailing spaces and tabs. */
export function trimLineEnds(text: string): string {
  return text
    .split('\n')
    .map((line) => trimEndWhile(line, (c) => c === ' ' || c === '\t'))
    .join('\n');
}

export function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** UTF-8 size in bytes. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
