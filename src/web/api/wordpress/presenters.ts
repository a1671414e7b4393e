import type { Media, Section, Tag } from '../../../db/schema.js';
import type { PostData, PublicProfile } from '../../../content/catalog.js';
import { variantPath, variantWidths } from '../../../media/variants.js';
import { urls } from '../../../content/urls.js';

/**
 * Our content in WordPress's REST shapes (`wp/v2` posts, categories, tags, users, media), as
 * news apps written for WordPress read them: `rendered` fields, GMT and site-time dates,
 * `_links`, and `_embedded` when asked.
 */

export interface WpContext {
  publicUrl: string;
  timeZone: string;
}

const api = (c: WpContext, path: string) => `${c.publicUrl}/wp-json/wp/v2${path}`;

/** `2026-11-27T10:00:00` in the given zone (WordPress's `date`), and in UTC (`date_gmt`). */
export function wpDates(iso: string, timeZone: string): { local: string; gmt: string } {
  const d = new Date(iso);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return {
    local: `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`,
    gmt: d.toISOString().slice(0, 19),
  };
}

export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function mediaJson(c: WpContext, rows: Media[]) {
  return rows.map((m) => {
    const dates = wpDates(m.created_at, c.timeZone);
    const source = `${c.publicUrl}${urls.media(m.path)}`;
    const sizes = Object.fromEntries(
      variantWidths
        .filter((w) => w < m.width)
        .map((w) => [
          `w${w}`,
          { file: variantPath(m.path, w, 'jpg'), width: w, height: Math.round((m.height * w) / m.width), mime_type: 'image/jpeg', source_url: `${c.publicUrl}${urls.media(variantPath(m.path, w, 'jpg'))}` },
        ]),
    );
    return {
      id: m.id,
      date: dates.local,
      date_gmt: dates.gmt,
      guid: { rendered: source },
      modified: dates.local,
      modified_gmt: dates.gmt,
      slug: m.path.replace(/^.*\//, '').replace(/\.[a-z0-9]+$/i, ''),
      status: 'inherit',
      type: 'attachment',
      link: source,
      title: { rendered: escapeHtml(m.caption || m.alt || m.path) },
      author: 0,
      caption: { rendered: m.caption ? `<p>${escapeHtml(m.caption)}</p>\n` : '' },
      alt_text: m.alt,
      media_type: 'image',
      mime_type: m.mime,
      media_details: { width: m.width, height: m.height, file: m.path, sizes: { ...sizes, full: { file: m.path, width: m.width, height: m.height, mime_type: m.mime, source_url: source } } },
      source_url: source,
      _links: { self: [{ href: api(c, `/media/${m.id}`) }], collection: [{ href: api(c, '/media') }] },
    };
  });
}

export function usersJson(c: WpContext, rows: PublicProfile[]) {
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    url: '',
    description: p.bio,
    link: `${c.publicUrl}${urls.author(p.slug)}`,
    slug: p.slug,
    avatar_urls: {},
    meta: [],
    _links: { self: [{ href: api(c, `/users/${p.id}`) }], collection: [{ href: api(c, '/users') }] },
  }));
}

/** Sections as categories; `counts` are their public stories. */
export function categoriesJson(c: WpContext, rows: Section[], counts: Map<number, number>) {
  return rows.map((s) => ({
    id: s.id,
    count: counts.get(s.id) ?? 0,
    description: s.description,
    link: `${c.publicUrl}${urls.section(s.slug)}`,
    name: s.name,
    slug: s.slug,
    taxonomy: 'category',
    parent: s.parent_id ?? 0,
    meta: [],
    _links: { self: [{ href: api(c, `/categories/${s.id}`) }], collection: [{ href: api(c, '/categories') }], 'wp:post_type': [{ href: api(c, `/posts?categories=${s.id}`) }] },
  }));
}

export function tagsJson(c: WpContext, rows: Tag[], counts: Map<number, number>) {
  return rows.map((t) => ({
    id: t.id,
    count: counts.get(t.id) ?? 0,
    description: '',
    link: `${c.publicUrl}${urls.tag(t.slug)}`,
    name: t.name,
    slug: t.slug,
    taxonomy: 'post_tag',
    meta: [],
    _links: { self: [{ href: api(c, `/tags/${t.id}`) }], collection: [{ href: api(c, '/tags') }], 'wp:post_type': [{ href: api(c, `/posts?tags=${t.id}`) }] },
  }));
}

/** `_embedded` parts, already in their WordPress shapes, by id. */
export interface Embedded {
  users: Map<number, unknown>;
  media: Map<number, unknown>;
  sections: Map<number, unknown>;
  tags: Map<number, unknown>;
}

export function postsJson(c: WpContext, data: PostData, embedded?: Embedded) {
  return data.rows.map((a) => {
    const published = wpDates(a.published_at ?? a.updated_at, c.timeZone);
    const modified = wpDates(a.updated_at, c.timeZone);
    const author = data.authors.find((x) => x.article_id === a.id)?.person_id ?? 0;
    const tagIds = data.tagLinks.filter((t) => t.article_id === a.id).map((t) => t.tag_id);
    const link = `${c.publicUrl}${urls.article(a.section_slug, a.slug)}`;
    const post: Record<string, unknown> = {
      id: a.id,
      date: published.local,
      date_gmt: published.gmt,
      guid: { rendered: `${c.publicUrl}/?p=${a.id}` },
      modified: modified.local,
      modified_gmt: modified.gmt,
      slug: a.slug,
      status: 'publish',
      type: 'post',
      link,
      title: { rendered: escapeHtml(a.headline) },
      content: { rendered: a.body_html, protected: false },
      excerpt: { rendered: a.dek ? `<p>${escapeHtml(a.dek)}</p>\n` : '', protected: false },
      author,
      featured_media: a.featured_media_id ?? 0,
      comment_status: 'open',
      ping_status: 'closed',
      sticky: false,
      template: '',
      format: 'standard',
      meta: { views: a.view_count },
      categories: [a.section_id],
      tags: tagIds,
      // Yoast's field, which news apps read for share titles and descriptions.
      yoast_head_json: { title: a.seo_title || a.headline, description: a.seo_description || a.dek },
      _links: {
        self: [{ href: api(c, `/posts/${a.id}`) }],
        collection: [{ href: api(c, '/posts') }],
        author: author ? [{ embeddable: true, href: api(c, `/users/${author}`) }] : [],
        replies: [{ embeddable: true, href: `${api(c, '/comments')}?post=${a.id}` }],
        ...(a.featured_media_id !== null && { 'wp:featuredmedia': [{ embeddable: true, href: api(c, `/media/${a.featured_media_id}`) }] }),
        'wp:term': [
          { taxonomy: 'category', embeddable: true, href: api(c, `/categories?post=${a.id}`) },
          { taxonomy: 'post_tag', embeddable: true, href: api(c, `/tags?post=${a.id}`) },
        ],
      },
    };
    if (embedded) {
      const e = embedded;
      post._embedded = {
        author: author && e.users.has(author) ? [e.users.get(author)] : [],
        ...(a.featured_media_id !== null && e.media.has(a.featured_media_id) && { 'wp:featuredmedia': [e.media.get(a.featured_media_id)] }),
        'wp:term': [[e.sections.get(a.section_id)].filter(Boolean), tagIds.map((t) => e.tags.get(t)).filter(Boolean)],
      };
    }
    return post;
  });
}
