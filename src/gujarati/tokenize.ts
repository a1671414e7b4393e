// Word tokenizer for mixed Gujarati / Latin / Devanagari / digit text.
//
// A word is a run of letters, combining marks and digits (`[\p{L}\p{M}\p{N}]+`): Gujarati vowel
// signs and virama are marks, so `[\p{L}\p{N}]` alone would cut words apart. ZWJ/ZWNJ inside a
// word belong to it. Also kept inside one token:
// - an ASCII ':' between Gujarati letters (typed for visarga: અંત:કરણ),
// - an apostrophe between Latin letters (India's, don’t),
// - '.' or ',' between digits (3.5, 1,23,456).
// Hyphens join compounds (જમ્મુ-કાશ્મીરના, COVID-19, Sputnik-V): the parts are always tokens;
// with `{ compounds: true }` the whole compound is emitted too, right before its parts.
// Offsets are UTF-16 indexes into the original string (`text.slice(start, end) === raw`), so
// snippets can be highlighted in the original text.

export type Script = 'gujarati' | 'latin' | 'devanagari' | 'number' | 'mixed' | 'other';

export interface Token {
  /** The token exactly as it appears in the input. */
  text: string;
  /** UTF-16 offset of the first character in the input. */
  start: number;
  /** UTF-16 offset just past the last character. */
  end: number;
  script: Script;
  /** True for a whole hyphenated compound (only with `compounds: true`). */
  compound?: boolean;
  /** Position of this word among the non-compound tokens (0, 1, 2 …). Compounds share the index of their first part. */
  position: number;
}

export interface TokenizeOptions {
  /** Also emit whole hyphenated compounds (before their parts). Default false. */
  compounds?: boolean;
}

// One word: letters/marks/digits/joiners, with the in-word joiners described above.
const WORD_RE =
  /[\p{L}\p{M}\p{N}\u200C\u200D]+(?:(?:(?<=[\u0A80-\u0AFF]):(?=[\u0A85-\u0AB9])|(?<=\p{Script=Latin})['’](?=\p{Script=Latin})|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{M}\p{N}\u200C\u200D]+)*/gu;

const HYPHENS = new Set(['-', '\u2010', '\u2011']);

export function scriptOf(word: string): Script {
  let gu = false;
  let la = false;
  let de = false;
  let num = false;
  let other = false;
  for (const ch of word) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0x0ae6 && c <= 0x0aef) num = true;
    else if (c >= 0x0a80 && c <= 0x0aff) gu = true;
    else if (c >= 0x0900 && c <= 0x097f) de = true;
    else if (/\p{N}/u.test(ch)) num = true;
    else if (/\p{Script=Latin}/u.test(ch)) la = true;
    else if (ch === '-' || ch === '\u2010' || ch === '\u2011' || ch === "'" || ch === '’' || ch === '.' || ch === ',' || ch === ':' || ch === '\u200C' || ch === '\u200D') continue;
    else other = true;
  }
  const n = Number(gu) + Number(la) + Number(de) + Number(other);
  if (n === 0) return num ? 'number' : 'other';
  if (n > 1) return 'mixed';
  if (gu) return 'gujarati';
  if (la) return 'latin';
  if (de) return 'devanagari';
  return 'other';
}

function trimJoiners(text: string, start: number): { text: string; start: number } {
  let s = text;
  let st = start;
  while (s.length > 0 && (s[0] === '\u200C' || s[0] === '\u200D')) {
    s = s.slice(1);
    st++;
  }
  while (s.length > 0 && (s.endsWith('\u200C') || s.endsWith('\u200D'))) s = s.slice(0, -1);
  return { text: s, start: st };
}

/** Split text into word tokens with offsets into the original string. */
export function tokenize(text: string, options: TokenizeOptions = {}): Token[] {
  const out: Token[] = [];
  if (!text) return out;
  let position = 0;
  let group: Token[] = [];
  const flush = () => {
    if (options.compounds && group.length > 1) {
      const first = group[0]!;
      const last = group[group.length - 1]!;
      const raw = text.slice(first.start, last.end);
      out.push({ text: raw, start: first.start, end: last.end, script: scriptOf(raw), compound: true, position: first.position });
    }
    out.push(...group);
    group = [];
  };
  for (const m of text.matchAll(WORD_RE)) {
    const t = trimJoiners(m[0], m.index);
    if (t.text === '' || !/[\p{L}\p{N}]/u.test(t.text)) continue; // marks or joiners only
    const tok: Token = { text: t.text, start: t.start, end: t.start + t.text.length, script: scriptOf(t.text), position: position++ };
    const prev = group[group.length - 1];
    if (prev && prev.end + 1 === tok.start && HYPHENS.has(text[prev.end] ?? '')) {
      group.push(tok);
    } else {
      flush();
      group.push(tok);
    }
  }
  flush();
  return out;
}

/** Just the words (parts, no compounds). */
export function words(text: string): string[] {
  return tokenize(text).map((t) => t.text);
}

const GRAPHEMES = new Intl.Segmenter('gu', { granularity: 'grapheme' });

/** Gujarati with no virama that does not open with a sign: each non-sign starts a grapheme. */
const SIMPLE_GUJARATI = /^(?![\u0A81-\u0A83\u0ABC\u0ABE-\u0ACC\u0AE2\u0AE3\u0AFA-\u0AFF])[\u0A80-\u0ACC\u0ACE-\u0AFF]*$/u;
const GUJARATI_SIGNS = /[\u0A81-\u0A83\u0ABC\u0ABE-\u0ACC\u0AE2\u0AE3\u0AFA-\u0AFF]/gu;

/** Number of user-perceived characters (a conjunct such as ક્ષ or સ્ત્ર counts as one). */
export function graphemeLength(text: string): number {
  // The segmenter is slow and the stemmer asks for every word; conjuncts still go to it.
  if (SIMPLE_GUJARATI.test(text)) return text.replace(GUJARATI_SIGNS, '').length;
  let n = 0;
  for (const _ of GRAPHEMES.segment(text)) n++;
  return n;
}

/** Split into graphemes (aksharas with their signs stay together). */
export function graphemes(text: string): string[] {
  return Array.from(GRAPHEMES.segment(text), (s) => s.segment);
}
