import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { nowIso } from '../db/connect.js';
import { ImagePipeline, type StoredImage } from '../media/images.js';
import { loadSharp } from '../media/sharp.js';
import { readAll, type MediaStore } from '../media/store.js';
import { variantPath } from '../media/variants.js';
import { changeTransaction, type ChangeFeed } from '../content/changes.js';
import { writeSettings } from '../content/settings.js';
import { setCounts } from '../audience/counters.js';
import { insertArticle, writeArticles } from '../newsroom/articleWriter.js';
import { demoArtworkSvg } from './artwork.js';
import type { DemoArticle, DemoContent } from './types.js';

export interface SeedDeps {
  db: Kysely<DB>;
  feed: ChangeFeed;
  /** Where the artwork is stored. */
  media: MediaStore;
  /** The process's image pipeline; a default one when absent. */
  images?: ImagePipeline;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Demo paragraphs → body HTML: `## ` a sub-heading, `> ` a quote, anything else a paragraph. */
export function paragraphsToHtml(paragraphs: string[]): string {
  return paragraphs
    .map((p) => {
      if (p.startsWith('## ')) return `<h2>${escapeHtml(p.slice(3))}</h2>`;
      if (p.startsWith('> ')) return `<blockquote><p>${escapeHtml(p.slice(2))}</p></blockquote>`;
      return `<p>${escapeHtml(p)}</p>`;
    })
    .join('\n');
}

function idOf(map: Map<string, number>, slug: string, what: string, article: DemoArticle): number {
  const id = map.get(slug);
  if (id === undefined) throw new Error(`demo article "${article.slug}" names unknown ${what} "${slug}"`);
  return id;
}

/** Draws and stores a story's artwork, or reuses the files a previous load left in the store. */
async function demoImage(deps: SeedDeps, images: ImagePipeline, a: DemoArticle): Promise<StoredImage> {
  const path = `demo/${a.image.key}.jpg`;
  if (await deps.media.exists(variantPath(path, 1200, 'webp'))) {
    const existing = await deps.media.get(path);
    if (existing) {
      const { width, height } = await images.inspect(await readAll(existing.body), path);
      return { path, mime: 'image/jpeg', width, height };
    }
  }
  const sharp = await loadSharp();
  const png = await sharp(Buffer.from(demoArtworkSvg(a.image))).png().toBuffer();
  return images.store(deps.media, path, png, { file: path, original: 'jpeg' });
}

/** Loads the demo site: settings, sections, people, tags, images and stories dated relative to `now`. */
export async function seedDemo(deps: SeedDeps, content: DemoContent, now = new Date()): Promise<{ articles: number }> {
  const { db } = deps;
  const images = deps.images ?? new ImagePipeline();
  await db.transaction().execute((trx) => writeSettings(trx, {
    name: 'ખબર',
    tagline: 'ગુજરાત અને દુનિયાના સમાચાર, ગુજરાતીમાં',
    social: {
      telegram: 'https://t.me/khabar_demo',
      whatsapp: 'https://whatsapp.com/channel/khabar-demo',
      instagram: 'https://www.instagram.com/khabar_demo',
      x: 'https://x.com/khabar_demo',
      facebook: 'https://www.facebook.com/khabar.demo',
      youtube: 'https://www.youtube.com/@khabar_demo',
    },
  }));

  const created = nowIso();
  const sectionIds = new Map<string, number>();
  for (const [position, s] of content.sections.entries()) {
    const parent_id = s.parent ? (sectionIds.get(s.parent) ?? null) : null;
    if (s.parent && parent_id === null) throw new Error(`demo section "${s.slug}" names parent "${s.parent}" before it is defined`);
    const row = await db
      .insertInto('sections')
      .values({ slug: s.slug, name: s.name, description: s.description, parent_id, position, created_at: created })
      .returning('id')
      .executeTakeFirstOrThrow();
    sectionIds.set(s.slug, row.id);
  }

  const personIds = new Map<string, number>();
  for (const p of content.authors) {
    const row = await db
      .insertInto('people')
      .values({ slug: p.slug, name: p.name, bio: p.bio, title: p.title, email: null, created_at: created })
      .returning('id')
      .executeTakeFirstOrThrow();
    personIds.set(p.slug, row.id);
  }

  const tagIds = new Map<string, number>();
  for (const [slug, name] of Object.entries(content.tags)) {
    const row = await db.insertInto('tags').values({ slug, name }).returning('id').executeTakeFirstOrThrow();
    tagIds.set(slug, row.id);
  }

  // Oldest first, so ids grow with publication time as they would in a real newsroom.
  const ordered = [...content.articles].sort((a, b) => b.hoursAgo - a.hoursAgo);
  for (const a of ordered) {
    const stored = await demoImage(deps, images, a);
    const media = await db
      .insertInto('media')
      .values({ ...stored, alt: a.image.alt, caption: a.image.caption, created_at: created })
      .onConflict((oc) => oc.column('path').doUpdateSet({ alt: a.image.alt, caption: a.image.caption }))
      .returning('id')
      .executeTakeFirstOrThrow();
    const publishedAt = new Date(now.getTime() - a.hoursAgo * 3600_000);
    await writeArticles(deps, 'demo', async (scope) => {
      const id = await insertArticle(scope, {
        headline: a.headline,
        dek: a.dek,
        bodyHtml: paragraphsToHtml(a.paragraphs),
        slug: a.slug,
        status: 'published',
        sectionId: idOf(sectionIds, a.section, 'section', a),
        authorIds: a.authors.map((s) => idOf(personIds, s, 'author', a)),
        tagIds: a.tags.map((s) => idOf(tagIds, s, 'tag', a)),
        featuredMediaId: media.id,
        featuredAlt: a.image.alt,
        featuredCaption: a.image.caption,
        isBreaking: a.breaking ?? false,
        publishedAt,
      }, null, publishedAt, {
        ...(a.updatedAfterHours !== undefined && { updatedAt: new Date(publishedAt.getTime() + a.updatedAfterHours * 3600_000) }),
      });
      await setCounts(scope.trx, id, { views: a.views });
    }, publishedAt);
  }
  // Pages were set up before the archive began, in the order the footer lists them.
  for (const [i, p] of (content.pages ?? []).entries()) {
    const publishedAt = new Date(now.getTime() - (1000 - i) * 3600_000);
    await writeArticles(deps, 'demo', (scope) =>
      insertArticle(scope, { headline: p.title, dek: p.dek, bodyHtml: paragraphsToHtml(p.paragraphs), slug: p.slug, kind: 'page', status: 'published', sectionId: null, publishedAt }, null, publishedAt),
    publishedAt);
  }
  await changeTransaction(db, deps.feed, async ({ record }) => record({ type: 'site.replaced', pages: [] }));
  return { articles: ordered.length };
}
