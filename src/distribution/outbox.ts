import type { Kysely, Transaction } from 'kysely';
import type { Dialect } from '../db/dialect.js';
import type { DB } from '../db/schema.js';
import { claimRows, takeWriteLock } from '../db/locking.js';
import type { ChangeEvent } from '../content/changes.js';
import { startLoop, type Worker } from './loop.js';

/**
 * The outbox worker: takes the change events the writer recorded (`change_events` rows not
 * yet dispatched, oldest first) and hands each to the consumers that turn changes into work
 * for the outside world (channel deliveries, webhooks). Taking, handling and marking happen in
 * one transaction, with the rows claimed (FOR UPDATE SKIP LOCKED on PostgreSQL, the write lock
 * on SQLite), so with several instances each event is dispatched exactly once, and an event
 * committed just before a crash is dispatched after the restart.
 */
export interface OutboxDeps {
  db: Kysely<DB>;
  dialect: Dialect;
}

/** Where an event sits in the outbox. */
export interface OutboxEntry {
  /** The `change_events` row: with a channel, the key that keeps a delivery from being made twice. */
  id: number;
  /** When the change was committed. */
  createdAt: Date;
}

/** Turns one event into work inside the dispatching transaction (e.g. one delivery row per matching channel). */
export type OutboxHandler = (trx: Transaction<DB>, event: ChangeEvent, entry: OutboxEntry) => Promise<void>;

export interface DispatchResult {
  /** Events taken in this run, by id. */
  dispatched: number[];
}

const batchSize = 100;
/** Dispatched events are kept this long for the newsroom's history, then pruned. */
export const keepDispatchedMs = 7 * 24 * 3600_000;

/** Dispatches every pending event, in batches, oldest first. */
export async function dispatchPending(deps: OutboxDeps, consumers: readonly OutboxHandler[], now = new Date()): Promise<DispatchResult> {
  const result: DispatchResult = { dispatched: [] };
  for (;;) {
    const taken = await deps.db.transaction().execute(async (trx) => {
      await takeWriteLock(trx, deps.dialect);
      const q = trx.selectFrom('change_events').select(['id', 'payload', 'created_at']).where('dispatched_at', 'is', null).orderBy('id').limit(batchSize);
      const rows = await claimRows(q, deps.dialect).execute();
      for (const row of rows) {
        const event = JSON.parse(row.payload) as ChangeEvent;
        const entry = { id: row.id, createdAt: new Date(row.created_at) };
        for (const consume of consumers) await consume(trx, event, entry);
      }
      if (rows.length > 0) {
        await trx.updateTable('change_events').set({ dispatched_at: now.toISOString() }).where('id', 'in', rows.map((r) => r.id)).execute();
      }
      return rows.map((r) => r.id);
    });
    result.dispatched.push(...taken);
    if (taken.length < batchSize) break;
  }
  await deps.db
    .deleteFrom('change_events')
    .where('dispatched_at', '<', new Date(now.getTime() - keepDispatchedMs).toISOString())
    .execute();
  return result;
}

/**
 * Runs the worker every `intervalMs` (and at once on `kick()`, e.g. when this process committed
 * a change); a failed run is logged and retried. `onDispatched` hears each run that took events.
 */
export function startOutboxWorker(
  deps: OutboxDeps,
  consumers: readonly OutboxHandler[],
  intervalMs = 1_000,
  log: (msg: string, err?: unknown) => void = console.error,
  onDispatched: (result: DispatchResult) => void = () => undefined,
): Worker {
  return startLoop(
    async () => {
      const result = await dispatchPending(deps, consumers);
      if (result.dispatched.length > 0) onDispatched(result);
    },
    intervalMs,
    log,
    'outbox dispatch',
  );
}
