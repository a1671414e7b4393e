import type { Kysely, Transaction } from 'kysely';
import type { Dialect } from '../db/dialect.js';
import type { DB } from '../db/schema.js';
import { claimRows, takeWriteLock } from '../db/locking.js';
import type { ChangeEvent } from '../content/changes.js';

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

/** Turns one event into work inside the dispatching transaction (e.g. one delivery row per matching channel). */
export type OutboxHandler = (trx: Transaction<DB>, event: ChangeEvent) => Promise<void>;

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
      const q = trx.selectFrom('change_events').select(['id', 'payload']).where('dispatched_at', 'is', null).orderBy('id').limit(batchSize);
      const rows = await claimRows(q, deps.dialect).execute();
      for (const row of rows) {
        const event = JSON.parse(row.payload) as ChangeEvent;
        for (const consume of consumers) await consume(trx, event);
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

/** Runs the worker every `intervalMs` until stopped; a failed run is logged and retried. */
export function startOutboxWorker(
  deps: OutboxDeps,
  consumers: readonly OutboxHandler[],
  intervalMs = 1_000,
  log: (msg: string, err?: unknown) => void = console.error,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    running = dispatchPending(deps, consumers)
      .catch((err: unknown) => log('outbox dispatch failed; will retry', err))
      .finally(() => {
        busy = false;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
