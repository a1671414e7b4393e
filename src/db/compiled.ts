import type { CompiledQuery, Kysely } from 'kysely';
import type { DB } from './schema.js';

/**
 * What stands for argument `i` while the query is compiled: a value no real argument has, which
 * trimming, a change of case or arithmetic would change (so the check below notices them).
 */
const standIn = (i: number) => ` \u0000Khabar-Argument-${i}\u0000 `;

/**
 * A query that Kysely builds and compiles once per database (the SQL differs by dialect), then
 * runs with each call's arguments put where the stand-ins were. For the queries of a page
 * rendered on every cache miss: building and compiling them was a measurable share of a
 * render (bench:pages, long tail). Arguments are scalars that `build` hands to Kysely as
 * values, untouched (no arithmetic, no formatting, no lists); the first compile checks that
 * each one reached the SQL's parameters.
 */
export function compiledQuery<A extends (string | number)[], R>(
  build: (db: Kysely<DB>, ...args: A) => { compile(): CompiledQuery<R> },
): (db: Kysely<DB>, ...args: A) => Promise<R[]> {
  const compiled = new WeakMap<Kysely<DB>, { query: CompiledQuery<R>; slots: (number | undefined)[] }>();
  return async (db, ...args) => {
    let c = compiled.get(db);
    if (!c) {
      const standIns = args.map((_, i) => standIn(i));
      const query = build(db, ...(standIns as A)).compile();
      const slots = query.parameters.map((p) => {
        const i = standIns.indexOf(p as string);
        return i === -1 ? undefined : i;
      });
      for (let i = 0; i < args.length; i++) {
        if (!slots.includes(i)) throw new Error(`compiledQuery: argument ${i} does not reach the SQL as a value:\n${query.sql}`);
      }
      c = { query, slots };
      compiled.set(db, c);
    }
    const { query, slots } = c;
    const parameters = query.parameters.map((p, j) => {
      const i = slots[j];
      return i === undefined ? p : args[i];
    });
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}
