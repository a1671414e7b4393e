import type { FastifyInstance } from 'fastify';
import type { Section } from '../../db/schema.js';
import { latestArticles, articlesInSections, authorPage, publishedStats, sectionFamily, tagPage, type ArticleCard } from '../../content/stories.js';
import { feedDetails } from '../../content/feedItems.js';
import { feedCacheControl, serveExistingPage, servePage } from '../plugins/pageCache/respond.js';
import { urls } from '../../content/urls.js';
import { buildFeeds, type FeedScope } from './feeds.js';
import type { ReaderDeps } from './pages.js';
import { sendNotFound } from './errorPages.js';
import { articleSitemap, articlesPerSitemap, newsSitemap, pagesSitemap, sitemapIndex, type SitemapArticle } from './sitemaps.js';
import { listTags, personBySlug, tagBySlug } from '../../content/taxonomy.js';
import { websubHub } from '../../distribution/readerChannels.js';
import { publishedPages } from '../../content/pages.js';

const feedSize = 50;
const xml = 'application/xml; charset=utf-8';
const keys = ['feeds', 'settings', 'taxonomy'];

function toSitemapArticle(a: ArticleCard): SitemapArticle {
  return {
    path: urls.article(a.sectionSlug, a.slug),
    headline: a.headline,
    language: a.language,
    publishedAt: a.publishedAt,
    updatedAt: a.updatedAt,
  };
}

/** RSS and Atom for the site and each section, sitemaps, robots.txt. */
export async function syndicationRoutes(app: FastifyInstance, deps: ReaderDeps): Promise<void> {
  const { db, site, cache } = deps;

  const siteScope = (): FeedScope => ({
    title: site.ctx.site.name,
    description: site.ctx.site.tagline,
    pagePath: urls.home(),
    rssPath: urls.rss(),
    atomPath: urls.atom(),
  });
  const sectionScope = (s: Section): FeedScope => ({
    title: `${site.ctx.site.name} – ${s.name}`,
    description: s.description || s.name,
    pagePath: urls.section(s.slug),
    rssPath: urls.sectionRss(s.slug),
    atomPath: urls.sectionAtom(s.slug),
  });

  for (const format of ['rss', 'atom'] as const) {
    const contentType = format === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8';
    const path = format === 'rss' ? urls.rss() : urls.atom();
    app.get(path, (request, reply) =>
      serveExistingPage(request, reply, cache, { cacheKey: path, keys, contentType, cacheControl: feedCacheControl }, async () => {
        const items = await latestArticles(db, { limit: feedSize });
        return buildFeeds(site.ctx, siteScope(), items, await feedDetails(db, items.map((a) => a.id)), await websubHub(db))[format];
      }),
    );
    app.get<{ Params: { section: string } }>(`/:section/${format === 'rss' ? 'feed.xml' : 'atom.xml'}`, async (request, reply) => {
      const section = site.sectionBySlug(request.params.section);
      if (!section) return sendNotFound(deps, request, reply);
      const cacheKey = format === 'rss' ? urls.sectionRss(section.slug) : urls.sectionAtom(section.slug);
      return serveExistingPage(request, reply, cache, { cacheKey, keys, contentType, cacheControl: feedCacheControl }, async () => {
        const items = await articlesInSections(db, sectionFamily(site.ctx.sections, section), { limit: feedSize });
        return buildFeeds(site.ctx, sectionScope(section), items, await feedDetails(db, items.map((a) => a.id)), await websubHub(db))[format];
      });
    });
    // A tag's and an author's stories, which WordPress sites have feeds of (/tag/x/feed/, /author/x/feed/).
    const file = format === 'rss' ? 'feed.xml' : 'atom.xml';
    app.get<{ Params: { slug: string } }>(`/tag/:slug/${file}`, async (request, reply) => {
      const tag = await tagBySlug(db, request.params.slug);
      if (!tag) return sendNotFound(deps, request, reply);
      const scope: FeedScope = { title: `${site.ctx.site.name} – ${tag.name}`, description: tag.name, pagePath: urls.tag(tag.slug), rssPath: urls.tagRss(tag.slug), atomPath: urls.tagAtom(tag.slug) };
      const cacheKey = format === 'rss' ? scope.rssPath : scope.atomPath;
      return serveExistingPage(request, reply, cache, { cacheKey, keys: [...keys, `tag:${tag.id}`], contentType, cacheControl: feedCacheControl }, async () => {
        const items = (await tagPage(db, tag.id, 1, feedSize)).items;
        return buildFeeds(site.ctx, scope, items, await feedDetails(db, items.map((a) => a.id)), await websubHub(db))[format];
      });
    });
    app.get<{ Params: { slug: string } }>(`/author/:slug/${file}`, async (request, reply) => {
      const person = await personBySlug(db, request.params.slug);
      if (!person) return sendNotFound(deps, request, reply);
      const scope: FeedScope = { title: `${site.ctx.site.name} – ${person.name}`, description: person.name, pagePath: urls.author(person.slug), rssPath: urls.authorRss(person.slug), atomPath: urls.authorAtom(person.slug) };
      const cacheKey = format === 'rss' ? scope.rssPath : scope.atomPath;
      return serveExistingPage(request, reply, cache, { cacheKey, keys: [...keys, `person:${person.id}`], contentType, cacheControl: feedCacheControl }, async () => {
        const items = (await authorPage(db, person.id, 1, feedSize)).items;
        return buildFeeds(site.ctx, scope, items, await feedDetails(db, items.map((a) => a.id)), await websubHub(db))[format];
      });
    });
  }

  app.get('/robots.txt', async (_request, reply) =>
    reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(
        [
          'User-agent: *',
          'Disallow: /newsroom',
          'Disallow: /api/',
          '',
          `Sitemap: ${site.ctx.publicUrl}${urls.sitemapIndex()}`,
          `Sitemap: ${site.ctx.publicUrl}${urls.newsSitemap()}`,
          '',
        ].join('\n'),
      ),
  );

  app.get(urls.sitemapIndex(), (request, reply) =>
    serveExistingPage(request, reply, cache, { cacheKey: urls.sitemapIndex(), keys, contentType: xml, cacheControl: feedCacheControl }, async () => {
      const { total, lastChange } = await publishedStats(db);
      const files = Math.max(1, Math.ceil(total / articlesPerSitemap));
      const paths = [urls.pagesSitemap(), urls.newsSitemap(), ...Array.from({ length: files }, (_, i) => urls.articleSitemap(i + 1))];
      return sitemapIndex(site.ctx.publicUrl, paths, lastChange);
    }),
  );

  app.get(urls.newsSitemap(), (request, reply) =>
    serveExistingPage(request, reply, cache, { cacheKey: urls.newsSitemap(), keys, contentType: xml, cacheControl: feedCacheControl }, async () => {
      const since = new Date(Date.now() - 2 * 24 * 3600_000);
      const recent = (await latestArticles(db, { limit: 1000 })).filter((a) => a.publishedAt >= since);
      return newsSitemap(
        site.ctx.publicUrl,
        { publication: site.ctx.site.name, timeZone: site.ctx.site.timeZone },
        recent.map(toSitemapArticle),
      );
    }),
  );

  const sitemapParams = { type: 'object', required: ['n'], properties: { n: { type: 'integer', minimum: 1, maximum: 999_999 } } } as const;
  app.get<{ Params: { n: number } }>('/sitemaps/articles-:n.xml', { schema: { params: sitemapParams } }, async (request, reply) => {
    const { n } = request.params;
    const served = await servePage(
      request,
      reply,
      cache,
      { cacheKey: urls.articleSitemap(n), keys, contentType: xml, cacheControl: feedCacheControl },
      async () => {
        const items = await latestArticles(db, { limit: articlesPerSitemap, offset: (n - 1) * articlesPerSitemap });
        if (items.length === 0 && n > 1) return undefined;
        return articleSitemap(site.ctx.publicUrl, items.map(toSitemapArticle));
      },
    );
    return served ? reply : sendNotFound(deps, request, reply);
  });

  app.get(urls.pagesSitemap(), (request, reply) =>
    serveExistingPage(request, reply, cache, { cacheKey: urls.pagesSitemap(), keys: [...keys, 'pages'], contentType: xml, cacheControl: feedCacheControl }, async () => {
      const [tags, pages] = await Promise.all([listTags(db, 5000, 0), publishedPages(db)]);
      return pagesSitemap(site.ctx.publicUrl, [
        urls.home(),
        ...pages.map((p) => urls.page(p.slug)),
        ...site.ctx.sections.map((s) => urls.section(s.slug)),
        ...tags.items.filter((t) => t.articleCount > 0).map((t) => urls.tag(t.slug)),
      ]);
    }),
  );
}
