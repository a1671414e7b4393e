import type { ComponentChildren } from 'preact';
import { urls } from '../../../content/urls.js';
import { siteIconKey } from '../../../media/siteIcon.js';
import type { PageMeta, ViewContext } from './context.js';
import { FollowLinks } from './components.js';
import { isoWithOffset } from '../../../gujarati/dates.js';
import { distributionReaderMessages } from '../../../i18n/distribution.js';
import { pagesMessages } from '../../../i18n/pages.js';

/** JSON for a `<script>` block: `<` escaped so no string can close the tag. */
function scriptJson(value: object): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** `footerFollow={false}` for a page that already ends with the follow-us links (one block, not two in a row). */
export function Layout(props: { ctx: ViewContext; meta: PageMeta; children: ComponentChildren; current?: string; footerFollow?: boolean; query?: string }) {
  const { ctx, meta } = props;
  const { t, site } = ctx;
  const canonical = `${ctx.publicUrl}${meta.path}`;
  const title = meta.title === site.name ? site.name : `${meta.title} | ${site.name}`;
  const topSections = ctx.sections.filter((s) => s.parent_id === null);
  const feeds = meta.feeds ?? { title: site.name, rss: urls.rss(), atom: urls.atom() };
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={meta.description} />
        <link rel="canonical" href={canonical} />
        {meta.prev && <link rel="prev" href={`${ctx.publicUrl}${meta.prev}`} />}
        {meta.next && <link rel="next" href={`${ctx.publicUrl}${meta.next}`} />}
        {meta.robots && <meta name="robots" content={meta.robots} />}
        <meta name="theme-color" content="#8a1c1c" />
        {site.faviconPath ? (
          <>
            <link rel="icon" href={urls.media(siteIconKey(site.faviconPath, 32))} type="image/png" sizes="32x32" />
            <link rel="icon" href={urls.media(siteIconKey(site.faviconPath, 192))} type="image/png" sizes="192x192" />
            <link rel="apple-touch-icon" href={urls.media(siteIconKey(site.faviconPath, 180))} sizes="180x180" />
          </>
        ) : (
          <>
            <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
            <link rel="apple-touch-icon" href="/assets/logo.png" />
          </>
        )}
        <link rel="alternate" type="application/rss+xml" title={feeds.title} href={`${ctx.publicUrl}${feeds.rss}`} />
        <link rel="alternate" type="application/atom+xml" title={feeds.title} href={`${ctx.publicUrl}${feeds.atom}`} />
        <meta property="og:site_name" content={site.name} />
        <meta property="og:locale" content={ctx.lang.replace('-', '_')} />
        <meta property="og:type" content={meta.ogType ?? 'website'} />
        <meta property="og:title" content={meta.title} />
        <meta property="og:description" content={meta.description} />
        <meta property="og:url" content={canonical} />
        {meta.image && <meta property="og:image" content={meta.image.url} />}
        {meta.image && <meta property="og:image:width" content={String(meta.image.width)} />}
        {meta.image && <meta property="og:image:height" content={String(meta.image.height)} />}
        {meta.image && <meta property="og:image:alt" content={meta.image.alt} />}
        {meta.article && (
          <>
            <meta property="article:published_time" content={isoWithOffset(meta.article.publishedAt, site.timeZone)} />
            <meta property="article:modified_time" content={isoWithOffset(meta.article.updatedAt, site.timeZone)} />
            <meta property="article:section" content={meta.article.section} />
            {meta.article.tags.map((tag) => (
              <meta property="article:tag" content={tag} />
            ))}
          </>
        )}
        <meta name="twitter:card" content={meta.image ? 'summary_large_image' : 'summary'} />
        <meta name="twitter:title" content={meta.title} />
        <meta name="twitter:description" content={meta.description} />
        {meta.image && <meta name="twitter:image" content={meta.image.url} />}
        {site.social.x && <meta name="twitter:site" content={`@${site.social.x.replace(/(?<!\/)\/+$/, '').split('/').pop() ?? ''}`} />}
        {(meta.jsonLd ?? []).map((obj) => (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptJson(obj) }} />
        ))}
        <style dangerouslySetInnerHTML={{ __html: ctx.css }} />
        <script src="/assets/site.js" defer />
      </head>
      <body>
        <a class="skip" href="#main">
          {t.skipToContent}
        </a>
        <header class="masthead">
          <div class="wrap">
            <a class="brand" href="/">
              {site.name}
            </a>
            <span class="tagline">{site.tagline}</span>
            {/* A plain GET form: search works without JavaScript. */}
            <form class="search-box" role="search" action="/search" method="get">
              <label for="site-q" class="sr">
                {t.searchLabel}
              </label>
              <input id="site-q" type="search" name="q" value={props.query ?? ''} placeholder={t.searchPlaceholder} maxLength={500} />
              <button type="submit">{t.search}</button>
            </form>
          </div>
          <nav aria-label={t.mainNav} class="nav">
            <ul class="wrap">
              <li>
                <a href="/" aria-current={props.current === 'home' ? 'page' : undefined}>
                  {t.home}
                </a>
              </li>
              {ctx.menus.header
                ? ctx.menus.header.map((m) => (
                    <li>
                      <a href={m.href} aria-current={m.href === meta.path || m.href === `/${props.current ?? ''}` ? 'page' : undefined} {...(m.external && { rel: 'noopener' })}>
                        {m.label}
                      </a>
                    </li>
                  ))
                : topSections.map((s) => (
                    <li>
                      <a href={urls.section(s.slug)} aria-current={props.current === s.slug ? 'page' : undefined}>
                        {s.name}
                      </a>
                    </li>
                  ))}
            </ul>
          </nav>
        </header>
        {site.breakingBanner && (
          <p class="banner" role="status">
            <span class="wrap">
              <strong>{t.breaking}:</strong>{' '}
              {site.breakingBanner.url ? <a href={site.breakingBanner.url}>{site.breakingBanner.text}</a> : site.breakingBanner.text}
            </span>
          </p>
        )}
        <main id="main" class="wrap" tabIndex={-1}>
          {props.children}
        </main>
        <footer class="footer">
          <div class="wrap">
            {props.footerFollow !== false && <FollowLinks ctx={ctx} />}
            {ctx.menus.footer.length > 0 && (
              <nav aria-label={pagesMessages(site.locale).footerNav} class="footer-nav">
                <ul>
                  {ctx.menus.footer.map((m) => (
                    <li>
                      <a href={m.href} aria-current={m.href === meta.path ? 'page' : undefined} {...(m.external && { rel: 'noopener' })}>
                        {m.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
            <p>
              © {site.name} · {t.allRights} · <a href={urls.rss()}>{t.feed}</a> · <a href="/notifications">{distributionReaderMessages(ctx.lang).getNotifications}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
