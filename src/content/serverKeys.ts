import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

const cached = new WeakMap<Kysely<DB>, Map<string, Buffer>>();

/**
 * A site secret by name (`server_keys`), made on first use and the same on every instance:
 * two instances starting together both try to insert, the first wins and both read it back.
 */
export async function serverKey(db: Kysely<DB>, name: string): Promise<Buffer> {
  let keys = cached.get(db);
  const known = keys?.get(name);
  if (known) return known;
  await db
    .insertInto('server_keys')
    .values({ name, value: randomBytes(32).toString('base64url'), created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('server_keys').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  const key = Buffer.from(row.value, 'base64url');
  if (!keys) cached.set(db, (keys = new Map()));
  keys.set(name, key);
  return key;
}
