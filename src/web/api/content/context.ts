import type { WebServices } from '../../plugins/services.js';

/** What the content API's routes use of the app's shared state. */
export type ContentApiDeps = Pick<WebServices, 'db' | 'site' | 'cache' | 'audience' | 'search'>;

export const json = 'application/json; charset=utf-8';

/** Lists and stories may be kept a little by browsers and CDNs; the page cache is dropped on change. */
export const apiCacheControl = 'public, max-age=60, s-maxage=120, stale-while-revalidate=600';
