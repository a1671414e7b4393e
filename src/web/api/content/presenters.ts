import type { ArticleCard, ArticleFull, Page } from '../../../content/stories.js';
import type { Section } from '../../../db/schema.js';
import type { PublicPerson, TagWithCount } from '../../../content/taxonomy.js';
import { variantPath } from '../../../media/variants.js';
import { urls } from '../../../content/urls.js';

/** How /api/v1 writes what content/ reads: absolute URLs, ISO dates, camelCase, nothing private. */

export interface ArticleJson {
  id: number;
  slug: string;
  url: string;
  headline: string;
  dek: string;
  language: string;
  section: { id: number; slug: string; name: string };
  image: { url: string; width: number; height: number; alt: string } | null;
  breaking: boolean;
  views: number;
  comments: number;
  publishedAt: string;
  updatedAt: string;
}

export interface ArticleFullJson extends ArticleJson {
  bodyHtml: string;
  caption: string;
  seoTitle: string;
  seoDescription: string;
  updateNote: string;
  authors: { id: number; slug: string; name: string; title: string; url: string }[];
  tags: { id: number; slug: string; name: string; url: string }[];
  /** Password protected: `bodyHtml` and `dek` are empty (the site's page asks for the password). */
  protected: boolean;
  format: string;
  otherSections: { id: number; slug: string; name: string }[];
}

export function articleJson(base: string, a: ArticleCard): ArticleJson {
  return {
    id: a.id,
    slug: a.slug,
    url: `${base}${urls.article(a.sectionSlug, a.slug)}`,
    headline: a.headline,
    dek: a.dek,
    language: a.language,
    section: { id: a.sectionId, slug: a.sectionSlug, name: a.sectionName },
    image: a.image
      ? { url: `${base}${urls.media(variantPath(a.image.path, 1200, 'jpg'))}`, width: a.image.width, height: a.image.height, alt: a.image.alt }
      : null,
    breaking: a.isBreaking,
    views: a.viewCount,
    comments: a.commentCount,
    publishedAt: a.publishedAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export function articleFullJson(base: string, a: ArticleFull): ArticleFullJson {
  return {
    ...articleJson(base, a),
    ...(a.isProtected && { dek: '' }),
    bodyHtml: a.isProtected ? '' : a.bodyHtml,
    protected: a.isProtected,
    format: a.format,
    otherSections: a.otherSections,
    caption: a.caption,
    seoTitle: a.seoTitle,
    seoDescription: a.isProtected ? '' : a.seoDescription,
    updateNote: a.updateNote,
    authors: a.authors.map((p) => ({ ...p, url: `${base}${urls.author(p.slug)}` })),
    tags: a.tags.map((t) => ({ ...t, url: `${base}${urls.tag(t.slug)}` })),
  };
}

export function pageJson<T>(p: Page<unknown>, items: T[]) {
  return { items, page: p.page, perPage: p.pageSize, total: p.total, pageCount: p.pageCount };
}


export function sectionJson(base: string, s: Section) {
  return {
    id: s.id,
    slug: s.slug,
    name: s.name,
    description: s.description,
    parentId: s.parent_id,
    url: `${base}${urls.section(s.slug)}`,
    feeds: { rss: `${base}${urls.sectionRss(s.slug)}`, atom: `${base}${urls.sectionAtom(s.slug)}` },
  };
}

export function tagJson(base: string, t: TagWithCount) {
  return { ...t, url: `${base}${urls.tag(t.slug)}` };
}

export function authorJson(base: string, p: PublicPerson) {
  return { id: p.id, slug: p.slug, name: p.name, title: p.title, bio: p.bio, url: `${base}${urls.author(p.slug)}` };
}

/** A view and comment count, with the figures as the site writes them (Gujarati digits by default). */
export function countersJson(c: { views: number; comments: number }, format: (n: number) => string) {
  return { views: c.views, comments: c.comments, viewsText: format(c.views), commentsText: format(c.comments) };
}
