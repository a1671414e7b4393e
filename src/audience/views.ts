import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { isbot } from 'isbot';
import type { Dialect } from '../db/connect.js';
import type { DB } from '../db/schema.js';
import { appendSeen, forgetSeenBefore, lockSeen, seenSince } from './seenRows.js';
import { encodeFingerprints, FingerprintSet } from './seenSet.js';
import { addDays, dayKey, hourKey, referrerDomain, visitorHash } from './visitor.js';
import { addViews } from './counters.js';
import { isVisible } from '../content/visibility.js';

/** One beacon, as the web layer hands it over (the IP is hashed here and never kept). */
export interface ViewBeacon {
  articleId: number;
  ip: string;
  userAgent: string | undefined;
  /** `document.referrer` as the page saw it; only its host name is kept. */
  referrer?: string | undefined;
  /** `Sec-Purpose`/`Purpose` header: prefetches and prerenders are not views. */
  purpose?: string | undefined;
}

/** `queued`: will be counted (unless another instance counted it first); `repeat`: same reader, same article, same day. */
export type ViewOutcome = 'queued' | 'repeat' | 'bot';

export interface ViewCounterOptions {
  db: Kysely<DB>;
  dialect: Dialect;
  /** The site's time zone: days (for "once per day" and analytics) are the readers' days. */
  timeZone: () => string;
  /** How often pending views are written. */
  flushMs?: number;
  now?: () => Date;
  onError?: (message: string, err: unknown) => void;
  /** Pending views kept while the database is unreachable; more are dropped (and reported). */
  pendingLimit?: number;
}

interface PendingView {
  lo: number;
  hi: number;
  day: string;
  hour: string;
  articleId: number;
  domain: string;
}

/** Rows per INSERT: far below both engines' bound-parameter limits. */
const chunk = 2000;
/**
 * Views per flush transaction. SQLite's driver is synchronous, so a transaction holds the event
 * loop from start to commit: a spike's second of views in one went to every beacon waiting
 * behind it (p99). Slices of this size, with the loop let through between them, keep that short.
 */
const sliceSize = 4000;

function chunks<T>(items: T[], size = chunk): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function bump<K>(map: Map<K, number>, key: K, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

/**
 * Counts article views from beacons. A beacon is a hash and a lookup in memory: the day's
 * readers (fingerprints of salt+IP+UA+article) live in a compact set, so a repeat costs no
 * database work. About once a second the new views are written in one short transaction: the
 * flush takes the `view_seen_blocks` lock, reads the blocks other instances wrote since its
 * last flush (dropping views they already counted), appends its own as one block (8 bytes a
 * reader, not a row each) and adds increments (article_counters, daily, hourly, referrers).
 * Flushes take turns, so "once per reader per article per day" is exact across instances: a
 * reader sent to two instances in the same second is counted by whichever flushes first. After
 * a restart the day's blocks are read back before the first beacon is counted.
 */
export class ViewCounter {
  private pending: PendingView[] = [];
  private seen = new FingerprintSet();
  /** The highest block id already merged into `seen` (or checked by a flush). */
  private lastBlock = 0;
  /**
   * Other instances' blocks merged during the last flush. A view queued before a merge was not
   * checked against it when it arrived, and later flushes read only newer blocks: the next flush
   * checks its views against these too.
   */
  private mergedBefore: { day: string; hashes: Uint8Array }[] = [];
  private salt: { day: string; value: string } | undefined;
  private saltLoading: { day: string; promise: Promise<string> } | undefined;
  private cachedDay = { day: '', hour: '', at: 0 };
  /** isbot() per user agent: a spike is a few thousand distinct agents sending the same strings. */
  private readonly botCache = new Map<string, boolean>();
  /** referrerDomain() per referrer: a spike comes from a handful of referrers (URL parsing is not free). */
  private readonly domainCache = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<number> | undefined;

  constructor(private readonly o: ViewCounterOptions) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.flush().catch((err: unknown) => this.o.onError?.('writing view counts failed; will retry', err));
    }, this.o.flushMs ?? 1000);
    this.timer.unref();
  }

  /** Stops the timer and writes everything pending (graceful shutdown). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** Counts one beacon. Synchronous once the day's salt is loaded (the common case). */
  record(beacon: ViewBeacon): ViewOutcome | Promise<ViewOutcome> {
    const ua = beacon.userAgent ?? '';
    // No user agent at all is a script, not a browser; prefetches may never be looked at.
    if (ua === '' || this.isBot(ua) || (beacon.purpose !== undefined && /prefetch|prerender/i.test(beacon.purpose))) return 'bot';
    const day = this.today();
    if (this.salt?.day === day) return this.enqueue(day, this.salt.value, beacon, ua);
    return this.saltFor(day).then((salt) => this.enqueue(day, salt, beacon, ua));
  }

  private isBot(ua: string): boolean {
    let bot = this.botCache.get(ua);
    if (bot === undefined) {
      bot = isbot(ua);
      if (this.botCache.size >= 10_000) this.botCache.clear();
      this.botCache.set(ua, bot);
    }
    return bot;
  }

  private domainOf(referrer: string | undefined): string {
    if (!referrer) return referrerDomain(referrer);
    let domain = this.domainCache.get(referrer);
    if (domain === undefined) {
      domain = referrerDomain(referrer);
      if (this.domainCache.size >= 10_000) this.domainCache.clear();
      this.domainCache.set(referrer, domain);
    }
    return domain;
  }

  private enqueue(day: string, salt: string, beacon: ViewBeacon, ua: string): ViewOutcome {
    const { lo, hi } = visitorHash(salt, beacon.ip, ua, beacon.articleId);
    if (!this.seen.add(lo, hi)) return 'repeat';
    if (this.pending.length >= (this.o.pendingLimit ?? 1_000_000)) {
      this.o.onError?.('too many unwritten views (is the database down?); dropping one', undefined);
      return 'queued';
    }
    this.pending.push({ lo, hi, day, hour: this.cachedDay.hour, articleId: beacon.articleId, domain: this.domainOf(beacon.referrer) });
    return 'queued';
  }

  /** The site-local day, recomputed at most once a second (Intl formatting is not free). */
  private today(): string {
    // Date.now() unless a clock was given: no Date object per beacon.
    const t = this.o.now ? this.o.now().getTime() : Date.now();
    if (t - this.cachedDay.at > 1000 || t < this.cachedDay.at) {
      const now = new Date(t);
      this.cachedDay = { day: dayKey(now, this.o.timeZone()), hour: hourKey(now), at: t };
    }
    return this.cachedDay.day;
  }

  /** The day's salt: created by whichever instance asks first, shared through the database. */
  private saltFor(day: string): Promise<string> {
    if (this.saltLoading?.day === day) return this.saltLoading.promise;
    const promise = (async () => {
      const { db } = this.o;
      await db
        .insertInto('view_salts')
        .values({ day, salt: randomBytes(32).toString('base64url') })
        .onConflict((oc) => oc.column('day').doNothing())
        .execute();
      const row = await db.selectFrom('view_salts').select('salt').where('day', '=', day).executeTakeFirstOrThrow();
      // The day's readers counted before a restart or by other instances, before any beacon of it is.
      const blocks = await seenSince(db, 0, day);
      const seen = new FingerprintSet();
      for (const b of blocks) seen.addBlock(b.hashes);
      if (this.lastBlock === 0) this.lastBlock = blocks.at(-1)?.id ?? 0;
      this.seen = seen;
      this.salt = { day, value: row.salt };
      // Forget earlier days: without their salt, old hashes are noise; keep nothing that could identify.
      this.forgetBefore(day).catch((err: unknown) => this.o.onError?.('pruning old view salts failed', err));
      return row.salt;
    })();
    this.saltLoading = { day, promise };
    promise.catch(() => {
      if (this.saltLoading?.promise === promise) this.saltLoading = undefined;
    });
    return promise;
  }

  private async forgetBefore(day: string): Promise<void> {
    const { db } = this.o;
    await db.deleteFrom('view_salts').where('day', '<', day).execute();
    await forgetSeenBefore(db, day);
    // Trending looks back 48 hours; keep three days of hourly buckets.
    await db.deleteFrom('article_views_hourly').where('hour', '<', `${addDays(day, -3)}T00`).execute();
  }

  /** Writes all pending views; resolves to how many were newly counted. Calls are serialized. */
  flush(): Promise<number> {
    if (this.flushing) return this.flushing.then(() => this.flush());
    const run = (async () => {
      let total = 0;
      const known = new Map<string, FingerprintSet>();
      for (const block of this.mergedBefore) addBlock(known, block);
      const merged: { day: string; hashes: Uint8Array }[] = [];
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        for (let from = 0; from < batch.length; from += sliceSize) {
          if (from > 0) await new Promise((resolve) => setImmediate(resolve));
          try {
            total += await this.write(batch.slice(from, from + sliceSize), known, merged);
          } catch (err) {
            // Nothing of this slice was committed: put it and the rest back for the next attempt,
            // which must still check them against what was merged before and during this one.
            this.pending = batch.slice(from).concat(this.pending);
            this.mergedBefore = this.mergedBefore.concat(merged);
            throw err;
          }
        }
      }
      this.mergedBefore = merged;
      return total;
    })();
    this.flushing = run;
    return run.finally(() => {
      this.flushing = undefined;
    });
  }

  /**
   * One transaction for a slice of the pending views. `known` holds other instances' readers
   * merged since these views could have been queued; blocks read now are added to it and to `merged`.
   */
  private async write(batch: PendingView[], known: Map<string, FingerprintSet>, merged: { day: string; hashes: Uint8Array }[]): Promise<number> {
    const { dialect } = this.o;
    const { counted, lastBlock } = await this.o.db.transaction().execute(async (trx) => {
      await lockSeen(trx, dialect);
      const ids = [...new Set(batch.map((v) => v.articleId))];
      const published = new Set<number>();
      const now = this.o.now?.() ?? new Date();
      for (const part of chunks(ids)) {
        // By primary key, visibility checked here: given `status = … and published_at <= …` as
        // well, SQLite walked that index over the whole archive (half a second at 100,000
        // stories, on the event loop, once a second).
        const rows = await trx.selectFrom('articles').select(['id', 'status', 'published_at']).where('id', 'in', part).execute();
        for (const r of rows) if (isVisible(r, now)) published.add(r.id);
      }
      // What other instances counted since this one last looked (nothing, with one instance).
      let last = this.lastBlock;
      for (const block of await seenSince(trx, this.lastBlock)) {
        addBlock(known, block);
        merged.push(block);
        if (block.day === this.salt?.day) this.seen.addBlock(block.hashes);
        last = block.id;
      }
      const fresh = batch.filter((v) => published.has(v.articleId) && !known.get(v.day)?.has(v.lo, v.hi));
      const byDay = new Map<string, PendingView[]>();
      for (const v of fresh) {
        const list = byDay.get(v.day);
        if (list) list.push(v);
        else byDay.set(v.day, [v]);
      }
      for (const [day, views] of byDay) last = await appendSeen(trx, day, encodeFingerprints(views));
      await applyIncrements(trx, fresh);
      return { counted: fresh.length, lastBlock: last };
    });
    this.lastBlock = lastBlock;
    return counted;
  }
}

function addBlock(sets: Map<string, FingerprintSet>, block: { day: string; hashes: Uint8Array }): void {
  let set = sets.get(block.day);
  if (!set) sets.set(block.day, (set = new FingerprintSet()));
  set.addBlock(block.hashes);
}

/** Adds counted views to every counter, as increments (`x = x + n`). */
async function applyIncrements(trx: Transaction<DB>, views: PendingView[]): Promise<void> {
  if (views.length === 0) return;
  const perArticle = new Map<number, number>();
  const daily = new Map<string, number>();
  const hourly = new Map<string, number>();
  const referrers = new Map<string, number>();
  // A spike's views share article, day, hour and referrer: tallied per combination first (nested
  // maps, no key string per view), then per counter from the few combinations.
  const combos = new Map<number, Map<string, Map<string, Map<string, number>>>>();
  for (const v of views) {
    let byDay = combos.get(v.articleId);
    if (!byDay) combos.set(v.articleId, (byDay = new Map()));
    let byHour = byDay.get(v.day);
    if (!byHour) byDay.set(v.day, (byHour = new Map()));
    let byDomain = byHour.get(v.hour);
    if (!byDomain) byHour.set(v.hour, (byDomain = new Map()));
    bump(byDomain, v.domain);
  }
  for (const [id, byDay] of combos) {
    for (const [day, byHour] of byDay) {
      for (const [hour, byDomain] of byHour) {
        for (const [domain, n] of byDomain) {
          bump(perArticle, id, n);
          bump(daily, `${id}|${day}`, n);
          bump(hourly, `${id}|${hour}`, n);
          bump(referrers, `${id}|${day}|${domain}`, n);
        }
      }
    }
  }
  // One UPDATE per distinct increment: a spike on one story is one statement.
  const byAmount = new Map<number, number[]>();
  for (const [id, n] of [...perArticle].sort((a, b) => a[0] - b[0])) {
    const list = byAmount.get(n);
    if (list) list.push(id);
    else byAmount.set(n, [id]);
  }
  for (const [n, ids] of byAmount) {
    for (const part of chunks(ids)) await addViews(trx, n, part);
  }
  const sorted = (m: Map<string, number>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const part of chunks(sorted(daily))) {
    await trx
      .insertInto('article_views_daily')
      .values(part.map(([k, views]) => {
        const [id, day] = k.split('|') as [string, string];
        return { article_id: Number(id), day, views };
      }))
      .onConflict((oc) => oc.columns(['article_id', 'day']).doUpdateSet((eb) => ({ views: eb('article_views_daily.views', '+', eb.ref('excluded.views')) })))
      .execute();
  }
  for (const part of chunks(sorted(hourly))) {
    await trx
      .insertInto('article_views_hourly')
      .values(part.map(([k, views]) => {
        const [id, hour] = k.split('|') as [string, string];
        return { article_id: Number(id), hour, views };
      }))
      .onConflict((oc) => oc.columns(['article_id', 'hour']).doUpdateSet((eb) => ({ views: eb('article_views_hourly.views', '+', eb.ref('excluded.views')) })))
      .execute();
  }
  for (const part of chunks(sorted(referrers))) {
    await trx
      .insertInto('referrer_views_daily')
      .values(part.map(([k, views]) => {
        const [id, day, domain] = k.split('|') as [string, string, string];
        return { article_id: Number(id), day, domain, views };
      }))
      .onConflict((oc) => oc.columns(['day', 'article_id', 'domain']).doUpdateSet((eb) => ({ views: eb('referrer_views_daily.views', '+', eb.ref('excluded.views')) })))
      .execute();
  }
}
