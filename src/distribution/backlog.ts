import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface OutboxBacklog {
  /** Change events committed and not yet taken by the outbox worker. */
  events: number;
  /** Age of the oldest of them, in ms (0 when there are none). */
  oldestMs: number;
}

/** How far the outbox worker is behind (for metrics). */
export async function outboxBacklog(db: Kysely<DB>, now = Date.now()): Promise<OutboxBacklog> {
  const row = await db
    .selectFrom('change_events')
    .select([sql<number>`count(*)`.as('n'), sql<string | null>`min(created_at)`.as('oldest')])
    .where('dispatched_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { events: Number(row.n), oldestMs: row.oldest ? Math.max(0, now - Date.parse(row.oldest)) : 0 };
}
