// The media library as the newsroom reads it: search (Gujarati and Latin spellings), pages,
// and where each image is used (the media-use index, newsroom/mediaUseIndex.ts).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, Media, MediaAspect, MediaUseKind } from '../db/schema.js';
import { pathsOf } from '../content/mediaRefs.js';
import { phoneticKey, searchKey, skeletonOf } from '../gujarati/index.js';

export const mediaAspects: readonly MediaAspect[] = ['original', '16:9', '4:3', '1:1', '3:4'];

const wordsOf = (text: string) => text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];

/**
 * What an image is searched by: each word of its alt, caption and file name as its strict
 * search key, its phonetic key (so "narmada" meets નર્મદા) and, marked with `~`, its consonant
 * skeleton (so "sabarmati" meets સાબરમતી, romanized "sabramti"); space-separated with a
 * space on each end, so a query word matches the start of a word with `LIKE '% word%'`.
 */
export function mediaSearchKey(m: { alt: string; caption: string; fileName: string }): string {
  const name = m.fileName.replace(/\.[a-z0-9]+$/i, '');
  const keys = new Set<string>();
  for (const word of wordsOf(`${m.alt} ${m.caption} ${name}`)) {
    keys.add(searchKey(word));
    const sound = phoneticKey(word);
    if (sound) keys.add(sound);
    const skeleton = skeletonOf(sound);
    if (skeleton.length >= 2) keys.add(`~${skeleton}`);
  }
  return ` ${[...keys].join(' ')} `;
}

/** The query's words, each as the keys it may match by (the skeleton only for words of three consonants or more: shorter ones match too much). */
function queryKeys(q: string): string[][] {
  return wordsOf(q).map((w) => {
    const sound = phoneticKey(w);
    const skeleton = skeletonOf(sound);
    return [...new Set([searchKey(w), sound, ...(skeleton.replace(/^a/, '').length >= 3 ? [`~${skeleton}`] : [])].filter(Boolean))];
  });
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Rows written by the demo or an importer have no search key yet: made here, once. */
async function fillSearchKeys(db: Kysely<DB>): Promise<void> {
  const rows = await db.selectFrom('media').select(['id', 'alt', 'caption', 'file_name', 'path']).where('search_key', '=', '').limit(5000).execute();
  for (const r of rows) {
    const fileName = r.file_name || (r.path.split('/').pop() ?? '');
    await db.updateTable('media').set({ search_key: mediaSearchKey({ alt: r.alt, caption: r.caption, fileName }) }).where('id', '=', r.id).execute();
  }
}

export interface MediaPageQuery {
  /** Words in any script; every word must match the start of a word of the alt, caption or file name. */
  q?: string;
  /** 1-based. */
  page?: number;
  perPage?: number;
}

export interface MediaPageResult {
  items: Media[];
  total: number;
  page: number;
  pages: number;
}

/** One page of the library, newest first. */
export async function findMedia(db: Kysely<DB>, o: MediaPageQuery = {}): Promise<MediaPageResult> {
  await fillSearchKeys(db);
  const perPage = o.perPage ?? 24;
  let base = db.selectFrom('media');
  for (const alternatives of queryKeys(o.q ?? '')) {
    base = base.where((eb) => eb.or(alternatives.map((k) => sql<boolean>`${eb.ref('search_key')} like ${`% ${likeEscape(k)}%`} escape '\\'`)));
  }
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const pages = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(Math.max(1, o.page ?? 1), pages);
  const items = await base.selectAll().orderBy('id', 'desc').limit(perPage).offset((page - 1) * perPage).execute();
  return { items, total, page, pages };
}

export async function getMedia(db: Kysely<DB> | Transaction<DB>, id: number): Promise<Media | undefined> {
  return db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A story an image appears in, and how. */
export interface MediaUse {
  mediaId: number;
  articleId: number;
  headline: string;
  status: string;
  as: MediaUseKind;
}

export { pathsOf };

/**
 * Where these images are used: as a story's featured image, in a story's body, or in a live
 * story's pending (not yet published) changes, read from the media-use index the article
 * writer keeps. Old revisions do not count: restoring one with a deleted image shows the image
 * missing, as WordPress does.
 */
export async function mediaUses(db: Kysely<DB> | Transaction<DB>, media: Pick<Media, 'id'>[]): Promise<MediaUse[]> {
  if (media.length === 0) return [];
  const rows = await db
    .selectFrom('media_uses')
    .innerJoin('articles', 'articles.id', 'media_uses.article_id')
    .select(['media_uses.media_id', 'media_uses.used_as', 'articles.id', 'articles.headline', 'articles.status'])
    .where('media_uses.media_id', 'in', media.map((m) => m.id))
    .orderBy('articles.updated_at', 'desc')
    .execute();
  return rows.map((r) => ({ mediaId: r.media_id, articleId: r.id, headline: r.headline, status: r.status, as: r.used_as }));
}

/** Cache keys of the public pages that show these stories' featured images. */
export async function pagesShowing(db: Kysely<DB> | Transaction<DB>, articleIds: number[]): Promise<string[]> {
  if (articleIds.length === 0) return [];
  const rows = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.id', 'articles.section_id', 'sections.parent_id'])
    .where('articles.id', 'in', articleIds)
    .execute();
  const [tags, people] = await Promise.all([
    db.selectFrom('article_tags').select('tag_id').where('article_id', 'in', articleIds).execute(),
    db.selectFrom('article_authors').select('person_id').where('article_id', 'in', articleIds).execute(),
  ]);
  const keys = new Set<string>(['home', 'feeds']);
  for (const r of rows) {
    keys.add(`article:${r.id}`);
    keys.add(`section:${r.section_id}`);
    if (r.parent_id !== null) keys.add(`section:${r.parent_id}`);
  }
  for (const t of tags) keys.add(`tag:${t.tag_id}`);
  for (const p of people) keys.add(`person:${p.person_id}`);
  return [...keys];
}
