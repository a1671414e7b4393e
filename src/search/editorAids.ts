// Editor aids, as functions the newsroom API exposes. Pure except the spell-checker's one-time
// dictionary load.
//
// - `suggestTags`: existing tags whose words occur in the text in any inflected form
//   (ગુજરાતમાં → ગુજરાત, નરેન્દ્ર મોદીએ → નરેન્દ્ર મોદી), matched on analyzer stems.
// - `transliterationCandidates`: Gujarati for a word typed in Latin letters: the index's own
//   words first (ranked by sound and frequency), then the rule-based generator's spelling.
// - `Spellchecker`: Gujarati spell-check over Debian's hunspell-gu word list, read with nspell
//   from the system (GPL data: used in place, never copied). Absent dictionary → `available: false`.

/// <reference path="../types/nspell.d.ts" />
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type nspell from 'nspell';
import { normalize, searchKey } from '../gujarati/normalize.js';
import { stem, stemCandidates } from '../gujarati/stem.js';
import { graphemeLength, tokenize } from '../gujarati/tokenize.js';
import { EXONYMS } from '../gujarati/phonetic.js';
import { latinToGujarati, orthographyProblems, type TransliterationIndex } from '../gujarati/transliterate.js';
import { analyze } from './analyzer.js';

// ---------------------------------------------------------------------------------------------
// tags

export interface TagRef {
  id: number;
  slug: string;
  name: string;
}

export interface TagSuggestion extends TagRef {
  /** How often the tag's words occur (headline occurrences count three times). */
  score: number;
  /** The forms as written in the text, e.g. ગુજરાતમાં. */
  forms: string[];
}

interface TermAt {
  term: string;
  start: number;
  end: number;
}

/** Main terms (stems, Latin words, numbers) in reading order: what a tag must match in sequence. */
function mainTerms(text: string): TermAt[] {
  return analyze(text, { phonetic: false }).map((t) => ({ term: t.term, start: t.start, end: t.end }));
}

export interface TagText {
  headline?: string;
  dek?: string;
  /** Plain text of the body. */
  body?: string;
}

/**
 * Existing tags that the text mentions, best first. A tag of several words must occur as that
 * sequence of words; each word may be inflected. Tags in `exclude` (by name) are left out.
 */
export function suggestTags(text: TagText, tags: readonly TagRef[], options: { limit?: number; exclude?: readonly string[] } = {}): TagSuggestion[] {
  const exclude = new Set((options.exclude ?? []).map((n) => normalize(n.trim())));
  const fields: [string, number][] = [
    [text.headline ?? '', 3],
    [text.dek ?? '', 2],
    [text.body ?? '', 1],
  ];
  const analyzed = fields.map(([t, w]) => ({ text: t, weight: w, terms: mainTerms(t) }));
  // Where each term occurs, so a tag is checked only where its first word is.
  const positions = analyzed.map((f) => {
    const m = new Map<string, number[]>();
    f.terms.forEach((t, i) => {
      const at = m.get(t.term);
      if (at) at.push(i);
      else m.set(t.term, [i]);
    });
    return m;
  });
  const out: TagSuggestion[] = [];
  for (const tag of tags) {
    if (exclude.has(normalize(tag.name.trim()))) continue;
    const want = mainTerms(tag.name).map((t) => t.term);
    if (want.length === 0) continue;
    let score = 0;
    const forms = new Set<string>();
    analyzed.forEach((f, fi) => {
      for (const i of positions[fi]!.get(want[0]!) ?? []) {
        if (!want.every((w, k) => f.terms[i + k]?.term === w)) continue;
        score += f.weight;
        forms.add(f.text.slice(f.terms[i]!.start, f.terms[i + want.length - 1]!.end));
      }
    });
    if (score > 0) out.push({ ...tag, score, forms: [...forms] });
  }
  return out.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'gu')).slice(0, options.limit ?? 10);
}

// ---------------------------------------------------------------------------------------------
// phonetic typing

export interface TypingCandidate {
  word: string;
  /** `vocabulary`: a word of published stories; `exonym`: the English-name table; `rules`: generated. */
  source: 'vocabulary' | 'exonym' | 'rules';
  frequency: number;
  /**
   * True (on the first candidate only) when Space may put it in place of the Latin word: it is
   * close to what was typed and clearly ahead of the next one. Otherwise the word stays as typed
   * and the candidates are only shown: a wrong word put in silently is worse than none.
   */
  autoReplace: boolean;
}

/** When the first candidate is sure enough for Space (tuned on the Aksharantar train split, see scripts/eval/typing.ts). */
export interface TypingConfidence {
  /** Largest distance (key edit distance + lookup cost) from the typed word. */
  maxDistance: number;
  /** Smallest lead in score over the second vocabulary candidate. */
  minMargin: number;
}

export const TYPING_CONFIDENCE: TypingConfidence = { maxDistance: 0.3, minMargin: 0.2 };

/** Gujarati candidates for one Latin word, best first (at most `limit`, default 6), each well-formed. */
export function transliterationCandidates(latin: string, idx: TransliterationIndex | undefined, limit = 6, confidence = TYPING_CONFIDENCE): TypingCandidate[] {
  const word = latin.trim().toLowerCase();
  if (!/^[a-z]+$/u.test(word)) return [];
  const out: TypingCandidate[] = [];
  const seen = new Set<string>();
  const push = (w: string, source: TypingCandidate['source'], frequency: number) => {
    if (!w || seen.has(w) || out.length >= limit || orthographyProblems(w).length > 0) return;
    seen.add(w);
    out.push({ word: w, source, frequency, autoReplace: false });
  };
  // The generator's spelling always gets a place: the word may be new to the site.
  const generated = normalize(latinToGujarati(word));
  const exonym = EXONYMS.get(word);
  if (exonym) push(exonym, 'exonym', idx?.frequency(searchKey(exonym)) ?? 0);
  // Published words with a spelling error (a vowel sign after a virama …) are never offered.
  const found = (idx?.lookup(word, { limit: limit + 2 }) ?? []).filter((c) => orthographyProblems(c.word).length === 0);
  for (const c of found) {
    if (out.length < limit - 1 || c.word === generated) push(c.word, 'vocabulary', c.frequency);
  }
  if (!seen.has(generated)) {
    if (out.length >= limit) out.pop();
    push(generated, 'rules', 0);
  }
  const first = out[0];
  if (first?.source === 'exonym') first.autoReplace = true;
  else if (first?.source === 'vocabulary') {
    const a = found[0];
    // The first word's own inflected forms (મુખ્યમંત્રીએ after મુખ્યમંત્રી) are no rival to it.
    const b = found.slice(1).find((c) => a === undefined || stem(c.word) !== a.word);
    // The lead must hold with and without the rerank's weak cues (detailed key, long vowels): they
    // break near-ties, and a near-tie is exactly when Space must not decide.
    const lead = (x: number, y: number) => x - y >= confidence.minMargin;
    first.autoReplace =
      a !== undefined && a.distance <= confidence.maxDistance && (b === undefined || (lead(b.score, a.score) && lead(b.score - b.rerankCost, a.score - a.rerankCost)));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// spell-check

export interface Misspelling {
  word: string;
  /** UTF-16 offsets in the text sent. */
  start: number;
  end: number;
  suggestions: string[];
}

export interface SpellcheckResult {
  available: boolean;
  misspelt: Misspelling[];
}

export const hunspellDir = '/usr/share/hunspell';

/** Gujarati letters, signs and marks tried in single edits (hunspell's own TRY order). */
const DEFAULT_TRY = 'ંાિીુૂૃેૈૉોૌ્ઃ઼ઁઅઆઇઈઉઊઋએઐઑઓઔકખગઘચછજઞટઠડઢણતથદધનપફબભમયરલવશષસહળ';

/** Longest text checked at once (UTF-16 units) and most words reported. */
export const SPELLCHECK_MAX_TEXT = 200_000;
const MAX_REPORTED = 500;
/**
 * Longest token checked (UTF-16 units; Gujarati letters are one each). Suggestions cost the
 * square of a word's length: a 4,000-letter "word" took 16 s. No Gujarati word comes near this.
 */
export const SPELLCHECK_MAX_WORD = 64;

/**
 * Verb endings (hunspell-gu lists verbs by infinitive, ખસેડવું, and ships no affix rules, so
 * inflected verbs are read here): past ખસેડ્યા/ખસેડયા, present ખસેડે, continuous ખસેડતું,
 * future ખસેડશે, perfect ખસેડેલું, agent ખસેડનાર, conjunctive ખસેડીને, infinitive forms. Each may
 * follow the passive ા (ખસેડાયા, ખસેડાશે) or the causative ાવ (ખસેડાવ્યું).
 */
const VERB_ENDINGS = [
  '્યો', '્યા', '્યું', '્યાં', '્યે', 'યો', 'યા', 'યું', 'યાં', 'યે', 'ી', 'ું', 'ે', 'ો', 'ીએ', 'ીશ', 'ીશું', 'શે', 'શો', 'ીશુ',
  'તો', 'તી', 'તું', 'તા', 'તાં', 'ેલ', 'ેલો', 'ેલી', 'ેલું', 'ેલા', 'ેલાં', 'ેલે', 'નાર', 'નારા', 'નારો', 'નારી', 'નારું', 'ીને', 'ીએ',
  'વું', 'વા', 'વી', 'વો', 'વાનો', 'વાની', 'વાનું', 'વાના', 'વાનાં', 'વામાં', 'વાથી', 'વાને', 'ય', 'યેલ', 'યેલો', 'યેલી', 'યેલું', 'યેલા', 'યેલાં', 'ઈ', 'ઇ',
];
const VERB_VOICES = ['', 'ા', 'ાવ', 'ાવા'];

/** English letter names as Gujarati writes acronyms (બીસીસીઆઇ, ટીઆરપી), searchKey form. */
const LETTER_NAMES = ['એ', 'બી', 'સી', 'ડી', 'ઇ', 'ઈ', 'એફ', 'જી', 'એચ', 'આઇ', 'આઈ', 'જે', 'કે', 'એલ', 'એમ', 'એન', 'ઓ', 'પી', 'ક્યુ', 'ક્યૂ', 'આર', 'એસ', 'ટી', 'યુ', 'યૂ', 'વી', 'ડબલ્યુ', 'ડબ્લ્યુ', 'એક્સ', 'વાય', 'ઝેડ'].map((l) => searchKey(l));

/** True when the word is two or more English letter names in a row. */
function isAcronym(word: string): boolean {
  const ok: boolean[] = [true];
  for (let i = 1; i <= word.length; i++) ok[i] = LETTER_NAMES.some((l) => l.length <= i && ok[i - l.length] === true && word.slice(i - l.length, i) === l);
  if (!ok[word.length]) return false;
  return LETTER_NAMES.every((l) => l !== word);
}

const LONG_IU = /[\u0A88\u0AC0\u0A8A\u0AC2]/u;

/** `looseKey` of a word already in searchKey form: long and short i/u merged. */
function foldLength(k: string): string {
  if (!LONG_IU.test(k)) return k;
  return k.replace(/[\u0A88\u0AC0\u0A8A\u0AC2]/gu, (c) => (c === '\u0A88' ? '\u0A87' : c === '\u0AC0' ? '\u0ABF' : c === '\u0A8A' ? '\u0A89' : '\u0AC1'));
}

/** Edit cost between two words: changes of vowel signs, anusvara and nukta are half a slip. */
function slipCost(a: string, b: string): number {
  const light = /[\u0A81-\u0A83\u0ABC\u0ABE-\u0ACD]/u;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const x = a[i - 1]!;
      const y = b[j - 1]!;
      const sub = x === y ? 0 : light.test(x) && light.test(y) ? 0.5 : 1;
      cur[j] = Math.min(prev[j]! + (light.test(x) ? 0.5 : 1), cur[j - 1]! + (light.test(y) ? 0.5 : 1), prev[j - 1]! + sub);
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The word list read once per directory and shared by every Spellchecker of the process. */
interface Lexicon {
  /** The dictionary's words in searchKey form → as the dictionary writes them. */
  words: Map<string, string>;
  /** The dictionary's words with long and short i/u merged (looseKey): published spellings vary there. */
  loose: Set<string>;
  /** Verb roots: the dictionary's infinitives (ખસેડવું) without વું, searchKey form. */
  verbRoots: Set<string>;
  /** Letters tried in single edits: the .aff's TRY line. */
  alphabet: string;
  /** nspell over the .aff and .dic, only when the .aff has affix rules (hunspell-gu 7.5 has none). */
  affixes: ReturnType<typeof nspell> | undefined;
  /** First syllables (consonant + sign) the list has no word for although Gujarati has many (see `gapsOf`). */
  gaps: Set<string>;
}

const lexicons = new Map<string, Lexicon | null>();

/** Letters that seldom or never begin a Gujarati word: no word starting with them is a gap. */
const RARE_INITIALS = new Set(['ઙ', 'ઞ', 'ણ', 'ળ', 'ષ']);
const INITIAL_SIGNS = ['', 'ા', 'િ', 'ી', 'ુ', 'ૂ', 'ે', 'ૈ', 'ો', 'ૌ'];

/** A word's first syllable: its first consonant and the vowel sign on it (none when it has none). */
function firstSyllable(k: string): string {
  const c = k[0] ?? '';
  const sign = k[1] !== undefined && INITIAL_SIGNS.includes(k[1]) ? k[1] : '';
  return c + sign;
}

/**
 * Holes in the word list, found from its own counts: a first syllable no word has, where the
 * median consonant has at least 50 words with that sign. hunspell-gu 7.5 has no word at all that
 * begins with પ and none with નિ, ની, નો; its silence there says nothing about a word's spelling.
 */
function gapsOf(counts: Map<string, number>): Set<string> {
  const consonants: string[] = [];
  for (let c = 0x0a95; c <= 0x0ab9; c++) {
    const ch = String.fromCharCode(c);
    if (/\p{L}/u.test(ch) && !RARE_INITIALS.has(ch)) consonants.push(ch);
  }
  const gaps = new Set<string>();
  for (const sign of INITIAL_SIGNS) {
    const n = consonants.map((c) => counts.get(c + sign) ?? 0).sort((a, b) => a - b);
    if (n[Math.floor(n.length / 2)]! < 50) continue;
    for (const c of consonants) if ((counts.get(c + sign) ?? 0) === 0) gaps.add(c + sign);
  }
  return gaps;
}

/**
 * A dictionary word that is its own searchKey: Gujarati letters and plain signs only, no nasal +
 * virama, no vowel letter or ા before a sign (what searchKey would compose). Nine words in ten of
 * hunspell-gu are; skipping searchKey for them is most of the load time.
 */
const PLAIN_KEY = /^[\u0A85-\u0A8C\u0A8F\u0A90\u0A93-\u0AB9][\u0A82\u0A83\u0A85-\u0A8C\u0A8F\u0A90\u0A93-\u0AB9\u0ABE-\u0AC3\u0AC7\u0AC8\u0ACB-\u0ACD]*$/u;
const NOT_PLAIN = /[\u0A85\u0A86\u0ABE][\u0ABE-\u0ACC]|[\u0A99\u0A9E\u0AA3\u0AA8\u0AAE]\u0ACD|\u0A82\u0A82/u;

/** `searchKey` of a dictionary word, without its full work when the word is already one. */
export function dictionaryKey(w: string): string {
  return PLAIN_KEY.test(w) && !NOT_PLAIN.test(w) ? w : searchKey(w);
}

function readLexicon(dir: string): Lexicon | null {
  const aff = join(dir, 'gu_IN.aff');
  const dic = join(dir, 'gu_IN.dic');
  if (!existsSync(aff) || !existsSync(dic)) return null;
  const affText = readFileSync(aff, 'utf8');
  const dicText = readFileSync(dic, 'utf8');
  const lex: Lexicon = { words: new Map(), loose: new Set(), verbRoots: new Set(), alphabet: DEFAULT_TRY, affixes: undefined, gaps: new Set() };
  const initials = new Map<string, number>();
  // Without affix rules nspell only looks words up, which the map does; its parse costs seconds.
  // Required only then: a process that never needs affix rules never loads nspell.
  if (/^[PS]FX\s/mu.test(affText)) lex.affixes = (createRequire(import.meta.url)('nspell') as typeof nspell)(affText, dicText);
  const lines = dicText.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const slash = line.indexOf('/');
    const w = (slash < 0 ? line : line.slice(0, slash)).trim();
    if (!w) continue;
    const k = dictionaryKey(w);
    if (!lex.words.has(k)) lex.words.set(k, w);
    lex.loose.add(foldLength(k));
    const first = firstSyllable(k);
    initials.set(first, (initials.get(first) ?? 0) + 1);
    if (k.endsWith('વું') && k.length > 3) lex.verbRoots.add(k.slice(0, -3));
  }
  lex.gaps = gapsOf(initials);
  const tryLine = /^TRY\s+(\S+)/mu.exec(affText);
  if (tryLine?.[1]) lex.alphabet = [...new Set(tryLine[1])].join('');
  return lex;
}

/** The lexicon of `dir`, read on first use and then shared. */
function lexiconOf(dir: string): Lexicon | undefined {
  let lex = lexicons.get(dir);
  if (lex === undefined) {
    lex = readLexicon(dir);
    lexicons.set(dir, lex);
  }
  return lex ?? undefined;
}

/** Every string one edit from `w`: a letter of `alphabet` put in or in place, one dropped, two swapped. */
function forEachEdit(w: string, alphabet: string, visit: (candidate: string) => void): void {
  const chars = [...w];
  for (let i = 0; i <= chars.length; i++) {
    const head = chars.slice(0, i).join('');
    const tail = chars.slice(i).join('');
    const after = chars.slice(i + 1).join('');
    for (const ch of alphabet) {
      if (i < chars.length) visit(head + ch + after);
      visit(head + ch + tail);
    }
    if (i < chars.length) visit(head + after);
    if (i + 1 < chars.length) visit(head + chars[i + 1] + chars[i] + chars.slice(i + 2).join(''));
  }
}

/**
 * The direct forms of an oblique stem: before a case marker a -ો or -ું word ends in ા
 * (ફેફસું → ફેફસામાં, છોકરો → છોકરાને), and adjectives agree in ા / ાં (કેટલાં beside કેટલું).
 */
function obliqueBases(st: string): string[] {
  const base = st.endsWith('ાં') ? st.slice(0, -2) : st.endsWith('ા') ? st.slice(0, -1) : '';
  return base.length > 1 ? [base + 'ો', base + 'ું'] : [];
}

/** searchKey of a word as checked: a final visarga is often a colon (દિલ્હીઃ). */
function wordKey(word: string): string {
  return searchKey(normalize(word)).replace(/(?<=[\u0A81-\u0AD0])\u0A83$/u, '');
}

/**
 * Derivational suffixes written joined to a known word: abstract nouns (-તા, -ત્વ, -પણું),
 * adjectives (-ીય, -િક, -ાત્મક, -મય, -જનક, -પૂર્વક), owners and makers (-વાળું, -દાર, -કાર),
 * ordinals on number words (-મો, -મી, -મું), -ભર (દેશભર), -કરણ (વર્ગીકરણ).
 */
const DERIVATIONAL_SUFFIXES = ['તા', 'તાઓ', 'ત્વ', 'પણું', 'પણા', 'પણે', 'ીય', 'િક', 'ાત્મક', 'મય', 'જનક', 'પૂર્વક', 'વાળું', 'વાળો', 'વાળી', 'વાળા', 'દાર', 'કાર', 'મો', 'મી', 'મું', 'મા', 'ભર', 'ીકરણ', 'ીકૃત'];

/** Vowel signs, anusvara and virama: the letters of a light slip. */
const SIGN_SLIPS = 'ાિીુૂૃેૈોૌં્';

/** Uses in one text (by stem) that make an unknown word the writer's own spelling. */
const REPEATED_IN_TEXT = 3;
/** Site frequency of a word one edit away that marks a word the list cannot judge. */
const NEAR_FREQUENT = 3;

export class Spellchecker {
  constructor(private readonly dir = hunspellDir) {}

  /** True when the gu_IN dictionary is installed (read on first use, then shared by the process). */
  get available(): boolean {
    return lexiconOf(this.dir) !== undefined;
  }

  /** Reads the dictionary now (the server calls it after start, so no reporter waits for it). */
  warm(): boolean {
    return this.available;
  }

  /**
   * A word is right when the dictionary has it (also in another spelling of one search key),
   * the site has published it, it is an inflected form (noun + case marker or plural, verb root +
   * ending) of a word either knows.
   */
  isCorrect(word: string, known?: (w: string) => number, inText?: (w: string) => number): boolean {
    const lex = lexiconOf(this.dir);
    if (!lex) return true;
    const n = normalize(word);
    if (lex.affixes?.correct(n)) return true;
    // a number with a case marker (2012માં, 3જી) is not a spelling
    if (/[0-9\u0AE6-\u0AEF]/u.test(n)) return true;
    const k = wordKey(n);
    const isWord = (w: string) => lex.words.has(w) || (known?.(w) ?? 0) >= 1 || lex.loose.has(foldLength(w)) || isAcronym(w);
    if (isWord(k)) return true;
    for (const st of stemCandidates(k, { minStem: 1 })) if ((st !== k && isWord(st)) || obliqueBases(st).some(isWord)) return true;
    if (this.isVerbForm(lex, k)) return true;
    if (this.isDerived(k, isWord)) return true;
    // The story itself uses the word, inflected or not, three times or more: a name or term the
    // reporter spells on purpose (ઓસ્બોર્ન, ઓસ્બોર્ને, ઓસ્બોર્નના), unless one vowel-sign slip
    // makes it a listed or frequent word (ગુજરત thrice is still ગુજરાત misspelt).
    if (inText && inText(stem(k)) >= REPEATED_IN_TEXT && !this.nearKnown(lex, k, known, true)) return true;
    // a compound of two known words (પાનકાર્ડ, શૂટઆઉટ, આવકવેરા), the second possibly inflected
    // (short words are left out: two short dictionary words make almost any slip, ગુજ + રત)
    for (let i = 3; k.length >= 7 && i <= k.length - 3; i++) {
      if (!/^[\u0A85-\u0AB9]/u.test(k.slice(i)) || !isWord(k.slice(0, i))) continue;
      const tail = k.slice(i);
      if (isWord(tail) || stemCandidates(tail).some((st) => st !== tail && isWord(st)) || this.isVerbForm(lex, tail)) return true;
    }
    // Where the list has a hole the word cannot be judged by it; only a frequent site word one
    // slip away (પરિસ્થતિ beside પરિસ્થિતિ) marks it.
    if (lex.gaps.has(firstSyllable(k))) return !this.nearKnown(lex, k, known, false);
    return false;
  }

  /**
   * A known word + a derivational suffix (સક્રિય + તા, વ્યાપાર + િક, ઓગણીસ + મો), itself maybe
   * inflected (સક્રિયતાને): hunspell's SFX rules, which gu_IN.aff does not ship.
   */
  private isDerived(k: string, isWord: (w: string) => boolean): boolean {
    for (const form of new Set([k, ...stemCandidates(k, { minStem: 2 })])) {
      for (const suffix of DERIVATIONAL_SUFFIXES) {
        if (!form.endsWith(suffix)) continue;
        const base = form.slice(0, -suffix.length);
        if (graphemeLength(base) >= 2 && isWord(base)) return true;
      }
    }
    return false;
  }

  /**
   * True when a word the site has published often is one edit from `k`; with `listed`, a listed
   * or frequent word one vowel-sign edit away (the slip a reporter repeats without noticing).
   */
  private nearKnown(lex: Lexicon, k: string, known: ((w: string) => number) | undefined, listed: boolean): boolean {
    if (!known && !listed) return false;
    let near = false;
    forEachEdit(k, listed ? SIGN_SLIPS : lex.alphabet, (c) => {
      if (!near && c !== k && ((listed && lex.words.has(c)) || (known?.(c) ?? 0) >= NEAR_FREQUENT)) near = true;
    });
    return near;
  }

  /** A verb root of the dictionary + an ending (ખસેડાયા = ખસેડ + passive ા + યા). */
  private isVerbForm(lex: Lexicon, k: string): boolean {
    for (const e of VERB_ENDINGS) {
      if (!k.endsWith(e) || k.length <= e.length) continue;
      const rest = k.slice(0, -e.length);
      for (const v of VERB_VOICES) {
        if (!rest.endsWith(v)) continue;
        const root = v === '' ? rest : rest.slice(0, -v.length);
        if (root.length > 0 && lex.verbRoots.has(root)) return true;
      }
    }
    return false;
  }

  /**
   * Words one edit away (delete, insert, replace, swap over the dictionary's TRY letters) that the
   * dictionary or the site knows, nearest first (a vowel sign, anusvara or nukta slip counts half)
   * and, at one distance, the site's most used first. nspell's own `suggest` also tries two
   * edits, which takes seconds on long Gujarati words; one edit answers in milliseconds.
   */
  suggest(word: string, limit = 5, known?: (w: string) => number): string[] {
    const lex = lexiconOf(this.dir);
    if (!lex) return [];
    const w = normalize(word);
    const found = new Map<string, { shown: string; cost: number; frequency: number }>();
    const add = (c: string) => {
      if (c === w || c.length === 0) return;
      const k = searchKey(c);
      if (found.has(k) || k === searchKey(w)) return;
      const frequency = known?.(k) ?? 0;
      const shown = lex.words.get(k) ?? (lex.affixes?.correct(c) ? c : frequency >= 1 ? k : undefined);
      if (shown === undefined) return;
      found.set(k, { shown, cost: slipCost(w, c), frequency });
    };
    forEachEdit(w, lex.alphabet, add);
    return [...found.values()]
      .sort((a, b) => a.cost - b.cost || b.frequency - a.frequency || (lex.words.has(searchKey(b.shown)) ? 1 : 0) - (lex.words.has(searchKey(a.shown)) ? 1 : 0))
      .slice(0, limit)
      .map((x) => x.shown);
  }

  /** Misspelt Gujarati words of a text with suggestions; other scripts and numbers are not checked. */
  check(text: string, known?: (w: string) => number): SpellcheckResult {
    if (!lexiconOf(this.dir)) return { available: false, misspelt: [] };
    const misspelt: Misspelling[] = [];
    const verdicts = new Map<string, string[] | null>();
    const tokens = tokenize(text.slice(0, SPELLCHECK_MAX_TEXT)).filter((t) => t.script === 'gujarati' && t.text.length <= SPELLCHECK_MAX_WORD);
    const uses = new Map<string, number>();
    for (const tok of tokens) {
      const st = stem(wordKey(tok.text));
      uses.set(st, (uses.get(st) ?? 0) + 1);
    }
    const inText = (st: string) => uses.get(st) ?? 0;
    for (const tok of tokens) {
      let v = verdicts.get(tok.text);
      if (v === undefined) {
        v = this.isCorrect(tok.text, known, inText) ? null : this.suggest(tok.text, 5, known);
        verdicts.set(tok.text, v);
      }
      if (v) misspelt.push({ word: tok.text, start: tok.start, end: tok.end, suggestions: v });
      if (misspelt.length >= MAX_REPORTED) break;
    }
    return { available: true, misspelt };
  }
}
