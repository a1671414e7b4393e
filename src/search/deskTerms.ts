// The newsroom's own word lookup: every story's headline and dek, drafts included, analyzed
// with the site's analyzer (stems, Latin words, numbers, phonetic keys) into `desk_terms`.
// The public index (search_documents) holds published stories only; the desk must find
// "નર્મદામાં" or Latin "narmada" in a draft as readers find it in a published story.
// A query word matches a story when any of its alternatives is one of the story's terms: an
// index lookup per word, no scan of the archive.

import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { analyzeQuery } from './analyzer.js';
import { analyzeText } from './document.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Distinct terms of a story's headline and dek. */
export function deskTermsOf(headline: string, dek: string): string[] {
  const terms = new Set<string>();
  for (const t of analyzeText(`${headline}\n${dek}`)) terms.add(t.term);
  return [...terms];
}

/** Rows per insert (2 parameters each). */
const BATCH = 400;

async function insertTerms(db: Db, rows: { term: string; article_id: number }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await db.insertInto('desk_terms').values(rows.slice(i, i + BATCH)).execute();
}

/** Replaces a story's desk terms with those of its current headline and dek. Call after changing it. */
export async function putDeskTerms(db: Db, id: number): Promise<void> {
  const row = await db.selectFrom('articles').select(['headline', 'dek']).where('id', '=', id).executeTakeFirst();
  await db.deleteFrom('desk_terms').where('article_id', '=', id).execute();
  if (!row) return;
  await insertTerms(db, deskTermsOf(row.headline, row.dek).map((term) => ({ term, article_id: id })));
}

/** Desk terms for a page of stories at once (a rebuild): their old rows are replaced. */
export async function putDeskTermsMany(db: Db, stories: readonly { id: number; headline: string; dek: string }[]): Promise<void> {
  if (stories.length === 0) return;
  await db.deleteFrom('desk_terms').where('article_id', 'in', stories.map((s) => s.id)).execute();
  await insertTerms(db, stories.flatMap((s) => deskTermsOf(s.headline, s.dek).map((term) => ({ term, article_id: s.id }))));
}

/** Most words a desk search looks up. */
const MAX_WORDS = 8;

/**
 * The words of a newsroom search, each as the terms any of which may match (its stem, the
 * Latin word, its phonetic key). Empty when nothing in the text is searchable.
 */
export function deskQueryGroups(text: string): string[][] {
  const q = analyzeQuery(text.slice(0, 500));
  return q.groups.slice(0, MAX_WORDS).map((g) => g.alternatives.map((a) => a.term));
}
