import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { assetsDir } from '../../paths.js';
import type { MediaStore } from '../../media/store.js';
import { loadSharp } from '../../media/sharp.js';
import { mediaFiles } from '../reader/media.js';

export interface StaticDeps {
  /** Where uploaded images and their variants are kept (served under /media/). */
  media: MediaStore;
}

/** Files (/assets/, /media/, the logo as PNG) and the health probe: answers that need no database. */
export async function staticFiles(app: FastifyInstance, deps: StaticDeps): Promise<void> {
  await app.register(fastifyStatic, {
    root: assetsDir,
    prefix: '/assets/',
    // What browsers load: CSS, the page script, images and the built editor; never the editor's
    // TypeScript source or the bundle's source map.
    allowedPath: (path) => !/\.(ts|tsx|map)$/.test(path) && !path.startsWith('/editor/'),
    cacheControl: false,
    setHeaders: (res) => res.header('cache-control', 'public, max-age=86400'),
  });
  await app.register(async (scope) => mediaFiles(scope, { media: deps.media }));

  // Drawn on first request, so a process that is never asked for it does not load sharp.
  let logo: Promise<Buffer> | undefined;
  app.get('/assets/logo.png', async (_req, reply) => {
    logo ??= loadSharp().then((sharp) => sharp(readFileSync(join(assetsDir, 'favicon.svg'))).resize(512, 512).png().toBuffer());
    return reply.header('content-type', 'image/png').header('cache-control', 'public, max-age=86400').send(await logo);
  });
  app.get('/healthz', async () => ({ ok: true }));
}
