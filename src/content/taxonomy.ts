import { sql, type Kysely } from 'kysely';
import type { DB, Person, Section, Tag } from '../db/schema.js';
import { visibleNow } from './visibility.js';

/** All sections in display order: top-level by position, each followed by its sub-sections. */
export async function listSections(db: Kysely<DB>): Promise<Section[]> {
  const rows = await db.selectFrom('sections').selectAll().orderBy('position').orderBy('id').execute();
  const top = rows.filter((s) => s.parent_id === null);
  return top.flatMap((t) => [t, ...rows.filter((s) => s.parent_id === t.id)]);
}

export async function sectionBySlug(db: Kysely<DB>, slug: string): Promise<Section | undefined> {
  return db.selectFrom('sections').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function tagBySlug(db: Kysely<DB>, slug: string): Promise<Tag | undefined> {
  return db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function personBySlug(db: Kysely<DB>, slug: string): Promise<Person | undefined> {
  return db.selectFrom('people').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export interface TagWithCount extends Pick<Tag, 'id' | 'slug' | 'name'> {
  articleCount: number;
}

/**
 * Tags that at least one public story carries, with how many, most used first. A tag only
 * drafts, scheduled or embargoed stories carry is not listed: its name is not public yet.
 */
export async function listTags(db: Kysely<DB>, limit: number, offset: number, now = new Date()): Promise<{ items: TagWithCount[]; total: number }> {
  const used = db
    .selectFrom('tags')
    .innerJoin('article_tags', 'article_tags.tag_id', 'tags.id')
    .innerJoin('articles', 'articles.id', 'article_tags.article_id')
    .where(visibleNow(now));
  const [rows, total] = await Promise.all([
    used
      .select(['tags.id', 'tags.slug', 'tags.name', sql<number>`count(articles.id)`.as('article_count')])
      .groupBy(['tags.id', 'tags.slug', 'tags.name'])
      .orderBy('article_count', 'desc')
      .orderBy('tags.name')
      .limit(limit)
      .offset(offset)
      .execute(),
    used.select(sql<number>`count(distinct tags.id)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, articleCount: Number(r.article_count) })),
    total: Number(total.n),
  };
}

/** What the public may see of a person. */
export type PublicPerson = Pick<Person, 'id' | 'slug' | 'name' | 'bio' | 'title' | 'created_at'>;

/** People who have bylines (public fields only; email is never part of it). */
export async function listAuthors(db: Kysely<DB>): Promise<PublicPerson[]> {
  return db
    .selectFrom('people')
    .select(['id', 'slug', 'name', 'bio', 'title', 'created_at'])
    .where('id', 'in', db.selectFrom('article_authors').select('person_id'))
    .orderBy('name')
    .execute();
}
