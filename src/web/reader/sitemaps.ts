import { Readable } from 'node:stream';
import type { SitemapItemLoose } from 'sitemap';
import { isoWithOffset } from '../../gujarati/dates.js';

/** How many article URLs one sitemap file holds (the protocol allows 50,000). */
export const articlesPerSitemap = 5000;

export interface SitemapArticle {
  path: string;
  headline: string;
  language: string;
  publishedAt: Date;
  updatedAt: Date;
}

/** The sitemap library is about 12 MB resident: loaded with the first sitemap asked for. */
const library = () => import('sitemap');

async function urlset(publicUrl: string, items: SitemapItemLoose[], news: boolean): Promise<string> {
  const { SitemapStream, streamToPromise } = await library();
  const stream = new SitemapStream({
    hostname: publicUrl,
    xmlns: { news, xhtml: false, image: false, video: false },
  });
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString();
}

export async function sitemapIndex(publicUrl: string, paths: string[], lastmod: Date): Promise<string> {
  const { SitemapIndexStream, streamToPromise } = await library();
  const stream = new SitemapIndexStream();
  const items = paths.map((p) => ({ url: `${publicUrl}${p}`, lastmod: lastmod.toISOString() }));
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString();
}

export function articleSitemap(publicUrl: string, articles: SitemapArticle[]): Promise<string> {
  return urlset(
    publicUrl,
    articles.map((a) => ({ url: a.path, lastmod: a.updatedAt.toISOString() })),
    false,
  );
}

export function pagesSitemap(publicUrl: string, paths: string[]): Promise<string> {
  return urlset(publicUrl, paths.map((p) => ({ url: p, changefreq: 'hourly' as SitemapItemLoose['changefreq'] })), false);
}

/** Google News sitemap: stories of the last two days, at most 1,000. */
export function newsSitemap(
  publicUrl: string,
  o: { publication: string; timeZone: string },
  articles: SitemapArticle[],
): Promise<string> {
  return urlset(
    publicUrl,
    articles.slice(0, 1000).map((a) => ({
      url: a.path,
      news: {
        publication: { name: o.publication, language: a.language },
        publication_date: isoWithOffset(a.publishedAt, o.timeZone),
        title: a.headline,
      },
    })),
    true,
  );
}
