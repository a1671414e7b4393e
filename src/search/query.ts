// From what a reader typed to what the engine is asked. Pure.
//
// `section:slug` narrows to a section and its sub-sections; `after:YYYY-MM-DD` keeps stories
// published on that day or later, `before:YYYY-MM-DD` those published before that day (days in
// the site's time zone; Gujarati digits allowed). Other `name:value` tokens (a pasted URL, a
// time like 10:30) are searched as words.

import type { Section } from '../db/schema.js';
import { toAsciiDigits } from '../gujarati/numerals.js';
import { searchKey } from '../gujarati/normalize.js';
import { stem } from '../gujarati/stem.js';
import { foldLatin, phoneticKey } from '../gujarati/phonetic.js';
import { graphemeLength } from '../gujarati/tokenize.js';
import { TransliterationIndex } from '../gujarati/transliterate.js';
import { analyzeQuery, encodeGujarati, latinGuesses, type AnalyzedQuery, type QueryAlternative, type QueryGroup, type QueryVocabulary } from './analyzer.js';
import { NAMES } from './names.js';

/** Longest query looked at, in UTF-16 units; the rest is ignored. */
export const MAX_QUERY_LENGTH = 500;
/** Most words (OR-groups) a query may have; more would only make it slower, not better. */
export const MAX_WORDS = 16;

export interface ParsedSearch {
  query: AnalyzedQuery;
  /** The words as typed (for "did you mean"). */
  words: string[];
  sectionIds?: number[];
  sectionSlug?: string;
  /** ISO instants. */
  from?: string;
  to?: string;
  after?: string;
  before?: string;
  /** Filters that could not be understood, as messages for the reader. */
  problems: SearchProblem[];
}

export type SearchProblem = { kind: 'unknown_section'; value: string } | { kind: 'bad_date'; name: string; value: string };

/** Minutes east of UTC of a time zone at an instant, from Intl (`GMT+05:30`). */
function offsetMinutes(timeZone: string, at: Date): number {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(part ?? '');
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** The UTC instant a local day starts in a time zone, or undefined for a date that does not exist. */
export function dayStart(day: string, timeZone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(toAsciiDigits(day));
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return new Date(utc - offsetMinutes(timeZone, new Date(utc)) * 60_000).toISOString();
}

/** The ids of a section and everything under it. */
function family(sections: readonly Section[], root: Section): number[] {
  const ids = [root.id];
  for (let i = 0; i < ids.length; i++) for (const s of sections) if (s.parent_id === ids[i] && !ids.includes(s.id)) ids.push(s.id);
  return ids;
}

export interface ParseContext {
  sections: readonly Section[];
  timeZone: string;
}

export function parseSearch(text: string, vocabulary: QueryVocabulary | undefined, ctx: ParseContext): ParsedSearch {
  const raw = text.slice(0, MAX_QUERY_LENGTH);
  const query = analyzeQuery(raw, vocabulary);
  const out: ParsedSearch = { query, words: [], problems: [] };
  const asWords: string[] = [];
  for (const [name, value] of Object.entries(query.filters)) {
    if (name === 'section') {
      const s = ctx.sections.find((x) => x.slug === value || x.slug === value.toLowerCase());
      if (s) {
        out.sectionIds = family(ctx.sections, s);
        out.sectionSlug = s.slug;
      } else {
        out.sectionIds = [];
        out.problems.push({ kind: 'unknown_section', value });
      }
    } else if (name === 'after' || name === 'before') {
      const at = dayStart(value, ctx.timeZone);
      if (!at) out.problems.push({ kind: 'bad_date', name, value });
      else if (name === 'after') {
        out.from = at;
        out.after = toAsciiDigits(value);
      } else {
        out.to = at;
        out.before = toAsciiDigits(value);
      }
    } else asWords.push(`${name} ${value}`);
  }
  if (asWords.length > 0) {
    const extra = analyzeQuery(asWords.join(' '), vocabulary);
    query.groups.push(...extra.groups);
  }
  query.filters = {};
  if (vocabulary instanceof TransliterationIndex) {
    query.groups = query.groups.map((g) => pruneGuesses(g, vocabulary));
    query.excluded = query.excluded.map((g) => pruneGuesses(g, vocabulary));
  }
  query.groups = query.groups.slice(0, MAX_WORDS);
  query.excluded = query.excluded.slice(0, MAX_WORDS);
  out.words = query.groups.map((g) => g.source);
  return out;
}

/**
 * Transliteration guesses must be close: the analyzer expands a Latin word to its 3 nearest
 * vocabulary words however far they are (`xyzzy` → સાઇઝ), and a far guess matches unrelated
 * stories. Lookup scores: 0 is a perfect sound match; real spellings score under ~0.6, wrong
 * words over ~0.9. A guess within `STRICT_GUESS` may satisfy the word in the `all` tier; one
 * within `GUESS_MAX` (and `GUESS_MARGIN` of the best) only in `similar`: a reader who typed
 * "imran" has not found all the words in a story that says અમારા. `STRICT_GUESS` was set on
 * the Dakshina dev sentences (`npm run eval:gujarati`, precision): 0.5 / 0.7 / 0.9 gave 1.4% /
 * 1.5% / 2.2% false `all` answers for Latin queries whose story is absent.
 */
export const STRICT_GUESS = 0.7;
const GUESS_MAX = 1.2;
const GUESS_MARGIN = 0.3;

/**
 * Short function words (postpositions, particles, auxiliaries). One of them standing in for a
 * Latin content word is never a match: "khan" is not કે, "shah" is not છે.
 */
const FUNCTION_WORDS = new Set(
  ['કે', 'છે', 'ને', 'તે', 'એ', 'આ', 'જે', 'તો', 'પણ', 'જ', 'ના', 'ની', 'નો', 'નું', 'માં', 'થી', 'પર', 'હું', 'તું', 'અને', 'શું', 'હા', 'ન', 'ઓ', 'છો', 'છું', 'હતા', 'હતી', 'હતો', 'હશે', 'થઈ', 'થયો', 'થયા', 'થાય', 'કર', 'કરી', 'કહે', 'કહી', 'ખો', 'એક', 'બે', 'સાથે', 'માટે', 'સુધી', 'પછી', 'કઈ', 'કોઈ', 'કયા', 'કેમ'].map((w) => searchKey(w)),
);

/** True for a word too short or too common to stand for a Latin content word it only resembles. */
export function isFunctionWord(gujarati: string): boolean {
  return FUNCTION_WORDS.has(gujarati) || graphemeLength(gujarati) <= 1;
}

/** A sound key needs two consonants: one (`pk`: કે, ખો, ખાન …) matches half the vocabulary. */
const MIN_SKELETON = 2;

function weakSound(term: string): boolean {
  if (term[0] !== 'p') return false;
  const skel = term.slice(1);
  return skel.replace(/^a/u, '').length < MIN_SKELETON;
}

function pruneGuesses(g: QueryGroup, idx: TransliterationIndex): QueryGroup {
  const word = searchKey(g.source).toLowerCase();
  if (!/^[a-z'’]+$/u.test(word)) return { ...g, alternatives: g.alternatives.filter((a) => !weakSound(a.term)) };
  const latin = word.replace(/['’]/gu, '');
  const cands = latinGuesses(idx, latin, 3);
  const best = cands[0]?.score ?? 0;
  const fine = foldLatin(latin);
  const grade = new Map<string, 'strict' | 'loose'>();
  for (const c of cands) {
    if (c.score > GUESS_MAX || c.score > best + GUESS_MARGIN) continue;
    // a function word only counts when it is what was typed, sound for sound ("ke" → કે)
    if (isFunctionWord(c.word) && phoneticKey(c.word) !== fine) continue;
    const term = c.term;
    const level = c.score <= STRICT_GUESS && !nameElsewhere(latin, c.word) ? 'strict' : 'loose';
    if (grade.get(term) !== 'strict') grade.set(term, level);
  }
  const alternatives: QueryAlternative[] = [];
  for (const a of g.alternatives) {
    if (weakSound(a.term)) continue;
    // Weight 1 marks the word itself and an exonym or name-table entry: always kept, strict.
    if (a.term[0] !== 'g' || a.weight >= 1) alternatives.push(a);
    else {
      const level = grade.get(a.term);
      if (level === 'strict') alternatives.push(a);
      else if (level === 'loose') alternatives.push({ ...a, loose: true });
    }
  }
  for (const spelling of NAMES.get(latin) ?? []) {
    const term = encodeGujarati(stem(searchKey(spelling)));
    if (!alternatives.some((a) => a.term === term)) alternatives.push({ term, weight: 1 });
  }
  return { ...g, alternatives };
}

/**
 * True when the Latin word is a name the table knows and `gujarati` is not one of its
 * spellings: "modi" is મોદી, and મોડી (late), which sounds the same, is only similar.
 */
function nameElsewhere(latin: string, gujarati: string): boolean {
  const spellings = NAMES.get(latin);
  if (!spellings) return false;
  const own = stem(gujarati);
  return !spellings.some((s) => stem(searchKey(s)) === own);
}

const isSound = (term: string) => term.startsWith('p');

function strictOnly(g: QueryGroup): QueryGroup {
  const kept = g.alternatives.filter((a) => !isSound(a.term) && !a.loose);
  return kept.length > 0 ? { ...g, alternatives: kept } : g;
}

function withoutSounds(g: QueryGroup): QueryGroup {
  const kept = g.alternatives.filter((a) => !isSound(a.term));
  return kept.length > 0 ? { ...g, alternatives: kept } : g;
}

/**
 * The query with exact stems, the Latin word itself and close transliterations only (unless a
 * word has nothing else). Tried first; far guesses and sounds-alike matching are the
 * fallback, as a short consonant skeleton also matches unrelated words.
 */
export function strictQuery(q: AnalyzedQuery): AnalyzedQuery {
  return { ...q, groups: q.groups.map(strictOnly), excluded: q.excluded.map(withoutSounds) };
}

/** With phonetic alternatives and far guesses; exclusions stay exact (excluding a sound is too broad). */
export function looseQuery(q: AnalyzedQuery): AnalyzedQuery {
  return { ...q, excluded: q.excluded.map(withoutSounds) };
}

/** True when every word of the query has an alternative that may match in the `all` tier. */
function allStrict(q: AnalyzedQuery): boolean {
  return q.groups.every((g) => g.alternatives.some((a) => !isSound(a.term) && !a.loose));
}

export type MatchTier = 'all' | 'similar' | 'any' | 'none';

export interface SearchTier {
  tier: MatchTier;
  query: AnalyzedQuery;
  mode: 'all' | 'any';
}

/**
 * The tiers a query is run in, in order; the first that finds anything answers:
 *   1. `all`: every word by its exact stem, the Latin word itself or a close transliteration;
 *   2. `similar`: every word, also by sound and by farther transliterations;
 *   3. `any`: at least one word (for several words), by stem or sound (on the dev sentences,
 *      answering `any` by stem only lost 2% of the stories queried for).
 * A word with only sound-alike or far alternatives cannot take part in `all`: the tier is
 * skipped rather than run with them, so `all` never means "sounds like".
 */
export function searchTiers(q: AnalyzedQuery): SearchTier[] {
  const strict = strictQuery(q);
  const loose = looseQuery(q);
  const tiers: SearchTier[] = [];
  if (allStrict(q)) tiers.push({ tier: 'all', query: strict, mode: 'all' });
  if (tiers.length === 0 || JSON.stringify(strict.groups) !== JSON.stringify(loose.groups)) tiers.push({ tier: 'similar', query: loose, mode: 'all' });
  // A quoted phrase is an explicit demand: no fallback to "any of the words" for it.
  if (q.groups.length > 1 && q.phrases.length === 0) tiers.push({ tier: 'any', query: loose, mode: 'any' });
  return tiers;
}

/** Terms to highlight for a query as run. */
export function highlightTerms(q: AnalyzedQuery): Set<string> {
  const s = new Set<string>();
  for (const g of q.groups) for (const a of g.alternatives) s.add(a.term);
  for (const p of q.phrases) for (const t of p) s.add(t);
  return s;
}
