import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, brotliDecompressSync, gunzipSync, gzip, gzipSync, constants as zlib } from 'node:zlib';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * A rendered response, kept as its compressed variants so a hit costs no work. The plain body
 * is not kept (it was most of a page's bytes, and clients that accept neither encoding are
 * rare): `plainBody` unzips it when asked. A page rendered on a miss has only the variant its
 * first reader took (at least one of the two is there); the other is made when first asked for.
 */
export interface RenderedPage {
  status: number;
  contentType: string;
  /** Cache-Control sent with the page (the same for every variant). */
  cacheControl: string;
  gzip?: Buffer;
  br?: Buffer;
  etag: string;
  /** What the page shows, as content keys (`article:12`, `section:3`, `home`, `feeds` …). */
  keys: string[];
  /** How hard the variants were compressed: `fast` at render, `best` once the page proves hot. */
  effort: 'best' | 'fast';
}

export interface PageCacheStats {
  entries: number;
  bytes: number;
  hits: number;
  /** Of the hits, those answered before routing (./direct.ts). */
  direct: number;
  misses: number;
}

export type Encoding = 'br' | 'gzip' | 'identity';

/**
 * Accept-Encoding values already parsed: browsers and CDNs send a handful of distinct ones, and
 * parsing the header on every cache hit was a measurable share of serving one (bench:pages).
 * Bounded: long values are not kept, and the map starts over past 100 entries.
 */
const encodingByHeader = new Map<string, Encoding>();

/** Picks the best variant the client accepts (q=0 refusals honoured). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  let encoding = encodingByHeader.get(acceptEncoding);
  if (encoding === undefined) {
    encoding = parseAcceptEncoding(acceptEncoding);
    if (acceptEncoding.length <= 200) {
      if (encodingByHeader.size >= 100) encodingByHeader.clear();
      encodingByHeader.set(acceptEncoding, encoding);
    }
  }
  return encoding;
}

function parseAcceptEncoding(acceptEncoding: string): Encoding {
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name ?? '', q ? Number(q.slice(2)) : 1);
  }
  const ok = (e: string) => (accepted.get(e) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

/** The page's uncompressed bytes. */
export function plainBody(page: RenderedPage): Buffer {
  return page.br ? brotliDecompressSync(page.br) : gunzipSync(page.gzip!);
}

const fastGzip = { level: 5 };
const fastBrotli = (size: number) => ({ params: { [zlib.BROTLI_PARAM_QUALITY]: 4, [zlib.BROTLI_PARAM_SIZE_HINT]: size } });

/** The page with the variant for this encoding made (at the fast settings) if it lacked it. */
export function withVariant(page: RenderedPage, encoding: Encoding): RenderedPage {
  if (encoding === 'identity' || page[encoding]) return page;
  const raw = plainBody(page);
  return { ...page, [encoding]: encoding === 'br' ? brotliCompressSync(raw, fastBrotli(raw.length)) : gzipSync(raw, fastGzip) };
}

/** Compresses and fingerprints a body once, at render time. */
export async function preparePage(
  body: string | Buffer,
  o: { status: number; contentType: string; cacheControl: string; keys: string[] },
  /** `best` for pages that will be kept (paid once, served many times); `fast` when nothing is kept. */
  effort: 'best' | 'fast' = 'best',
  /** Fast only: make just this variant (what the reader who asked takes). */
  only?: 'br' | 'gzip',
): Promise<RenderedPage> {
  const raw = typeof body === 'string' ? Buffer.from(body) : body;
  const best = effort === 'best';
  const one = best ? undefined : only;
  const [gz, br] = await Promise.all([
    one === 'br' ? undefined : gzipAsync(raw, best ? { level: 9 } : fastGzip),
    one === 'gzip'
      ? undefined
      : brotliAsync(raw, best ? { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } } : fastBrotli(raw.length)),
  ]);
  const etag = `"${createHash('sha1').update(raw).digest('base64url')}"`;
  return { ...o, ...(gz && { gzip: gz }), ...(br && { br }), etag, effort };
}

/**
 * Rendered pages in memory, least recently used dropped first when over `maxBytes`, by the
 * CLOCK approximation: a hit only marks the page as read; the eviction sweep gives a read page
 * a second chance (moves it to the back of the queue) and drops the first unread one. Moving
 * the page on every hit (delete and re-insert in the Map) cost a measurable share of a hit.
 * Invalidation is by content key: a change to article 12 drops exactly the pages that
 * listed `article:12` (its page, the lists and feeds that showed it).
 */
export class PageCache {
  /** Oldest first: insertion order, or the order the eviction sweep gave second chances in. */
  private readonly pages = new Map<string, RenderedPage>();
  /** Pages read since the eviction sweep last passed them (CLOCK's reference bits). */
  private readonly used = new WeakSet<RenderedPage>();
  private readonly byKey = new Map<string, Set<string>>();
  private bytes = 0;
  private hits = 0;
  private direct = 0;
  private misses = 0;
  /** Bumped on every invalidation; a render that began before a bump is not stored. */
  private generation = 0;

  constructor(
    private readonly maxBytes = 256 * 1024 * 1024,
    readonly enabled = true,
  ) {}

  get(url: string): RenderedPage | undefined {
    if (!this.enabled) return undefined;
    const page = this.pages.get(url);
    if (page) {
      this.hits++;
      this.used.add(page);
    } else {
      this.misses++;
    }
    return page;
  }

  /**
   * Counts a page found with `peek` and answered before routing (./direct.ts) as a hit. An absent
   * page is not counted as a miss there: the request goes on to the route, which looks again.
   */
  countDirectHit(page: RenderedPage): void {
    this.hits++;
    this.direct++;
    this.used.add(page);
  }

  /** The generation to pass back to `set`, taken before rendering starts. */
  begin(): number {
    return this.generation;
  }

  set(url: string, page: RenderedPage, startedAt: number): void {
    if (!this.enabled || startedAt !== this.generation) return;
    this.remove(url);
    this.pages.set(url, page);
    this.bytes += size(page);
    for (const key of page.keys) {
      let urls = this.byKey.get(key);
      if (!urls) this.byKey.set(key, (urls = new Set()));
      urls.add(url);
    }
    while (this.bytes > this.maxBytes) {
      const [oldest, entry] = this.pages.entries().next().value!;
      // A page read since the sweep last came by, or the one just stored (unless it is alone and
      // over the budget by itself), gets a second chance at the back of the queue.
      const keep = this.used.delete(entry) || (oldest === url && this.pages.size > 1);
      if (keep) {
        this.pages.delete(oldest);
        this.pages.set(oldest, entry);
      } else {
        this.remove(oldest);
      }
    }
  }

  /** Drops every page that shows any of these keys; returns how many were dropped. */
  invalidate(keys: Iterable<string>): number {
    this.generation++;
    let dropped = 0;
    for (const key of keys) {
      const urls = this.byKey.get(key);
      if (!urls) continue;
      for (const url of [...urls]) {
        if (this.remove(url)) dropped++;
      }
    }
    return dropped;
  }

  clear(): void {
    this.generation++;
    this.pages.clear();
    this.byKey.clear();
    this.bytes = 0;
  }

  has(url: string): boolean {
    return this.pages.has(url);
  }

  /** The stored page, without counting a hit (for tests and diagnostics). */
  peek(url: string): RenderedPage | undefined {
    return this.pages.get(url);
  }

  /**
   * Swaps in better-compressed variants of a cached page (same body, same ETag), unless the
   * page was dropped or re-rendered meanwhile.
   */
  replace(url: string, old: RenderedPage, next: RenderedPage): boolean {
    if (this.pages.get(url) !== old || next.etag !== old.etag) return false;
    this.pages.set(url, next);
    this.bytes += size(next) - size(old);
    if (this.used.has(old)) this.used.add(next);
    return true;
  }

  stats(): PageCacheStats {
    return { entries: this.pages.size, bytes: this.bytes, hits: this.hits, direct: this.direct, misses: this.misses };
  }

  private remove(url: string): boolean {
    const page = this.pages.get(url);
    if (!page) return false;
    this.pages.delete(url);
    this.bytes -= size(page);
    for (const key of page.keys) {
      const urls = this.byKey.get(key);
      urls?.delete(url);
      if (urls?.size === 0) this.byKey.delete(key);
    }
    return true;
  }
}

function size(page: RenderedPage): number {
  return (page.gzip?.length ?? 0) + (page.br?.length ?? 0);
}
