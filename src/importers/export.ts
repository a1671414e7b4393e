import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { imageKeys } from '../media/variants.js';
import { readAll, type MediaStore } from '../media/store.js';
import { urls } from '../content/urls.js';
import { withLegacy, type LegacyDB } from '../content/legacyIds.js';

export type ExportFormat = 'json' | 'wxr';

export interface ExportDeps {
  db: Kysely<DB>;
  /** Where the media files live; their bytes go into the JSON archive. */
  media: MediaStore;
  /** The site's public base URL, for links in a WordPress export. */
  publicUrl: string;
}

/**
 * The tables of an archive, in the order a restore inserts them (a row's references come
 * before it). Self-references (a section's parent, a comment's reply-to) are restored in a
 * second step. Tables added by later migrations are found by introspection and go after these
 * (they hang off stories and people); login sessions, password-reset tokens and failed
 * sign-in counts never leave the site.
 */
const knownOrder: { name: string; orderBy: string[] }[] = [
  { name: 'settings', orderBy: ['key'] },
  { name: 'sections', orderBy: ['id'] },
  { name: 'people', orderBy: ['id'] },
  { name: 'tags', orderBy: ['id'] },
  { name: 'media', orderBy: ['id'] },
  { name: 'articles', orderBy: ['id'] },
  { name: 'article_authors', orderBy: ['article_id', 'person_id'] },
  { name: 'article_tags', orderBy: ['article_id', 'tag_id'] },
  { name: 'comments', orderBy: ['id'] },
  { name: 'redirects', orderBy: ['id'] },
  { name: 'legacy_ids', orderBy: ['source', 'kind', 'legacy_id'] },
];
// The search index and the newsroom's headline terms are derived data: `khabar import`
// rebuilds them (reindex) from the stories.
// Media bytes kept in the database go in as file lines, like files from any other store.
const neverExported = /^(kysely_migration.*|sessions|password_resets|search_.*|media_blobs|change_events|login_failures|rate_limits|server_keys|desk_terms)$/;

export interface ArchiveTable {
  name: string;
  orderBy: string[];
  /** Has an auto-numbered `id` (PostgreSQL's sequence must move past restored ids). */
  serial: boolean;
}

export async function archiveTables(db: Kysely<DB>): Promise<ArchiveTable[]> {
  // PostgreSQL introspection lists every schema's tables; ours are the ones in the search path.
  const current = db.getExecutor().adapter instanceof PostgresAdapter
    ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
    : undefined;
  const tables = (await db.introspection.getTables()).filter(
    (t) => !neverExported.test(t.name) && !t.isView && (current === undefined || t.schema === current),
  );
  const byName = new Map(tables.map((t) => [t.name, t]));
  const serial = (name: string) => byName.get(name)?.columns.some((c) => c.name === 'id' && c.isAutoIncrementing) ?? false;
  const known = knownOrder.filter((t) => byName.has(t.name)).map((t) => ({ ...t, serial: serial(t.name) }));
  const extra = tables
    .filter((t) => !knownOrder.some((k) => k.name === t.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((t) => {
      const hasId = t.columns.some((c) => c.name === 'id');
      return { name: t.name, orderBy: hasId ? ['id'] : t.columns.map((c) => c.name), serial: serial(t.name) };
    });
  return [...known, ...extra];
}

export const archiveFormat = 'khabar-archive';
/** 2: counters in `article_counters` (version 1 kept them in `articles`; both restore). */
export const archiveVersion = 2;

/** The first line of an archive. */
export interface ArchiveHeader {
  format: typeof archiveFormat;
  version: number;
  exportedAt: string;
  /** The tables in restore order, with whether each has an auto-numbered id. */
  tables: ArchiveTable[];
}

/** Every other line: a table row, or a media file's bytes. */
export type ArchiveLine = { table: string; row: Record<string, unknown> } | { file: string; base64: string };

/** Writes a line and waits when the file is behind, so memory stays flat on a large site. */
async function writeLine(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

async function finish(out: WriteStream): Promise<void> {
  out.end();
  await once(out, 'finish');
}

/** Reads a table a page at a time, in a stable order. */
async function* pages(db: Kysely<LegacyDB>, table: string, orderBy: string[], size = 500): AsyncGenerator<Record<string, unknown>[]> {
  for (let offset = 0; ; offset += size) {
    // Table names come from introspection; the builder is typed for the tables it knows.
    let q = db.selectFrom(table as keyof LegacyDB).selectAll();
    for (const column of orderBy) q = q.orderBy(column as never);
    const rows = (await q.limit(size).offset(offset).execute()) as Record<string, unknown>[];
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
  }
}

/**
 * A Khabar archive: JSON Lines, one header line, then one line per row of every table
 * (values exactly as stored) and one per media file (original and variants, base64).
 * `khabar import khabar` restores it row for row.
 */
async function exportJson(deps: ExportDeps, file: string): Promise<Record<string, number>> {
  const db = withLegacy(deps.db);
  const out = createWriteStream(file, { encoding: 'utf8' });
  const counts: Record<string, number> = {};
  const tables = await archiveTables(deps.db);
  const header: ArchiveHeader = { format: archiveFormat, version: archiveVersion, exportedAt: new Date().toISOString(), tables };
  await writeLine(out, `${JSON.stringify(header)}\n`);
  for (const { name, orderBy } of tables) {
    counts[name] = 0;
    for await (const rows of pages(db, name, orderBy)) {
      for (const row of rows) {
        await writeLine(out, `${JSON.stringify({ table: name, row } satisfies ArchiveLine)}\n`);
        counts[name] = (counts[name] ?? 0) + 1;
        if (name === 'media') {
          for (const f of imageKeys(String(row.path))) {
            const object = await deps.media.get(f);
            if (!object) continue;
            await writeLine(out, `${JSON.stringify({ file: f, base64: (await readAll(object.body)).toString('base64') } satisfies ArchiveLine)}\n`);
            counts.files = (counts.files ?? 0) + 1;
          }
        }
      }
    }
  }
  await finish(out);
  return counts;
}

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** CDATA cannot hold `]]>`; WordPress splits it the same way. */
const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
const wpDate = (iso: string | null) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, '').replace(/Z$/, '') : '0000-00-00 00:00:00');
const rfc822 = (iso: string | null) => (iso ? new Date(iso).toUTCString().replace('GMT', '+0000') : '');

const wpStatus: Record<string, string> = {
  published: 'publish',
  scheduled: 'future',
  draft: 'draft',
  submitted: 'pending',
  unpublished: 'private',
  archived: 'trash',
};

const commentApproved: Record<string, string> = { approved: '1', pending: '0', spam: 'spam', rejected: 'trash' };

function meta(key: string, value: string | number): string {
  return `\t\t<wp:postmeta>\n\t\t\t<wp:meta_key>${cdata(key)}</wp:meta_key>\n\t\t\t<wp:meta_value>${cdata(String(value))}</wp:meta_value>\n\t\t</wp:postmeta>\n`;
}

/**
 * A WordPress export (WXR 1.2) of the site: people as authors, sections as categories, tags,
 * images as attachments, stories as posts with their comments, view counts and SEO fields
 * under the meta keys WordPress plugins read. WordPress ids are ours; attachments are
 * numbered after the last story so post ids stay unique as WordPress needs.
 */
async function exportWxr(deps: ExportDeps, file: string): Promise<Record<string, number>> {
  const db = deps.db;
  const out = createWriteStream(file, { encoding: 'utf8' });
  const counts = { authors: 0, categories: 0, tags: 0, attachments: 0, posts: 0, pages: 0, comments: 0 };
  const siteName = (await db.selectFrom('settings').select('value').where('key', '=', 'name').executeTakeFirst())?.value;
  const base = deps.publicUrl;
  await writeLine(
    out,
    `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
\t<title>${xmlEscape(siteName ? String(JSON.parse(siteName)) : 'Khabar')}</title>
\t<link>${xmlEscape(base)}</link>
\t<language>gu</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>${xmlEscape(base)}</wp:base_site_url>
\t<wp:base_blog_url>${xmlEscape(base)}</wp:base_blog_url>
\t<generator>khabar</generator>
`,
  );
  const people = await db.selectFrom('people').select(['id', 'slug', 'name', 'email']).orderBy('id').execute();
  const loginOf = new Map<number, string>();
  for (const p of people) {
    loginOf.set(p.id, p.slug);
    await writeLine(
      out,
      `\t<wp:author><wp:author_id>${p.id}</wp:author_id><wp:author_login>${cdata(p.slug)}</wp:author_login><wp:author_email>${cdata(p.email ?? '')}</wp:author_email><wp:author_display_name>${cdata(p.name)}</wp:author_display_name></wp:author>\n`,
    );
    counts.authors++;
  }
  const sections = await db.selectFrom('sections').selectAll().orderBy('id').execute();
  const sectionSlug = new Map(sections.map((s) => [s.id, s.slug]));
  // Parents first: WordPress creates categories in file order and needs the parent to exist.
  const ordered = [...sections.filter((s) => s.parent_id === null), ...sections.filter((s) => s.parent_id !== null)];
  for (const s of ordered) {
    const parent = s.parent_id !== null ? (sectionSlug.get(s.parent_id) ?? '') : '';
    await writeLine(
      out,
      `\t<wp:category><wp:term_id>${s.id}</wp:term_id><wp:category_nicename>${cdata(encodeURIComponent(s.slug).toLowerCase())}</wp:category_nicename><wp:category_parent>${cdata(encodeURIComponent(parent).toLowerCase())}</wp:category_parent><wp:cat_name>${cdata(s.name)}</wp:cat_name><wp:category_description>${cdata(s.description)}</wp:category_description></wp:category>\n`,
    );
    counts.categories++;
  }
  const termOffset = sections.reduce((m, s) => Math.max(m, s.id), 0);
  const tags = await db.selectFrom('tags').selectAll().orderBy('id').execute();
  for (const t of tags) {
    await writeLine(
      out,
      `\t<wp:tag><wp:term_id>${termOffset + t.id}</wp:term_id><wp:tag_slug>${cdata(encodeURIComponent(t.slug).toLowerCase())}</wp:tag_slug><wp:tag_name>${cdata(t.name)}</wp:tag_name></wp:tag>\n`,
    );
    counts.tags++;
  }
  const maxArticle = Number((await db.selectFrom('articles').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0);
  const mediaId = (id: number) => maxArticle + id;
  for await (const rows of pages(withLegacy(db), 'media', ['id'])) {
    for (const m of rows as unknown as DB['media'][]) {
      const id = Number(m.id);
      const url = `${base}${urls.media(m.path)}`;
      await writeLine(
        out,
        `\t<item>
\t\t<title>${cdata(m.caption || m.path)}</title>
\t\t<link>${xmlEscape(url)}</link>
\t\t<pubDate>${rfc822(m.created_at)}</pubDate>
\t\t<guid isPermaLink="false">${xmlEscape(url)}</guid>
\t\t<content:encoded>${cdata('')}</content:encoded>
\t\t<excerpt:encoded>${cdata(m.caption)}</excerpt:encoded>
\t\t<wp:post_id>${mediaId(id)}</wp:post_id>
\t\t<wp:post_date_gmt>${wpDate(m.created_at)}</wp:post_date_gmt>
\t\t<wp:status>inherit</wp:status>
\t\t<wp:post_type>attachment</wp:post_type>
\t\t<wp:attachment_url>${cdata(url)}</wp:attachment_url>
${meta('_wp_attached_file', m.path)}${m.alt ? meta('_wp_attachment_image_alt', m.alt) : ''}\t</item>
`,
      );
      counts.attachments++;
    }
  }
  for await (const rows of pages(withLegacy(db), 'articles', ['id'], 200)) {
    const articles = rows as unknown as (Omit<DB['articles'], 'id'> & { id: number; section_id: number | null; kind: string })[];
    const ids = articles.map((a) => a.id);
    const [authors, tagLinks, comments, counters] = await Promise.all([
      db.selectFrom('article_authors').select(['article_id', 'person_id']).where('article_id', 'in', ids).orderBy('position').execute(),
      db.selectFrom('article_tags').select(['article_id', 'tag_id']).where('article_id', 'in', ids).execute(),
      db.selectFrom('comments').selectAll().where('article_id', 'in', ids).orderBy('id').execute(),
      db.selectFrom('article_counters').select(['article_id', 'views']).where('article_id', 'in', ids).execute(),
    ]);
    const viewsOf = new Map(counters.map((c) => [c.article_id, c.views]));
    const tagById = new Map(tags.map((t) => [t.id, t]));
    for (const a of articles) {
      const section = sections.find((s) => s.id === a.section_id);
      const author = authors.find((x) => x.article_id === a.id);
      const mine = tagLinks.filter((x) => x.article_id === a.id).map((x) => tagById.get(x.tag_id)).filter((t) => t !== undefined);
      // A static page goes out as a WordPress page: its own post type, `?page_id=` guid, top-level link.
      const isPage = a.kind === 'page';
      const link = isPage ? `${base}${urls.page(String(a.slug))}` : section ? `${base}${urls.article(section.slug, a.slug)}` : `${base}/?p=${a.id}`;
      const published = (a.published_at as string | null) ?? null;
      let xml = `\t<item>
\t\t<title>${cdata(String(a.headline))}</title>
\t\t<link>${xmlEscape(link)}</link>
\t\t<pubDate>${rfc822(published)}</pubDate>
\t\t<dc:creator>${cdata(author ? (loginOf.get(author.person_id) ?? '') : '')}</dc:creator>
\t\t<guid isPermaLink="false">${xmlEscape(`${base}/?${isPage ? 'page_id' : 'p'}=${a.id}`)}</guid>
\t\t<content:encoded>${cdata(String(a.body_html))}</content:encoded>
\t\t<excerpt:encoded>${cdata(String(a.dek))}</excerpt:encoded>
\t\t<wp:post_id>${a.id}</wp:post_id>
\t\t<wp:post_date>${wpDate(published)}</wp:post_date>
\t\t<wp:post_date_gmt>${wpDate(published)}</wp:post_date_gmt>
\t\t<wp:post_modified_gmt>${wpDate(String(a.updated_at))}</wp:post_modified_gmt>
\t\t<wp:comment_status>${isPage ? 'closed' : 'open'}</wp:comment_status>
\t\t<wp:post_name>${cdata(encodeURIComponent(String(a.slug)).toLowerCase())}</wp:post_name>
\t\t<wp:status>${wpStatus[String(a.status)] ?? 'draft'}</wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:post_type>${isPage ? 'page' : 'post'}</wp:post_type>
\t\t<wp:post_password></wp:post_password>
\t\t<wp:is_sticky>0</wp:is_sticky>
`;
      if (section) xml += `\t\t<category domain="category" nicename="${xmlEscape(encodeURIComponent(section.slug).toLowerCase())}">${cdata(section.name)}</category>\n`;
      for (const t of mine) xml += `\t\t<category domain="post_tag" nicename="${xmlEscape(encodeURIComponent(t.slug).toLowerCase())}">${cdata(t.name)}</category>\n`;
      const views = viewsOf.get(a.id) ?? 0;
      if (views > 0) xml += meta('post_views_count', views);
      if (a.seo_title) xml += meta('_yoast_wpseo_title', String(a.seo_title));
      if (a.seo_description) xml += meta('_yoast_wpseo_metadesc', String(a.seo_description));
      if (a.featured_media_id !== null && a.featured_media_id !== undefined) xml += meta('_thumbnail_id', mediaId(Number(a.featured_media_id)));
      for (const c of comments.filter((x) => x.article_id === a.id)) {
        xml += `\t\t<wp:comment>
\t\t\t<wp:comment_id>${c.id}</wp:comment_id>
\t\t\t<wp:comment_author>${cdata(c.author_name)}</wp:comment_author>
\t\t\t<wp:comment_author_email>${cdata(c.author_email ?? '')}</wp:comment_author_email>
\t\t\t<wp:comment_date_gmt>${wpDate(c.created_at)}</wp:comment_date_gmt>
\t\t\t<wp:comment_content>${cdata(c.body)}</wp:comment_content>
\t\t\t<wp:comment_approved>${commentApproved[c.status] ?? '0'}</wp:comment_approved>
\t\t\t<wp:comment_type>comment</wp:comment_type>
\t\t\t<wp:comment_parent>${c.parent_id ?? 0}</wp:comment_parent>
\t\t</wp:comment>
`;
        counts.comments++;
      }
      xml += '\t</item>\n';
      await writeLine(out, xml);
      if (isPage) counts.pages++;
      else counts.posts++;
    }
  }
  await writeLine(out, '</channel>\n</rss>\n');
  await finish(out);
  return counts;
}

/** Writes the whole site to `file`: a Khabar archive (`json`) or a WordPress export (`wxr`). */
export async function exportSite(deps: ExportDeps, file: string, format: ExportFormat = 'json'): Promise<Record<string, number>> {
  return format === 'wxr' ? exportWxr(deps, file) : exportJson(deps, file);
}
