import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import sharp from 'sharp';
import { assetsDir } from '../../paths.js';

export interface StaticDeps {
  /** Where uploaded images and their variants are kept (served under /media/). */
  mediaDir: string;
}

/** Files (/assets/, /media/, the logo as PNG) and the health probe: answers that need no database. */
export async function staticFiles(app: FastifyInstance, deps: StaticDeps): Promise<void> {
  await app.register(fastifyStatic, {
    root: assetsDir,
    prefix: '/assets/',
    cacheControl: false,
    setHeaders: (res) => res.header('cache-control', 'public, max-age=86400'),
  });
  await app.register(fastifyStatic, {
    root: deps.mediaDir,
    prefix: '/media/',
    decorateReply: false,
    cacheControl: false,
    setHeaders: (res) => res.header('cache-control', 'public, max-age=31536000, immutable'),
  });

  const logo = await sharp(readFileSync(join(assetsDir, 'favicon.svg'))).resize(512, 512).png().toBuffer();
  app.get('/assets/logo.png', (_req, reply) =>
    reply.header('content-type', 'image/png').header('cache-control', 'public, max-age=86400').send(logo),
  );
  app.get('/healthz', async () => ({ ok: true }));
}
