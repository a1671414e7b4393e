import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalChangeFeed } from '../../src/content/changes.js';
import { exportSite } from '../../src/importers/export.js';
import { importKhabarArchive } from '../../src/importers/khabar/import.js';
import { importWordPress } from '../../src/importers/wordpress/import.js';
import { openTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';
import { writeGujaratiExport } from './gujaratiWxr.js';
import { snapshot } from './snapshot.js';
import { DiskMediaStore } from '../../src/media/diskStore.js';

/** An archive's lines without the header (which carries the export time). */
function rows(file: string): string[] {
  return readFileSync(file, 'utf8').trim().split('\n').slice(1);
}

describe(`export and restore (${testDialect})`, () => {
  let dir: string;
  let source: TestDatabase;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'khabar-export-'));
    const { file, uploads } = await writeGujaratiExport(dir, { extraPosts: 30 });
    source = await openTestDatabase();
    await importWordPress({ db: source.db, feed: new LocalChangeFeed(), media: new DiskMediaStore(join(source.dir, 'media')) }, { file, uploadsDir: uploads });
  });
  after(async () => {
    await source.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const deps = (d: TestDatabase) => ({ db: d.db, feed: new LocalChangeFeed(), media: new DiskMediaStore(join(d.dir, 'media')), publicUrl: 'https://khabar.example' });

  test('a Khabar archive restores losslessly into an empty site', async () => {
    const first = join(dir, 'site.jsonl');
    const counts = await exportSite(deps(source), first);
    assert.equal(counts.articles, 37);
    assert.ok((counts.files ?? 0) >= 2 * 7, 'image originals and variants travel with the archive');
    const target = await openTestDatabase();
    try {
      await importKhabarArchive(deps(target), first);
      const second = join(dir, 'again.jsonl');
      await exportSite(deps(target), second);
      // Row for row, byte for byte: ids, Gujarati text, dates, counts, legacy ids.
      assert.deepEqual(rows(second), rows(first));
      assert.deepEqual(await snapshot(target.db), await snapshot(source.db));
      assert.ok(existsSync(join(target.dir, 'media', 'wp/2024/07/rain-400.webp')));
      // New rows after a restore get fresh ids (PostgreSQL's sequences were moved on).
      const section = await target.db.insertInto('sections').values({ slug: 'નવો-વિભાગ', name: 'નવો વિભાગ', parent_id: null, created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
      assert.ok(section.id > 4);
      await assert.rejects(importKhabarArchive(deps(target), first), /not empty/);
    } finally {
      await target.drop();
    }
  });

  test('a WordPress export (WXR) of the site imports back with the same stories', async () => {
    const wxr = join(dir, 'site.xml');
    const counts = await exportSite(deps(source), wxr, 'wxr');
    assert.equal(counts.posts, 37);
    const text = readFileSync(wxr, 'utf8');
    assert.match(text, /<wp:wxr_version>1\.2<\/wp:wxr_version>/);
    assert.match(text, /<title><!\[CDATA\[અમદાવાદમાં ભારે વરસાદ, રસ્તાઓ પર પાણી ભરાયાં\]\]><\/title>/);
    const target = await openTestDatabase();
    try {
      const report = await importWordPress(deps(target), { file: wxr });
      assert.equal(report.total('post'), 37);
      const a = await snapshot(source.db);
      const b = await snapshot(target.db);
      const pick = (s: typeof a) =>
        s.articles.map((x) => [x.slug, x.headline, x.dek, x.status, x.section, x.view_count, x.comment_count, x.seo_title, x.seo_description, x.published_at]);
      assert.deepEqual(pick(b), pick(a));
      assert.deepEqual(b.sections, a.sections);
      assert.deepEqual(b.tags, a.tags);
      assert.deepEqual(b.links, a.links);
      assert.deepEqual(
        b.comments.map((c) => [c.article, c.author_name, c.body, c.status, c.reply_to]),
        // WordPress's exporter leaves spam out; so does ours.
        a.comments.filter((c) => c.status !== 'spam').map((c) => [c.article, c.author_name, c.body, c.status, c.reply_to]),
      );
      // Bodies survive the trip (paragraphs already made; autop leaves them alone).
      const body = (s: typeof a) => s.articles.find((x) => x.slug === 'ભારતે-શ્રેણી-જીતી')?.body_html.replace(/\s+/g, ' ');
      assert.equal(body(b)?.replace(/src="[^"]*"/g, ''), body(a)?.replace(/src="[^"]*"/g, ''));
    } finally {
      await target.drop();
    }
  });
});
