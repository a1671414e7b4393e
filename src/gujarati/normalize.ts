// Gujarati text normalization.
//
// Two levels:
// - `normalize(text)`: display-safe cleanup. The result looks the same as the input on screen
//   (or better): NFC, invisible junk removed, vowels typed as `અ` + sign composed into the
//   independent vowel (the 16 Gujarati rules of Lucene's IndicNormalizer), ZWJ/ZWNJ kept only
//   inside words, combining marks with nothing to sit on dropped.
// - `searchKey(text)`: a matching key. Spelling variants that mean the same word meet here
//   (nukta, candrabindu/anusvara, candra vowels, nasal+virama vs anusvara, ASCII ':' as
//   visarga, Gujarati digits, Devanagari input, Latin case and accents). Never show it.
// - `looseKey(text)`: `searchKey` plus long/short i and u merged (ઇમરાન/ઈમરાન). It merges some
//   real pairs too, so use it only for fuzzy matching, never as the only key.

import { toAsciiDigits } from './numerals.js';

export const ZWJ = '\u200D';
export const ZWNJ = '\u200C';
export const NUKTA = '\u0ABC';
export const VIRAMA = '\u0ACD';
export const ANUSVARA = '\u0A82';
export const CANDRABINDU = '\u0A81';
export const VISARGA = '\u0A83';
export const DANDA = '\u0964';
export const DOUBLE_DANDA = '\u0965';

/** A Gujarati combining mark (signs, nukta, virama, anusvara …). */
export const GU_MARK = /[\u0A81-\u0A83\u0ABC\u0ABE-\u0ACD\u0AE2\u0AE3\u0AFA-\u0AFF]/u;
/** A Gujarati letter: independent vowels and consonants (incl. avagraha, vocalic letters). */
export const GU_LETTER = /[\u0A85-\u0AB9\u0ABD\u0AE0\u0AE1\u0AF9]/u;

export function isGujaratiConsonant(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return (c >= 0x0a95 && c <= 0x0ab9) || c === 0x0af9;
}

export function isGujaratiMark(ch: string | undefined): boolean {
  return ch !== undefined && ch.length === 1 && GU_MARK.test(ch);
}

export function isGujaratiChar(ch: string | undefined): boolean {
  if (ch === undefined || ch.length !== 1) return false;
  const c = ch.charCodeAt(0);
  return c >= 0x0a80 && c <= 0x0aff;
}

// The 16 Gujarati compositions of Lucene's IndicNormalizer, longest first.
// (offsets from U+0A80: 05 અ, 06 આ, 3E ા, 45 ૅ, 47 ે, 48 ૈ, 49 ૉ, 4B ો, 4C ૌ)
const COMPOSE: ReadonlyArray<readonly [string, string]> = [
  ['\u0A85\u0ABE\u0AC5', '\u0A91'], // અ ા ૅ → ઑ
  ['\u0A85\u0ABE\u0AC7', '\u0A93'], // અ ા ે → ઓ
  ['\u0A85\u0ABE\u0AC8', '\u0A94'], // અ ા ૈ → ઔ
  ['\u0A85\u0ABE', '\u0A86'], // અ ા → આ
  ['\u0A85\u0AC5', '\u0A8D'], // અ ૅ → ઍ
  ['\u0A85\u0AC7', '\u0A8F'], // અ ે → એ
  ['\u0A85\u0AC8', '\u0A90'], // અ ૈ → ઐ
  ['\u0A85\u0AC9', '\u0A91'], // અ ૉ → ઑ
  ['\u0A85\u0ACB', '\u0A93'], // અ ો → ઓ
  ['\u0A85\u0ACC', '\u0A94'], // અ ૌ → ઔ
  ['\u0A86\u0AC5', '\u0A91'], // આ ૅ → ઑ
  ['\u0A86\u0AC7', '\u0A93'], // આ ે → ઓ
  ['\u0A86\u0AC8', '\u0A94'], // આ ૈ → ઔ
  ['\u0ABE\u0AC5', '\u0AC9'], // ા ૅ → ૉ
  ['\u0ABE\u0AC7', '\u0ACB'], // ા ે → ો
  ['\u0ABE\u0AC8', '\u0ACC'], // ા ૈ → ૌ
];
const COMPOSE_RE = new RegExp(COMPOSE.map(([from]) => from).join('|'), 'gu');
const COMPOSE_MAP = new Map(COMPOSE);

/** Compose `અ`/`આ`/`ા` + vowel sign sequences into the single letter or sign (Lucene's rules). */
export function composeVowels(text: string): string {
  return text.replace(COMPOSE_RE, (m) => COMPOSE_MAP.get(m) ?? m);
}

// Invisible characters that carry no meaning in running text: soft hyphen, zero-width
// space, word joiner, BOM, directional marks and embeddings, variation selectors.
const INVISIBLE = /[\u00AD\u200B\u2060\uFEFF\u200E\u200F\u202A-\u202E\u2066-\u2069\uFE00-\uFE0F]/gu;

/**
 * Display-safe cleanup: NFC, invisible characters removed, `અ`+sign composed, ZWJ/ZWNJ kept only
 * between two word characters, Gujarati combining marks that follow no Gujarati letter dropped.
 * Whitespace and punctuation are left as they are.
 */
export function normalize(text: string): string {
  if (text === '') return text;
  let s = text.normalize('NFC').replace(INVISIBLE, '');
  s = composeVowels(s);
  // ZWJ/ZWNJ only make sense inside a word (they control conjunct rendering).
  s = s.replace(/[\u200C\u200D]+/gu, (m, offset: number, whole: string) => {
    const before = whole[offset - 1];
    const after = whole[offset + m.length];
    const wordish = (c: string | undefined) => c !== undefined && /[\p{L}\p{M}\p{N}]/u.test(c);
    return wordish(before) && wordish(after) ? m : '';
  });
  return dropStrayMarks(s);
}

/** Drop Gujarati combining marks that do not follow a Gujarati letter, mark or joiner. */
export function dropStrayMarks(text: string): string {
  let out = '';
  let prevOk = false;
  for (const ch of text) {
    if (isGujaratiMark(ch)) {
      if (prevOk) out += ch;
      continue; // a stray mark leaves prevOk as it was (false)
    }
    out += ch;
    prevOk = GU_LETTER.test(ch) || ch === ZWJ || ch === ZWNJ;
  }
  return out;
}

// Devanagari → Gujarati: the blocks are parallel (offset 0x180) for the common letters.
const DEVA_SPECIAL = new Map<string, string>([
  ['\u0929', '\u0AA8'], // ऩ → ન
  ['\u0931', '\u0AB0'], // ऱ → ર
  ['\u0934', '\u0AB3'], // ऴ → ળ
  ['\u0964', DANDA], // danda stays (shared punctuation)
  ['\u0965', DOUBLE_DANDA],
  ['\u0972', '\u0A85'], // ॲ → અ (rare)
]);

/** Map Devanagari letters to the Gujarati ones (after NFC, which splits `क़` into `क` + nukta). */
export function devanagariToGujarati(text: string): string {
  if (!/[\u0900-\u097F]/u.test(text)) return text;
  return text.normalize('NFC').replace(/[\u0900-\u097F]/gu, (ch) => {
    const special = DEVA_SPECIAL.get(ch);
    if (special !== undefined) return special;
    const target = String.fromCharCode(ch.charCodeAt(0) + 0x180);
    return /\p{Script=Gujarati}/u.test(target) ? target : ch;
  });
}

const FOLD_CHARS = new Map<string, string>([
  [NUKTA, ''],
  [ZWJ, ''],
  [ZWNJ, ''],
  [CANDRABINDU, ANUSVARA],
  ['\u0A8D', '\u0A8F'], // ઍ → એ
  ['\u0A91', '\u0A93'], // ઑ → ઓ
  ['\u0AC5', '\u0AC7'], // ૅ → ે
  ['\u0AC9', '\u0ACB'], // ૉ → ો
  ['\u0AE0', '\u0A8B'], // ૠ → ઋ
  ['\u0AC4', '\u0AC3'], // ૄ → ૃ
]);

// Nasal consonant + virama before a consonant of its own class → anusvara (હિન્દુ → હિંદુ).
const NASAL_CLASS: ReadonlyArray<readonly [string, string]> = [
  ['\u0A99', '\u0A95-\u0A98'], // ઙ before ક ખ ગ ઘ
  ['\u0A9E', '\u0A9A-\u0A9D'], // ઞ before ચ છ જ ઝ
  ['\u0AA3', '\u0A9F-\u0AA2'], // ણ before ટ ઠ ડ ઢ
  ['\u0AA8', '\u0AA4-\u0AA7'], // ન before ત થ દ ધ
  ['\u0AAE', '\u0AAA-\u0AAD'], // મ before પ ફ બ ભ
];
const NASAL_RE = new RegExp(
  NASAL_CLASS.map(([n, cls]) => `${n}\u0ACD(?=[${cls}])`).join('|'),
  'gu',
);

const LATIN_ACCENTED = /[\p{Script=Latin}]/u;

/**
 * The strict matching key: variants of one spelling meet, different words stay apart.
 * Lowercases Latin (and strips its accents), converts Devanagari, drops nukta and ZWJ/ZWNJ,
 * candrabindu → anusvara, candra vowels → plain, nasal+virama of the class → anusvara,
 * ASCII ':' between Gujarati characters → visarga, Gujarati digits → ASCII.
 */
export function searchKey(text: string): string {
  if (text === '') return text;
  let s = normalize(devanagariToGujarati(text.normalize('NFC')));
  s = s.replace(/[\u0ABC\u200C\u200D\u0A81\u0A8D\u0A91\u0AC5\u0AC9\u0AE0\u0AC4]/gu, (c) => FOLD_CHARS.get(c) ?? c);
  s = composeVowels(s); // a removed nukta/joiner may have exposed a sequence
  s = s.replace(NASAL_RE, ANUSVARA);
  s = s.replace(/(?<=[\u0A81-\u0AFF]):(?=[\u0A85-\u0AB9])/gu, VISARGA);
  s = s.replace(/\u0A82+/gu, ANUSVARA); // doubled anusvara
  s = toAsciiDigits(s);
  s = s.toLowerCase();
  if (/[^\u0000-\u007F\u0A80-\u0AFF]/u.test(s)) {
    s = s.replace(/[^\u0000-\u007F\u0A80-\u0AFF]/gu, (c) =>
      LATIN_ACCENTED.test(c) ? c.normalize('NFD').replace(/[\u0300-\u036F]/gu, '') : c,
    );
  }
  return s;
}

/** Alias of `searchKey`: the fold used for matching. */
export const fold = searchKey;

/** `searchKey` with long/short i and u merged (ઈ→ઇ, ી→િ, ઊ→ઉ, ૂ→ુ). Fuzzy matching only. */
export function looseKey(text: string): string {
  return searchKey(text).replace(/[\u0A88\u0AC0\u0A8A\u0AC2]/gu, (c) =>
    c === '\u0A88' ? '\u0A87' : c === '\u0AC0' ? '\u0ABF' : c === '\u0A8A' ? '\u0A89' : '\u0AC1',
  );
}
