// What the index stores for one article: pure functions from an article's text to analyzer
// terms per field, and to the word forms the vocabulary counts.

import { analyze, vocabularyOf, type IndexTerm } from './analyzer.js';

/** The searchable text of a story, as plain text (no markup). */
export interface SearchableText {
  headline: string;
  dek: string;
  /** Plain text of the body (see `htmlToText`). */
  body: string;
  /** Tag names. */
  tags: string[];
}

/** One article's index row: each field's stems then its phonetic keys, space-separated. */
export interface IndexedFields {
  headline: string;
  dek: string;
  body: string;
  tags: string;
}

export const fieldNames = ['headline', 'dek', 'body', 'tags'] as const;
export type FieldName = (typeof fieldNames)[number];

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/**
 * Plain text of stored body HTML for indexing and snippets: block ends become line breaks so
 * words of adjacent paragraphs never run together; entities are decoded once. The body was
 * sanitized on write, so a tag-stripping pass is enough (no scripts or comments are left).
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<(?:br|\/p|\/h[1-6]|\/li|\/blockquote|\/figcaption|\/div|\/tr)\b[^<>]*>/giu, '\n')
    .replace(/<[^<>]*>/gu, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z0-9]+);/giu, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/[ \t]+/gu, ' ')
    .replace(/(?<!\s)\s*\n\s*/gu, '\n')
    .trim();
}

// The analyzer tokenizes a whole text and folds every word; an archive repeats the same words
// endlessly, so the work is done once per whitespace-separated chunk (a word with its
// punctuation) and remembered. No analyzer token spans whitespace (its word pattern has none,
// and compounds are off), so the terms of a text are exactly the terms of its chunks in order.
// Indexing keeps only the strings it writes (a rebuild touches hundreds of thousands of chunks,
// and every object kept is work for the garbage collector); highlighting keeps term offsets.
interface Chunk {
  /** Its stems and its phonetic keys, each space-joined ('' when none): what the index stores. */
  stems: string;
  sounds: string;
  /** Folded Gujarati word forms (vocabulary) with their counts in the chunk. */
  words: [string, number][];
}

const CHUNK_CACHE_MAX = 300_000;
const chunks = new Map<string, Chunk>();

function chunkOf(raw: string): Chunk {
  let c = chunks.get(raw);
  if (!c) {
    const terms = analyze(raw);
    const join = (phonetic: boolean) => terms.filter((t) => (t.kind === 'phonetic') === phonetic).map((t) => t.term).join(' ');
    c = { stems: join(false), sounds: join(true), words: [...vocabularyOf(raw)] };
    if (chunks.size >= CHUNK_CACHE_MAX) chunks.clear();
    chunks.set(raw, c);
  }
  return c;
}

/** A term cache for highlighting: terms of a chunk with offsets relative to it. */
function termCache(phonetic: boolean): (raw: string) => IndexTerm[] {
  const cache = new Map<string, IndexTerm[]>();
  return (raw) => {
    let terms = cache.get(raw);
    if (!terms) {
      terms = analyze(raw, { phonetic });
      if (cache.size >= CHUNK_CACHE_MAX) cache.clear();
      cache.set(raw, terms);
    }
    return terms;
  };
}

// Result pages read bodies whose words are often not cached yet; when the query has no
// phonetic terms, stems alone are enough and cost a fraction of the full analysis.
const allTermsOf = termCache(true);
const stemTermsOf = termCache(false);

/**
 * Calls `each` with every term of `text` and its word's offsets, without building term objects.
 * With `sounds: false` phonetic keys may be left out.
 */
export function forEachTerm(text: string, each: (term: string, start: number, end: number) => void, options: { sounds?: boolean } = {}): void {
  const termsOf = options.sounds === false ? stemTermsOf : allTermsOf;
  for (const m of text.matchAll(/\S+/gu)) {
    for (const t of termsOf(m[0])) each(t.term, t.start + m.index, t.end + m.index);
  }
}

/** The same terms as `analyze(text)` (positions aside), with offsets into `text`; cached per chunk. */
export function analyzeText(text: string): IndexTerm[] {
  const out: IndexTerm[] = [];
  let position = 0;
  for (const m of text.matchAll(/\S+/gu)) {
    let last = -1;
    for (const t of allTermsOf(m[0])) {
      if (t.position !== last) position++;
      last = t.position;
      out.push({ ...t, position: position - 1, start: t.start + m.index, end: t.end + m.index });
    }
  }
  return out;
}

/** Whitespace-separated chunks of a text (split is much cheaper than a regex walk with offsets). */
function chunksOf(text: string): string[] {
  return text.split(/\s+/u).filter((c) => c !== '');
}

/**
 * Word forms counted over many stories (a rebuild): occurrences of each chunk are tallied by
 * identity, and expanded to word forms once at the end, instead of a string-keyed update for
 * every word of the archive.
 */
export class VocabularyTally {
  private readonly seen = new Map<Chunk, number>();

  add(c: Chunk): void {
    this.seen.set(c, (this.seen.get(c) ?? 0) + 1);
  }

  /** Word form → occurrences. */
  words(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [c, times] of this.seen) for (const [w, n] of c.words) out.set(w, (out.get(w) ?? 0) + n * times);
    return out;
  }
}

/**
 * A field's index text: stems first (so words of a phrase stay adjacent), then phonetic keys.
 * Phrases are built from stems only, so the seam between the two halves can never fake one.
 * Tallies the field's word forms in `vocabulary` when given (one pass for both).
 */
export function fieldTerms(text: string, vocabulary?: VocabularyTally): string {
  const stems: string[] = [];
  const sounds: string[] = [];
  for (const raw of chunksOf(text)) {
    const c = chunkOf(raw);
    if (c.stems) stems.push(c.stems);
    if (c.sounds) sounds.push(c.sounds);
    vocabulary?.add(c);
  }
  if (sounds.length === 0) return stems.join(' ');
  if (stems.length === 0) return sounds.join(' ');
  return `${stems.join(' ')} ${sounds.join(' ')}`;
}

/** The four index fields of a story; its word forms are added to `vocabulary` when given. */
export function indexFields(doc: SearchableText, vocabulary?: VocabularyTally): IndexedFields {
  return {
    headline: fieldTerms(doc.headline, vocabulary),
    dek: fieldTerms(doc.dek, vocabulary),
    body: fieldTerms(doc.body, vocabulary),
    tags: fieldTerms(doc.tags.join('\n'), vocabulary),
  };
}

/** Word forms of a story with their counts, for the vocabulary table. */
export function documentVocabulary(doc: SearchableText, into: Map<string, number> = new Map()): Map<string, number> {
  for (const text of [doc.headline, doc.dek, doc.body, ...doc.tags]) {
    for (const raw of chunksOf(text)) for (const [w, n] of chunkOf(raw).words) into.set(w, (into.get(w) ?? 0) + n);
  }
  return into;
}

/** A stored story as a rebuild reads it: the body as stored HTML. */
export interface StoredStory {
  id: number;
  headline: string;
  dek: string;
  bodyHtml: string;
  tags: string[];
}

export interface AnalyzedStory {
  id: number;
  fields: IndexedFields;
}

/** Index fields of stored stories; their word forms are tallied in `vocabulary`. */
export function analyzeStories(stories: readonly StoredStory[], vocabulary: VocabularyTally): AnalyzedStory[] {
  return stories.map((s) => ({ id: s.id, fields: indexFields({ headline: s.headline, dek: s.dek, body: htmlToText(s.bodyHtml), tags: s.tags }, vocabulary) }));
}
