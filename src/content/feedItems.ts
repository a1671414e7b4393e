import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { publicIds, wpGuids } from './wpIds.js';

/** What a feed item carries beyond a story's card, as WordPress's RSS has it. */
export interface FeedDetails {
  bodyHtml: string;
  /** Bylines, in order (`dc:creator`). */
  authors: string[];
  /** Tag names (WordPress lists them as categories after the category). */
  tags: string[];
  /** WordPress's GUID for an imported story; else undefined (the feed uses `/?p=<id>`). */
  wpGuid: string | undefined;
  /** The id `?p=` and the REST API know it by. */
  publicId: number;
  /** A password-protected story: its text stays out of the feed. */
  isProtected: boolean;
}

export async function feedDetails(db: Kysely<DB>, articleIds: number[]): Promise<Map<number, FeedDetails>> {
  const out = new Map<number, FeedDetails>();
  if (articleIds.length === 0) return out;
  const [bodies, authors, tags, guids, ids] = await Promise.all([
    db.selectFrom('articles').select(['id', 'body_html', 'password']).where('id', 'in', articleIds).execute(),
    db
      .selectFrom('article_authors')
      .innerJoin('people', 'people.id', 'article_authors.person_id')
      .select(['article_authors.article_id', 'people.name'])
      .where('article_authors.article_id', 'in', articleIds)
      .orderBy('article_authors.position')
      .execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.name'])
      .where('article_tags.article_id', 'in', articleIds)
      .orderBy('tags.name')
      .execute(),
    wpGuids(db, articleIds),
    publicIds(db, 'article', articleIds),
  ]);
  for (const b of bodies) {
    out.set(b.id, {
      bodyHtml: b.password === '' ? b.body_html : '',
      isProtected: b.password !== '',
      authors: authors.filter((a) => a.article_id === b.id).map((a) => a.name),
      tags: tags.filter((t) => t.article_id === b.id).map((t) => t.name),
      wpGuid: guids.get(b.id),
      publicId: ids.get(b.id) ?? b.id,
    });
  }
  return out;
}
