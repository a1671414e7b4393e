import type { Kysely } from 'kysely';
import type { Dialect } from '../db/connect.js';
import type { DB } from '../db/schema.js';
import { claimRows, takeWriteLock } from '../db/locking.js';
import type { ContentEvents } from '../content/changes.js';
import { publishInTransaction } from './publishArticle.js';

export interface SchedulerDeps {
  db: Kysely<DB>;
  dialect: Dialect;
  events: ContentEvents;
}

export interface SchedulerRun {
  published: number[];
  /** Stories that are due but could not go out, with why (the dashboard shows them as overdue). */
  blocked: { id: number; reason: string }[];
}

const batchSize = 20;

/**
 * Publishes scheduled stories whose time has come and lifts embargoes that have ended.
 * Safe with many instances: each row is claimed (SKIP LOCKED on PostgreSQL) and the status
 * change is conditional, so a story goes out exactly once.
 */
export async function publishDueArticles(deps: SchedulerDeps, now = new Date()): Promise<SchedulerRun> {
  const run: SchedulerRun = { published: [], blocked: [] };
  const at = now.toISOString();
  const tried = new Set<number>();
  for (;;) {
    const batch = await deps.db.transaction().execute(async (trx) => {
      await takeWriteLock(trx, deps.dialect);
      let q = trx
        .selectFrom('articles')
        .select(['id', 'status'])
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'scheduled'), eb('scheduled_for', '<=', at)]),
            eb.and([eb('status', '=', 'embargoed'), eb('embargo_until', '<=', at)]),
          ]),
        )
        .orderBy('id')
        .limit(batchSize);
      if (tried.size > 0) q = q.where('id', 'not in', [...tried]);
      const due = await claimRows(q, deps.dialect).execute();
      const keys: string[] = [];
      for (const row of due) {
        tried.add(row.id);
        const r = await publishInTransaction(trx, row.id, now, [row.status]);
        if (r.published) {
          run.published.push(row.id);
          keys.push(...r.keys);
        } else if (r.problems.length > 0) {
          const reason = r.problems.join('; ');
          await trx.updateTable('articles').set({ schedule_error: reason }).where('id', '=', row.id).execute();
          run.blocked.push({ id: row.id, reason });
        }
      }
      return { count: due.length, keys };
    });
    if (batch.keys.length > 0) deps.events.announce(batch.keys);
    if (batch.count < batchSize) return run;
  }
}

/** Runs the scheduler every `intervalMs` until stopped; a failed run is logged and retried. */
export function startScheduler(deps: SchedulerDeps, intervalMs = 10_000, log: (msg: string, err?: unknown) => void = console.error): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = publishDueArticles(deps).catch((err: unknown) => log('scheduled publishing failed; will retry', err));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
