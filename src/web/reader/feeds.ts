import { Feed } from 'feed';
import type { ArticleCard } from '../../content/stories.js';
import { variantPath } from '../../media/variants.js';
import { urls } from '../../content/urls.js';
import type { ViewContext } from './views/context.js';

export interface FeedScope {
  /** Feed title, e.g. the site name or "site – section". */
  title: string;
  description: string;
  /** Path of the HTML page the feed mirrors (home or a section front). */
  pagePath: string;
  rssPath: string;
  atomPath: string;
}

/** RSS 2.0 and Atom 1.0 for a list of stories, newest first. */
export function buildFeeds(ctx: ViewContext, scope: FeedScope, items: ArticleCard[]): { rss: string; atom: string } {
  const base = ctx.publicUrl;
  const updated = items.reduce<Date | undefined>((max, a) => (!max || a.updatedAt > max ? a.updatedAt : max), undefined);
  const feed = new Feed({
    id: `${base}${scope.pagePath}`,
    title: scope.title,
    description: scope.description,
    link: `${base}${scope.pagePath}`,
    language: ctx.lang.slice(0, 2),
    image: `${base}${ctx.site.logoPath}`,
    favicon: `${base}/assets/favicon.svg`,
    copyright: `© ${ctx.site.name}`,
    updated: updated ?? new Date(0),
    generator: 'Khabar',
    ttl: 5,
    feedLinks: { rss: `${base}${scope.rssPath}`, atom: `${base}${scope.atomPath}` },
  });
  for (const a of items) {
    const link = `${base}${urls.article(a.sectionSlug, a.slug)}`;
    feed.addItem({
      title: a.headline,
      id: link,
      link,
      guid: link,
      description: a.dek,
      date: a.updatedAt,
      published: a.publishedAt,
      category: [{ name: a.sectionName, term: a.sectionName }],
      ...(a.image && {
        image: { url: `${base}${urls.media(variantPath(a.image.path, 800, 'jpg'))}`, type: 'image/jpeg', length: 0 },
      }),
    });
  }
  return { rss: feed.rss2(), atom: feed.atom1() };
}
