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
import { TransliterationIndex } from '../gujarati/transliterate.js';
import { analyzeQuery, encodeGujarati, type AnalyzedQuery, type QueryGroup, type QueryVocabulary } from './analyzer.js';

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
 * stories. Kept: candidates within `GUESS_MARGIN` of the best and under `GUESS_MAX` (lookup
 * scores: 0 is a perfect sound match; real spellings score under ~0.6, wrong words over ~0.9).
 */
const GUESS_MAX = 1.2;
const GUESS_MARGIN = 0.3;

function pruneGuesses(g: QueryGroup, idx: TransliterationIndex): QueryGroup {
  const word = searchKey(g.source).toLowerCase();
  if (!/^[a-z'’]+$/u.test(word)) return g;
  const cands = idx.lookup(word.replace(/['’]/gu, ''), { limit: 3 });
  const best = cands[0]?.score ?? 0;
  const good = new Set(
    cands.filter((c) => c.score <= GUESS_MAX && c.score <= best + GUESS_MARGIN).map((c) => encodeGujarati(stem(c.word, { vocabulary: (x) => idx.frequency(x) }))),
  );
  // Weight 1 marks the word itself and an exonym-table entry: always kept.
  const alternatives = g.alternatives.filter((a) => a.term[0] !== 'g' || a.weight >= 1 || good.has(a.term));
  return { ...g, alternatives };
}

const isSound = (term: string) => term.startsWith('p');

function withoutSounds(g: QueryGroup): QueryGroup {
  const kept = g.alternatives.filter((a) => !isSound(a.term));
  return kept.length > 0 ? { ...g, alternatives: kept } : g;
}

/**
 * The query without phonetic alternatives (unless a word has nothing else): exact stems and
 * transliteration candidates only. Tried first; sounds-alike matching is the fallback, as a
 * short consonant skeleton also matches unrelated words.
 */
export function strictQuery(q: AnalyzedQuery): AnalyzedQuery {
  return { ...q, groups: q.groups.map(withoutSounds), excluded: q.excluded.map(withoutSounds) };
}

/** With phonetic alternatives for the words; exclusions stay exact (excluding a sound is too broad). */
export function looseQuery(q: AnalyzedQuery): AnalyzedQuery {
  return { ...q, excluded: q.excluded.map(withoutSounds) };
}

/** Terms to highlight for a query as run. */
export function highlightTerms(q: AnalyzedQuery): Set<string> {
  const s = new Set<string>();
  for (const g of q.groups) for (const a of g.alternatives) s.add(a.term);
  for (const p of q.phrases) for (const t of p) s.add(t);
  return s;
}
