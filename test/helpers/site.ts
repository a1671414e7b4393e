import { createServer, type AddressInfo } from 'node:net';
import { mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.js';
import { seedDemo } from '../../src/demo/seed.js';
import { demoContent } from '../../src/demo/content.js';
import type { DemoContent } from '../../src/demo/types.js';
import { LocalChangeFeed } from '../../src/content/changes.js';
import { updateSettings } from '../../src/newsroom/commands/updateSettings.js';
import type { SiteSettings } from '../../src/content/settings.js';
import { buildApp } from '../../src/web/server.js';
import type { PageCache } from '../../src/web/plugins/pageCache/cache.js';
import { openTestDatabase, type TestDatabase } from './database.js';
import { DiskMediaStore } from '../../src/media/diskStore.js';

export interface TestSite {
  url: string;
  app: FastifyInstance;
  cache: PageCache;
  database: TestDatabase;
  feed: LocalChangeFeed;
  /** Changes settings as an admin would (pages follow through the change feed). */
  changeSettings(patch: Partial<SiteSettings>): Promise<void>;
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

/**
 * A real server on a free loopback port, over a fresh database loaded with the demo content.
 * Tests play the site's proxy: from 127.0.0.1 they send X-Forwarded-For to stand for many
 * readers, so loopback is trusted unless `env` says otherwise (the product's default is off).
 */
export async function startTestSite(o: { content?: DemoContent; pageCache?: boolean; now?: Date; env?: Record<string, string> } = {}): Promise<TestSite> {
  const database = await openTestDatabase();
  const feed = new LocalChangeFeed();
  // Demo artwork is the same for every test: draw it once and share the folder.
  mkdirSync(sharedMedia, { recursive: true });
  symlinkSync(sharedMedia, join(database.dir, 'media'));
  await seedDemo({ db: database.db, feed, media: new DiskMediaStore(sharedMedia) }, o.content ?? demoContent, o.now);
  const port = await freePort();
  const config = loadConfig(
    { DATA_DIR: database.dir, LOG_LEVEL: 'silent', PAGE_CACHE: o.pageCache === false ? 'off' : 'on', TRUST_PROXY: 'loopback', ...o.env },
    { port, host: '127.0.0.1' },
  );
  const { app, cache } = await buildApp({ config, database, feed });
  await app.listen({ port, host: '127.0.0.1' });
  const url = config.publicUrl;
  return {
    url,
    app,
    cache,
    database,
    feed,
    changeSettings: async (patch) => {
      await updateSettings({ db: database.db, feed }, { actor: { id: 0, role: 'admin' }, patch });
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
