import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { SiteState } from '../../site.js';

/**
 * WordPress's API discovery: every HTML page says where the REST API is
 * (`Link: <…/wp-json/>; rel="https://api.w.org/"`), which `WPAPI.discover()` and other
 * clients follow. On the whole app (not encapsulated), for pages from the cache too.
 */
/** The Link header of every HTML page (the page cache's direct answers send it too). */
export function discoveryLink(publicUrl: string): string {
  return `<${publicUrl}/wp-json/>; rel="https://api.w.org/"`;
}

export const wordpressDiscovery = fp(async (app: FastifyInstance, deps: { site: SiteState }) => {
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html') && !reply.hasHeader('link')) {
      reply.header('link', discoveryLink(deps.site.ctx.publicUrl));
    }
    return payload;
  });
});
