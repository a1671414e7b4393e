// The media library as the newsroom reads it: search (Gujarati and Latin spellings), pages,
// and where each image is used. Images are found in stories by their featured-image id and
// by their file names in bodies (bodies carry the variant URLs, not ids).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, Media, MediaAspect } from '../db/schema.js';
import { phoneticKey, searchKey, skeletonOf } from '../gujarati/index.js';
import { variantPath, variantWidths } from './variants.js';

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
  as: 'featured' | 'body' | 'pending';
}

/** Every path an image's files have had (the current one first). */
export function pathsOf(m: Pick<Media, 'path' | 'former_paths'>): string[] {
  const former = JSON.parse(m.former_paths) as unknown;
  return [m.path, ...(Array.isArray(former) ? former.filter((p): p is string => typeof p === 'string') : [])];
}

/** The strings a body that shows one of these files contains: `/media/<original>` or a variant's name up to its extension. */
function bodyPatterns(paths: string[]): string[] {
  return paths.flatMap((p) => [`/media/${p}`, ...variantWidths.map((w) => `/media/${variantPath(p, w, 'jpg').replace(/\.jpg$/, '.')}`)]);
}

/**
 * Where these images are used: as a story's featured image, in a story's body, or in a live
 * story's pending (not yet published) changes. Old revisions do not count: restoring one with a
 * deleted image shows the image missing, as WordPress does.
 */
export async function mediaUses(db: Kysely<DB> | Transaction<DB>, media: Pick<Media, 'id' | 'path' | 'former_paths'>[]): Promise<MediaUse[]> {
  if (media.length === 0) return [];
  const ids = media.map((m) => m.id);
  const uses: MediaUse[] = [];
  const featured = await db.selectFrom('articles').select(['id', 'headline', 'status', 'featured_media_id']).where('featured_media_id', 'in', ids).execute();
  for (const a of featured) uses.push({ mediaId: a.featured_media_id!, articleId: a.id, headline: a.headline, status: a.status, as: 'featured' });
  const patterns = media.map((m) => ({ id: m.id, patterns: bodyPatterns(pathsOf(m)) }));
  const all = patterns.flatMap((p) => p.patterns);
  const like = (column: 'articles.body_html' | 'pending_changes.snapshot', s: string) => sql<boolean>`${sql.ref(column)} like ${`%${likeEscape(s)}%`} escape '\\'`;
  const inBody = await db
    .selectFrom('articles')
    .select(['id', 'headline', 'status', 'body_html'])
    .where((eb) => eb.or(all.map((s) => like('articles.body_html', s))))
    .execute();
  for (const a of inBody) {
    for (const p of patterns) if (p.patterns.some((s) => a.body_html.includes(s))) uses.push({ mediaId: p.id, articleId: a.id, headline: a.headline, status: a.status, as: 'body' });
  }
  const pending = await db
    .selectFrom('pending_changes')
    .innerJoin('articles', 'articles.id', 'pending_changes.article_id')
    .select(['articles.id', 'articles.headline', 'articles.status', 'pending_changes.snapshot'])
    .execute();
  for (const row of pending) {
    const snapshot = JSON.parse(row.snapshot) as { featuredMediaId?: unknown; bodyHtml?: unknown };
    const body = typeof snapshot.bodyHtml === 'string' ? snapshot.bodyHtml : '';
    for (const p of patterns) {
      if (snapshot.featuredMediaId === p.id || p.patterns.some((s) => body.includes(s))) {
        if (!uses.some((u) => u.mediaId === p.id && u.articleId === row.id)) uses.push({ mediaId: p.id, articleId: row.id, headline: row.headline, status: row.status, as: 'pending' });
      }
    }
  }
  return uses;
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
