import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { ArticleFull } from '../content/stories.js';
import type { PageFull } from '../content/pages.js';
import { can, ensure, type Actor } from '../content/policies.js';
import { serverKey } from '../content/serverKeys.js';
import { ownershipOf } from './articleInput.js';
import { editorSnapshot } from './pendingChanges.js';

/*
 * Preview links: anyone holding one sees a story's draft or pending change as readers would,
 * without signing in, until it expires. A link is `<id>.<expires>.<signature>`, the signature an
 * HMAC-SHA256 under a key the site makes for itself on first use and keeps in the database
 * (`server_keys`), so every instance signs and checks alike.
 */

/** How long a link works. */
export const previewLifetimeMs = 7 * 24 * 60 * 60 * 1000;

const previewKey = (db: Kysely<DB>) => serverKey(db, 'preview');

const sign = (key: Buffer, articleId: number, expires: number) => createHmac('sha256', key).update(`preview:${articleId}:${expires}`).digest('base64url');

/** A fresh link token for a story, valid for `previewLifetimeMs`. */
export async function previewToken(db: Kysely<DB>, articleId: number, now = new Date()): Promise<string> {
  const expires = Math.floor((now.getTime() + previewLifetimeMs) / 1000);
  return `${articleId}.${expires}.${sign(await previewKey(db), articleId, expires)}`;
}

export type PreviewCheck = { ok: true; articleId: number } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

/** Checks a token: well formed, signed by this site, not expired (in that order). */
export async function checkPreviewToken(db: Kysely<DB>, token: string, now = new Date()): Promise<PreviewCheck> {
  const m = /^([1-9][0-9]{0,15})\.([1-9][0-9]{0,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return { ok: false, reason: 'malformed' };
  const articleId = Number(m[1]);
  const expires = Number(m[2]);
  const expected = Buffer.from(sign(await previewKey(db), articleId, expires));
  const given = Buffer.from(m[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'forged' };
  if (expires * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, articleId };
}

/**
 * The story as its article page would show it with its draft or pending change applied, or
 * undefined when there is nothing to preview (gone, archived).
 */
export async function previewArticle(db: Kysely<DB>, articleId: number, now = new Date()): Promise<ArticleFull | undefined> {
  const row = await db
    .selectFrom('articles')
    .leftJoin('article_counters', 'article_counters.article_id', 'articles.id')
    .select(['articles.status', 'articles.published_at', 'articles.updated_at', 'article_counters.views', 'article_counters.comments'])
    .where('articles.id', '=', articleId)
    .executeTakeFirst();
  if (!row || row.status === 'archived') return undefined;
  const { snapshot: s } = await editorSnapshot(db, articleId);
  const others = s.secondarySectionIds ?? [];
  const [section, media, people, tags, otherSections] = await Promise.all([
    db.selectFrom('sections').select(['id', 'slug', 'name']).where('id', '=', s.sectionId).executeTakeFirst(),
    s.featuredMediaId === null
      ? undefined
      : db.selectFrom('media').select(['path', 'width', 'height', 'alt', 'caption']).where('id', '=', s.featuredMediaId).executeTakeFirst(),
    s.authorIds.length ? db.selectFrom('people').select(['id', 'slug', 'name', 'title']).where('id', 'in', s.authorIds).execute() : [],
    s.tagIds.length ? db.selectFrom('tags').select(['id', 'slug', 'name']).where('id', 'in', s.tagIds).orderBy('name').execute() : [],
    others.length ? db.selectFrom('sections').select(['id', 'slug', 'name']).where('id', 'in', others).execute() : [],
  ]);
  if (!section) return undefined;
  return {
    id: articleId,
    slug: s.slug,
    headline: s.headline,
    dek: s.dek,
    language: s.language,
    sectionId: section.id,
    sectionSlug: section.slug,
    sectionName: section.name,
    image: media ? { path: media.path, width: media.width, height: media.height, alt: s.featuredAlt || media.alt } : null,
    isBreaking: s.isBreaking,
    viewCount: row.views ?? 0,
    commentCount: row.comments ?? 0,
    // A story never published shows as if it went out now.
    publishedAt: row.published_at ? new Date(row.published_at) : now,
    updatedAt: now,
    bodyHtml: s.bodyHtml,
    caption: s.featuredCaption || (media?.caption ?? ''),
    seoTitle: s.seoTitle,
    seoDescription: s.seoDescription,
    updateNote: s.updateNote,
    authors: s.authorIds.flatMap((id) => people.filter((p) => p.id === id)),
    tags,
    otherSections: others.flatMap((id) => otherSections.filter((o) => o.id === id && o.id !== section.id)),
    format: s.format ?? 'standard',
    // The newsroom previews what the password hides: the preview link is the newsroom's own.
    isProtected: false,
    commentsOpen: s.commentsOpen ?? true,
  };
}

/** A static page's draft or pending change, as its reader page would show it. */
export async function previewPage(db: Kysely<DB>, articleId: number, now = new Date()): Promise<PageFull | undefined> {
  const row = await db.selectFrom('articles').select(['status', 'kind', 'published_at']).where('id', '=', articleId).executeTakeFirst();
  if (!row || row.kind !== 'page' || row.status === 'archived') return undefined;
  const { snapshot: s } = await editorSnapshot(db, articleId);
  const people = s.authorIds.length ? await db.selectFrom('people').select(['id', 'slug', 'name']).where('id', 'in', s.authorIds).execute() : [];
  return {
    id: articleId,
    slug: s.slug,
    headline: s.headline,
    dek: s.dek,
    language: s.language,
    publishedAt: row.published_at ? new Date(row.published_at) : now,
    updatedAt: now,
    bodyHtml: s.bodyHtml,
    seoTitle: s.seoTitle,
    seoDescription: s.seoDescription,
    authors: s.authorIds.flatMap((id) => people.filter((p) => p.id === id)),
  };
}

/** The preview link's path for someone who may see the story in the newsroom. */
export async function previewPath(db: Kysely<DB>, actor: Actor, articleId: number, now = new Date()): Promise<string> {
  const own = await ownershipOf(db, articleId);
  ensure(can(actor, 'article.view', own), 'article.view');
  return `/preview/${await previewToken(db, articleId, now)}`;
}
