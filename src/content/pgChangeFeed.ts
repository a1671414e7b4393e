import type pg from 'pg';
import { changeChannel } from '../db/migrations/0009_change_notify.js';
import { LocalChangeFeed, type ChangeEvent, type ChangeFeed, type ChangeListener } from './changes.js';

/** What an operator (and /readyz, /metrics) can know about a change feed. */
export interface FeedStatus {
  kind: 'local' | 'postgres';
  /** The LISTEN connection is up (always true for the local feed). */
  connected: boolean;
  /** Highest change event id heard (delivered, or recognised as this instance's own). */
  lastEventId: number;
  /** Committed events not yet heard, as of the last check (or since the connection was lost). */
  lagEvents: number;
  /** Age of the oldest of those, in ms; while disconnected, at least the time since the loss. */
  lagMs: number;
  /** Commit-to-delivery delay of the last event heard from another process, ms. */
  lastDeliveryMs: number;
  /** Times the LISTEN connection was opened again after a loss. */
  reconnects: number;
}

/** The status of any feed: the PostgreSQL feed reports its own; a local one is always in step. */
export function feedStatus(feed: ChangeFeed): FeedStatus {
  if (feed instanceof PgChangeFeed) return feed.status();
  return { kind: 'local', connected: true, lastEventId: 0, lagEvents: 0, lagMs: 0, lastDeliveryMs: 0, reconnects: 0 };
}

export interface PgChangeFeedOptions {
  /** The `postgres://` URL the instance uses (it may carry `options=-c search_path=…`). */
  connectionString: string;
  /** Schema to work in when the URL does not name one (tests use one schema each). */
  schema?: string;
  /** First wait before reconnecting after a loss; doubles on each failure, up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Shown in pg_stat_activity, so an operator can tell the listener from the pool. */
  applicationName?: string;
  /** How often the connection is checked and the table looked at for events no notice announced. */
  checkMs?: number;
  /** Told of lost connections, failed reads and failing listeners; never throws into the writer. */
  onError?: (message: string, err?: unknown) => void;
  /** Told when the LISTEN connection comes up (after a loss too) or goes down. */
  onConnection?: (connected: boolean) => void;
}

interface EventRow {
  id: number;
  payload: string;
  created_at: string;
}

/**
 * Events with ids this far below the highest one heard are read again after a reconnect: ids are
 * taken when a transaction writes them, not when it commits, so a transaction that was open when
 * the connection went can commit a lower id than one already heard.
 */
const reorderWindow = 1000;
/** Ids heard are remembered this far below the highest, so nothing is delivered twice. */
const seenWindow = 10 * reorderWindow;
/** Events read per query while catching up. */
const catchUpBatch = 500;
/** A check delivers an unannounced event only once it is this old (its notice had time to come). */
const noticeGraceMs = 2000;

/**
 * The change feed for several instances on one PostgreSQL. Events are written to
 * `change_events` by the writers; a trigger (migration 0009) NOTIFYs their ids on commit. Each
 * instance holds one LISTEN connection of its own, reads the announced events by id and hands
 * them to its listeners. Its own publishes reach its listeners at once; their ids, claimed before
 * their transaction commits, are skipped when the notice comes back, so nothing is heard twice.
 *
 * When the connection breaks (PostgreSQL restarting) it reconnects with backoff and then reads
 * every event above the last one it heard, so changes made meanwhile are not lost; a periodic
 * check does the same for any notice that never came.
 */
export class PgChangeFeed implements ChangeFeed {
  private readonly local: LocalChangeFeed;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly checkMs: number;
  private client: pg.Client | undefined;
  private schemaName = '';
  private highest = 0;
  /** The highest id when the feed first connected: what came before is the state it started from. */
  private floor = 0;
  private readonly seen = new Set<number>();
  /** Ids of events this instance writes and publishes itself, not yet seen coming back. */
  private readonly claimed = new Set<number>();
  /** Reads and deliveries run one at a time, in the order notices came. */
  private work: Promise<void> = Promise.resolve();
  private connectedSince: number | undefined;
  private lostAt = Date.now();
  private failures = 0;
  private reconnects = 0;
  private everConnected = false;
  private lag = { events: 0, oldestMs: 0 };
  private lastDeliveryMs = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private checkTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly o: PgChangeFeedOptions) {
    this.local = new LocalChangeFeed((err) => this.report('change listener failed', err));
    this.minBackoffMs = o.minBackoffMs ?? 250;
    this.maxBackoffMs = o.maxBackoffMs ?? 5000;
    this.checkMs = o.checkMs ?? 5000;
  }

  /** Opens the LISTEN connection; rejects when the database cannot be reached at all. */
  async start(): Promise<void> {
    await this.connect();
    this.checkTimer = setInterval(() => this.enqueue(() => this.check()), this.checkMs);
    this.checkTimer.unref();
  }

  publish(events: readonly ChangeEvent[]): void {
    this.local.publish(events);
  }

  claim(ids: readonly number[]): void {
    for (const id of ids) this.claimed.add(id);
  }

  subscribe(listener: ChangeListener): () => void {
    return this.local.subscribe(listener);
  }

  status(): FeedStatus {
    const connected = this.connectedSince !== undefined;
    return {
      kind: 'postgres',
      connected,
      lastEventId: this.highest,
      lagEvents: this.lag.events,
      lagMs: connected ? this.lag.oldestMs : Math.max(this.lag.oldestMs, Date.now() - this.lostAt),
      lastDeliveryMs: this.lastDeliveryMs,
      reconnects: this.reconnects,
    };
  }

  /** Stops listening: waits for the delivery in progress, then closes the connection. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.checkTimer);
    await this.work;
    const client = this.client;
    this.client = undefined;
    this.connectedSince = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    // Loaded here, not at start: a site on SQLite never needs the PostgreSQL client.
    const { default: pgClient } = await import('pg');
    const client = new pgClient.Client({
      connectionString: this.o.connectionString,
      connectionTimeoutMillis: 5000,
      // A connection cut without a reset (a network partition) is noticed by the kernel.
      keepAlive: true,
      application_name: this.o.applicationName ?? 'khabar change feed',
      ...(this.o.schema && { options: `-c search_path=${this.o.schema}` }),
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    client.on('notification', (msg) => {
      if (client === this.client && msg.channel === changeChannel && msg.payload) this.heard(msg.payload);
    });
    try {
      await client.connect();
      const { rows } = await client.query<{ schema: string }>('select current_schema() as schema');
      this.schemaName = rows[0]?.schema ?? '';
      // LISTEN before reading: whatever commits after this is announced, whatever before is read.
      await client.query(`listen ${changeChannel}`);
      if (!this.everConnected) {
        const head = await client.query<{ id: number | null }>('select max(id) as id from change_events');
        this.highest = Number(head.rows[0]?.id ?? 0);
        this.floor = this.highest;
      }
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    const again = this.everConnected;
    this.everConnected = true;
    this.connectedSince = Date.now();
    this.failures = 0;
    if (again) {
      this.reconnects++;
      this.enqueue(() => this.catchUp(Math.max(this.floor, this.highest - reorderWindow)));
    }
    this.o.onConnection?.(true);
  }

  private lost(client: pg.Client, err?: Error): void {
    if (client !== this.client) return;
    this.client = undefined;
    this.connectedSince = undefined;
    this.lostAt = Date.now();
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.report('change feed: lost the PostgreSQL LISTEN connection; reconnecting', err);
    this.o.onConnection?.(false);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const base = Math.min(this.maxBackoffMs, this.minBackoffMs * 2 ** this.failures);
    // Jitter, so instances that lost the database together do not come back in lockstep.
    const wait = Math.round(base * (0.8 + Math.random() * 0.4));
    this.reconnectTimer = setTimeout(() => {
      this.connect().catch((err: unknown) => {
        this.failures++;
        if (this.failures === 1 || this.failures % 10 === 0) this.report(`change feed: reconnecting failed (${this.failures} tries)`, err);
        if (!this.closed) this.scheduleReconnect();
      });
    }, wait);
    this.reconnectTimer.unref();
  }

  /** A notice: `schema id,id,…` or `schema lo-hi`. Other schemas' notices are not ours. */
  private heard(payload: string): void {
    const space = payload.indexOf(' ');
    if (space < 0 || payload.slice(0, space) !== this.schemaName) return;
    const ids = payload.slice(space + 1);
    const range = /^(\d+)-(\d+)$/.exec(ids);
    if (range) {
      const lo = Number(range[1]);
      const hi = Number(range[2]);
      this.enqueue(() => this.readRange(lo, hi));
      return;
    }
    const list = ids.split(',').map(Number).filter((id) => Number.isSafeInteger(id) && id > 0 && !this.seen.has(id));
    if (list.length > 0) this.enqueue(() => this.read('select id, payload, created_at from change_events where id = any($1::int[]) order by id', [list]));
  }

  private async readRange(lo: number, hi: number): Promise<void> {
    for (let from = lo; from <= hi; from += catchUpBatch) {
      await this.read('select id, payload, created_at from change_events where id between $1 and $2 order by id', [from, Math.min(hi, from + catchUpBatch - 1)]);
    }
  }

  /** Reads every event above `from` (in batches) and delivers the ones not heard yet. */
  private async catchUp(from: number): Promise<void> {
    for (let after = from; ; ) {
      const rows = await this.read('select id, payload, created_at from change_events where id > $1 order by id limit $2', [after, catchUpBatch]);
      if (rows.length < catchUpBatch) return this.measure();
      after = rows[rows.length - 1]!.id;
    }
  }

  /** Looks for events no notice announced, measures the lag, forgets what is too old to matter. */
  private async check(): Promise<void> {
    // Claimed ids below the window belong to transactions that rolled back: they never come.
    for (const ids of [this.seen, this.claimed]) for (const id of ids) if (id <= this.highest - seenWindow) ids.delete(id);
    const cutoff = new Date(Date.now() - noticeGraceMs).toISOString();
    await this.read('select id, payload, created_at from change_events where id > $1 and created_at < $2 order by id limit $3', [this.highest, cutoff, catchUpBatch]);
    await this.measure();
  }

  /** Counts the committed events above the highest one heard. */
  private async measure(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const { rows } = await client.query<{ n: number; oldest: string | null }>(
      'select count(*)::int as n, min(created_at) as oldest from change_events where id > $1',
      [this.highest],
    );
    const oldest = rows[0]?.oldest;
    this.lag = { events: rows[0]?.n ?? 0, oldestMs: oldest ? Math.max(0, Date.now() - Date.parse(oldest)) : 0 };
  }

  private async read(query: string, params: unknown[]): Promise<EventRow[]> {
    const client = this.client;
    if (!client) return [];
    const { rows } = await client.query<EventRow>(query, params);
    this.deliver(rows);
    return rows;
  }

  private deliver(rows: readonly EventRow[]): void {
    const now = Date.now();
    for (const row of rows) {
      const id = Number(row.id);
      if (this.seen.has(id) || id <= this.highest - seenWindow) continue;
      this.seen.add(id);
      if (id > this.highest) this.highest = id;
      if (this.claimed.delete(id)) continue;
      let event: ChangeEvent;
      try {
        event = JSON.parse(row.payload) as ChangeEvent;
      } catch (err) {
        this.report(`change feed: event ${id} is not JSON; skipped`, err);
        continue;
      }
      this.lastDeliveryMs = Math.max(0, now - Date.parse(row.created_at));
      this.local.publish([event]);
    }
  }

  private enqueue(step: () => Promise<unknown>): void {
    this.work = this.work.then(step).then(
      () => undefined,
      (err: unknown) => {
        // A read that failed with the connection is made good by the catch-up after reconnecting.
        if (this.client) this.report('change feed: reading events failed', err);
      },
    );
  }

  private report(message: string, err?: unknown): void {
    if (this.o.onError) this.o.onError(message, err);
    else console.error(`khabar: ${message}`, err instanceof Error ? err.message : (err ?? ''));
  }
}
