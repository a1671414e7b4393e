import { createServer, type AddressInfo } from 'node:net';
import { mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.js';
import { seedDemo } from '../../src/demo/seed.js';
import { demoContent } from '../../src/demo/content.js';
import type { DemoContent } from '../../src/demo/types.js';
import { ContentEvents } from '../../src/content/changes.js';
import { buildApp } from '../../src/web/server.js';
import type { PageCache } from '../../src/web/plugins/pageCache/cache.js';
import { openTestDatabase, type TestDatabase } from './database.js';

export interface TestSite {
  url: string;
  app: FastifyInstance;
  cache: PageCache;
  database: TestDatabase;
  events: ContentEvents;
  close(): Promise<void>;
}

const sharedMedia = join(tmpdir(), 'khabar-test-media');

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address() as AddressInfo;
      probe.close(() => resolve(address.port));
    });
  });
}

/** A real server on a free loopback port, over a fresh database loaded with the demo content. */
export async function startTestSite(o: { content?: DemoContent; pageCache?: boolean; now?: Date } = {}): Promise<TestSite> {
  const database = await openTestDatabase();
  const events = new ContentEvents();
  // Demo artwork is the same for every test: draw it once and share the folder.
  mkdirSync(sharedMedia, { recursive: true });
  symlinkSync(sharedMedia, join(database.dir, 'media'));
  await seedDemo({ db: database.db, events, mediaDir: sharedMedia }, o.content ?? demoContent, o.now);
  const port = await freePort();
  const config = loadConfig(
    { DATA_DIR: database.dir, LOG_LEVEL: 'silent', PAGE_CACHE: o.pageCache === false ? 'off' : 'on' },
    { port, host: '127.0.0.1' },
  );
  const { app, cache } = await buildApp({ config, database, events });
  await app.listen({ port, host: '127.0.0.1' });
  const url = config.publicUrl;
  return {
    url,
    app,
    cache,
    database,
    events,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
