import type { ArticleCard, CardImage } from '../../../content/stories.js';
import { socialNetworks, type SocialNetwork } from '../../../content/settings.js';
import { variantPath, variantWidths } from '../../../media/variants.js';
import { isoWithOffset } from '../../../gujarati/dates.js';
import { urls } from '../../../content/urls.js';
import type { ViewContext } from './context.js';

export const networkNames: Record<SocialNetwork, string> = {
  telegram: 'Telegram',
  whatsapp: 'WhatsApp',
  instagram: 'Instagram',
  x: 'X',
  facebook: 'Facebook',
  youtube: 'YouTube',
};

export interface Crumb {
  name: string;
  path: string;
}

export function Breadcrumb(props: { ctx: ViewContext; crumbs: Crumb[] }) {
  const last = props.crumbs.length - 1;
  return (
    <nav aria-label={props.ctx.t.breadcrumb} class="crumbs">
      <ol>
        {props.crumbs.map((c, i) => (
          <li>{i === last ? <span aria-current="page">{c.name}</span> : <a href={c.path}>{c.name}</a>}</li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * Comment and view counts; `data-counters` lets the page script refresh them on cached pages
 * (`fresh`: the page is never cached, as a preview, and the story may have no public counters).
 */
export function Counters(props: { ctx: ViewContext; article: ArticleCard; fresh?: boolean }) {
  const { ctx, article } = props;
  return (
    <p class="counters" {...(!props.fresh && { 'data-counters': urls.counters(article.id) })}>
      <a href="#comments" class="count" title={ctx.t.comments}>
        <span aria-hidden="true">💬 </span>
        <span class="sr">{ctx.t.comments}: </span>
        <span data-count="comments">{ctx.formatCount(article.commentCount)}</span>
      </a>
      <span class="count" title={ctx.t.views}>
        <span aria-hidden="true">👁 </span>
        <span class="sr">{ctx.t.views}: </span>
        <span data-count="views">{ctx.formatCount(article.viewCount)}</span>
      </span>
    </p>
  );
}

export function Time(props: { ctx: ViewContext; date: Date }) {
  return <time dateTime={isoWithOffset(props.date, props.ctx.site.timeZone)}>{props.ctx.formatDateTime(props.date)}</time>;
}

/** A responsive image: WebP and JPEG variants, with its box reserved so nothing shifts. */
export function Picture(props: { image: CardImage; sizes: string; eager?: boolean }) {
  const { image } = props;
  const set = (format: 'webp' | 'jpg') =>
    variantWidths.map((w) => `${urls.media(variantPath(image.path, w, format))} ${Math.min(w, image.width)}w`).join(', ');
  return (
    <picture>
      <source type="image/webp" srcset={set('webp')} sizes={props.sizes} />
      <img
        src={urls.media(variantPath(image.path, 800, 'jpg'))}
        srcset={set('jpg')}
        sizes={props.sizes}
        width={image.width}
        height={image.height}
        alt={image.alt}
        loading={props.eager ? 'eager' : 'lazy'}
        decoding="async"
        {...(props.eager ? { fetchpriority: 'high' } : {})}
      />
    </picture>
  );
}

export function ArticleCardView(props: {
  ctx: ViewContext;
  article: ArticleCard;
  variant?: 'lead' | 'normal' | 'compact';
  headingLevel?: 2 | 3;
  eager?: boolean;
}) {
  const { ctx, article } = props;
  const variant = props.variant ?? 'normal';
  const H = props.headingLevel === 2 ? 'h2' : 'h3';
  const href = urls.article(article.sectionSlug, article.slug);
  return (
    <article class={`card card-${variant}`} lang={article.language === 'gu' ? undefined : article.language}>
      {article.image && variant !== 'compact' && (
        <a href={href} tabIndex={-1} aria-hidden="true" class="card-image">
          <Picture
            image={article.image}
            sizes={variant === 'lead' ? '(min-width: 64rem) 40rem, 100vw' : '(min-width: 40rem) 20rem, 100vw'}
            eager={props.eager}
          />
        </a>
      )}
      <div class="card-text">
        {article.isBreaking && <span class="badge">{ctx.t.breaking}</span>}
        <H class="card-title">
          <a href={href}>{article.headline}</a>
        </H>
        {variant !== 'compact' && article.dek && <p class="dek">{article.dek}</p>}
        <p class="meta">
          <a href={urls.section(article.sectionSlug)}>{article.sectionName}</a> · <Time ctx={ctx} date={article.publishedAt} />
        </p>
      </div>
    </article>
  );
}

/**
 * Share links, WhatsApp first (where readers share); plain links that work without JavaScript.
 * "Copy link" is the page's own URL: the page script copies it, without JavaScript it opens.
 * `place`: the compact row under the headline block, or the full block after the body.
 */
export function ShareLinks(props: { ctx: ViewContext; url: string; title: string; place?: 'top' | 'end' }) {
  const { t } = props.ctx;
  const u = encodeURIComponent(props.url);
  const text = encodeURIComponent(props.title);
  const links: [string, string][] = [
    ['WhatsApp', `https://wa.me/?text=${encodeURIComponent(`${props.title} ${props.url}`)}`],
    ['Telegram', `https://t.me/share/url?url=${u}&text=${text}`],
    ['X', `https://x.com/intent/post?url=${u}&text=${text}`],
    ['Facebook', `https://www.facebook.com/sharer/sharer.php?u=${u}`],
  ];
  return (
    <section class={props.place === 'top' ? 'share share-top' : 'share'} aria-labelledby={`share-${props.place ?? 'end'}`}>
      <h2 class="label" id={`share-${props.place ?? 'end'}`}>
        {t.share}
      </h2>
      <ul>
        {links.map(([name, href]) => (
          <li>
            <a class={`chip chip-${name.toLowerCase()}`} href={href} rel="noopener" target="_blank" title={t.shareOn(name)}>
              {name}
            </a>
          </li>
        ))}
        <li>
          <a class="chip" href={props.url} data-copy={props.url} data-copied={t.linkCopied}>
            {t.copyLink}
          </a>
        </li>
      </ul>
    </section>
  );
}

/** The site's own channels from settings; nothing is shown for a channel not configured. */
export function FollowLinks(props: { ctx: ViewContext }) {
  const { site, t } = props.ctx;
  const configured = socialNetworks.filter((n) => site.social[n]);
  if (configured.length === 0) return null;
  return (
    <section class="follow" aria-label={t.followUs}>
      <h2 class="label">{t.followUs}</h2>
      <ul>
        {configured.map((n) => (
          <li>
            <a class={`chip chip-${n}`} href={site.social[n]} rel="me noopener" title={t.followOn(networkNames[n])}>
              {networkNames[n]}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Pagination(props: { ctx: ViewContext; page: number; pageCount: number; href: (page: number) => string }) {
  const { ctx, page, pageCount } = props;
  if (pageCount <= 1) return null;
  const n = (x: number) => ctx.formatCount(x);
  return (
    <nav class="pager" aria-label={ctx.t.pagination}>
      {page > 1 ? (
        <a href={props.href(page - 1)} rel="prev">
          ← {ctx.t.previous}
        </a>
      ) : (
        <span />
      )}
      <span>{ctx.t.pageOf(n(page), n(pageCount))}</span>
      {page < pageCount ? (
        <a href={props.href(page + 1)} rel="next">
          {ctx.t.next} →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
