/** A path segment, percent-encoded (Gujarati slugs included). */
export const seg = (s: string) => encodeURIComponent(s);

/** Where a static page lives: top level, beside the section fronts. */
export function pagePath(slug: string): string {
  return `/${seg(slug)}`;
}

/** Where any article lives: a page (no section) at the top level, a story under its section. */
export function pathOf(sectionSlug: string | null, slug: string): string {
  return sectionSlug === null ? pagePath(slug) : articlePath(sectionSlug, slug);
}

/** Where a story lives: the domain needs it for redirects when a slug or section changes. */
export function articlePath(sectionSlug: string, slug: string): string {
  return `/${seg(sectionSlug)}/${seg(slug)}`;
}
