import type { Dialect } from '../db/connect.js';
import { claimRows, takeWriteLock } from '../db/locking.js';
import { recordScheduleError, writeArticles, type WriterDeps } from './articleWriter.js';
import { publishNow, type PublishProblem } from './publishing.js';

export interface SchedulerDeps extends WriterDeps {
  dialect: Dialect;
}

export interface SchedulerRun {
  published: number[];
  /** Stories that are due but could not go out, with why (the dashboard shows them as overdue). */
  blocked: { id: number; problems: PublishProblem[] }[];
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
    const count = await writeArticles(deps, 'scheduler', async (scope) => {
      const { trx } = scope;
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
      for (const row of due) {
        tried.add(row.id);
        const r = await publishNow(scope, row.id, now, [row.status]);
        if (r.published) {
          run.published.push(row.id);
        } else if (r.problems.length > 0) {
          // Kept as the problems' codes: the dashboard says them in each person's language.
          await recordScheduleError(scope, row.id, JSON.stringify(r.problems));
          run.blocked.push({ id: row.id, problems: r.problems });
        }
      }
      return due.length;
    }, now);
    if (count < batchSize) return run;
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
