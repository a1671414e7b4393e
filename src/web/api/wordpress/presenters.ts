import type { Media, Section, Tag } from '../../../db/schema.js';
import type { PostData, PublicProfile } from '../../../content/catalog.js';
import { variantPath, type VariantWidth } from '../../../media/variants.js';
import { urls } from '../../../content/urls.js';
import type { IdMap } from './ids.js';
import { autoExcerpt, renderedBody } from '../../wordpressText.js';

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

/**
 * WordPress's size names over our three widths: `thumbnail` and `medium` are the 400 px copy
 * (we make no 150 px crop or 300 px copy), `medium_large` 800, `large` 1200, `full` the original.
 */
const wpSizes: [name: string, width: VariantWidth][] = [
  ['thumbnail', 400],
  ['medium', 400],
  ['medium_large', 800],
  ['large', 1200],
];

/** `parents`: each image's story by local ids (see mediaParents), shown as `post`. */
export function mediaJson(c: WpContext, rows: Media[], ids: IdMap, parents: Map<number, number> = new Map()) {
  return rows.map((m) => {
    const id = ids('media', m.id);
    const dates = wpDates(m.created_at, c.timeZone);
    const source = `${c.publicUrl}${urls.media(m.path)}`;
    const sizes = Object.fromEntries(
      wpSizes
        .filter(([, w]) => w < m.width)
        .map(([name, w]) => [
          name,
          { file: variantPath(m.path, w, 'jpg').replace(/^.*\//, ''), width: w, height: Math.round((m.height * w) / m.width), mime_type: 'image/jpeg', source_url: `${c.publicUrl}${urls.media(variantPath(m.path, w, 'jpg'))}` },
        ]),
    );
    return {
      id,
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
      comment_status: 'closed',
      ping_status: 'closed',
      template: '',
      meta: [],
      description: { rendered: '' },
      caption: { rendered: m.caption ? `<p>${escapeHtml(m.caption)}</p>\n` : '' },
      alt_text: m.alt,
      media_type: 'image',
      mime_type: m.mime,
      media_details: { width: m.width, height: m.height, file: m.path, filesize: 0, sizes: { ...sizes, full: { file: m.path.replace(/^.*\//, ''), width: m.width, height: m.height, mime_type: m.mime, source_url: source } }, image_meta: {} },
      post: parents.has(m.id) ? ids('article', parents.get(m.id)!) : null,
      source_url: source,
      _links: { self: [{ href: api(c, `/media/${id}`) }], collection: [{ href: api(c, '/media') }], about: [{ href: api(c, '/types/attachment') }] },
    };
  });
}

export function usersJson(c: WpContext, rows: PublicProfile[], ids: IdMap) {
  return rows.map((p) => ({
    id: ids('person', p.id),
    name: p.name,
    url: '',
    description: p.bio,
    link: `${c.publicUrl}${urls.author(p.slug)}`,
    slug: p.slug,
    avatar_urls: {},
    meta: [],
    _links: { self: [{ href: api(c, `/users/${ids('person', p.id)}`) }], collection: [{ href: api(c, '/users') }] },
  }));
}

/** Sections as categories; `counts` are their public stories. */
export function categoriesJson(c: WpContext, rows: Section[], counts: Map<number, number>, ids: IdMap) {
  return rows.map((s) => ({
    id: ids('section', s.id),
    count: counts.get(s.id) ?? 0,
    description: s.description,
    link: `${c.publicUrl}${urls.section(s.slug)}`,
    name: s.name,
    slug: s.slug,
    taxonomy: 'category',
    parent: s.parent_id === null ? 0 : ids('section', s.parent_id),
    meta: [],
    _links: { self: [{ href: api(c, `/categories/${ids('section', s.id)}`) }], collection: [{ href: api(c, '/categories') }], about: [{ href: api(c, '/taxonomies/category') }], 'wp:post_type': [{ href: api(c, `/posts?categories=${ids('section', s.id)}`) }] },
  }));
}

export function tagsJson(c: WpContext, rows: Tag[], counts: Map<number, number>, ids: IdMap) {
  return rows.map((t) => ({
    id: ids('tag', t.id),
    count: counts.get(t.id) ?? 0,
    description: '',
    link: `${c.publicUrl}${urls.tag(t.slug)}`,
    name: t.name,
    slug: t.slug,
    taxonomy: 'post_tag',
    meta: [],
    _links: { self: [{ href: api(c, `/tags/${ids('tag', t.id)}`) }], collection: [{ href: api(c, '/tags') }], about: [{ href: api(c, '/taxonomies/post_tag') }], 'wp:post_type': [{ href: api(c, `/posts?tags=${ids('tag', t.id)}`) }] },
  }));
}

/** `_embedded` parts, already in their WordPress shapes (embed context), by local id. */
export interface Embedded {
  users: Map<number, unknown>;
  media: Map<number, unknown>;
  sections: Map<number, unknown>;
  tags: Map<number, unknown>;
  /** Each story's comments (newest first, as `comments?post=` gives them). */
  replies: Map<number, unknown[]>;
}

/** What a post shows beyond its row: pins (sticky) and WordPress's GUIDs of imported stories. */
export interface PostExtras {
  sticky: Set<number>;
  guids: Map<number, string>;
  /** Protected stories whose password the request gave (`?password=`): their text is shown. */
  unlocked?: Set<number>;
}

export function postsJson(c: WpContext, data: PostData, ids: IdMap, extras: PostExtras, embedded?: Embedded) {
  return data.rows.map((a) => {
    const id = ids('article', a.id);
    const published = wpDates(a.published_at ?? a.updated_at, c.timeZone);
    const modified = wpDates(a.updated_at, c.timeZone);
    const localAuthor = data.authors.find((x) => x.article_id === a.id)?.person_id;
    const author = localAuthor === undefined ? 0 : ids('person', localAuthor);
    const localTags = data.tagLinks.filter((t) => t.article_id === a.id).map((t) => t.tag_id);
    const featured = a.featured_media_id === null ? 0 : ids('media', a.featured_media_id);
    const link = `${c.publicUrl}${urls.article(a.section_slug, a.slug)}`;
    const excerpt = a.dek ? escapeHtml(a.dek) : autoExcerpt(a.body_html);
    // As WordPress: a protected story says so, and its text is empty without the password.
    const hidden = a.is_protected && !extras.unlocked?.has(a.id);
    const sectionIds = [a.section_id, ...data.sectionLinks.filter((l) => l.article_id === a.id).map((l) => l.section_id)];
    const post: Record<string, unknown> = {
      id,
      date: published.local,
      date_gmt: published.gmt,
      guid: { rendered: extras.guids.get(a.id) ?? `${c.publicUrl}/?p=${id}` },
      modified: modified.local,
      modified_gmt: modified.gmt,
      slug: a.slug,
      status: 'publish',
      type: 'post',
      link,
      title: { rendered: escapeHtml(a.headline) },
      content: { rendered: hidden ? '' : renderedBody(c.publicUrl, a.body_html), protected: a.is_protected },
      excerpt: { rendered: hidden || !excerpt ? '' : `<p>${excerpt}</p>\n`, protected: a.is_protected },
      author,
      featured_media: featured,
      comment_status: a.comments_open === 1 ? 'open' : 'closed',
      ping_status: 'closed',
      sticky: extras.sticky.has(a.id),
      template: '',
      format: a.format,
      meta: { views: a.view_count },
      categories: sectionIds.map((s) => ids('section', s)),
      tags: localTags.map((t) => ids('tag', t)),
      // Yoast's field, which news apps read for share titles and descriptions.
      yoast_head_json: { title: a.seo_title || a.headline, description: hidden ? '' : a.seo_description || a.dek },
      _links: {
        self: [{ href: api(c, `/posts/${id}`) }],
        collection: [{ href: api(c, '/posts') }],
        about: [{ href: api(c, '/types/post') }],
        author: author ? [{ embeddable: true, href: api(c, `/users/${author}`) }] : [],
        replies: [{ embeddable: true, href: `${api(c, '/comments')}?post=${id}` }],
        ...(featured !== 0 && { 'wp:featuredmedia': [{ embeddable: true, href: api(c, `/media/${featured}`) }] }),
        'wp:attachment': [{ href: `${api(c, '/media')}?parent=${id}` }],
        'wp:term': [
          { taxonomy: 'category', embeddable: true, href: `${api(c, '/categories')}?post=${id}` },
          { taxonomy: 'post_tag', embeddable: true, href: `${api(c, '/tags')}?post=${id}` },
        ],
      },
    };
    if (embedded) {
      const e = embedded;
      const replies = e.replies.get(a.id) ?? [];
      post._embedded = {
        ...(localAuthor !== undefined && e.users.has(localAuthor) && { author: [e.users.get(localAuthor)] }),
        ...(replies.length > 0 && { replies: [replies] }),
        ...(a.featured_media_id !== null && e.media.has(a.featured_media_id) && { 'wp:featuredmedia': [e.media.get(a.featured_media_id)] }),
        'wp:term': [sectionIds.map((s) => e.sections.get(s)).filter(Boolean), localTags.map((t) => e.tags.get(t)).filter(Boolean)],
      };
    }
    return post;
  });
}

export interface CommentRow {
  id: number;
  article_id: number;
  parent_id: number | null;
  author_name: string;
  body: string;
  created_at: string;
  section_slug: string;
  slug: string;
}

/** Approved comments as WordPress shows them to a visitor (no e-mail, no status but approved). */
export function commentsJson(c: WpContext, rows: CommentRow[], ids: IdMap) {
  return rows.map((m) => {
    const id = ids('comment', m.id);
    const post = ids('article', m.article_id);
    const dates = wpDates(m.created_at, c.timeZone);
    const paragraphs = escapeHtml(m.body)
      .split(/\n{2,}/)
      .map((p) => `<p>${p.replace(/\n/g, '<br />\n')}</p>`)
      .join('\n');
    return {
      id,
      post,
      parent: m.parent_id === null ? 0 : ids('comment', m.parent_id),
      author: 0,
      author_name: m.author_name,
      author_url: '',
      date: dates.local,
      date_gmt: dates.gmt,
      content: { rendered: `${paragraphs}\n` },
      link: `${c.publicUrl}${urls.article(m.section_slug, m.slug)}#comment-${id}`,
      status: 'approved',
      type: 'comment',
      author_avatar_urls: {},
      meta: [],
      _links: {
        self: [{ href: api(c, `/comments/${id}`) }],
        collection: [{ href: api(c, '/comments') }],
        up: [{ embeddable: true, post_type: 'post', href: api(c, `/posts/${post}`) }],
        ...(m.parent_id !== null && { 'in-reply-to': [{ embeddable: true, href: api(c, `/comments/${ids('comment', m.parent_id)}`) }] }),
      },
    };
  });
}

/** The fields WordPress gives in `context=embed` (what `_embedded` carries), per object type. */
const embedFields: Record<string, string[]> = {
  post: ['id', 'date', 'slug', 'type', 'link', 'title', 'excerpt', 'author', 'featured_media'],
  user: ['id', 'name', 'url', 'description', 'link', 'slug', 'avatar_urls'],
  term: ['id', 'link', 'name', 'slug', 'taxonomy'],
  media: ['id', 'date', 'slug', 'type', 'link', 'title', 'author', 'caption', 'alt_text', 'media_type', 'mime_type', 'media_details', 'source_url'],
  comment: ['id', 'author', 'author_name', 'author_url', 'date', 'content', 'link', 'parent', 'type', 'author_avatar_urls'],
};

export type EmbedShape = keyof typeof embedFields;

export function embedView<T extends Record<string, unknown>>(shape: EmbedShape, item: T): Record<string, unknown> {
  const keep = [...(embedFields[shape] ?? []), '_links'];
  return Object.fromEntries(Object.entries(item).filter(([k]) => keep.includes(k)));
}
