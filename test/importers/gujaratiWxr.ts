import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp, { type Sharp } from 'sharp';

/**
 * A small WordPress export written the way a Gujarati news site's looks: percent-encoded
 * Gujarati slugs, nested categories, Yoast fields, view-count meta, captions, galleries,
 * embeds, a plugin shortcode, threaded comments in every moderation state, and posts in
 * every status. Built here (not copied from a real site) so each test knows what to expect.
 */

const enc = (s: string) => encodeURIComponent(s).toLowerCase();
const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

export const site = 'https://samachar.example';

export const categories = [
  { id: 2, slug: 'ગુજરાત', name: 'ગુજરાત', parent: '' },
  { id: 3, slug: 'અમદાવાદ', name: 'અમદાવાદ', parent: 'ગુજરાત' },
  { id: 4, slug: 'રમતગમત', name: 'રમતગમત', parent: '' },
  { id: 5, slug: 'cricket', name: 'ક્રિકેટ', parent: 'રમતગમત' },
];

export const tags = [
  { id: 10, slug: 'વરસાદ', name: 'વરસાદ' },
  { id: 11, slug: 'ચોમાસું', name: 'ચોમાસું' },
];

export interface PostSpec {
  id: number;
  title: string;
  slug: string;
  status: string;
  category: string;
  tags?: string[];
  content: string;
  excerpt?: string;
  date: string;
  meta?: Record<string, string>;
  comments?: { id: number; author: string; content: string; approved: string; parent?: number; type?: string }[];
  password?: string;
}

export const posts: PostSpec[] = [
  {
    id: 101,
    title: 'અમદાવાદમાં ભારે વરસાદ, રસ્તાઓ પર પાણી ભરાયાં',
    slug: 'અમદાવાદમાં-ભારે-વરસાદ',
    status: 'publish',
    category: 'અમદાવાદ',
    tags: ['વરસાદ', 'ચોમાસું'],
    content:
      'શહેરમાં સવારથી વરસાદ ચાલુ છે.\nઘણા વિસ્તારોમાં પાણી ભરાયાં.\n\n[caption id="attachment_201" align="alignnone" width="800"]<img src="https://samachar.example/wp-content/uploads/2024/07/rain-800x600.jpg" alt="વરસાદનો ફોટો" width="800" height="600" /> સાબરમતી નદી કિનારે પાણી[/caption]\n\nhttps://www.youtube.com/watch?v=gujarat1abc\n\n[contact-form-7 id="12" title="સંપર્ક"]\n\nતંત્ર એલર્ટ પર છે.',
    excerpt: 'શહેરમાં સવારથી <b>વરસાદ</b> ચાલુ છે.',
    date: '2024-07-01 04:30:00',
    meta: { _thumbnail_id: '201', post_views_count: '1523', _yoast_wpseo_title: '%%title%% %%sep%% %%sitename%%', _yoast_wpseo_metadesc: 'અમદાવાદમાં વરસાદની તાજી માહિતી' },
    comments: [
      { id: 1, author: 'રમેશ', content: 'ખૂબ સરસ માહિતી', approved: '1' },
      { id: 2, author: 'સુરેશ', content: 'આભાર રમેશભાઈ', approved: '1', parent: 1 },
      { id: 3, author: 'spammer', content: 'buy now', approved: 'spam' },
      { id: 4, author: 'મહેશ', content: 'હજુ મંજૂરી બાકી', approved: '0' },
      { id: 5, author: 'pinger', content: 'ping', approved: '1', type: 'pingback' },
    ],
  },
  {
    id: 102,
    title: 'ભારતે શ્રેણી જીતી',
    slug: 'ભારતે-શ્રેણી-જીતી',
    status: 'publish',
    category: 'cricket',
    tags: ['ચોમાસું'],
    content: '[embed]https://twitter.com/bcci/status/1[/embed]\n\nઅંતિમ મેચમાં ભારતનો વિજય.\n\n[gallery ids="201,202,203"]',
    date: '2024-07-02 10:00:00',
    meta: { views: '88' },
  },
  // WordPress leaves a draft's GMT date empty; its local date is when it was started.
  { id: 103, title: 'ડ્રાફ્ટ સમાચાર', slug: '', status: 'draft', category: 'ગુજરાત', content: 'હજી લખાય છે.', date: '2024-07-06 10:00:00' },
  { id: 104, title: 'સમીક્ષા માટે', slug: 'સમીક્ષા-માટે', status: 'pending', category: 'ગુજરાત', content: 'સંપાદકની રાહ.', date: '2024-07-03 08:00:00' },
  { id: 105, title: 'આવતીકાલે પ્રસિદ્ધ', slug: 'આવતીકાલે', status: 'future', category: 'ગુજરાત', content: 'ભવિષ્યનો લેખ.', date: '2099-01-01 00:00:00' },
  { id: 106, title: 'ખાનગી નોંધ', slug: 'ખાનગી-નોંધ', status: 'private', category: 'ગુજરાત', content: 'ફક્ત અંદર.', date: '2024-07-04 08:00:00' },
  { id: 107, title: 'પાસવર્ડવાળો લેખ', slug: 'પાસવર્ડ', status: 'publish', category: 'ગુજરાત', content: 'ગુપ્ત.', date: '2024-07-05 08:00:00', password: 'x' },
];

export interface GujaratiWxrOptions {
  /** Extra generated posts after the hand-written ones (for resume tests). */
  extraPosts?: number;
}

function item(p: PostSpec): string {
  const [d, t] = p.date.split(' ');
  const [y, m, day] = (d ?? '').split('-');
  const link = p.slug ? `${site}/${y}/${m}/${day}/${enc(p.slug)}/` : `${site}/?p=${p.id}`;
  const cat = categories.find((c) => c.slug === p.category);
  const comments = (p.comments ?? [])
    .map(
      (c) => `
    <wp:comment>
      <wp:comment_id>${c.id}</wp:comment_id>
      <wp:comment_author>${cdata(c.author)}</wp:comment_author>
      <wp:comment_author_email>${c.author === 'spammer' ? '' : `${c.id}@example.com`}</wp:comment_author_email>
      <wp:comment_date>${p.date}</wp:comment_date>
      <wp:comment_date_gmt>${p.date}</wp:comment_date_gmt>
      <wp:comment_content>${cdata(c.content)}</wp:comment_content>
      <wp:comment_approved>${c.approved}</wp:comment_approved>
      <wp:comment_type>${c.type ?? 'comment'}</wp:comment_type>
      <wp:comment_parent>${c.parent ?? 0}</wp:comment_parent>
    </wp:comment>`,
    )
    .join('');
  const meta = Object.entries(p.meta ?? {})
    .map(([k, v]) => `\n    <wp:postmeta><wp:meta_key>${cdata(k)}</wp:meta_key><wp:meta_value>${cdata(v)}</wp:meta_value></wp:postmeta>`)
    .join('');
  return `
  <item>
    <title>${cdata(p.title)}</title>
    <link>${link}</link>
    <pubDate>${p.status === 'draft' ? '' : new Date(`${d}T${t}Z`).toUTCString()}</pubDate>
    <dc:creator>${cdata(p.id % 2 ? 'reporter1' : 'reporter2')}</dc:creator>
    <guid isPermaLink="false">${site}/?p=${p.id}</guid>
    <content:encoded>${cdata(p.content)}</content:encoded>
    <excerpt:encoded>${cdata(p.excerpt ?? '')}</excerpt:encoded>
    <wp:post_id>${p.id}</wp:post_id>
    <wp:post_date>${p.date}</wp:post_date>
    <wp:post_date_gmt>${p.status === 'draft' ? '0000-00-00 00:00:00' : p.date}</wp:post_date_gmt>
    <wp:post_modified_gmt>${p.status === 'draft' ? '0000-00-00 00:00:00' : p.date}</wp:post_modified_gmt>
    <wp:post_name>${cdata(enc(p.slug))}</wp:post_name>
    <wp:status>${p.status}</wp:status>
    <wp:post_parent>0</wp:post_parent>
    <wp:post_type>post</wp:post_type>
    <wp:post_password>${cdata(p.password ?? '')}</wp:post_password>
    <category domain="category" nicename="${enc(p.category)}">${cdata(cat?.name ?? p.category)}</category>${(p.tags ?? [])
      .map((t) => `\n    <category domain="post_tag" nicename="${enc(t)}">${cdata(t)}</category>`)
      .join('')}${meta}${comments}
  </item>`;
}

function attachment(id: number, file: string, alt: string, caption: string, parent: number): string {
  return `
  <item>
    <title>${cdata(caption)}</title>
    <link>${site}/?attachment_id=${id}</link>
    <guid isPermaLink="false">${site}/wp-content/uploads/${file}</guid>
    <excerpt:encoded>${cdata(caption)}</excerpt:encoded>
    <wp:post_id>${id}</wp:post_id>
    <wp:post_date_gmt>2024-06-30 10:00:00</wp:post_date_gmt>
    <wp:status>inherit</wp:status>
    <wp:post_parent>${parent}</wp:post_parent>
    <wp:post_type>attachment</wp:post_type>
    <wp:attachment_url>${site}/wp-content/uploads/${file}</wp:attachment_url>
    <wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>${cdata(file)}</wp:meta_value></wp:postmeta>
    <wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>${cdata(alt)}</wp:meta_value></wp:postmeta>
  </item>`;
}

/** Generated filler posts: Gujarati text, one per id from 1000 on. */
export function extraPost(i: number): PostSpec {
  return {
    id: 1000 + i,
    title: `સમાચાર નંબર ${i}: ગાંધીનગરમાં બેઠક`,
    slug: `સમાચાર-${i}`,
    status: 'publish',
    category: i % 2 ? 'ગુજરાત' : 'રમતગમત',
    tags: [i % 3 ? 'વરસાદ' : 'ચોમાસું'],
    content: `પહેલો ફકરો ${i}.\n\nબીજો ફકરો, મુખ્યમંત્રીએ જાહેરાત કરી.`,
    date: `2024-08-${String((i % 28) + 1).padStart(2, '0')} 06:00:00`,
    meta: { post_views_count: String(i * 3) },
    comments: i % 5 === 0 ? [{ id: 10_000 + i, author: 'વાચક', content: `ટિપ્પણી ${i}`, approved: '1' }] : [],
  };
}

export function gujaratiWxr(o: GujaratiWxrOptions = {}): string {
  const all = [...posts, ...Array.from({ length: o.extraPosts ?? 0 }, (_, i) => extraPost(i + 1))];
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>સમાચાર</title>
  <link>${site}</link>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>${site}</wp:base_site_url>
  <wp:base_blog_url>${site}</wp:base_blog_url>
  <wp:author><wp:author_id>1</wp:author_id><wp:author_login>${cdata('reporter1')}</wp:author_login><wp:author_email>${cdata('r1@samachar.example')}</wp:author_email><wp:author_display_name>${cdata('કિરણ પટેલ')}</wp:author_display_name></wp:author>
  <wp:author><wp:author_id>2</wp:author_id><wp:author_login>${cdata('reporter2')}</wp:author_login><wp:author_email>${cdata('r2@samachar.example')}</wp:author_email><wp:author_display_name>${cdata('નીતા શાહ')}</wp:author_display_name></wp:author>
${categories
  .map(
    (c) =>
      `  <wp:category><wp:term_id>${c.id}</wp:term_id><wp:category_nicename>${cdata(enc(c.slug))}</wp:category_nicename><wp:category_parent>${cdata(enc(c.parent))}</wp:category_parent><wp:cat_name>${cdata(c.name)}</wp:cat_name></wp:category>`,
  )
  .join('\n')}
${tags.map((t) => `  <wp:tag><wp:term_id>${t.id}</wp:term_id><wp:tag_slug>${cdata(enc(t.slug))}</wp:tag_slug><wp:tag_name>${cdata(t.name)}</wp:tag_name></wp:tag>`).join('\n')}
${all.map(item).join('')}
${attachment(201, '2024/07/rain.jpg', 'વરસાદનો ફોટો', 'સાબરમતી નદી', 101)}
${attachment(202, '2024/07/match.png', 'મેચ', 'મેદાન', 102)}
${attachment(203, '2024/07/missing.jpg', 'ગુમ', 'ગુમ ફાઇલ', 102)}
</channel>
</rss>
`;
}

/** Writes the export and an uploads folder holding two of its three images. */
export async function writeGujaratiExport(dir: string, o: GujaratiWxrOptions = {}): Promise<{ file: string; uploads: string }> {
  const file = join(dir, 'export.xml');
  const uploads = join(dir, 'uploads');
  writeFileSync(file, gujaratiWxr(o));
  const images: [string, Sharp][] = [
    ['2024/07/rain.jpg', sharp({ create: { width: 1000, height: 750, channels: 3, background: '#3366aa' } }).jpeg()],
    ['2024/07/match.png', sharp({ create: { width: 640, height: 480, channels: 3, background: '#22aa44' } }).png()],
  ];
  for (const [path, img] of images) {
    const full = join(uploads, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, await img.toBuffer());
  }
  return { file, uploads };
}
