import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AnalyzedQuery } from '../analyzer.js';
import type { IndexedFields } from '../document.js';

/** A Kysely instance or a transaction (a Transaction is a Kysely). */
export type Db = Kysely<DB>;

/** What the engine is asked: analyzed words plus the filters that live on the articles table. */
export interface EngineQuery {
  query: AnalyzedQuery;
  /** `all`: every word must match (phrases and exclusions always hold); `any`: at least one. */
  mode: 'all' | 'any';
  /** ISO time: only stories published at or before it. */
  now: string;
  /** Only these sections (a section and its sub-sections). */
  sectionIds?: number[];
  /** ISO times: published at or after `from`, before `to`. */
  from?: string;
  to?: string;
  sort: 'relevance' | 'date';
  limit: number;
  offset: number;
}

export interface EngineHit {
  id: number;
  score: number;
}

export interface EngineResult {
  hits: EngineHit[];
  /** Matches in all, not only this page; at most `RANK_WINDOW` (see `more`). */
  total: number;
  /** True when there are more matches than the window holds. */
  more: boolean;
}

/**
 * DECISION: relevance is ranked among the newest `RANK_WINDOW` matches, not all of them. A
 * frequent word matches tens of thousands of stories in a large archive, and scoring each one
 * (bm25 reads every match's field lengths) would cost tens of milliseconds; walking the
 * newest matches first is cheap in both engines. For news, the newest thousand stories that
 * mention a word are the ones a reader wants ranked; older ones stay reachable with filters
 * (`before:`, `section:`). This is also the deepest a reader can page.
 */
export const RANK_WINDOW = 1000;

/**
 * The dialect-specific half of search. Each engine also keeps `search_documents` (one row per
 * indexed article) in step, since on PostgreSQL that row is the index.: where analyzer terms are stored and how they are
 * matched and ranked. Everything else (analysis, vocabulary, snippets) is shared.
 */
export interface SearchEngine {
  /** Adds or replaces one article's row. */
  put(db: Db, id: number, fields: IndexedFields): Promise<void>;
  /** Adds many rows known not to be in the index yet (bulk rebuild). */
  putMany(db: Db, rows: { id: number; fields: IndexedFields }[]): Promise<void>;
  remove(db: Db, id: number): Promise<void>;
  /** Before (`true`) and after (`false`) a bulk rebuild: engines may defer upkeep meanwhile. */
  bulkLoad?(db: Db, starting: boolean): Promise<void>;
  /** Empties the index. */
  clear(db: Db): Promise<void>;
  search(db: Db, q: EngineQuery): Promise<EngineResult>;
  /** Bytes the index takes on disk (for benchmarks and the reindex report). */
  sizeBytes(db: Db): Promise<number>;
}
