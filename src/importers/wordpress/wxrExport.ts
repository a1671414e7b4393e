import { createWriteStream, mkdirSync, writeFileSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB, PostFormat } from '../../db/schema.js';
import { readAll, type MediaStore } from '../../media/store.js';
import { urls } from '../../content/urls.js';
import { getSettings } from '../../content/settings.js';
import { publicIds, wpGuids } from '../../content/wpIds.js';

/**
 * A WordPress export (WXR 1.2) written element for element as WordPress's own exporter
 * (wp-admin/includes/export.php) writes it, so that WordPress's importer and ours read it back
 * as the same site: WordPress ids (the imported ones, or ours above them), post dates in site
 * time beside their GMT dates, comments with dates and threads, pages as pages, images by
 * absolute URL with their attachments parented, sticky (home pins), embeds as a bare URL on
 * their own line (WordPress's auto-embed), and the site's own title and tagline.
 *
 * Each item is built as a `WxrPost` first and written by one serializer: a field the content
 * model gains later (several categories, post format, password, comments open or closed) is
 * one more value in `postItem` (see the notes there), not another string template.
 */

export interface WxrExportDeps {
  db: Kysely<DB>;
  media: MediaStore;
  publicUrl: string;
}

export interface WxrExportOptions {
  /** Also write every image's original here, at its `_wp_attached_file` path (an uploads folder for `import wordpress --uploads`). */
  uploadsDir?: string;
}

/** One `<category>` of an item: `category`, `post_tag` or `post_format`. */
interface ItemTerm {
  domain: string;
  nicename: string;
  name: string;
}

/** The names WordPress gives its post-format terms. */
const formatNames: Record<PostFormat, string> = {
  standard: 'Standard',
  video: 'Video',
  gallery: 'Gallery',
  audio: 'Audio',
  image: 'Image',
  quote: 'Quote',
  link: 'Link',
  aside: 'Aside',
  status: 'Status',
  chat: 'Chat',
};

interface WxrComment {
  id: number;
  author: string;
  email: string;
  date: string;
  dateGmt: string;
  content: string;
  approved: string;
  parent: number;
}

/** An `<item>` as WordPress writes it; every field is always written, in WordPress's order. */
interface WxrPost {
  title: string;
  link: string;
  pubDate: string;
  creator: string;
  guid: string;
  content: string;
  excerpt: string;
  id: number;
  date: string;
  dateGmt: string;
  modified: string;
  modifiedGmt: string;
  commentStatus: 'open' | 'closed';
  pingStatus: 'open' | 'closed';
  name: string;
  status: string;
  parent: number;
  type: 'post' | 'page' | 'attachment';
  password: string;
  sticky: boolean;
  attachmentUrl?: string;
  terms: ItemTerm[];
  meta: [string, string][];
  comments: WxrComment[];
}

const zeroDate = '0000-00-00 00:00:00';

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** CDATA cannot hold `]]>`; WordPress splits it the same way (wxr_cdata). */
const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
/** WordPress's slugs of non-Latin text: percent-encoded UTF-8, lower case. */
const wpSlug = (s: string) => encodeURIComponent(s).toLowerCase();

/** `YYYY-MM-DD HH:MM:SS` of an instant, in UTC. */
function gmt(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19).replace('T', ' ');
}

/** `YYYY-MM-DD HH:MM:SS` of an instant on the site's clock (WordPress's `post_date`). */
function local(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** RFC 822 from the GMT date, as WordPress's `pubDate`. */
function rfc822(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${day}, ${p(d.getUTCDate())} ${month} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

const decodeAttr = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * A stored body as WordPress content: each embed figure becomes its URL alone on a line (what
 * WordPress's auto-embed turns into a player, and what our importer turns back into the
 * figure), and site-relative `src`/`href` become absolute so images work on another host.
 */
export function wordpressContent(bodyHtml: string, base: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const start = bodyHtml.indexOf('<figure', at);
    if (start < 0) break;
    const openEnd = bodyHtml.indexOf('>', start);
    const close = bodyHtml.indexOf('</figure>', start);
    if (openEnd < 0 || close < 0) break;
    const url = /\sdata-embed="([^"]*)"/.exec(bodyHtml.slice(start, openEnd + 1))?.[1];
    if (url === undefined) {
      out += bodyHtml.slice(at, openEnd + 1);
      at = openEnd + 1;
      continue;
    }
    out += `${bodyHtml.slice(at, start)}\n\n${decodeAttr(url)}\n\n`;
    at = close + '</figure>'.length;
  }
  out += bodyHtml.slice(at);
  return out.replace(/(\s(?:src|href)=")\/(?!\/)/g, `$1${base}/`).replace(/\n{3,}/g, '\n\n').trim();
}

/** The path WordPress would keep an upload at: ours without the `wp/` our importer puts first. */
const attachedFile = (mediaPath: string) => mediaPath.replace(/^wp\//, '');

function serializeItem(p: WxrPost): string {
  let x = `\t<item>
\t\t<title>${cdata(p.title)}</title>
\t\t<link>${xmlEscape(p.link)}</link>
\t\t<pubDate>${p.pubDate}</pubDate>
\t\t<dc:creator>${cdata(p.creator)}</dc:creator>
\t\t<guid isPermaLink="false">${xmlEscape(p.guid)}</guid>
\t\t<description></description>
\t\t<content:encoded>${cdata(p.content)}</content:encoded>
\t\t<excerpt:encoded>${cdata(p.excerpt)}</excerpt:encoded>
\t\t<wp:post_id>${p.id}</wp:post_id>
\t\t<wp:post_date>${cdata(p.date)}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(p.dateGmt)}</wp:post_date_gmt>
\t\t<wp:post_modified>${cdata(p.modified)}</wp:post_modified>
\t\t<wp:post_modified_gmt>${cdata(p.modifiedGmt)}</wp:post_modified_gmt>
\t\t<wp:comment_status>${cdata(p.commentStatus)}</wp:comment_status>
\t\t<wp:ping_status>${cdata(p.pingStatus)}</wp:ping_status>
\t\t<wp:post_name>${cdata(p.name)}</wp:post_name>
\t\t<wp:status>${cdata(p.status)}</wp:status>
\t\t<wp:post_parent>${p.parent}</wp:post_parent>
\t\t<wp:menu_order>0</wp:menu_order>
\t\t<wp:post_type>${cdata(p.type)}</wp:post_type>
\t\t<wp:post_password>${cdata(p.password)}</wp:post_password>
\t\t<wp:is_sticky>${p.sticky ? 1 : 0}</wp:is_sticky>
`;
  if (p.attachmentUrl !== undefined) x += `\t\t<wp:attachment_url>${cdata(p.attachmentUrl)}</wp:attachment_url>\n`;
  for (const t of p.terms) x += `\t\t<category domain="${t.domain}" nicename="${xmlEscape(t.nicename)}">${cdata(t.name)}</category>\n`;
  for (const [key, value] of p.meta) {
    x += `\t\t<wp:postmeta>\n\t\t<wp:meta_key>${cdata(key)}</wp:meta_key>\n\t\t<wp:meta_value>${cdata(value)}</wp:meta_value>\n\t\t</wp:postmeta>\n`;
  }
  for (const c of p.comments) {
    x += `\t\t<wp:comment>
\t\t\t<wp:comment_id>${c.id}</wp:comment_id>
\t\t\t<wp:comment_author>${cdata(c.author)}</wp:comment_author>
\t\t\t<wp:comment_author_email>${cdata(c.email)}</wp:comment_author_email>
\t\t\t<wp:comment_author_url></wp:comment_author_url>
\t\t\t<wp:comment_author_IP>${cdata('')}</wp:comment_author_IP>
\t\t\t<wp:comment_date>${cdata(c.date)}</wp:comment_date>
\t\t\t<wp:comment_date_gmt>${cdata(c.dateGmt)}</wp:comment_date_gmt>
\t\t\t<wp:comment_content>${cdata(c.content)}</wp:comment_content>
\t\t\t<wp:comment_approved>${cdata(c.approved)}</wp:comment_approved>
\t\t\t<wp:comment_type>${cdata('comment')}</wp:comment_type>
\t\t\t<wp:comment_parent>${c.parent}</wp:comment_parent>
\t\t\t<wp:comment_user_id>0</wp:comment_user_id>
\t\t</wp:comment>
`;
  }
  return `${x}\t</item>\n`;
}

const wpStatus: Record<string, string> = {
  published: 'publish',
  scheduled: 'future',
  embargoed: 'future',
  draft: 'draft',
  submitted: 'pending',
  unpublished: 'private',
  archived: 'trash',
};

/** WordPress's export leaves spam out; rejected comments are its trash. */
const commentApproved: Record<string, string> = { approved: '1', pending: '0', rejected: 'trash' };

async function writeLine(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** `/media/<path>` references in a body, decoded, so an image can be parented to the story showing it. */
function mediaPathsIn(bodyHtml: string): string[] {
  const out: string[] = [];
  for (const m of bodyHtml.matchAll(/\ssrc="\/media\/([^"?#]+)"/g)) {
    try {
      out.push(decodeURIComponent(m[1]!));
    } catch {
      out.push(m[1]!);
    }
  }
  return out;
}

export async function exportWxr(deps: WxrExportDeps, file: string, options: WxrExportOptions = {}): Promise<Record<string, number>> {
  const { db } = deps;
  const base = deps.publicUrl.replace(/(?<!\/)\/+$/, '');
  const settings = await getSettings(db);
  const zone = settings.timeZone;
  const counts = { authors: 0, categories: 0, tags: 0, attachments: 0, posts: 0, pages: 0, comments: 0 };

  const people = await db.selectFrom('people').select(['id', 'slug', 'name', 'email']).orderBy('id').execute();
  const sections = await db.selectFrom('sections').selectAll().orderBy('id').execute();
  const tags = await db.selectFrom('tags').selectAll().orderBy('id').execute();
  const articleRows = await db.selectFrom('articles').select('id').orderBy('id').execute();
  const mediaRows = await db.selectFrom('media').selectAll().orderBy('id').execute();
  const pins = new Set((await db.selectFrom('home_pins').select('article_id').execute()).map((r) => r.article_id));
  const [personIds, sectionIds, tagIds, articleIds, mediaIds, guids] = await Promise.all([
    publicIds(db, 'person', people.map((p) => p.id)),
    publicIds(db, 'section', sections.map((s) => s.id)),
    publicIds(db, 'tag', tags.map((t) => t.id)),
    publicIds(db, 'article', articleRows.map((a) => a.id)),
    publicIds(db, 'media', mediaRows.map((m) => m.id)),
    wpGuids(db, articleRows.map((a) => a.id)),
  ]);
  const pid = (map: Map<number, number>, id: number) => map.get(id) ?? id;

  // An image belongs to the first story that shows it: as its featured image, else in its body.
  const parentOf = new Map<number, number>();
  const byPath = new Map(mediaRows.map((m) => [m.path, m.id]));
  const inBody = new Map<number, number>();
  // Bodies are read a page at a time: a large archive is never held in memory whole.
  for (let after = 0; ; ) {
    const page = await db.selectFrom('articles').select(['id', 'featured_media_id', 'body_html']).where('id', '>', after).orderBy('id').limit(500).execute();
    for (const a of page) {
      if (a.featured_media_id !== null && !parentOf.has(a.featured_media_id)) parentOf.set(a.featured_media_id, a.id);
      for (const path of mediaPathsIn(a.body_html)) {
        const m = byPath.get(path);
        if (m !== undefined && !inBody.has(m)) inBody.set(m, a.id);
      }
    }
    if (page.length < 500) break;
    after = page[page.length - 1]!.id;
  }
  for (const [m, a] of inBody) if (!parentOf.has(m)) parentOf.set(m, a);

  const out = createWriteStream(file, { encoding: 'utf8' });
  await writeLine(
    out,
    `<?xml version="1.0" encoding="UTF-8" ?>
<!-- generator="khabar" created="${gmt(new Date().toISOString()).slice(0, 16)}" -->
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.2/"
>

<channel>
\t<title>${xmlEscape(settings.name)}</title>
\t<link>${xmlEscape(base)}</link>
\t<description>${xmlEscape(settings.tagline)}</description>
\t<pubDate>${rfc822(new Date().toISOString())}</pubDate>
\t<language>gu</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>${xmlEscape(base)}</wp:base_site_url>
\t<wp:base_blog_url>${xmlEscape(base)}</wp:base_blog_url>

`,
  );
  const loginOf = new Map<number, string>();
  for (const p of people) {
    loginOf.set(p.id, p.slug);
    await writeLine(
      out,
      `\t<wp:author><wp:author_id>${pid(personIds, p.id)}</wp:author_id><wp:author_login>${cdata(p.slug)}</wp:author_login><wp:author_email>${cdata(p.email ?? '')}</wp:author_email><wp:author_display_name>${cdata(p.name)}</wp:author_display_name><wp:author_first_name>${cdata('')}</wp:author_first_name><wp:author_last_name>${cdata('')}</wp:author_last_name></wp:author>\n`,
    );
    counts.authors++;
  }

  // Parents before children, as WordPress writes them: its importer makes terms in file order.
  const depth = (s: (typeof sections)[number]): number => {
    let d = 0;
    for (let p = s.parent_id; p !== null && d < sections.length; d++) p = sections.find((x) => x.id === p)?.parent_id ?? null;
    return d;
  };
  const ordered = [...sections].sort((a, b) => depth(a) - depth(b) || a.id - b.id);
  const sectionById = new Map(sections.map((s) => [s.id, s]));
  for (const s of ordered) {
    const parent = s.parent_id !== null ? sectionById.get(s.parent_id) : undefined;
    await writeLine(
      out,
      `\t<wp:category>
\t\t<wp:term_id>${pid(sectionIds, s.id)}</wp:term_id>
\t\t<wp:category_nicename>${cdata(wpSlug(s.slug))}</wp:category_nicename>
\t\t<wp:category_parent>${cdata(parent ? wpSlug(parent.slug) : '')}</wp:category_parent>
\t\t<wp:cat_name>${cdata(s.name)}</wp:cat_name>
${s.description ? `\t\t<wp:category_description>${cdata(s.description)}</wp:category_description>\n` : ''}\t</wp:category>
`,
    );
    counts.categories++;
  }
  for (const t of tags) {
    await writeLine(
      out,
      `\t<wp:tag>\n\t\t<wp:term_id>${pid(tagIds, t.id)}</wp:term_id>\n\t\t<wp:tag_slug>${cdata(wpSlug(t.slug))}</wp:tag_slug>\n\t\t<wp:tag_name>${cdata(t.name)}</wp:tag_name>\n\t</wp:tag>\n`,
    );
    counts.tags++;
  }
  await writeLine(out, `\n\t<generator>khabar</generator>\n\n`);

  for (const m of mediaRows) {
    const url = `${base}${urls.media(m.path)}`;
    const created = m.created_at;
    const stem = m.path.split('/').pop()?.replace(/\.[a-z0-9]+$/i, '') ?? String(m.id);
    const parent = parentOf.get(m.id);
    const meta: [string, string][] = [['_wp_attached_file', attachedFile(m.path)]];
    if (m.alt) meta.push(['_wp_attachment_image_alt', m.alt]);
    await writeLine(
      out,
      serializeItem({
        title: m.caption || stem,
        link: `${base}/?attachment_id=${pid(mediaIds, m.id)}`,
        pubDate: rfc822(created),
        creator: '',
        guid: url,
        content: '',
        excerpt: m.caption,
        id: pid(mediaIds, m.id),
        date: local(created, zone),
        dateGmt: gmt(created),
        modified: local(created, zone),
        modifiedGmt: gmt(created),
        commentStatus: 'open',
        pingStatus: 'closed',
        name: wpSlug(stem),
        status: 'inherit',
        parent: parent !== undefined ? pid(articleIds, parent) : 0,
        type: 'attachment',
        password: '',
        sticky: false,
        attachmentUrl: url,
        terms: [],
        meta,
        comments: [],
      }),
    );
    counts.attachments++;
    if (options.uploadsDir) {
      const object = await deps.media.get(m.path);
      if (object) {
        const target = join(options.uploadsDir, attachedFile(m.path));
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, await readAll(object.body));
      }
    }
  }

  const mediaPid = (id: number | null) => (id === null ? undefined : pid(mediaIds, id));
  const tagById = new Map(tags.map((t) => [t.id, t]));
  for (let offset = 0; offset < articleRows.length; offset += 200) {
    const ids = articleRows.slice(offset, offset + 200).map((a) => a.id);
    const [articles, authors, tagLinks, otherSections, comments, counters] = await Promise.all([
      db.selectFrom('articles').selectAll().where('id', 'in', ids).orderBy('id').execute(),
      db.selectFrom('article_authors').select(['article_id', 'person_id']).where('article_id', 'in', ids).orderBy('position').execute(),
      db.selectFrom('article_tags').select(['article_id', 'tag_id']).where('article_id', 'in', ids).execute(),
      db.selectFrom('article_sections').select(['article_id', 'section_id']).where('article_id', 'in', ids).orderBy('position').execute(),
      db.selectFrom('comments').selectAll().where('article_id', 'in', ids).where('status', '!=', 'spam').orderBy('id').execute(),
      db.selectFrom('article_counters').select(['article_id', 'views']).where('article_id', 'in', ids).execute(),
    ]);
    const commentIds = await publicIds(db, 'comment', comments.map((c) => c.id));
    const viewsOf = new Map(counters.map((c) => [c.article_id, c.views]));
    for (const a of articles) {
      counts[a.kind === 'page' ? 'pages' : 'posts']++;
      await writeLine(out, serializeItem(postItem(a)));
    }

    function postItem(a: (typeof articles)[number]): WxrPost {
      const id = pid(articleIds, a.id);
      const isPage = a.kind === 'page';
      const section = a.section_id !== null ? sectionById.get(a.section_id) : undefined;
      const author = authors.find((x) => x.article_id === a.id);
      // A story never dated has no GMT date in WordPress; its local date is when it was started.
      const when = a.published_at ?? a.scheduled_for ?? a.embargo_until;
      const undated = when === null;
      const date = when ?? a.created_at;
      // One `category` term per section, the primary first (the importer takes the first as primary).
      const terms: ItemTerm[] = [];
      for (const s of [section, ...otherSections.filter((x) => x.article_id === a.id).map((x) => sectionById.get(x.section_id))]) {
        if (s) terms.push({ domain: 'category', nicename: wpSlug(s.slug), name: s.name });
      }
      if (a.format !== 'standard') terms.push({ domain: 'post_format', nicename: `post-format-${a.format}`, name: formatNames[a.format] });
      for (const link of tagLinks.filter((x) => x.article_id === a.id)) {
        const t = tagById.get(link.tag_id);
        if (t) terms.push({ domain: 'post_tag', nicename: wpSlug(t.slug), name: t.name });
      }
      const meta: [string, string][] = [];
      const views = viewsOf.get(a.id) ?? 0;
      if (views > 0) meta.push(['post_views_count', String(views)]);
      if (a.seo_title) meta.push(['_yoast_wpseo_title', a.seo_title]);
      if (a.seo_description) meta.push(['_yoast_wpseo_metadesc', a.seo_description]);
      const thumb = mediaPid(a.featured_media_id);
      if (thumb !== undefined) meta.push(['_thumbnail_id', String(thumb)]);
      const link = isPage ? `${base}${urls.page(a.slug)}` : section ? `${base}${urls.article(section.slug, a.slug)}` : `${base}/?p=${id}`;
      return {
        title: a.headline,
        link,
        pubDate: rfc822(undated ? null : date),
        creator: author ? (loginOf.get(author.person_id) ?? '') : '',
        guid: guids.get(a.id) ?? `${base}/?${isPage ? 'page_id' : 'p'}=${id}`,
        content: wordpressContent(a.body_html, base),
        excerpt: a.dek,
        id,
        date: local(date, zone),
        dateGmt: undated ? zeroDate : gmt(date),
        modified: local(a.updated_at, zone),
        modifiedGmt: gmt(a.updated_at),
        // Pages show no comments here, so they go out closed.
        commentStatus: !isPage && a.comments_open === 1 ? 'open' : 'closed',
        pingStatus: 'closed',
        name: wpSlug(a.slug),
        status: wpStatus[a.status] ?? 'draft',
        parent: 0,
        type: isPage ? 'page' : 'post',
        password: a.password,
        sticky: pins.has(a.id),
        terms,
        meta,
        comments: comments
          .filter((c) => c.article_id === a.id)
          .map((c) => ({
            id: pid(commentIds, c.id),
            author: c.author_name,
            email: c.author_email ?? '',
            date: local(c.created_at, zone),
            dateGmt: gmt(c.created_at),
            content: c.body_html ?? c.body,
            approved: commentApproved[c.status] ?? '0',
            parent: c.parent_id !== null ? pid(commentIds, c.parent_id) : 0,
          })),
      };
    }
    counts.comments += comments.length;
  }
  await writeLine(out, '</channel>\n</rss>\n');
  out.end();
  await once(out, 'finish');
  return counts;
}
