// Keeps the search index in step with the articles table.
//
// - `dropFromSearch` / `addToSearch`: called by the write path (saveArticle.ts) inside the
//   transaction that changes a story, before and after the change. Only published stories are
//   in the index; the vocabulary counts are taken off with the old text and put back with the
//   new, so the table stays right without rescanning the archive.
// - `rebuildSearchIndex`: `khabar reindex`. A WordPress import indexes each batch of stories
//   itself (`indexImportedArticles` in the article writer) before the batch commits.

import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { createAnalyzerPool, defaultWorkers } from './analyzerPool.js';
import { documentVocabulary, htmlToText, indexFields, type AnalyzedStory, type SearchableText } from './document.js';
import { engineFor } from './engine/index.js';
import { putDeskTerms, putDeskTermsMany } from './deskTerms.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Rows per vocabulary statement (2 parameters each). */
const VOCABULARY_BATCH = 400;

async function searchableText(db: Db, id: number): Promise<(SearchableText & { status: string }) | undefined> {
  const row = await db.selectFrom('articles').select(['headline', 'dek', 'body_html', 'status', 'password']).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const tags = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select('tags.name')
    .where('article_tags.article_id', '=', id)
    .orderBy('tags.name')
    .execute();
  // A protected story is found by its headline and tags only: its words would tell what it says.
  const open = row.password === '';
  return { status: row.status, headline: row.headline, dek: open ? row.dek : '', body: open ? htmlToText(row.body_html) : '', tags: tags.map((t) => t.name) };
}

/**
 * Adds signed counts to the vocabulary; words whose count drops to zero are deleted. Words are
 * written in sorted order so two transactions touching the same words take row locks in the
 * same order (PostgreSQL) and cannot deadlock.
 */
export async function adjustVocabulary(db: Db, counts: ReadonlyMap<string, number>, sign: 1 | -1): Promise<void> {
  const rows = [...counts].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 0; i < rows.length; i += VOCABULARY_BATCH) {
    const batch = rows.slice(i, i + VOCABULARY_BATCH);
    await db
      .insertInto('search_vocabulary')
      .values(batch.map(([word, n]) => ({ word, frequency: sign * n })))
      .onConflict((oc) => oc.column('word').doUpdateSet((eb) => ({ frequency: eb('search_vocabulary.frequency', '+', eb.ref('excluded.frequency')) })))
      .execute();
    if (sign < 0) {
      await db
        .deleteFrom('search_vocabulary')
        .where('frequency', '<=', 0)
        .where('word', 'in', batch.map(([w]) => w))
        .execute();
    }
  }
}

/** Takes a story out of the index (if it is there), with its words' counts. Call before changing it. */
export async function dropFromSearch(db: Db, id: number): Promise<void> {
  const indexed = await db.selectFrom('search_documents').select('article_id').where('article_id', '=', id).executeTakeFirst();
  if (!indexed) return;
  const doc = await searchableText(db, id);
  if (doc) await adjustVocabulary(db, documentVocabulary(doc), -1);
  await engineFor(db).remove(db, id);
}

/**
 * Puts a story in the index when it is published (as it is now), and its headline in the
 * newsroom's lookup whatever its state. Call after changing it.
 */
export async function addToSearch(db: Db, id: number): Promise<void> {
  await putDeskTerms(db, id);
  const doc = await searchableText(db, id);
  if (!doc || doc.status !== 'published') return;
  // A story indexed twice would count its words twice: drop any row first.
  await dropFromSearch(db, id);
  await engineFor(db).put(db, id, indexFields(doc));
  await adjustVocabulary(db, documentVocabulary(doc), 1);
}

export interface RebuildOptions {
  /** Articles per transaction (default 1000). */
  batchSize?: number;
  /** Worker threads analyzing stories (default: one per spare core for large archives; 0: none). */
  workers?: number;
  onProgress?: (done: number) => void;
}

export interface RebuildResult {
  articles: number;
  words: number;
  ms: number;
}

/**
 * Empties and refills the index and the vocabulary from every published story. Batches commit
 * one by one, so a rebuild never holds the database for long; searches made meanwhile see a
 * partial index. Stories are analyzed one batch ahead of the writes (in worker threads when
 * there are several cores); the vocabulary is counted as they go and written at the end.
 */
export async function rebuildSearchIndex(db: Kysely<DB>, options: RebuildOptions = {}): Promise<RebuildResult> {
  const started = Date.now();
  const engine = engineFor(db);
  const batchSize = options.batchSize ?? 1000;
  const { count } = await db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('count')).where('status', '=', 'published').executeTakeFirstOrThrow();
  const pool = createAnalyzerPool(options.workers ?? defaultWorkers(Number(count)));
  let done = 0;
  const write = async (batch: { ids: number[]; docs: Promise<AnalyzedStory[]> }) => {
    const docs = await batch.docs;
    await db.transaction().execute(async (trx) => {
      // A story published while the rebuild runs may already be back in the index.
      const again = await trx.selectFrom('search_documents').select('article_id').where('article_id', 'in', batch.ids).execute();
      for (const { article_id } of again) await engine.remove(trx, article_id);
      await engine.putMany(trx, docs);
    });
    done += docs.length;
    options.onProgress?.(done);
  };
  try {
    await engine.clear(db);
    await engine.bulkLoad?.(db, true);
    let lastId = 0;
    let ahead: { ids: number[]; docs: Promise<AnalyzedStory[]> } | undefined;
    for (;;) {
      // Walk the primary key and filter the status here: with `status = ?` in SQL, SQLite picks
      // the (status, scheduled_for) index, reads every published row and sorts it for each
      // batch, which makes a rebuild quadratic.
      const page = await db
        .selectFrom('articles')
        .select(['id', 'headline', 'dek', 'body_html', 'status', 'password'])
        .where('id', '>', lastId)
        .orderBy('id')
        .limit(batchSize)
        .execute();
      if (page.length === 0) break;
      lastId = page[page.length - 1]!.id;
      await db.transaction().execute((trx) => putDeskTermsMany(trx, page));
      const rows = page.filter((r) => r.status === 'published');
      if (rows.length === 0) continue;
      const ids = rows.map((r) => r.id);
      const tagRows = await db
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select(['article_tags.article_id', 'tags.name'])
        .where('article_tags.article_id', 'in', ids)
        .execute();
      const tags = new Map<number, string[]>();
      for (const t of tagRows) tags.set(t.article_id, [...(tags.get(t.article_id) ?? []), t.name]);
      const stories = rows.map((r) => ({ id: r.id, headline: r.headline, dek: r.password === '' ? r.dek : '', bodyHtml: r.password === '' ? r.body_html : '', tags: (tags.get(r.id) ?? []).sort() }));
      const next = { ids, docs: pool.analyze(stories) };
      next.docs.catch(() => undefined); // awaited in `write`; this only keeps an early failure from going unhandled
      if (ahead) await write(ahead);
      ahead = next;
    }
    if (ahead) await write(ahead);
    await engine.bulkLoad?.(db, false);
    const vocabulary = await pool.finish();
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('search_vocabulary').execute();
      await adjustVocabulary(trx, vocabulary, 1);
    });
    return { articles: done, words: vocabulary.size, ms: Date.now() - started };
  } finally {
    await pool.close();
  }
}
