// The delivery worker: takes due delivery rows and hands each to its channel's adapter, once.
//
// A row is claimed (FOR UPDATE SKIP LOCKED on PostgreSQL, under the write lock on SQLite),
// marked `sending` and committed BEFORE the adapter is called, and its outcome is recorded
// after. So a worker that dies mid-way leaves the row in `sending`: nobody can tell whether the
// service got the request, and a later sweep marks it `unknown` ("check and resend"), never
// for a blind retry. `retry` outcomes come back after the service's Retry-After, or after an
// exponential backoff with full jitter, up to a number of attempts (a 429 whose wait the service
// named is not counted). A story's deliveries on one
// channel (and reader) go out in order: a row waits while an earlier one is unfinished, so an
// edit never overtakes the post it edits.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../db/dialect.js';
import type { DB, DeliveryStatus } from '../db/schema.js';
import { claimRows, takeWriteLock } from '../db/locking.js';
import { channelTypes, type ChannelTypeInfo } from './channels/index.js';
import type { ChangeKind, ChannelType, DeliveryOutcome, NetworkPolicy, OutcomeReason } from './channels/types.js';
import { openChannel, type OpenChannel } from './channelStore.js';
import { storyForDelivery } from './story.js';
import type { SecretKey } from './secrets.js';
import { startLoop, type Worker } from './loop.js';

export interface DeliveryOptions {
  /** Names this worker in `claimed_by` (host, pid and a random part by default). */
  workerId: string;
  /** Deliveries in flight at once. */
  concurrency: number;
  /** After this many attempts a `retry` outcome is recorded as `failed` (429s with a named wait are not counted). */
  maxAttempts: number;
  /** First backoff ceiling; doubles with each attempt, up to `backoffCapMs`. */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** A `sending` row claimed longer ago than this has lost its worker: it becomes `unknown`. */
  staleAfterMs: number;
  /** Time allowed for one exchange with a service. */
  timeoutMs: number;
  /** Name resolution for the address guard (tests). */
  resolve?: NetworkPolicy['resolve'];
  /** Jitter source, in [0, 1). */
  random: () => number;
}

export interface DeliveryWorkerDeps {
  db: Kysely<DB>;
  dialect: Dialect;
  /** The site's public origin, for story and image URLs. */
  publicUrl: string;
  /** KHABAR_SECRET_KEY; channels with secrets stay waiting without it. */
  secretKey: SecretKey | null;
  /** The channel types (tests wrap adapters). */
  types?: Readonly<Record<ChannelType, ChannelTypeInfo>>;
  options?: Partial<DeliveryOptions>;
  log?: (msg: string, err?: unknown) => void;
}

export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** Waits longer than any live worker holds a row: a delivery makes at most a few exchanges (WebSub up to ten). */
const defaults = (): DeliveryOptions => ({
  workerId: defaultWorkerId(),
  concurrency: 8,
  maxAttempts: 10,
  backoffBaseMs: 5_000,
  backoffCapMs: 3_600_000,
  staleAfterMs: 10 * 60_000,
  timeoutMs: 15_000,
  random: Math.random,
});

const channelRefreshMs = 5_000;

/** Longest wait a service may ask for that is honoured as such. */
const maxRetryAfterMs = 24 * 3_600_000;

export type DeliveryCounts = Record<Exclude<DeliveryStatus, 'pending' | 'sending'>, number>;

export interface DeliveryRun extends DeliveryCounts {
  /** Rows found in `sending` from a worker that stopped, now `unknown`. */
  inDoubt: number;
}

interface Claimed {
  id: number;
  channel_id: number;
  article_id: number;
  recipient_id: number;
  kind: ChangeKind;
  attempts: number;
  fresh_post: number;
  claimed_at: string;
}

/** Full jitter: a random wait between 0 and min(cap, base · 2^(attempt−1)). */
export function backoffMs(attempt: number, o: Pick<DeliveryOptions, 'backoffBaseMs' | 'backoffCapMs' | 'random'>): number {
  const ceiling = Math.min(o.backoffCapMs, o.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(o.random() * ceiling);
}

const unfinished: DeliveryStatus[] = ['pending', 'sending', 'retry'];

export class DeliveryWorker {
  private readonly o: DeliveryOptions;
  private readonly types: Readonly<Record<ChannelType, ChannelTypeInfo>>;
  private readonly log: (msg: string, err?: unknown) => void;
  /** Channel problems already logged, so a missing key is said once, not every second. */
  private readonly said = new Set<string>();
  private stopping = false;

  constructor(private readonly deps: DeliveryWorkerDeps) {
    this.o = { ...defaults(), ...deps.options };
    this.types = deps.types ?? channelTypes;
    this.log = deps.log ?? ((msg, err) => console.error(`khabar: ${msg}`, err ?? ''));
  }

  get workerId(): string {
    return this.o.workerId;
  }

  /** No new rows are taken; deliveries in flight finish and are recorded. */
  stop(): void {
    this.stopping = true;
  }

  /** Marks rows left in `sending` by a worker that stopped as `unknown`. */
  async sweepInDoubt(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.o.staleAfterMs).toISOString();
    const r = await this.deps.db
      .updateTable('deliveries')
      .set({
        status: 'unknown',
        reason: 'workerStopped' satisfies OutcomeReason,
        detail: sql<string>`'claimed by ' || claimed_by || ' at ' || claimed_at || '; no answer was recorded'`,
        completed_at: now.toISOString(),
      })
      .where('status', '=', 'sending')
      .where('claimed_at', '<', before)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** The enabled channels this worker can open; the others' deliveries wait (and the reason is logged once). */
  private async openChannels(): Promise<Map<number, OpenChannel>> {
    const rows = await this.deps.db.selectFrom('channels').selectAll().where('enabled', '=', 1).execute();
    const open = new Map<number, OpenChannel>();
    for (const row of rows) {
      try {
        const channel = openChannel(row, this.deps.secretKey);
        open.set(row.id, { ...channel, info: this.types[channel.type] });
      } catch (err) {
        const key = `${row.id}:${row.updated_at}:${err instanceof Error ? err.message : String(err)}`;
        if (!this.said.has(key)) {
          this.said.add(key);
          this.log(`channel ${row.id} (${row.name}) cannot be used; its deliveries wait`, err);
        }
      }
    }
    return open;
  }

  private async claim(limit: number, channelIds: number[]): Promise<Claimed[]> {
    if (limit <= 0 || channelIds.length === 0) return [];
    const { db, dialect } = this.deps;
    return db.transaction().execute(async (trx) => {
      await takeWriteLock(trx, dialect);
      const now = new Date().toISOString();
      const q = trx
        .selectFrom('deliveries as d')
        .select(['d.id', 'd.channel_id', 'd.article_id', 'd.recipient_id', 'd.kind', 'd.attempts', 'd.fresh_post'])
        .where('d.status', 'in', ['pending', 'retry'])
        .where('d.next_attempt_at', '<=', now)
        .where('d.channel_id', 'in', channelIds)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('deliveries as e')
                .select('e.id')
                .whereRef('e.article_id', '=', 'd.article_id')
                .whereRef('e.channel_id', '=', 'd.channel_id')
                .whereRef('e.recipient_id', '=', 'd.recipient_id')
                .whereRef('e.id', '<', 'd.id')
                .where('e.status', 'in', unfinished),
            ),
          ),
        )
        .orderBy('d.next_attempt_at')
        .orderBy('d.id')
        .limit(limit);
      const rows = await claimRows(q, dialect).execute();
      if (rows.length === 0) return [];
      await trx
        .updateTable('deliveries')
        .set((eb) => ({ status: 'sending', claimed_by: this.o.workerId, claimed_at: now, attempts: eb('attempts', '+', 1) }))
        .where('id', 'in', rows.map((r) => r.id))
        .execute();
      return rows.map((r) => ({ ...r, kind: r.kind as ChangeKind, attempts: r.attempts + 1, claimed_at: now }));
    });
  }

  /** What this story's last `sent` delivery on this channel (and reader) left for later edits. */
  private async previousMemory(d: Claimed, channel: OpenChannel): Promise<unknown> {
    const last = await this.deps.db
      .selectFrom('deliveries')
      .select(['memory'])
      .where('channel_id', '=', d.channel_id)
      .where('article_id', '=', d.article_id)
      .where('recipient_id', '=', d.recipient_id)
      .where('status', '=', 'sent')
      .where('id', '!=', d.id)
      .orderBy('completed_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!last?.memory) return null;
    const parsed = channel.info.adapter.memorySchema.safeParse(JSON.parse(last.memory));
    if (!parsed.success) {
      this.log(`delivery ${d.id}: the memory of the last post on channel ${channel.id} is not readable; treating it as none`);
      return null;
    }
    return parsed.data;
  }

  /** The outcome of one claimed delivery, or a reason to send nothing. */
  private async attempt(d: Claimed, channel: OpenChannel): Promise<DeliveryOutcome<unknown> | { status: 'skipped'; reason: OutcomeReason; detail: string }> {
    const story = await storyForDelivery(this.deps.db, d.article_id, d.kind, this.deps.publicUrl);
    if (!story || (d.kind !== 'unpublished' && !story.visible)) return { status: 'skipped', reason: 'notPublic', detail: story ? 'the story is not public' : 'the story was deleted' };
    if ('invalid' in story.message) return { status: 'failed', reason: 'invalidConfig', detail: `the story cannot be sent: ${story.message.invalid}` };
    let target: unknown = undefined;
    if (channel.info.recipient !== null) {
      const reader = await this.deps.db.selectFrom('recipients').select('target').where('id', '=', d.recipient_id).executeTakeFirst();
      if (!reader) return { status: 'skipped', reason: 'gone', detail: 'the reader is no longer subscribed' };
      target = JSON.parse(reader.target) as unknown;
    }
    const fresh = d.fresh_post === 1;
    const previous = fresh ? null : await this.previousMemory(d, channel);
    // An update with nothing to change must not turn into a new post.
    if (!fresh && previous === null && channel.info.editsPosts && (d.kind === 'updated' || d.kind === 'corrected')) {
      return { status: 'skipped', reason: 'noPost', detail: 'no confirmed post of this story on this channel' };
    }
    try {
      return await channel.info.adapter.deliver({
        message: story.message,
        config: channel.config,
        previous,
        target,
        deliveryId: `dlv_${d.id}`,
        network: { allowPrivate: channel.allowPrivate, timeoutMs: this.o.timeoutMs, ...(this.o.resolve && { resolve: this.o.resolve }) },
      });
    } catch (err) {
      // Adapters do not throw for anything a service does; this is a bug, and it may have sent.
      this.log(`delivery ${d.id}: the ${channel.type} adapter threw`, err);
      return { status: 'unknown', reason: 'internalError', detail: err instanceof Error ? err.message : String(err) };
    }
  }

  private async record(d: Claimed, outcome: DeliveryOutcome<unknown> | { status: 'skipped'; reason: OutcomeReason; detail: string }): Promise<DeliveryStatus> {
    const now = new Date();
    const done = { completed_at: now.toISOString(), fresh_post: 0 };
    let set;
    let status: DeliveryStatus;
    switch (outcome.status) {
      case 'sent':
        status = 'sent';
        set = { status, ...done, reason: null, detail: null, http_status: null, remote_id: outcome.remoteId, remote_url: outcome.remoteUrl, memory: outcome.memory === null ? null : JSON.stringify(outcome.memory), unchanged: outcome.unchanged ? 1 : 0 };
        break;
      case 'retry':
        // A service that named its wait (429 with Retry-After or retry_after) is pacing us, not
        // failing: that exchange does not count against the cap, so a flood-controlled bot still
        // gets every story, late. It waits as told, so this cannot spin.
        if (outcome.reason === 'rateLimited' && outcome.retryAfterMs !== null) {
          status = 'retry';
          set = { status, attempts: d.attempts - 1, reason: outcome.reason, detail: outcome.detail, next_attempt_at: new Date(now.getTime() + Math.min(outcome.retryAfterMs, maxRetryAfterMs)).toISOString() };
        } else if (d.attempts >= this.o.maxAttempts) {
          status = 'failed';
          set = { status, ...done, reason: outcome.reason, detail: `${outcome.detail} (gave up after ${d.attempts} attempts)` };
        } else {
          status = 'retry';
          const wait = outcome.retryAfterMs !== null ? Math.min(outcome.retryAfterMs, maxRetryAfterMs) : backoffMs(d.attempts, this.o);
          set = { status, reason: outcome.reason, detail: outcome.detail, next_attempt_at: new Date(now.getTime() + wait).toISOString() };
        }
        break;
      case 'failed':
        status = 'failed';
        set = { status, ...done, reason: outcome.reason, detail: outcome.detail, http_status: outcome.httpStatus ?? null };
        break;
      case 'unknown':
        status = 'unknown';
        set = { status, ...done, reason: outcome.reason, detail: outcome.detail };
        break;
      case 'skipped':
        status = 'skipped';
        set = { status, ...done, reason: outcome.reason, detail: outcome.detail };
        break;
    }
    const gone = outcome.status === 'failed' && outcome.gone === true && d.recipient_id !== 0;
    await this.deps.db.transaction().execute(async (trx) => {
      // Only the claim this worker holds: a row resent by the newsroom meanwhile is not ours to write.
      const r = await trx
        .updateTable('deliveries')
        .set(set)
        .where('id', '=', d.id)
        .where('claimed_by', '=', this.o.workerId)
        .where('claimed_at', '=', d.claimed_at)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) this.log(`delivery ${d.id}: taken over while in flight; its ${status} outcome is not recorded`);
      if (gone) await trx.deleteFrom('recipients').where('id', '=', d.recipient_id).execute();
    });
    return status;
  }

  /**
   * Delivers everything due now, `concurrency` at a time, until nothing is left to take; rows
   * that become takeable while others finish (the next edit of a story) are taken in the same run.
   */
  async deliverDue(): Promise<DeliveryRun> {
    const run: DeliveryRun = { inDoubt: await this.sweepInDoubt(), sent: 0, retry: 0, failed: 0, unknown: 0, skipped: 0 };
    let channels = await this.openChannels();
    let openedAt = Date.now();
    const inFlight = new Set<Promise<void>>();
    // Deliveries finished so far: one that ends while a claim runs may have freed the next edit
    // of its story, which that claim could not yet see.
    let finished = 0;
    for (;;) {
      const finishedBefore = finished;
      // A long run (a busy site) sees channel changes (a new token, a disabled channel) within seconds.
      if (Date.now() - openedAt > channelRefreshMs) {
        channels = await this.openChannels();
        openedAt = Date.now();
      }
      const claimed = this.stopping ? [] : await this.claim(this.o.concurrency - inFlight.size, [...channels.keys()]);
      for (const d of claimed) {
        const channel = channels.get(d.channel_id)!;
        const p: Promise<void> = this.attempt(d, channel)
          .then((outcome) => this.record(d, outcome))
          .then((status) => {
            if (status !== 'pending' && status !== 'sending') run[status] += 1;
          })
          .catch((err: unknown) => this.log(`delivery ${d.id} could not be completed; it stays in sending until the sweep`, err))
          .finally(() => {
            inFlight.delete(p);
            finished += 1;
          });
        inFlight.add(p);
      }
      if (inFlight.size === 0) {
        if (claimed.length === 0 && finished === finishedBefore) break;
        continue;
      }
      const full = inFlight.size >= this.o.concurrency;
      if (full || (claimed.length === 0 && finished === finishedBefore)) await Promise.race(inFlight);
    }
    return run;
  }
}

/** Runs the delivery worker every `intervalMs`, and at once on `kick()` (new deliveries were made). */
export function startDeliveryWorker(deps: DeliveryWorkerDeps, intervalMs = 1_000): Worker {
  const worker = new DeliveryWorker(deps);
  const loop = startLoop(() => worker.deliverDue(), intervalMs, deps.log ?? ((msg, err) => console.error(`khabar: ${msg}`, err ?? '')), 'delivery');
  return {
    kick: loop.kick,
    async stop() {
      worker.stop();
      await loop.stop();
    },
  };
}
