import { isoWithOffset } from '../../gujarati/dates.js';
import type { ArticleFull } from '../../content/stories.js';
import type { PageFull } from '../../content/pages.js';
import { variantPath } from '../../media/variants.js';
import { urls } from '../../content/urls.js';
import type { Crumb } from './views/components.js';
import type { ViewContext } from './views/context.js';

/** schema.org objects for the `<head>`: the publisher, the breadcrumb, the story. */

export function organizationLd(ctx: ViewContext): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsMediaOrganization',
    name: ctx.site.name,
    url: `${ctx.publicUrl}/`,
    logo: { '@type': 'ImageObject', url: `${ctx.publicUrl}${ctx.site.logoPath}`, width: 512, height: 512 },
    sameAs: Object.values(ctx.site.social),
  };
}

export function breadcrumbLd(ctx: ViewContext, crumbs: Crumb[]): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: c.name,
      item: `${ctx.publicUrl}${c.path}`,
    })),
  };
}

export function imageUrl(ctx: ViewContext, path: string): string {
  return `${ctx.publicUrl}${urls.media(variantPath(path, 1200, 'jpg'))}`;
}

export function newsArticleLd(ctx: ViewContext, a: ArticleFull): object {
  const url = `${ctx.publicUrl}${urls.article(a.sectionSlug, a.slug)}`;
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    headline: a.headline.length > 110 ? `${a.headline.slice(0, 109)}…` : a.headline,
    description: a.seoDescription || a.dek,
    inLanguage: a.language,
    datePublished: isoWithOffset(a.publishedAt, ctx.site.timeZone),
    dateModified: isoWithOffset(a.updatedAt, ctx.site.timeZone),
    articleSection: a.sectionName,
    keywords: a.tags.map((t) => t.name).join(', '),
    ...(a.image && { image: [imageUrl(ctx, a.image.path)] }),
    author: a.authors.map((p) => ({ '@type': 'Person', name: p.name, url: `${ctx.publicUrl}${urls.author(p.slug)}` })),
    publisher: {
      '@type': 'NewsMediaOrganization',
      name: ctx.site.name,
      logo: { '@type': 'ImageObject', url: `${ctx.publicUrl}${ctx.site.logoPath}` },
    },
  };
}

/** A static page is a WebPage, not news: no section, no headline limit, no dates shown as news. */
export function webPageLd(ctx: ViewContext, p: PageFull): object {
  const url = `${ctx.publicUrl}${urls.page(p.slug)}`;
  return {
    '@context': 'https://schema.org',
    '@type': 'WebPage',
    '@id': url,
    url,
    name: p.seoTitle || p.headline,
    description: p.seoDescription || p.dek,
    inLanguage: p.language,
    dateModified: isoWithOffset(p.updatedAt, ctx.site.timeZone),
    isPartOf: { '@type': 'WebSite', name: ctx.site.name, url: `${ctx.publicUrl}/` },
    publisher: { '@type': 'NewsMediaOrganization', name: ctx.site.name, logo: { '@type': 'ImageObject', url: `${ctx.publicUrl}${ctx.site.logoPath}` } },
  };
}
