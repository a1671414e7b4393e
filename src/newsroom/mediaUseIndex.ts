import type { Transaction } from 'kysely';
import { sql } from 'kysely';
import type { DB, MediaUseKind } from '../db/schema.js';
import { mediaRefsIn, pathsOf, refersTo, type MediaRef } from '../content/mediaRefs.js';

/**
 * The media-use index (`media_uses`): which stories show which images, as their featured
 * image, in their body, or only in a live story's pending changes. The article writer (and
 * the pending-change store) refresh a story's rows in the transaction that changes it, so the
 * media library and "delete unused image" read a table instead of scanning every body.
 */

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The stored images the refs point at (by current or former path). */
async function imagesReferred(trx: Transaction<DB>, refs: MediaRef[]): Promise<number[]> {
  if (refs.length === 0) return [];
  const like = (column: 'path' | 'former_paths', pattern: string) => sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
  const rows = await trx
    .selectFrom('media')
    .select(['id', 'path', 'former_paths'])
    .where((eb) =>
      eb.or(
        refs.flatMap((r) => [
          eb('path', '=', r.path),
          like('former_paths', `%"${likeEscape(r.path)}"%`),
          ...(r.variantOf !== undefined ? [like('path', `${likeEscape(r.variantOf)}.%`), like('former_paths', `%"${likeEscape(r.variantOf)}.%`)] : []),
        ]),
      ),
    )
    .execute();
  return rows.filter((m) => refersTo(refs, pathsOf(m))).map((m) => m.id);
}

/** Rewrites one story's rows of the index from what it stores now (nothing when it is gone). */
export async function refreshMediaUses(trx: Transaction<DB>, articleId: number): Promise<void> {
  await trx.deleteFrom('media_uses').where('article_id', '=', articleId).execute();
  const [article, pending] = await Promise.all([
    trx.selectFrom('articles').select(['featured_media_id', 'body_html']).where('id', '=', articleId).executeTakeFirst(),
    trx.selectFrom('pending_changes').select('snapshot').where('article_id', '=', articleId).executeTakeFirst(),
  ]);
  if (!article) return;
  const uses = new Map<number, MediaUseKind>();
  if (article.featured_media_id !== null) uses.set(article.featured_media_id, 'featured');
  for (const id of await imagesReferred(trx, mediaRefsIn(article.body_html))) if (!uses.has(id)) uses.set(id, 'body');
  if (pending) {
    const s = JSON.parse(pending.snapshot) as { featuredMediaId?: unknown; bodyHtml?: unknown };
    const pendingIds = await imagesReferred(trx, mediaRefsIn(typeof s.bodyHtml === 'string' ? s.bodyHtml : ''));
    if (typeof s.featuredMediaId === 'number') pendingIds.push(s.featuredMediaId);
    for (const id of pendingIds) if (!uses.has(id)) uses.set(id, 'pending');
  }
  if (uses.size === 0) return;
  // A featured id may name an image deleted meanwhile: only existing images are indexed.
  const existing = new Set((await trx.selectFrom('media').select('id').where('id', 'in', [...uses.keys()]).execute()).map((r) => r.id));
  const rows = [...uses].filter(([id]) => existing.has(id)).map(([media_id, used_as]) => ({ media_id, article_id: articleId, used_as }));
  if (rows.length > 0) await trx.insertInto('media_uses').values(rows).execute();
}
