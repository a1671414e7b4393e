import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ensureShareCard, publicShareCardSpec, shareCardFonts, shareCardKey } from '../../media/shareCard.js';
import type { MediaStore } from '../../media/store.js';
import type { SiteState } from '../site.js';

export interface ShareCardDeps {
  db: Kysely<DB>;
  site: SiteState;
  media: MediaStore;
}

const cardName = /^([1-9][0-9]{0,11})-[0-9a-f]{20}\.jpg$/;

/**
 * `/cards/<story>-<hash>.jpg`, the og:image of a story: made on its first request and kept in the
 * media store, so it is drawn once per headline (or image, section, site name) and served from
 * the store after that, on every instance. A name whose hash is no longer the story's current
 * card (a page cached before an edit) is sent on to the current one; a story that is not public has none.
 */
export async function shareCardRoutes(app: FastifyInstance, deps: ShareCardDeps): Promise<void> {
  app.get<{ Params: { name: string } }>('/cards/:name', async (request, reply) => {
    const fonts = shareCardFonts();
    const id = cardName.exec(request.params.name)?.[1];
    const spec = fonts && id !== undefined && (await publicShareCardSpec(deps.db, Number(id), deps.site.siteSettings));
    if (!fonts || !spec) return reply.callNotFound();
    const key = shareCardKey(spec);
    if (key !== `cards/${request.params.name}`) return reply.header('cache-control', 'public, max-age=300').redirect(`/${key}`, 302);
    await ensureShareCard(deps.media, spec, fonts);
    const object = await deps.media.get(key);
    if (!object) return reply.callNotFound();
    if (request.headers['if-none-match'] === object.etag) {
      object.body.destroy();
      return reply.code(304).header('etag', object.etag).send();
    }
    return reply
      .headers({ 'content-type': 'image/jpeg', 'content-length': String(object.size), etag: object.etag, 'cache-control': 'public, max-age=31536000, immutable' })
      .send(object.body);
  });
}
