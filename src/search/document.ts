// What the index stores for one article: pure functions from an article's text to analyzer
// terms per field, and to the word forms the vocabulary counts.

import { analyze, indexColumns, vocabularyOf } from './analyzer.js';

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
    .replace(/<(?:br|\/p|\/h[1-6]|\/li|\/blockquote|\/figcaption|\/div|\/tr)\b[^>]*>/giu, '\n')
    .replace(/<[^>]*>/gu, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z0-9]+);/giu, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/[ \t]+/gu, ' ')
    .replace(/\s*\n\s*/gu, '\n')
    .trim();
}

/**
 * A field's index text: stems first (so words of a phrase stay adjacent), then phonetic keys.
 * Phrases are built from stems only, so the seam between the two halves can never fake one.
 */
export function fieldTerms(text: string): string {
  const { text: stems, sounds } = indexColumns(analyze(text));
  return sounds ? (stems ? `${stems} ${sounds}` : sounds) : stems;
}

/** The four index fields of a story. Tags are joined with a line break, each one a unit. */
export function indexFields(doc: SearchableText): IndexedFields {
  return {
    headline: fieldTerms(doc.headline),
    dek: fieldTerms(doc.dek),
    body: fieldTerms(doc.body),
    tags: fieldTerms(doc.tags.join('\n')),
  };
}

/** Word forms of a story with their counts, for the vocabulary table. */
export function documentVocabulary(doc: SearchableText, into: Map<string, number> = new Map()): Map<string, number> {
  vocabularyOf(doc.headline, into);
  vocabularyOf(doc.dek, into);
  vocabularyOf(doc.body, into);
  for (const t of doc.tags) vocabularyOf(t, into);
  return into;
}
