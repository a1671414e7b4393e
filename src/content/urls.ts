/** Every public URL the site makes, in one place, so routes and links cannot drift apart. */
import { articlePath, pagePath, seg } from './paths.js';

export const urls = {
  home: () => '/',
  section: (slug: string, page = 1) => (page > 1 ? `/${seg(slug)}?page=${page}` : `/${seg(slug)}`),
  article: articlePath,
  page: pagePath,
  tag: (slug: string, page = 1) => (page > 1 ? `/tag/${seg(slug)}?page=${page}` : `/tag/${seg(slug)}`),
  author: (slug: string, page = 1) => (page > 1 ? `/author/${seg(slug)}?page=${page}` : `/author/${seg(slug)}`),
  /** The stories of a year, month or day (site time): where WordPress's `/2026/11/` leads. */
  archive: (year: number, month?: number, day?: number, page = 1) =>
    `/archive/${[year, month, day].filter((n) => n !== undefined).map((n, i) => (i === 0 ? String(n) : String(n).padStart(2, '0'))).join('/')}${page > 1 ? `?page=${page}` : ''}`,
  media: (path: string) => `/media/${path.split('/').map(seg).join('/')}`,
  rss: () => '/feed.xml',
  atom: () => '/atom.xml',
  sectionRss: (slug: string) => `/${seg(slug)}/feed.xml`,
  sectionAtom: (slug: string) => `/${seg(slug)}/atom.xml`,
  tagRss: (slug: string) => `/tag/${seg(slug)}/feed.xml`,
  tagAtom: (slug: string) => `/tag/${seg(slug)}/atom.xml`,
  authorRss: (slug: string) => `/author/${seg(slug)}/feed.xml`,
  authorAtom: (slug: string) => `/author/${seg(slug)}/atom.xml`,
  sitemapIndex: () => '/sitemap.xml',
  newsSitemap: () => '/sitemaps/news.xml',
  articleSitemap: (n: number) => `/sitemaps/articles-${n}.xml`,
  pagesSitemap: () => '/sitemaps/pages.xml',
  counters: (id: number) => `/api/v1/articles/${id}/counters`,
};

/** First path segments that can never be a section slug. */
export const reservedSlugs = new Set([
  'tag', 'author', 'api', 'media', 'assets', 'sitemaps', 'sitemap.xml', 'feed.xml', 'atom.xml',
  'robots.txt', 'favicon.ico', 'search', 'newsroom', 'feed', 'wp-json', 'healthz', 'readyz', 'metrics', 'archive',
  'cards',
]);

/**
 * Slugs a static page may not take: every first segment the site or an old WordPress URL uses
 * (a page there would be shadowed by, or shadow, another route). Section slugs are refused too.
 */
export const reservedPageSlugs = new Set([
  ...reservedSlugs,
  'page', 'sitemap', 'sitemaps', 'sitemap.xml', 'wp-sitemap.xml', 'category', 'wp-admin', 'wp-content', 'wp-includes',
  'wp-login.php', 'index.php', 'xmlrpc.php', 'comments', 'embed', 'login', 'logout', 'admin', 'rss', 'atom', 'index',
]);

export function absolute(publicUrl: string, path: string): string {
  return `${publicUrl}${path}`;
}
