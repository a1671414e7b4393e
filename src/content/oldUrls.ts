import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { withLegacy, type LegacyKind } from './legacyIds.js';
import { pathOf as articleAddress } from './paths.js';
import { urls } from './urls.js';
import { localId } from './wpIds.js';

/**
 * Where things from before the move (a WordPress site) live now: the look-ups behind old-URL
 * redirects. Each answers a public path, or undefined when nothing public matches.
 */

/** A story (or static page) readers may see now, by our id or by its slug. */
export async function publicArticlePath(db: Kysely<DB>, where: { id?: number; slug?: string }, now = new Date()): Promise<string | undefined> {
  let q = db
    .selectFrom('articles')
    .leftJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.slug', 'sections.slug as section_slug'])
    .where('articles.status', '=', 'published')
    .where('articles.published_at', '<=', now.toISOString());
  if (where.id !== undefined) q = q.where('articles.id', '=', where.id);
  if (where.slug !== undefined) q = q.where('articles.slug', '=', where.slug);
  const row = await q.executeTakeFirst();
  return row ? articleAddress(row.section_slug, row.slug) : undefined;
}

export async function tagPath(db: Kysely<DB>, slug: string): Promise<string | undefined> {
  const row = await db.selectFrom('tags').select('slug').where('slug', '=', slug).executeTakeFirst();
  return row ? urls.tag(row.slug) : undefined;
}

export async function authorPath(db: Kysely<DB>, slug: string): Promise<string | undefined> {
  const row = await db.selectFrom('people').select('slug').where('slug', '=', slug).executeTakeFirst();
  return row ? urls.author(row.slug) : undefined;
}

/** Where an imported thing lives now, from its kind and our id. */
async function pathOf(db: Kysely<DB>, kind: string, id: number): Promise<string | undefined> {
  switch (kind) {
    case 'post':
    case 'page':
      return publicArticlePath(db, { id });
    case 'category': {
      const row = await db.selectFrom('sections').select('slug').where('id', '=', id).executeTakeFirst();
      return row ? urls.section(row.slug) : undefined;
    }
    case 'tag': {
      const row = await db.selectFrom('tags').select('slug').where('id', '=', id).executeTakeFirst();
      return row ? urls.tag(row.slug) : undefined;
    }
    case 'author': {
      const row = await db.selectFrom('people').select('slug').where('id', '=', id).executeTakeFirst();
      return row ? urls.author(row.slug) : undefined;
    }
    default:
      return undefined;
  }
}

/** By the id the old site gave it (`?p=12`, `?cat=3`, `?author=2`). */
export async function pathByLegacyId(db: Kysely<DB>, kinds: LegacyKind[], legacyId: string): Promise<string | undefined> {
  const row = await withLegacy(db)
    .selectFrom('legacy_ids')
    .select(['kind', 'local_id'])
    .where('kind', 'in', kinds)
    .where('legacy_id', '=', legacyId)
    .executeTakeFirst();
  return row ? pathOf(db, row.kind, row.local_id) : undefined;
}

/** By an old permalink recorded at import (any permalink structure the site used). */
export async function pathByLegacyPath(db: Kysely<DB>, path: string): Promise<string | undefined> {
  const row = await withLegacy(db).selectFrom('legacy_ids').select(['kind', 'local_id']).where('legacy_path', '=', path).executeTakeFirst();
  return row ? pathOf(db, row.kind, row.local_id) : undefined;
}

/** A story readers may see now, by the id WordPress clients know (`?p=`, see wpIds.ts). */
export async function pathByPublicPostId(db: Kysely<DB>, id: number): Promise<string | undefined> {
  const local = await localId(db, 'article', id);
  return local === undefined ? undefined : publicArticlePath(db, { id: local });
}

/** An image by its WordPress attachment id (`?attachment_id=`): the file, as WordPress's attachment page shows it. */
export async function mediaPathByPublicId(db: Kysely<DB>, id: number): Promise<string | undefined> {
  const local = await localId(db, 'media', id);
  if (local === undefined) return undefined;
  const row = await db.selectFrom('media').select('path').where('id', '=', local).executeTakeFirst();
  return row ? urls.media(row.path) : undefined;
}

/** An imported upload by its path under `wp-content/uploads` (the importer keeps it under `wp/`, as JPEG). */
export async function mediaPathByUpload(db: Kysely<DB>, relative: string): Promise<string | undefined> {
  const path = `wp/${relative.replace(/\.[a-z0-9]+$/i, '.jpg')}`;
  const row = await db.selectFrom('media').select('path').where('path', '=', path).executeTakeFirst();
  return row?.path;
}
