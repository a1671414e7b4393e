// The search analyzer: text → index terms, query → query terms. Pure and synchronous.
//
// DECISION: every term is ASCII `[a-z0-9]+` (lowercase letters and digits, starting with a
// letter). Such terms pass unchanged through SQLite FTS5's default `unicode61` tokenizer and
// PostgreSQL's default parser with `to_tsvector('simple', …)` / `to_tsquery('simple', …)`: no
// tokenizer configuration is needed, and no engine ever sees a Gujarati vowel sign (FTS5's
// default unicode61 would split Gujarati words at every sign). Each term starts with its kind:
//
//   g…  a Gujarati stem, reversibly encoded: every character U+0A80..U+0AFF is written as two
//       base-32 digits of its offset (`decodeTerm` gives the Gujarati back, e.g. for "did you
//       mean" suggestions); Devanagari input is folded to Gujarati first.
//   w…  a Latin word (lowercased, accents and apostrophes removed, possessive 's dropped).
//   n…  a number (Gujarati digits folded to ASCII; "1,23,456" → n123456, "3.5" → n3x5).
//   p…  a phonetic key: the consonant skeleton of a Gujarati stem or Latin word
//       (`skeletonKey`), the same for પાકિસ્તાન, पाकिस्तान and "pakistan" → ppkstn.
//
// Stems (g/w/n) and phonetic keys (p) are separate kinds: index them in two columns (see
// `indexColumns`) so phrases stay adjacent in the first and Latin queries can fall back to the
// second. `termsToIndexText` gives one string with every term for a single-column index.
// The production index (FTS5 / tsvector, written by src/search/) stores exactly these terms.

import { searchKey, devanagariToGujarati } from '../gujarati/normalize.js';
import { tokenize } from '../gujarati/tokenize.js';
import { stem as stemWord, type StemOptions } from '../gujarati/stem.js';
import { foldLatin, skeletonOf, skeletonKey, EXONYMS } from '../gujarati/phonetic.js';
import { TransliterationIndex } from '../gujarati/transliterate.js';

export type TermKind = 'stem' | 'latin' | 'number' | 'phonetic';

export interface IndexTerm {
  /** The ASCII term as stored in the index. */
  term: string;
  kind: TermKind;
  /** Word position in the text (shared by a word's stem and phonetic key). */
  position: number;
  /** UTF-16 offsets of the source word in the original text (for highlighting). */
  start: number;
  end: number;
}

// ---------------------------------------------------------------------------------------------
// term encoding

const B32 = '0123456789abcdefghijklmnopqrstuv';

/** Encode a folded Gujarati string as an ASCII `g…` term. Non-Gujarati characters are dropped. */
export function encodeGujarati(text: string): string {
  let out = 'g';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - 0x0a80;
    if (c < 0 || c > 0x7f) continue;
    out += B32[c >> 5]! + B32[c & 31]!;
  }
  return out;
}

/** Decode a `g…` term back to Gujarati; other terms are returned without their kind letter. */
export function decodeTerm(term: string): string {
  if (!term.startsWith('g')) return term.slice(1);
  let out = '';
  for (let i = 1; i + 1 < term.length; i += 2) {
    const hi = B32.indexOf(term[i]!);
    const lo = B32.indexOf(term[i + 1]!);
    if (hi < 0 || lo < 0) return '';
    out += String.fromCharCode(0x0a80 + hi * 32 + lo);
  }
  return out;
}

/** The kind of an encoded term. */
export function termKind(term: string): TermKind {
  return term[0] === 'g' ? 'stem' : term[0] === 'w' ? 'latin' : term[0] === 'n' ? 'number' : 'phonetic';
}

// ---------------------------------------------------------------------------------------------
// word analysis

interface WordTerms {
  main: string; // g…, w… or n…
  kind: TermKind;
  /** The stem or folded Latin word the phonetic key is made from ('' for numbers). */
  sound: string;
  /** p… or '' once computed (see `phoneticOf`): highlighting exact matches never needs it. */
  phonetic?: string;
}

// Phonetic keys by stem: the inflected forms of a word (cached separately) share one.
const sounds = new Map<string, string>();

/** The word's phonetic key (p…), computed on first use. */
function phoneticOf(w: WordTerms): string {
  if (w.phonetic === undefined) {
    let key = sounds.get(w.sound);
    if (key === undefined) {
      const sk = w.sound === '' ? '' : w.kind === 'stem' ? skeletonKey(w.sound) : skeletonOf(foldLatin(w.sound));
      key = sk ? `p${sk}` : '';
      if (sounds.size >= CACHE_MAX) sounds.clear();
      sounds.set(w.sound, key);
    }
    w.phonetic = key;
  }
  return w.phonetic;
}

/** Split a folded token into runs of one script (Redmiએ → Redmi + એ, 1918માં → 1918 + માં). */
function scriptRuns(folded: string): string[] {
  return folded.match(/[\u0A80-\u0AFF]+|[a-z\p{Script=Latin}'’]+|[0-9][0-9.,]*[0-9]|[0-9]|[^\u0A80-\u0AFFa-z0-9\p{Script=Latin}'’.,]+/gu) ?? [];
}

const cache = new Map<string, WordTerms[]>();
const CACHE_MAX = 200_000;

function latinStem(w: string): string {
  let s = w.replace(/['’]s$/u, '').replace(/['’]/gu, '');
  s = s.normalize('NFKD').replace(/[\u0300-\u036F]/gu, '').replace(/[^a-z0-9]/gu, '');
  return s;
}

function analyzeRun(run: string, opts: StemOptions): WordTerms | undefined {
  if (/^[\u0A80-\u0AFF]+$/u.test(run)) {
    if (!/[\u0A85-\u0AB9]/u.test(run)) return undefined; // signs only
    const st = stemWord(run, opts);
    return { main: encodeGujarati(st), kind: 'stem', sound: st, phonetic: undefined };
  }
  if (/^[0-9]/u.test(run)) {
    const digits = run.replace(/,/gu, '').replace(/\./gu, 'x');
    return { main: `n${digits}`, kind: 'number', sound: '', phonetic: undefined };
  }
  if (/^[a-z\p{Script=Latin}'’]+$/u.test(run)) {
    const w = latinStem(run);
    if (!w) return undefined;
    return { main: `w${w}`, kind: 'latin', sound: w, phonetic: undefined };
  }
  return undefined; // other scripts: not indexed
}

function analyzeWord(raw: string, opts: StemOptions): WordTerms[] {
  const useCache = opts.vocabulary === undefined && opts.minStem === undefined;
  if (useCache) {
    const hit = cache.get(raw);
    if (hit) return hit;
  }
  const folded = searchKey(devanagariToGujarati(raw));
  const out: WordTerms[] = [];
  for (const run of scriptRuns(folded)) {
    const t = analyzeRun(run, opts);
    if (t) out.push(t);
  }
  if (useCache) {
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(raw, out);
  }
  return out;
}

export interface AnalyzeOptions {
  /** Passed to the stemmer (vocabulary tie-breaker). */
  stem?: StemOptions;
  /** Emit phonetic keys (default true). */
  phonetic?: boolean;
}

/** Index terms of a document text, in reading order. */
export function analyze(text: string, options: AnalyzeOptions = {}): IndexTerm[] {
  const out: IndexTerm[] = [];
  const phon = options.phonetic ?? true;
  let position = 0;
  for (const tok of tokenize(text)) {
    for (const w of analyzeWord(tok.text, options.stem ?? {})) {
      out.push({ term: w.main, kind: w.kind, position, start: tok.start, end: tok.end });
      const sound = phon ? phoneticOf(w) : '';
      if (sound) out.push({ term: sound, kind: 'phonetic', position, start: tok.start, end: tok.end });
      position++;
    }
  }
  return out;
}

/** All terms as one space-separated string (single-column index). */
export function termsToIndexText(terms: readonly IndexTerm[]): string {
  return terms.map((t) => t.term).join(' ');
}

/** Two columns: `text` (stems, Latin words, numbers: phrases stay adjacent) and `sounds` (phonetic keys). */
export function indexColumns(terms: readonly IndexTerm[]): { text: string; sounds: string } {
  const text: string[] = [];
  const sounds: string[] = [];
  for (const t of terms) (t.kind === 'phonetic' ? sounds : text).push(t.term);
  return { text: text.join(' '), sounds: sounds.join(' ') };
}

/** Folded Gujarati word forms of a text with counts: the vocabulary a Latin query is matched against. */
export function vocabularyOf(text: string, into: Map<string, number> = new Map()): Map<string, number> {
  for (const tok of tokenize(text)) {
    const folded = searchKey(devanagariToGujarati(tok.text));
    for (const run of scriptRuns(folded)) {
      if (/^[\u0A80-\u0AFF]+$/u.test(run) && /[\u0A85-\u0AB9]/u.test(run)) into.set(run, (into.get(run) ?? 0) + 1);
    }
  }
  return into;
}

// ---------------------------------------------------------------------------------------------
// queries

export interface QueryAlternative {
  term: string;
  /** Relative weight (1 for the word itself; less for transliteration guesses and sounds). */
  weight: number;
  /** A far transliteration guess: it may satisfy the word only in the `similar` tier. */
  loose?: boolean;
}

/** One query word: any of its alternatives may match. */
export interface QueryGroup {
  /** The word as typed. */
  source: string;
  alternatives: QueryAlternative[];
}

export interface AnalyzedQuery {
  /** Words that must match (each an OR of alternatives). */
  groups: QueryGroup[];
  /** Phrases: sequences of main terms that must be adjacent. */
  phrases: string[][];
  /** Words that must not match. */
  excluded: QueryGroup[];
  /** `name:value` filters left for the caller (section:, from:, to: …). */
  filters: Record<string, string>;
}

export type QueryVocabulary = TransliterationIndex | ReadonlyMap<string, number>;

export interface QueryOptions {
  /** How many transliteration candidates a Latin word expands to (default 3). */
  candidates?: number;
  /** Add the phonetic key of each word as a low-weight alternative (default true). */
  phonetic?: boolean;
}

const indexes = new WeakMap<ReadonlyMap<string, number>, TransliterationIndex>();

/**
 * The transliteration index for Latin queries: every word form of the vocabulary plus its stem
 * (so "pakistan" finds પાકિસ્તાન when the index only holds પાકિસ્તાનમાં). Build it once per
 * vocabulary and pass it to `analyzeQuery` (a Map passed directly is indexed once and cached).
 */
export function buildQueryIndex(vocabulary: ReadonlyMap<string, number>): TransliterationIndex {
  const steps = queryIndexSteps(vocabulary);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Words indexed between two pauses of `queryIndexSteps` (a fraction of a millisecond each). */
const WORDS_PER_STEP = 25;

/**
 * `buildQueryIndex` in small steps: it pauses (yields) every few words and returns the index
 * when done. Building takes about 0.1 ms a word, so a site's whole vocabulary in one go would
 * hold a server's event loop for a second or more; a caller can let other work run between steps.
 */
export function* queryIndexSteps(vocabulary: ReadonlyMap<string, number>): Generator<void, TransliterationIndex> {
  const idx = new TransliterationIndex([]);
  let n = 0;
  for (const [w, f] of vocabulary) {
    idx.add(w, f);
    if (++n % WORDS_PER_STEP === 0) yield;
  }
  for (const [w, f] of vocabulary) {
    const st = stemWord(w, { vocabulary: (x) => vocabulary.get(x) ?? 0 });
    if (st !== w) idx.add(st, f);
    if (++n % WORDS_PER_STEP === 0) yield;
  }
  return idx;
}

function toIndex(v: QueryVocabulary | undefined): TransliterationIndex | undefined {
  if (!v) return undefined;
  if (v instanceof TransliterationIndex) return v;
  let idx = indexes.get(v);
  if (!idx) {
    idx = buildQueryIndex(v);
    indexes.set(v, idx);
  }
  return idx;
}

/** A Gujarati word a Latin word may stand for, with its index term and lookup score (lower is closer). */
export interface LatinGuess {
  word: string;
  term: string;
  score: number;
}

/** Words looked up beyond the stems wanted: forms of one word often fill the first places. */
const GUESS_EXTRA = 5;

/**
 * The vocabulary words nearest to a Latin word, one per stem, best first. Without the
 * de-duplication, forms of one word (મહિના, મહિનાના, મહિનાનો) take every place and the next
 * real alternative is never tried. `parseSearch` grades the same guesses, so both agree.
 */
export function latinGuesses(idx: TransliterationIndex, latin: string, count: number): LatinGuess[] {
  const out: LatinGuess[] = [];
  for (const c of idx.lookup(latin, { limit: count + GUESS_EXTRA })) {
    const term = encodeGujarati(stemWord(c.word, { vocabulary: (x) => idx.frequency(x) }));
    if (!out.some((g) => g.term === term)) out.push({ word: c.word, term, score: c.score });
    if (out.length >= count) break;
  }
  return out;
}

/**
 * Ranking weight of the i-th guess, `behind` lookup score units after the first: a runner-up
 * almost as close as the first counts almost as much, a distant one little. Set on the Dakshina
 * dev sentences (`npm run eval:gujarati -- --only retrieval`): with guesses weighted by rank
 * (0.9, 0.5, 0.4) and not de-duplicated, MRR was 0.9654 (3 words) and 0.9038 (2 words); as here,
 * 0.9675 and 0.9082.
 */
function guessWeight(i: number, behind: number): number {
  return i === 0 ? 0.9 : Math.max(0.3, 0.9 * Math.exp(-behind / 2));
}

// Latin endings people type for Gujarati case markers (pakistanma, modine, gujaratni …)
const LATIN_ENDINGS = ['manthi', 'maanthi', 'thi', 'maan', 'maa', 'ma', 'nu', 'nun', 'no', 'ni', 'nee', 'na', 'naa', 'ne', 'e', 'o', 'one', 'oni', 'ona', 'ono', 'oma'];

function latinBase(word: string): string[] {
  const out: string[] = [];
  for (const e of LATIN_ENDINGS) {
    if (word.length - e.length >= 3 && word.endsWith(e)) out.push(word.slice(0, -e.length));
  }
  return out;
}

function groupFor(word: string, idx: TransliterationIndex | undefined, o: Required<QueryOptions>): QueryGroup | undefined {
  const alts = new Map<string, number>();
  const put = (term: string, weight: number) => {
    if (!term || term === 'p' || term === 'g') return;
    alts.set(term, Math.max(alts.get(term) ?? 0, weight));
  };
  const folded = searchKey(devanagariToGujarati(word));
  const runs = scriptRuns(folded);
  const isLatin = /^[a-z'’]+$/u.test(folded);
  if (!isLatin) {
    // Gujarati / Devanagari / numbers / mixed: the analyzed terms of the word
    for (const w of analyzeWord(word, {})) {
      put(w.main, 1);
      if (o.phonetic) put(phoneticOf(w), 0.3);
    }
    if (runs.length === 0) return undefined;
  } else {
    const lw = latinStem(folded);
    if (!lw) return undefined;
    put(`w${lw}`, 1); // the Latin word itself (English words in Gujarati text: SCO, COVID)
    const ex = EXONYMS.get(lw);
    if (ex) put(encodeGujarati(stemWord(searchKey(ex))), 1);
    if (idx) {
      const guesses = latinGuesses(idx, lw, o.candidates);
      const best = guesses[0]?.score ?? 0;
      guesses.forEach((c, i) => put(c.term, guessWeight(i, c.score - best)));
    }
    if (o.phonetic) {
      const sk = skeletonOf(foldLatin(lw));
      put(sk ? `p${sk}` : '', 0.5);
      for (const b of latinBase(lw)) {
        const bk = skeletonOf(foldLatin(b));
        put(bk ? `p${bk}` : '', 0.4);
      }
    }
  }
  if (alts.size === 0) return undefined;
  return { source: word, alternatives: [...alts].map(([term, weight]) => ({ term, weight })).sort((a, b) => b.weight - a.weight) };
}

/**
 * Analyze a search query (Gujarati, Latin or Devanagari): words, "quoted phrases", -exclusions
 * and name:value filters. With a vocabulary (the index's word forms and counts), Latin words
 * expand to their likeliest Gujarati words.
 */
export function analyzeQuery(text: string, vocabulary?: QueryVocabulary, options: QueryOptions = {}): AnalyzedQuery {
  const o: Required<QueryOptions> = { candidates: options.candidates ?? 3, phonetic: options.phonetic ?? true };
  const idx = toIndex(vocabulary);
  const q: AnalyzedQuery = { groups: [], phrases: [], excluded: [], filters: {} };
  const parts = text.match(/-?"[^"]*"?|[^\s"]+/gu) ?? [];
  for (const part of parts) {
    const neg = part.startsWith('-') && part.length > 1;
    const body = neg ? part.slice(1) : part;
    if (body.startsWith('"')) {
      const inner = body.replace(/^"|"$/gu, '');
      const groups = tokenize(inner)
        .map((t) => groupFor(t.text, idx, o))
        .filter((g): g is QueryGroup => g !== undefined);
      if (neg) q.excluded.push(...groups);
      else if (groups.length > 1) {
        q.phrases.push(groups.map((g) => g.alternatives.find((a) => a.term[0] !== 'p')?.term ?? g.alternatives[0]!.term));
        q.groups.push(...groups);
      } else q.groups.push(...groups);
      continue;
    }
    const filter = /^([a-z_]+):(.+)$/u.exec(body);
    if (filter && !neg) {
      q.filters[filter[1]!] = filter[2]!;
      continue;
    }
    for (const t of tokenize(body)) {
      const g = groupFor(t.text, idx, o);
      if (g) (neg ? q.excluded : q.groups).push(g);
    }
  }
  return q;
}

function fts5Group(g: QueryGroup, column?: { text: string; sounds: string }): string {
  const terms = g.alternatives.map((a) => {
    if (!column) return a.term;
    return `${a.term[0] === 'p' ? column.sounds : column.text} : ${a.term}`;
  });
  return terms.length === 1 ? terms[0]! : `(${terms.join(' OR ')})`;
}

/**
 * The groups an all-words query must test on their own: a word inside a quoted phrase is
 * already required by the phrase, and testing it again costs a second pass over its postings.
 */
function requiredGroups(q: AnalyzedQuery): QueryGroup[] {
  if (q.phrases.length === 0) return q.groups;
  const inPhrases = new Set(q.phrases.flat());
  return q.groups.filter((g) => !g.alternatives.some((a) => inPhrases.has(a.term)));
}

/**
 * An FTS5 MATCH expression: words ANDed (each an OR of its alternatives), phrases quoted,
 * exclusions with NOT. Pass column names when stems and sounds live in two columns.
 * Returns '' when nothing is searchable.
 */
export function queryToFts5(q: AnalyzedQuery, columns?: { text: string; sounds: string }): string {
  const parts = requiredGroups(q).map((g) => fts5Group(g, columns));
  for (const p of q.phrases) parts.push(columns ? `${columns.text} : "${p.join(' ')}"` : `"${p.join(' ')}"`);
  if (parts.length === 0) return '';
  let expr = parts.join(' AND ');
  for (const g of q.excluded) expr += ` NOT ${fts5Group(g, columns)}`;
  return expr;
}

/**
 * A PostgreSQL tsquery string for `to_tsquery('simple', …)`: `&` between words, `|` between
 * alternatives, `<->` inside phrases, `!` for exclusions. Returns '' when nothing is searchable.
 */
export function queryToTsquery(q: AnalyzedQuery): string {
  const group = (g: QueryGroup) => (g.alternatives.length === 1 ? g.alternatives[0]!.term : `(${g.alternatives.map((a) => a.term).join(' | ')})`);
  const parts = requiredGroups(q).map(group);
  for (const p of q.phrases) parts.push(`(${p.join(' <-> ')})`);
  if (parts.length === 0) return '';
  for (const g of q.excluded) parts.push(`!${group(g)}`);
  return parts.join(' & ');
}

/** Terms of a query whose matches should be highlighted (main and phonetic alternatives). */
export function queryTerms(q: AnalyzedQuery): Set<string> {
  const s = new Set<string>();
  for (const g of q.groups) for (const a of g.alternatives) s.add(a.term);
  return s;
}
