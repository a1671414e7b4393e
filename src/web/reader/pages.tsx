import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import {
  articlesByIds,
  articlesInSections,
  authorPage,
  breakingArticles,
  latestArticles,
  publishedArticleBySlug,
  relatedArticles,
  sectionFamily,
  sectionPage,
  tagPage,
  filteredPage,
} from '../../content/stories.js';
import { formatPeriod, zonedInstant } from '../../gujarati/dates.js';
import { tagBySlug } from '../../content/taxonomy.js';
import { publicProfile } from '../../content/people.js';
import { pinnedArticleIds } from '../../content/home.js';
import type { PageCache } from '../plugins/pageCache/cache.js';
import type { ReaderAudience } from '../../audience/service.js';
import { MostReadBoard } from '../../audience/trending.js';
import { serveExistingPage, servePage } from '../plugins/pageCache/respond.js';
import type { SiteState } from '../site.js';
import { urls } from '../../content/urls.js';
import { renderDocument } from '../html.js';
import { sendNotFound } from './errorPages.js';
import { ArticlePage, AuthorPage, DateArchivePage, HomePage, SectionPage, StaticPage, TagPage } from './views/pages.js';
import { publishedPageBySlug } from '../../content/pages.js';
import { unlockedPage } from './protection.js';

export interface ReaderDeps {
  db: Kysely<DB>;
  site: SiteState;
  cache: PageCache;
  /** Most-read lists and comments; pages show neither without it. */
  audience?: ReaderAudience;
}

/** Every page shows the menus (the section menu by default) and the footer's settings. */
const chrome = ['taxonomy', 'settings', 'menus'];

/** `?page=N`: 1 when absent; undefined when not a page number (the caller answers 404). */
export function pageNumber(request: FastifyRequest): number | undefined {
  const raw = (request.query as Record<string, unknown>).page;
  if (raw === undefined || raw === '') return 1;
  if (typeof raw !== 'string' || !/^[1-9][0-9]{0,4}$/.test(raw)) return undefined;
  return Number(raw);
}

/** Home, section fronts, tag and author pages, stories: all served from the page cache. */
export async function pageRoutes(app: FastifyInstance, deps: ReaderDeps): Promise<void> {
  const { db, site, cache } = deps;
  const notFound = (request: FastifyRequest, reply: FastifyReply) => sendNotFound(deps, request, reply);
  // A page rendered while the menus or settings reload would show (and cache) the old ones.
  app.addHook('preHandler', async () => {
    if (site.pending) await site.pending;
  });

  app.get('/', async (request, reply) => {
    return serveExistingPage(request, reply, cache, { cacheKey: '/', keys: ['home', MostReadBoard.key(), ...chrome] }, async () => {
      const now = new Date();
      // Editors' pins lead, in their order; then a fresh breaking story; then the newest.
      const pinned = await articlesByIds(db, await pinnedArticleIds(db), now);
      const [breaking] = await breakingArticles(db, { now, limit: 1, withinHours: 12 });
      const latest = await latestArticles(db, { now, limit: 11 + pinned.length });
      const top = pinned[0] ?? breaking ?? latest[0];
      const lead = [...pinned.slice(1), ...latest];
      const rest = lead.filter((a, i) => a.id !== top?.id && lead.findIndex((b) => b.id === a.id) === i).slice(0, 10);
      const shown = new Set([top?.id, ...rest.map((a) => a.id)]);
      const blocks = await Promise.all(
        site.topSections().map(async (section) => ({
          section,
          articles: (
            await articlesInSections(db, sectionFamily(site.ctx.sections, section), { now, limit: 8 })
          )
            .filter((a) => !shown.has(a.id))
            .slice(0, 4),
        })),
      );
      const mostRead = (await deps.audience?.mostRead()) ?? [];
      return renderDocument(
        <HomePage ctx={site.ctx} top={top} latest={rest} blocks={blocks.filter((b) => b.articles.length > 0)} mostRead={mostRead} />,
      );
    });
  });

  app.get<{ Params: { slug: string } }>('/tag/:slug', async (request, reply) => {
    const page = pageNumber(request);
    const tag = await tagBySlug(db, request.params.slug);
    if (!tag || page === undefined) return notFound(request, reply);
    const served = await servePage(
      request,
      reply,
      cache,
      { cacheKey: urls.tag(tag.slug, page), keys: [`tag:${tag.id}`, ...chrome] },
      async () => {
        const list = await tagPage(db, tag.id, page, site.siteSettings.pageSize);
        if (page > list.pageCount) return undefined;
        return renderDocument(<TagPage ctx={site.ctx} tag={tag} page={list} />);
      },
    );
    return served ? reply : notFound(request, reply);
  });

  // Date archives: a year, a month or a day of the site's calendar (WordPress's /2026/11/ comes here).
  const dateArchive = async (request: FastifyRequest<{ Params: { year: string; month?: string; day?: string } }>, reply: FastifyReply) => {
    const page = pageNumber(request);
    const { year, month, day } = request.params;
    const y = /^\d{4}$/.test(year) ? Number(year) : NaN;
    const m = month === undefined ? undefined : /^\d{2}$/.test(month) ? Number(month) : NaN;
    const d = day === undefined ? undefined : /^\d{2}$/.test(day) ? Number(day) : NaN;
    const valid = (n: number | undefined, max: number) => n === undefined || (Number.isInteger(n) && n >= 1 && n <= max);
    const days = m === undefined ? 31 : new Date(Date.UTC(y, m, 0)).getUTCDate();
    if (page === undefined || !Number.isInteger(y) || y < 1970 || !valid(m, 12) || !valid(d, days)) return notFound(request, reply);
    const zone = site.siteSettings.timeZone;
    const from = zonedInstant(y, m ?? 1, d ?? 1, zone);
    const to = d !== undefined ? zonedInstant(y, m!, d + 1, zone) : m !== undefined ? zonedInstant(y, m + 1, 1, zone) : zonedInstant(y + 1, 1, 1, zone);
    const href = (p: number) => urls.archive(y, m, d, p);
    const served = await servePage(request, reply, cache, { cacheKey: href(page), keys: ['home', ...chrome] }, async () => {
      const list = await filteredPage(db, { after: from, before: to }, page, site.siteSettings.pageSize);
      if (list.total === 0 || page > list.pageCount) return undefined;
      const settings = site.siteSettings;
      const period = formatPeriod(new Date(from.getTime() + 12 * 3600_000), d !== undefined ? 'day' : m !== undefined ? 'month' : 'year', {
        locale: site.ctx.lang,
        timeZone: zone,
        digits: settings.digits,
      });
      return renderDocument(<DateArchivePage ctx={site.ctx} period={period} href={href} page={list} />);
    });
    return served ? reply : notFound(request, reply);
  };
  app.get('/archive/:year', dateArchive);
  app.get('/archive/:year/:month', dateArchive);
  app.get('/archive/:year/:month/:day', dateArchive);

  app.get<{ Params: { slug: string } }>('/author/:slug', async (request, reply) => {
    const page = pageNumber(request);
    const person = await publicProfile(db, request.params.slug);
    if (!person || page === undefined) return notFound(request, reply);
    const served = await servePage(
      request,
      reply,
      cache,
      { cacheKey: urls.author(person.slug, page), keys: [`person:${person.id}`, ...chrome] },
      async () => {
        const list = await authorPage(db, person.id, page, site.siteSettings.pageSize);
        if (page > list.pageCount || list.total === 0) return undefined;
        return renderDocument(<AuthorPage ctx={site.ctx} person={person} page={list} />);
      },
    );
    return served ? reply : notFound(request, reply);
  });

  app.get<{ Params: { section: string } }>('/:section', async (request, reply) => {
    const page = pageNumber(request);
    const section = site.sectionBySlug(request.params.section);
    if (!section) return staticPage(request, reply, request.params.section);
    if (page === undefined) return notFound(request, reply);
    const family = sectionFamily(site.ctx.sections, section);
    const served = await servePage(
      request,
      reply,
      cache,
      { cacheKey: urls.section(section.slug, page), keys: family.map((id) => `section:${id}`).concat(chrome, MostReadBoard.key(section.id)) },
      async () => {
        const list = await sectionPage(db, family, page, site.siteSettings.pageSize);
        if (page > list.pageCount) return undefined;
        const mostRead = (await deps.audience?.mostRead(section.id, family)) ?? [];
        return renderDocument(
          <SectionPage ctx={site.ctx} section={section} subSections={site.subSections(section)} page={list} mostRead={mostRead} />,
        );
      },
    );
    return served ? reply : notFound(request, reply);
  });

  /** `/{slug}` that is no section: a static page, if one is public under that slug. */
  const staticPage = async (request: FastifyRequest, reply: FastifyReply, slug: string) => {
    const served = await servePage(request, reply, cache, { cacheKey: urls.page(slug), keys: chrome }, async () => {
      const found = await publishedPageBySlug(db, slug);
      if (!found) return undefined;
      return { body: renderDocument(<StaticPage ctx={site.ctx} page={found} />), keys: [`article:${found.id}`] };
    });
    return served ? reply : notFound(request, reply);
  };

  app.get<{ Params: { section: string; slug: string } }>('/:section/:slug', async (request, reply) => {
    const { section: sectionSlug, slug } = request.params;
    // A reader who typed a protected story's password gets their own page; everyone else the cached one, with the form.
    if (await unlockedPage(deps, request, reply, sectionSlug, slug)) return reply;
    const cacheKey = urls.article(sectionSlug, slug);
    const served = await servePage(request, reply, cache, { cacheKey, keys: [...chrome, MostReadBoard.key()] }, async () => {
      const article = await publishedArticleBySlug(db, slug);
      if (!article || article.sectionSlug !== sectionSlug) return undefined;
      const section = site.sectionById(article.sectionId);
      if (!section) return undefined;
      const [related, comments, mostRead] = await Promise.all([
        relatedArticles(db, article, 4),
        deps.audience?.comments(article.id) ?? [],
        deps.audience?.mostRead() ?? [],
      ]);
      return {
        body: renderDocument(<ArticlePage ctx={site.ctx} article={article} section={section} related={related} comments={article.isProtected ? [] : comments} mostRead={mostRead} />),
        keys: [`article:${article.id}`, ...related.map((r) => `article:${r.id}`)],
      };
    });
    if (served) return reply;
    // The story exists under another section (it moved): send readers to where it lives now.
    const article = await publishedArticleBySlug(db, slug);
    if (article) return reply.redirect(urls.article(article.sectionSlug, article.slug), 301);
    return notFound(request, reply);
  });
}
