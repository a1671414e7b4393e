import type { WebServices } from '../../plugins/services.js';
import type { WpContext } from './presenters.js';

/** What the WordPress-compatible routes use of the app's shared state. */
export type WordPressApiDeps = Pick<WebServices, 'db' | 'site'>;

export function wpContext(deps: WordPressApiDeps): WpContext {
  return { publicUrl: deps.site.ctx.publicUrl, timeZone: deps.site.siteSettings.timeZone };
}
