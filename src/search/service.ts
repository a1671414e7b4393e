// Search as the site uses it: parse, run against the engine in tiers, load cards, cut snippets,
// suggest a spelling when nothing is found. Knows nothing of HTTP.
//
// Tiers (`searchTiers` in query.ts), each run only when the one before found nothing:
//   1. `all`: every word, by its exact stem or a close Gujarati spelling (Latin input);
//   2. `similar`: every word, also by sound and by farther spellings;
//   3. `any`: at least one word (for several words), by stem or sound.

import type { Kysely } from 'kysely';
import type { DB, Section } from '../db/schema.js';
import { articlesByIds, type ArticleCard } from '../content/stories.js';
import { pagesByIds, type PageCard } from '../content/pages.js';
import type { ChangeFeed } from '../content/changes.js';
import type { TransliterationIndex } from '../gujarati/transliterate.js';
import { queryIndexSteps, vocabularyOf, type AnalyzedQuery } from './analyzer.js';
import { nearestSpelling } from './suggest.js';
import { htmlToText } from './document.js';
import { engineFor, type EngineQuery } from './engine/index.js';
import { RANK_WINDOW } from './engine/types.js';
import { highlightTerms, parseSearch, searchTiers, strictQuery, type MatchTier, type ParsedSearch, type SearchProblem } from './query.js';
import { highlight, snippet, type Segment } from './snippet.js';

export interface SearchRequest {
  q: string;
  page: number;
  perPage: number;
  sort?: 'relevance' | 'date';
  /** The site's sections (for `section:`). */
  sections: readonly Section[];
  /** The site's time zone (for date filters). */
  timeZone: string;
  now?: Date;
}

/** A story found, or a static page (pages are searchable but are not stories: no section or date). */
export type SearchItem = { headline: Segment[]; snippet: Segment[] } & ({ kind: 'story'; article: ArticleCard } | { kind: 'page'; page: PageCard });

export type { MatchTier };

export interface SearchResults {
  q: string;
  items: SearchItem[];
  /** Matches, counted up to `MAX_RESULTS`. */
  total: number;
  /** True when more stories match than `total` says (narrow with filters to reach them). */
  more: boolean;
  page: number;
  perPage: number;
  pageCount: number;
  /** Which tier found the results. */
  match: MatchTier;
  /** A nearby spelling from the index's vocabulary, when nothing was found. */
  suggestion: string | null;
  filters: { section?: string; after?: string; before?: string };
  problems: SearchProblem[];
}

export interface SearchServiceOptions {
  /** How stale the cached query vocabulary may get after content changes (default 30 s). */
  refreshMs?: number;
}

/** Most results counted and reachable by paging (the engines' ranking window). */
export const MAX_RESULTS = RANK_WINDOW;

/** Longest the vocabulary build runs before letting requests in (ms). */
const SLICE_MS = 8;

/**
 * Builds the query index a few milliseconds at a time, yielding to the event loop between
 * slices: a rebuild after stories changed (every `refreshMs` while publishing goes on) held
 * every request for as long as the whole build took, up to a second with a few thousand words.
 */
async function buildInSlices(vocabulary: ReadonlyMap<string, number>): Promise<TransliterationIndex> {
  const steps = queryIndexSteps(vocabulary);
  for (;;) {
    const started = performance.now();
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() - started >= SLICE_MS) break;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export class SearchService {
  private index: TransliterationIndex | undefined;
  private names: ReadonlySet<string> = new Set();
  private loading: Promise<TransliterationIndex> | undefined;
  private builtAt = 0;
  private stale = false;
  private readonly refreshMs: number;

  constructor(
    private readonly db: Kysely<DB>,
    options: SearchServiceOptions = {},
  ) {
    this.refreshMs = options.refreshMs ?? 30_000;
  }

  /** Marks the vocabulary stale when stories change; returns a function that stops listening. */
  follow(feed: ChangeFeed): () => void {
    return feed.subscribe((e) => {
      if (e.type.startsWith('article.') || e.type === 'site.replaced') this.stale = true;
    });
  }

  /** Reads the vocabulary table and builds the Latin → Gujarati index over it. */
  async refresh(): Promise<TransliterationIndex> {
    const rows = await this.db.selectFrom('search_vocabulary').select(['word', 'frequency']).execute();
    const vocabulary = new Map(rows.map((r) => [r.word, Number(r.frequency)] as const));
    // Tags name people and places: their words are the names "did you mean" prefers.
    const tags = await this.db.selectFrom('tags').select('name').execute();
    this.names = new Set(tags.flatMap((t) => [...vocabularyOf(t.name).keys()]));
    this.stale = false;
    const index = await buildInSlices(vocabulary);
    // The same Latin word is looked up by the analyzer, again when pruning its guesses and for
    // "did you mean" (with other limits), and popular queries repeat: remember recent lookups
    // at the largest limit asked for (the index is rebuilt, not changed).
    const lookup = index.lookup.bind(index);
    const memo = new Map<string, { limit: number; found: ReturnType<typeof lookup> }>();
    index.lookup = (latin, options = {}) => {
      const limit = options.limit ?? 5;
      let hit = memo.get(latin);
      if (!hit || hit.limit < limit) {
        hit = { limit: Math.max(limit, 5), found: lookup(latin, { limit: Math.max(limit, 5) }) };
        if (memo.size >= 20_000) memo.clear();
        memo.set(latin, hit);
      }
      return hit.found.slice(0, limit);
    };
    this.index = index;
    this.builtAt = Date.now();
    return this.index;
  }

  /**
   * The query vocabulary: built on first use; after changes, rebuilt in the background at most
   * every `refreshMs` while the previous one keeps answering.
   */
  async queryIndex(): Promise<TransliterationIndex> {
    if (this.index && !(this.stale && Date.now() - this.builtAt > this.refreshMs)) return this.index;
    if (!this.loading) {
      this.loading = this.refresh().finally(() => {
        this.loading = undefined;
      });
    }
    if (this.index) {
      this.loading.catch(() => undefined);
      return this.index;
    }
    return this.loading;
  }

  async search(req: SearchRequest): Promise<SearchResults> {
    const now = req.now ?? new Date();
    const idx = await this.queryIndex();
    const parsed = parseSearch(req.q, idx, { sections: req.sections, timeZone: req.timeZone });
    const perPage = req.perPage;
    const page = req.page;
    const base = {
      now: now.toISOString(),
      sort: req.sort ?? 'relevance',
      limit: perPage,
      offset: (page - 1) * perPage,
      ...(parsed.sectionIds && { sectionIds: parsed.sectionIds }),
      ...(parsed.from && { from: parsed.from }),
      ...(parsed.to && { to: parsed.to }),
    } satisfies Omit<EngineQuery, 'query' | 'mode'>;
    const filters = {
      ...(parsed.sectionSlug && { section: parsed.sectionSlug }),
      ...(parsed.after && { after: parsed.after }),
      ...(parsed.before && { before: parsed.before }),
    };
    const empty: SearchResults = { q: req.q, items: [], total: 0, more: false, page, perPage, pageCount: 0, match: 'none', suggestion: null, filters, problems: parsed.problems };
    if (parsed.query.groups.length === 0 && parsed.query.phrases.length === 0) return empty;

    const found = await this.runTiers(parsed.query, base);
    if (!found) {
      const suggestion = await this.suggest(parsed, idx, base);
      return { ...empty, suggestion };
    }
    const { tier, query, hits, total, more } = found;
    const reachable = Math.min(total, MAX_RESULTS);
    const items = await this.items(hits, query, now);
    // Found only by sound or by some of the words: a better spelling may exist.
    const suggestion = tier === 'all' ? null : await this.suggest(parsed, idx, base);
    return { ...empty, items, total, more, pageCount: Math.ceil(reachable / perPage), match: tier, suggestion };
  }

  private async runTiers(q: AnalyzedQuery, base: Omit<EngineQuery, 'query' | 'mode'>) {
    const engine = engineFor(this.db);
    for (const { tier, query, mode } of searchTiers(q)) {
      const r = await engine.search(this.db, { ...base, query, mode });
      if (r.total > 0) return { tier, query, hits: r.hits.map((h) => h.id), total: r.total, more: r.more };
    }
    return undefined;
  }

  private async items(ids: number[], query: AnalyzedQuery, now: Date): Promise<SearchItem[]> {
    if (ids.length === 0) return [];
    const [cards, pages, bodies] = await Promise.all([
      articlesByIds(this.db, ids, now),
      pagesByIds(this.db, ids, now),
      this.db.selectFrom('articles').select(['id', 'body_html', 'password']).where('id', 'in', ids).execute(),
    ]);
    const terms = highlightTerms(query);
    const byId = new Map(cards.map((c) => [c.id, c]));
    const pageById = new Map(pages.map((p) => [p.id, p]));
    // A protected story shows no passage of its text, nor of its summary.
    const locked = new Set(bodies.filter((b) => b.password !== '').map((b) => b.id));
    const body = new Map(bodies.map((b) => [b.id, locked.has(b.id) ? '' : b.body_html]));
    return ids.flatMap((id): SearchItem[] => {
      const found = byId.get(id) ?? pageById.get(id);
      if (!found) return [];
      const text = htmlToText(body.get(id) ?? '');
      const fromBody = snippet(text, terms);
      // The body passage when it has a match (the dek is then not analyzed at all); else the
      // dek's if it has one; else the opening.
      let best = fromBody;
      if (!fromBody.some((s) => s.mark)) {
        const fromDek = snippet(locked.has(id) ? '' : found.dek, terms);
        if (fromDek.some((s) => s.mark) || fromBody.length === 0) best = fromDek;
      }
      const marked = { headline: highlight(found.headline, terms), snippet: best };
      const story = byId.get(id);
      return [story ? { kind: 'story', article: story, ...marked } : { kind: 'page', page: found as PageCard, ...marked }];
    });
  }

  /**
   * "Did you mean": each word the vocabulary does not know is replaced by its nearest known
   * spelling (`nearestSpelling`: close in sound, names first, then frequency); the suggestion
   * is offered only if it finds stories.
   */
  private async suggest(parsed: ParsedSearch, idx: TransliterationIndex, base: Omit<EngineQuery, 'query' | 'mode'>): Promise<string | null> {
    const words = parsed.words;
    if (words.length === 0) return null;
    let changed = false;
    const replaced = words.map((w) => {
      const better = nearestSpelling(w, idx, this.names);
      if (better && better !== w) changed = true;
      return better ?? w;
    });
    if (!changed) return null;
    const text = replaced.join(' ');
    const again = parseSearch(text, idx, { sections: [], timeZone: 'UTC' });
    // Offered only when every word matches exactly: only the first tier needs to run.
    const found = await engineFor(this.db).search(this.db, { ...base, query: strictQuery(again.query), mode: 'all', sort: 'date', offset: 0, limit: 1 });
    return found.total > 0 ? text : null;
  }
}
