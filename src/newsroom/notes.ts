import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** An editor's note sending a story back to its writer; open until the story is submitted again. */
export interface SentBackNote {
  articleId: number;
  note: string;
  byName: string | null;
  at: Date;
}

export async function addSentBackNote(trx: Transaction<DB>, articleId: number, personId: number, note: string, at: Date): Promise<void> {
  // One open note per story: a second send-back replaces the first.
  await resolveNotes(trx, articleId, at);
  await trx.insertInto('article_notes').values({ article_id: articleId, person_id: personId, kind: 'sentBack', note, created_at: at.toISOString(), resolved_at: null }).execute();
}

/** The writer answered (submitted again): the notes are kept, no longer shown. */
export async function resolveNotes(trx: Transaction<DB>, articleId: number, at: Date): Promise<void> {
  await trx.updateTable('article_notes').set({ resolved_at: at.toISOString() }).where('article_id', '=', articleId).where('resolved_at', 'is', null).execute();
}

/** The open send-back notes of these stories, newest first. */
export async function openNotes(db: Db, articleIds: number[]): Promise<SentBackNote[]> {
  if (articleIds.length === 0) return [];
  const rows = await db
    .selectFrom('article_notes')
    .leftJoin('people', 'people.id', 'article_notes.person_id')
    .select(['article_notes.article_id', 'article_notes.note', 'people.name', 'article_notes.created_at'])
    .where('article_notes.article_id', 'in', articleIds)
    .where('article_notes.resolved_at', 'is', null)
    .orderBy('article_notes.created_at', 'desc')
    .execute();
  return rows.map((r) => ({ articleId: r.article_id, note: r.note, byName: r.name, at: new Date(r.created_at) }));
}
