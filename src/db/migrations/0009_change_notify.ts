import { sql, type Kysely, type Migration } from 'kysely';
import type { MigrationContext } from './helpers.js';

/** The PostgreSQL channel every instance LISTENs on for committed change events. */
export const changeChannel = 'khabar_changes';

/** Above this many events in one statement the notice names their id range, not each id. */
export const notifyIdListMax = 100;

/**
 * PostgreSQL: every statement that inserts into `change_events` sends one NOTIFY, which the
 * server delivers only when (and if) the transaction commits. The payload is small — the
 * table's schema and the new ids (`t_1 41,42` or `t_1 41-900`) — and listeners read the events
 * by id, so a notice lost while a listener was away loses nothing. Because the trigger does it,
 * every writer notifies: `serve`, `worker`, `import`, a command run from a script.
 * SQLite serves one process, whose local feed hears everything: nothing to do there.
 */
export function changeNotify({ dialect }: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect !== 'postgres') return;
      await sql`create or replace function khabar_notify_changes() returns trigger language plpgsql as $$
        declare
          n integer;
          lo integer;
          hi integer;
          ids text;
        begin
          select count(*), min(id), max(id) into n, lo, hi from new_events;
          if n = 0 then
            return null;
          end if;
          if n <= ${sql.lit(notifyIdListMax)} then
            select string_agg(id::text, ',' order by id) into ids from new_events;
          else
            ids := lo || '-' || hi;
          end if;
          perform pg_notify(${sql.lit(changeChannel)}, tg_table_schema || ' ' || ids);
          return null;
        end
      $$`.execute(db);
      await sql`create trigger change_events_notify after insert on change_events
        referencing new table as new_events for each statement execute function khabar_notify_changes()`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      if (dialect !== 'postgres') return;
      await sql`drop trigger if exists change_events_notify on change_events`.execute(db);
      await sql`drop function if exists khabar_notify_changes()`.execute(db);
    },
  };
}
