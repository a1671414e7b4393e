import { Feed } from 'feed';
import type { ArticleCard } from '../../content/stories.js';
import type { FeedDetails } from '../../content/feedItems.js';
import { autoExcerpt, renderedBody } from '../wordpressText.js';
import { variantPath } from '../../media/variants.js';
import { urls } from '../../content/urls.js';
import type { ViewContext } from './views/context.js';
import { wpModelMessages } from '../../i18n/wpModel.js';

export interface FeedScope {
  /** Feed title, e.g. the site name or "site – section". */
  title: string;
  description: string;
  /** Path of the HTML page the feed mirrors (home or a section front). */
  pagePath: string;
  rssPath: string;
  atomPath: string;
}

// Characters XML 1.0 cannot carry at all (C0 controls but tab and newlines, U+FFFE/U+FFFF, lone surrogates).
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Plain text (a headline, a dek, a name) as feed text: feed readers read these elements as
 * HTML, so `&` and `<` are escaped, which also means no `]]>` can end the CDATA the feed
 * library wraps them in; characters XML cannot hold are dropped.
 */
export function feedText(text: string): string {
  return text.replace(notXml, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * RSS 2.0 and Atom 1.0 for a list of stories, newest first. Items are as WordPress's: the whole
 * story (`content:encoded`, absolute URLs), its byline (`dc:creator`), section then tags as
 * categories, the excerpt (the dek, or the first 55 words), and a GUID that does not move: the one
 * WordPress gave an imported story, else `/?p=<id>`, which answers with the story.
 */
export function buildFeeds(
  ctx: ViewContext,
  scope: FeedScope,
  items: ArticleCard[],
  details: Map<number, FeedDetails>,
  /** The WebSub hub the feeds declare, so subscribers are pushed new items. */
  hub: string | null = null,
): { rss: string; atom: string } {
  const base = ctx.publicUrl;
  const updated = items.reduce<Date | undefined>((max, a) => (!max || a.updatedAt > max ? a.updatedAt : max), undefined);
  const feed = new Feed({
    id: `${base}${scope.pagePath}`,
    title: feedText(scope.title),
    description: feedText(scope.description),
    link: `${base}${scope.pagePath}`,
    language: ctx.lang.slice(0, 2),
    image: `${base}${ctx.site.logoPath}`,
    favicon: `${base}/assets/favicon.svg`,
    copyright: feedText(`© ${ctx.site.name}`),
    updated: updated ?? new Date(0),
    generator: 'Khabar',
    ttl: 5,
    feedLinks: { rss: `${base}${scope.rssPath}`, atom: `${base}${scope.atomPath}` },
    ...(hub && { hub }),
  });
  for (const a of items) {
    const link = `${base}${urls.article(a.sectionSlug, a.slug)}`;
    const d = details.get(a.id);
    const guid = d?.wpGuid ?? `${base}/?p=${d?.publicId ?? a.id}`;
    const body = d && !d.isProtected ? renderedBody(base, d.bodyHtml).replace(notXml, '') : '';
    // A protected story's summary is as hidden as its text (WordPress says there is no excerpt).
    const excerpt = d?.isProtected ? feedText(wpModelMessages(ctx.site.locale).protectedSummary) : a.dek ? feedText(a.dek) : d ? autoExcerpt(d.bodyHtml).replace(notXml, '') : '';
    feed.addItem({
      title: feedText(a.headline),
      id: guid,
      link,
      guid,
      description: excerpt,
      ...(body && { content: body }),
      date: a.updatedAt,
      published: a.publishedAt,
      ...(d && d.authors.length > 0 && { author: d.authors.map((name) => ({ name: feedText(name) })) }),
      ...(d && d.authors.length > 0 && { extensions: [{ name: 'dc:creator', objects: { _cdata: feedText(d.authors.join(', ')) } }] }),
      category: [a.sectionName, ...(d?.tags ?? [])].map((name) => ({ name: feedText(name), term: feedText(name) })),
      ...(a.image && {
        image: { url: `${base}${urls.media(variantPath(a.image.path, 800, 'jpg'))}`, type: 'image/jpeg', length: 0 },
      }),
    });
  }
  return { rss: feed.rss2(), atom: feed.atom1() };
}
