/** A path segment, percent-encoded (Gujarati slugs included). */
export const seg = (s: string) => encodeURIComponent(s);

/** Where a story lives: the domain needs it for redirects when a slug or section changes. */
export function articlePath(sectionSlug: string, slug: string): string {
  return `/${seg(sectionSlug)}/${seg(slug)}`;
}
