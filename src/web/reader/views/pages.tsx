import type { ArticleCard, ArticleFull, Page } from '../../../content/stories.js';
import type { Section, Tag } from '../../../db/schema.js';
import type { PublicProfile } from '../../../content/people.js';
import { peopleMessages } from '../../../i18n/people.js';
import { urls } from '../../../content/urls.js';
import { shareCardFonts, shareCardHeight, shareCardPath, shareCardWidth, storyCardSpec } from '../../../media/shareCard.js';
import { shareCardsMessages } from '../../../i18n/shareCards.js';
import { distributionReaderMessages } from '../../../i18n/distribution.js';
import { breadcrumbLd, imageUrl, newsArticleLd, organizationLd, webPageLd } from '../seo.js';
import type { PageFull } from '../../../content/pages.js';
import type { PageMeta, ViewContext } from './context.js';
import { Layout } from './Layout.js';
import { englishEmbedLabels, gujaratiEmbedLabels, renderEmbeds, splitLeadEmbed } from '../../../content/embeds.js';
import { wpModelMessages } from '../../../i18n/wpModel.js';
import { PasswordForm } from './protection.js';
import type { CommentThread } from '../../../audience/comments.js';
import { audienceMessages } from '../../../i18n/audience.js';
import { errorMessages } from '../../../i18n/errors.js';
import { dateArchiveMessages } from '../../../i18n/dateArchive.js';
import { CommentsSection, MostReadBlock, ViewBeaconTag } from './audience.js';
import {
  ArticleCardView,
  Breadcrumb,
  Counters,
  FollowLinks,
  Pagination,
  Picture,
  ShareLinks,
  Time,
  type Crumb,
} from './components.js';

export interface SectionBlock {
  section: Section;
  articles: ArticleCard[];
}

export function HomePage(props: { ctx: ViewContext; top: ArticleCard | undefined; latest: ArticleCard[]; blocks: SectionBlock[]; mostRead?: ArticleCard[] }) {
  const { ctx, top } = props;
  const meta: PageMeta = {
    title: ctx.site.name,
    description: ctx.site.tagline,
    path: urls.home(),
    jsonLd: [organizationLd(ctx), { '@context': 'https://schema.org', '@type': 'WebSite', name: ctx.site.name, url: `${ctx.publicUrl}/` }],
  };
  return (
    <Layout ctx={ctx} meta={meta} current="home">
      <h1 class="sr">{ctx.site.name}</h1>
      <div class="home-top">
        {top && (
          <section aria-labelledby="top-h" class="lead">
            <h2 id="top-h" class="label">
              {ctx.t.topStory}
            </h2>
            <ArticleCardView ctx={ctx} article={top} variant="lead" headingLevel={3} eager />
          </section>
        )}
        <section aria-labelledby="latest-h" class="latest">
          <h2 id="latest-h" class="label">
            {ctx.t.latest}
          </h2>
          <ol class="list">
            {props.latest.map((a) => (
              <li>
                <ArticleCardView ctx={ctx} article={a} variant="compact" headingLevel={3} />
              </li>
            ))}
          </ol>
        </section>
      </div>
      <MostReadBlock ctx={ctx} m={audienceMessages(ctx.site.locale)} items={props.mostRead ?? []} />
      {props.blocks.map((b) => (
        <section aria-labelledby={`s-${b.section.id}`} class="block">
          <h2 id={`s-${b.section.id}`} class="block-title">
            <a href={urls.section(b.section.slug)}>{b.section.name}</a>
          </h2>
          <div class="grid">
            {b.articles.map((a, i) => (
              <ArticleCardView ctx={ctx} article={a} variant={i === 0 ? 'normal' : 'compact'} />
            ))}
          </div>
          <p class="more">
            <a href={urls.section(b.section.slug)}>{ctx.t.moreFrom(b.section.name)} →</a>
          </p>
        </section>
      ))}
    </Layout>
  );
}

function sectionCrumbs(ctx: ViewContext, section: Section): Crumb[] {
  const parent = section.parent_id !== null ? ctx.sections.find((s) => s.id === section.parent_id) : undefined;
  return [
    { name: ctx.site.name, path: urls.home() },
    ...(parent ? [{ name: parent.name, path: urls.section(parent.slug) }] : []),
    { name: section.name, path: urls.section(section.slug) },
  ];
}

/** `headingLevel`: the card titles' level, one below the heading above the list (no skipped levels). */
function ListBody(props: { ctx: ViewContext; page: Page<ArticleCard>; href: (p: number) => string; headingLevel: 2 | 3 }) {
  const { ctx, page } = props;
  if (page.items.length === 0) return <p>{ctx.t.noArticles}</p>;
  return (
    <>
      <div class="grid">
        {page.items.map((a, i) => (
          <ArticleCardView ctx={ctx} article={a} headingLevel={props.headingLevel} eager={i === 0 && page.page === 1} />
        ))}
      </div>
      <Pagination ctx={ctx} page={page.page} pageCount={page.pageCount} href={props.href} />
    </>
  );
}

function pagingMeta(page: Page<ArticleCard>, href: (p: number) => string): Pick<PageMeta, 'prev' | 'next'> {
  return {
    ...(page.page > 1 && { prev: href(page.page - 1) }),
    ...(page.page < page.pageCount && { next: href(page.page + 1) }),
  };
}

export function SectionPage(props: { ctx: ViewContext; section: Section; subSections: Section[]; page: Page<ArticleCard>; mostRead?: ArticleCard[] }) {
  const { ctx, section, page } = props;
  const crumbs = sectionCrumbs(ctx, section);
  const href = (p: number) => urls.section(section.slug, p);
  const title = page.page > 1 ? `${section.name} – ${ctx.t.page(ctx.formatCount(page.page))}` : section.seo_title || section.name;
  const meta: PageMeta = {
    title,
    description: section.seo_description || section.description || section.name,
    path: href(page.page),
    jsonLd: [breadcrumbLd(ctx, crumbs)],
    feeds: { title: `${ctx.site.name} – ${section.name}`, rss: urls.sectionRss(section.slug), atom: urls.sectionAtom(section.slug) },
    ...pagingMeta(page, href),
  };
  return (
    <Layout ctx={ctx} meta={meta} current={crumbs[1]?.path.slice(1)}>
      <Breadcrumb ctx={ctx} crumbs={crumbs} />
      <h1>{section.name}</h1>
      {section.description && <p class="dek">{section.description}</p>}
      {props.subSections.length > 0 && (
        <nav aria-label={ctx.t.subSections} class="subnav">
          <ul>
            {props.subSections.map((s) => (
              <li>
                <a class="chip" href={urls.section(s.slug)}>
                  {s.name}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <ListBody ctx={ctx} page={page} href={href} headingLevel={2} />
      <MostReadBlock ctx={ctx} m={audienceMessages(ctx.site.locale)} items={props.mostRead ?? []} />
    </Layout>
  );
}

export function TagPage(props: { ctx: ViewContext; tag: Tag; page: Page<ArticleCard> }) {
  const { ctx, tag, page } = props;
  const href = (p: number) => urls.tag(tag.slug, p);
  const crumbs: Crumb[] = [
    { name: ctx.site.name, path: urls.home() },
    { name: ctx.t.tagHeading(tag.name), path: urls.tag(tag.slug) },
  ];
  const meta: PageMeta = {
    title: (page.page === 1 && tag.seo_title) || ctx.t.tagHeading(tag.name),
    description: tag.seo_description || tag.description || ctx.t.tagHeading(tag.name),
    path: href(page.page),
    jsonLd: [breadcrumbLd(ctx, crumbs)],
    ...pagingMeta(page, href),
  };
  return (
    <Layout ctx={ctx} meta={meta}>
      <Breadcrumb ctx={ctx} crumbs={crumbs} />
      <h1>{ctx.t.tagHeading(tag.name)}</h1>
      {tag.description && <p class="dek">{tag.description}</p>}
      <ListBody ctx={ctx} page={page} href={href} headingLevel={2} />
    </Layout>
  );
}

/** The stories of a year, month or day; `period` is its name ("નવેમ્બર 2026"), `href` its pages. */
export function DateArchivePage(props: { ctx: ViewContext; period: string; href: (page: number) => string; page: Page<ArticleCard> }) {
  const { ctx, period, href, page } = props;
  const m = dateArchiveMessages(ctx.site.locale);
  const crumbs: Crumb[] = [
    { name: ctx.site.name, path: urls.home() },
    { name: m.heading(period), path: href(1) },
  ];
  const meta: PageMeta = {
    title: page.page > 1 ? `${m.heading(period)} – ${ctx.t.page(ctx.formatCount(page.page))}` : m.heading(period),
    description: m.description(period),
    path: href(page.page),
    jsonLd: [breadcrumbLd(ctx, crumbs)],
    ...pagingMeta(page, href),
  };
  return (
    <Layout ctx={ctx} meta={meta}>
      <Breadcrumb ctx={ctx} crumbs={crumbs} />
      <h1>{m.heading(period)}</h1>
      <ListBody ctx={ctx} page={page} href={href} headingLevel={2} />
    </Layout>
  );
}

/** A link elsewhere, named by its site where it is a well-known one. */
function linkLabel(href: string): string {
  const host = new URL(href).hostname.replace(/^www\./, '');
  const known: Record<string, string> = {
    'x.com': 'X',
    'twitter.com': 'X',
    'facebook.com': 'Facebook',
    'instagram.com': 'Instagram',
    'youtube.com': 'YouTube',
    'linkedin.com': 'LinkedIn',
    't.me': 'Telegram',
    'threads.net': 'Threads',
    'github.com': 'GitHub',
  };
  return known[host] ?? host;
}

export function AuthorPage(props: { ctx: ViewContext; person: PublicProfile; page: Page<ArticleCard> }) {
  const { ctx, person, page } = props;
  const pt = peopleMessages(ctx.lang.startsWith('en') ? 'en' : 'gu').reader;
  const href = (p: number) => urls.author(person.slug, p);
  const crumbs: Crumb[] = [
    { name: ctx.site.name, path: urls.home() },
    { name: person.name, path: urls.author(person.slug) },
  ];
  const photoUrl = person.photo ? imageUrl(ctx, person.photo.path) : undefined;
  const meta: PageMeta = {
    title: person.name,
    description: person.bio.split('\n')[0] || ctx.t.articlesBy(person.name),
    path: href(page.page),
    ogType: 'website',
    ...(person.photo && photoUrl && { image: { url: photoUrl, width: Math.min(1200, person.photo.width), height: Math.min(1200, person.photo.height), alt: pt.photoOf(person.name) } }),
    jsonLd: [
      breadcrumbLd(ctx, crumbs),
      {
        '@context': 'https://schema.org',
        '@type': 'ProfilePage',
        mainEntity: {
          '@type': 'Person',
          name: person.name,
          url: `${ctx.publicUrl}${urls.author(person.slug)}`,
          ...(person.title && { jobTitle: person.title }),
          ...(person.bio && { description: person.bio }),
          ...(photoUrl && { image: photoUrl }),
          ...(person.links.length > 0 && { sameAs: person.links }),
          ...(person.email && { email: `mailto:${person.email}` }),
          worksFor: { '@type': 'NewsMediaOrganization', name: ctx.site.name, url: `${ctx.publicUrl}/` },
        },
      },
    ],
    ...pagingMeta(page, href),
  };
  return (
    <Layout ctx={ctx} meta={meta}>
      <Breadcrumb ctx={ctx} crumbs={crumbs} />
      <div class="author-head">
        {person.photo && (
          <div class="author-photo">
            <Picture image={{ path: person.photo.path, width: person.photo.width, height: person.photo.height, alt: pt.photoOf(person.name) }} sizes="8rem" eager />
          </div>
        )}
        <div>
          <h1>{person.name}</h1>
          {person.title && <p class="meta">{person.title}</p>}
          {(person.links.length > 0 || person.email) && (
            <ul class="author-links" aria-label={pt.elsewhere}>
              {person.email && (
                <li>
                  <a href={`mailto:${person.email}`}>{pt.email}: {person.email}</a>
                </li>
              )}
              {person.links.map((l) => (
                <li>
                  <a href={l} rel="me noopener">
                    {linkLabel(l)}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {person.bio && (
        <div class="author-bio">
          {person.bio.split(/\n\s*\n/).map((para) => (
            <p>{para}</p>
          ))}
        </div>
      )}
      <h2 class="label">{ctx.t.articlesBy(person.name)}</h2>
      <ListBody ctx={ctx} page={page} href={href} headingLevel={3} />
    </Layout>
  );
}

/**
 * A story's page. `preview` (the newsroom's preview link) is the line shown above it: the same
 * page, kept out of search engines and not counted as a view.
 */
export function ArticlePage(props: {
  ctx: ViewContext;
  article: ArticleFull;
  section: Section;
  related: ArticleCard[];
  comments?: CommentThread[];
  mostRead?: ArticleCard[];
  preview?: string;
  /** The reader typed the password of this protected story (its page is then theirs alone, never cached). */
  unlocked?: boolean;
  /** The password typed was wrong: said above the form. */
  wrongPassword?: boolean;
}) {
  const { ctx, section } = props;
  const wm = wpModelMessages(ctx.site.locale);
  const locked = props.article.isProtected && !props.unlocked;
  // Nothing of a locked story's text reaches the page: not its summary, not its description.
  const a: ArticleFull = locked ? { ...props.article, dek: '', seoDescription: wm.protectedSummary, bodyHtml: '' } : props.article;
  const labels = ctx.lang.startsWith('en') ? englishEmbedLabels : gujaratiEmbedLabels;
  const leads = a.format === 'video' || a.format === 'audio' ? splitLeadEmbed(a.bodyHtml) : undefined;
  const crumbs: Crumb[] = [...sectionCrumbs(ctx, section), { name: a.headline, path: urls.article(a.sectionSlug, a.slug) }];
  const url = `${ctx.publicUrl}${urls.article(a.sectionSlug, a.slug)}`;
  const updated = a.updatedAt.getTime() - a.publishedAt.getTime() > 60_000;
  const meta: PageMeta = {
    title: a.seoTitle || a.headline,
    description: a.seoDescription || a.dek,
    path: urls.article(a.sectionSlug, a.slug),
    ogType: 'article',
    ...(shareCardFonts()
      ? { image: { url: `${ctx.publicUrl}${shareCardPath(storyCardSpec(a, ctx.site))}`, width: shareCardWidth, height: shareCardHeight, alt: a.headline } }
      : a.image && { image: { url: imageUrl(ctx, a.image.path), width: 1200, height: Math.round((1200 * a.image.height) / a.image.width), alt: a.image.alt } }),
    jsonLd: [newsArticleLd(ctx, a), breadcrumbLd(ctx, crumbs), organizationLd(ctx)],
    article: { publishedAt: a.publishedAt, updatedAt: a.updatedAt, section: a.sectionName, tags: a.tags.map((t) => t.name) },
    feeds: { title: `${ctx.site.name} – ${section.name}`, rss: urls.sectionRss(section.slug), atom: urls.sectionAtom(section.slug) },
    ...(props.preview && { robots: 'noindex, nofollow' }),
  };
  return (
    <Layout ctx={ctx} meta={meta} current={crumbs[1]?.path.slice(1)} footerFollow={false}>
      {props.preview && (
        <p class="banner preview-banner" role="status">
          <span class="wrap">{props.preview}</span>
        </p>
      )}
      <article class={`story format-${a.format}`} lang={a.language === ctx.lang.slice(0, 2) ? undefined : a.language}>
        <Breadcrumb ctx={ctx} crumbs={crumbs} />
        {a.isBreaking && <p class="badge">{ctx.t.breaking}</p>}
        {a.format !== 'standard' && <p class="format-badge">{wm.formats[a.format]}</p>}
        <h1 class="headline">{a.headline}</h1>
        <Counters ctx={ctx} article={a} fresh={Boolean(props.preview)} />
        {a.dek && <p class="dek">{a.dek}</p>}
        <p class="byline">
          {a.authors.length > 0 && (
            <>
              {ctx.t.by}{' '}
              {a.authors.map((p, i) => (
                <>
                  {i > 0 && ', '}
                  <a href={urls.author(p.slug)} rel="author">
                    {p.name}
                  </a>
                </>
              ))}
              {' · '}
            </>
          )}
          <Time ctx={ctx} date={a.publishedAt} /> {ctx.t.timeZoneNote}
          {updated && (
            <>
              {' · '}
              {ctx.t.updated}: <Time ctx={ctx} date={a.updatedAt} />
            </>
          )}
        </p>
        <ShareLinks ctx={ctx} url={url} title={a.headline} place="top" />
        {/* A video or audio story leads with its player, in the place of the picture. */}
        {leads ? (
          <div class="lead-embed" dangerouslySetInnerHTML={{ __html: renderEmbeds(leads.lead, labels) }} />
        ) : (
          a.image && (
            <figure class="hero">
              <Picture image={a.image} sizes="(min-width: 48rem) 46rem, 100vw" eager />
              {a.caption && <figcaption>{a.caption}</figcaption>}
            </figure>
          )
        )}
        {locked ? (
          <PasswordForm ctx={ctx} articleId={a.id} wrong={props.wrongPassword === true} />
        ) : (
          // Sanitized on write; embed blocks become players here, built from their URL alone.
          <div class="body" dangerouslySetInnerHTML={{ __html: renderEmbeds(leads ? leads.rest : a.bodyHtml, labels) }} />
        )}
        {a.otherSections.length > 0 && (
          <p class="also-in">
            {wm.alsoIn}:{' '}
            {a.otherSections.map((o, i) => (
              <>
                {i > 0 && ', '}
                <a href={urls.section(o.slug)}>{o.name}</a>
              </>
            ))}
          </p>
        )}
        {a.updateNote && (
          <aside class="note">
            <strong>{ctx.t.correction}:</strong> {a.updateNote}
          </aside>
        )}
        {a.tags.length > 0 && (
          <section class="tags" aria-label={ctx.t.tags}>
            <h2 class="label">{ctx.t.tags}</h2>
            <ul>
              {a.tags.map((t) => (
                <li>
                  <a class="chip" href={urls.tag(t.slug)} rel="tag">
                    {t.name}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        )}
        <ShareLinks ctx={ctx} url={url} title={a.headline} />
        <StoryPush ctx={ctx} article={a} />
        {!props.preview && <ViewBeaconTag articleId={a.id} />}
      </article>
      {props.related.length > 0 && (
        <section aria-labelledby="related-h" class="related">
          <h2 id="related-h" class="block-title">
            {ctx.t.related}
          </h2>
          <div class="grid">
            {props.related.map((r) => (
              <ArticleCardView ctx={ctx} article={r} variant="normal" />
            ))}
          </div>
        </section>
      )}
      <MostReadBlock ctx={ctx} m={audienceMessages(ctx.site.locale)} items={(props.mostRead ?? []).filter((r) => r.id !== a.id)} />
      {!locked && <CommentsSection ctx={ctx} m={audienceMessages(ctx.site.locale)} articleId={a.id} count={a.commentCount} threads={props.comments ?? []} storyOpen={a.commentsOpen} />}
      <div class="follow-box">
        <FollowLinks ctx={ctx} />
      </div>
    </Layout>
  );
}

/**
 * Notifications from a story page: breaking news and the story's section. Hidden until the script
 * finds a browser that can take them and a site that sends them; the prompt comes only after the
 * click. Without script the footer's notifications link remains.
 */
function StoryPush(props: { ctx: ViewContext; article: ArticleFull }) {
  const r = distributionReaderMessages(props.ctx.lang);
  const m = shareCardsMessages(props.ctx.lang);
  return (
    <aside
      class="story-push"
      id="story-push"
      hidden
      aria-labelledby="story-push-h"
      data-topics={`breaking section:${props.article.sectionId}`}
      data-on={r.on}
      data-denied={r.denied}
      data-failed={r.failed}
    >
      <h2 id="story-push-h" class="label">
        {m.storyPushTitle}
      </h2>
      <p>{m.storyPushIntro(props.article.sectionName)}</p>
      <p>
        <button type="button" id="story-push-on">
          {r.turnOn}
        </button>{' '}
        <a href="/notifications">{m.storyPushMore}</a>
      </p>
      <p id="story-push-status" role="status" aria-live="polite" />
      <script src="/assets/storyPush.js" defer />
    </aside>
  );
}

/** A static page (About, Contact…): breadcrumb, title, body; no section, date, byline or comments. */
/** A static page; `preview` as on ArticlePage. */
export function StaticPage(props: { ctx: ViewContext; page: PageFull; preview?: string }) {
  const { ctx, page: p } = props;
  const crumbs: Crumb[] = [
    { name: ctx.site.name, path: urls.home() },
    { name: p.headline, path: urls.page(p.slug) },
  ];
  const meta: PageMeta = {
    title: p.seoTitle || p.headline,
    description: p.seoDescription || p.dek || ctx.site.tagline,
    path: urls.page(p.slug),
    jsonLd: [webPageLd(ctx, p), breadcrumbLd(ctx, crumbs)],
    ...(props.preview && { robots: 'noindex, nofollow' }),
  };
  return (
    <Layout ctx={ctx} meta={meta}>
      {props.preview && (
        <p class="banner preview-banner" role="status">
          <span class="wrap">{props.preview}</span>
        </p>
      )}
      <article class="story static-page" lang={p.language === ctx.lang.slice(0, 2) ? undefined : p.language}>
        <Breadcrumb ctx={ctx} crumbs={crumbs} />
        <h1 class="headline">{p.headline}</h1>
        {p.dek && <p class="dek">{p.dek}</p>}
        {/* Sanitized on write, like a story's body. */}
        <div class="body" dangerouslySetInnerHTML={{ __html: renderEmbeds(p.bodyHtml, ctx.lang.startsWith('en') ? englishEmbedLabels : gujaratiEmbedLabels) }} />
      </article>
    </Layout>
  );
}

/** 404, 500, 503 (the database is away for a moment), or another 4xx with what was wrong with the request. */
export function ErrorPage(props: { ctx: ViewContext; status: number; message?: string }) {
  const { ctx, status } = props;
  const title = status === 404 ? ctx.t.notFoundTitle : status === 503 ? ctx.t.unavailableTitle : status >= 500 ? ctx.t.errorTitle : errorMessages(ctx.site.locale).badRequestTitle;
  const meta: PageMeta = { title, description: title, path: '/', robots: 'noindex' };
  return (
    <Layout ctx={ctx} meta={meta}>
      <div class="error-page">
        <p class="error-code">{ctx.formatCount(status)}</p>
        <h1>{title}</h1>
        <p>{status === 404 ? (props.message ?? ctx.t.notFoundText) : status === 503 ? ctx.t.unavailableText : status >= 500 ? ctx.t.errorText : props.message}</p>
        <p>
          <a class="chip" href="/">
            {ctx.t.backHome}
          </a>
        </p>
      </div>
    </Layout>
  );
}
