// A small newsroom for the command tests: a fresh database, one section, a person of each
// role, and a change feed that keeps what it heard.
import { LocalChangeFeed, type ChangeEvent } from '../../../src/content/changes.js';
import type { Actor } from '../../../src/content/policies.js';
import type { Role } from '../../../src/db/schema.js';
import type { WriterDeps } from '../../../src/newsroom/articleWriter.js';
import { createDraft } from '../../../src/newsroom/commands/createDraft.js';
import { openTestDatabase, type TestDatabase } from '../../helpers/database.js';

export interface Newsroom {
  db: TestDatabase;
  deps: WriterDeps;
  heard: ChangeEvent[];
  sectionId: number;
  people: Record<Role, Actor>;
  /** A draft by `by`, with a Gujarati headline and body. */
  draft(by: Actor, headline?: string): Promise<number>;
  status(id: number): Promise<string>;
  pendingEvents(): Promise<ChangeEvent[]>;
  close(): Promise<void>;
}

export async function newsroom(): Promise<Newsroom> {
  const db = await openTestDatabase();
  const now = new Date().toISOString();
  const section = await db.db
    .insertInto('sections')
    .values({ slug: 'rajkaran', name: 'રાજકારણ', description: '', parent_id: null, position: 0, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const people = {} as Record<Role, Actor>;
  for (const role of ['contributor', 'author', 'editor', 'admin'] as const) {
    const row = await db.db
      .insertInto('people')
      .values({ slug: `p-${role}`, name: `${role} ખબરપત્રી`, bio: '', title: '', email: `${role}@example.com`, created_at: now, role, password_hash: null, locked_until: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    people[role] = { id: row.id, role };
  }
  const feed = new LocalChangeFeed();
  const heard: ChangeEvent[] = [];
  feed.subscribe((e) => heard.push(e));
  const deps = { db: db.db, feed };
  return {
    db,
    deps,
    heard,
    sectionId: section.id,
    people,
    async draft(by, headline = 'નર્મદા ડેમની સપાટી ૧૩૮ મીટરે પહોંચી') {
      const r = await createDraft(deps, { actor: by, edit: { headline, sectionId: section.id, bodyHtml: '<p>ઉપરવાસમાં ભારે વરસાદ, ૨૩ દરવાજા ખોલાયા.</p>' } });
      return r.id;
    },
    async status(id) {
      return (await db.db.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    },
    async pendingEvents() {
      const rows = await db.db.selectFrom('change_events').select('payload').where('dispatched_at', 'is', null).orderBy('id').execute();
      return rows.map((r) => JSON.parse(r.payload) as ChangeEvent);
    },
    close: () => db.drop(),
  };
}
