import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalChangeFeed } from '../../src/content/changes.js';
import { ImportAborted, importWordPress, type WordPressImportOptions } from '../../src/importers/wordpress/import.js';
import { WxrSyntaxError } from '../../src/importers/wordpress/wxr.js';
import { openTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';
import { writeGujaratiExport } from './gujaratiWxr.js';
import { snapshot } from './snapshot.js';
import { countsOf } from '../../src/audience/counters.js';
import { DiskMediaStore } from '../../src/media/diskStore.js';
import { rebuildSearchIndex } from '../../src/search/indexer.js';
import { SearchService } from '../../src/search/service.js';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'wxr');

async function run(database: TestDatabase, options: WordPressImportOptions) {
  return importWordPress({ db: database.db, feed: new LocalChangeFeed(), media: new DiskMediaStore(join(database.dir, 'media')) }, options);
}

describe(`WordPress import (${testDialect})`, () => {
  let dir: string;
  let file: string;
  let uploads: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'khabar-wxr-'));
    ({ file, uploads } = await writeGujaratiExport(dir, { extraPosts: 40 }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('brings sections, tags, people, stories, media, comments, counts and SEO fields', async () => {
    const database = await openTestDatabase();
    try {
      const report = await run(database, { file, uploadsDir: uploads });
      const { db } = database;
      assert.deepEqual(report.counts.get('post'), { created: 47, updated: 0, skipped: 0 });
      assert.equal(report.counts.get('attachment')?.created, 2);
      assert.equal(report.counts.get('pingback')?.skipped, 1);

      // Nested sections with decoded Gujarati slugs.
      const snap = await snapshot(db);
      assert.deepEqual(
        snap.sections.map((s) => [s.slug, s.parent]),
        [['cricket', 'રમતગમત'], ['અમદાવાદ', 'ગુજરાત'], ['ગુજરાત', null], ['રમતગમત', null]],
      );
      assert.deepEqual(snap.tags.map((t) => t.slug).sort(), ['ચોમાસું', 'વરસાદ']);
      assert.deepEqual(snap.people, [
        { slug: 'reporter1', name: 'કિરણ પટેલ', email: 'r1@samachar.example' },
        { slug: 'reporter2', name: 'નીતા શાહ', email: 'r2@samachar.example' },
      ]);

      const rain = await db.selectFrom('articles').selectAll().where('slug', '=', 'અમદાવાદમાં-ભારે-વરસાદ').executeTakeFirstOrThrow();
      assert.equal(rain.status, 'published');
      assert.equal(rain.published_at, '2024-07-01T04:30:00.000Z');
      assert.equal(rain.dek, 'શહેરમાં સવારથી વરસાદ ચાલુ છે.');
      assert.deepEqual(await countsOf(db, rain.id), { views: 1523, comments: 2 });
      assert.equal(rain.seo_title, 'અમદાવાદમાં ભારે વરસાદ, રસ્તાઓ પર પાણી ભરાયાં - સમાચાર');
      assert.equal(rain.seo_description, 'અમદાવાદમાં વરસાદની તાજી માહિતી');
      assert.equal(rain.language, 'gu');
      // wpautop: a line break inside a paragraph, blank lines between paragraphs.
      assert.match(rain.body_html, /<p>શહેરમાં સવારથી વરસાદ ચાલુ છે\.<br \/>\nઘણા વિસ્તારોમાં પાણી ભરાયાં\.<\/p>/);
      assert.match(rain.body_html, /<figure class="image"><img src="\/media\/wp\/2024\/07\/rain\.jpg" alt="વરસાદનો ફોટો"[^>]*\/><figcaption>સાબરમતી નદી કિનારે પાણી<\/figcaption><\/figure>/);
      assert.match(rain.body_html, /<figure class="embed" data-embed="https:\/\/www\.youtube\.com\/watch\?v=gujarat1abc"><a href="https:\/\/www\.youtube\.com\/watch\?v=gujarat1abc">/);
      assert.match(rain.body_html, /\[contact-form-7 id="12" title="સંપર્ક"\]/, 'unknown shortcodes stay visible');
      assert.ok(report.warnings.some((w) => w.item.startsWith('post 101') && /\[contact-form-7\]/.test(w.reason)));
      const featured = await db.selectFrom('media').selectAll().where('id', '=', rain.featured_media_id).executeTakeFirstOrThrow();
      assert.equal(featured.path, 'wp/2024/07/rain.jpg');
      assert.equal(featured.alt, 'વરસાદનો ફોટો');
      assert.ok(existsSync(join(database.dir, 'media', 'wp/2024/07/rain-800.webp')));

      const cricket = await db.selectFrom('articles').selectAll().where('slug', '=', 'ભારતે-શ્રેણી-જીતી').executeTakeFirstOrThrow();
      assert.equal((await countsOf(db, cricket.id)).views, 88);
      assert.match(cricket.body_html, /data-embed="https:\/\/twitter\.com\/bcci\/status\/1"/);
      assert.equal((cricket.body_html.match(/<figure class="image">/g) ?? []).length, 2, 'gallery: the two images whose files exist');
      assert.ok(report.warnings.some((w) => w.item.startsWith('attachment 203') && /file not found/.test(w.reason)));
      assert.ok(report.warnings.some((w) => w.item.startsWith('post 102') && /2 of 3 images/.test(w.reason)));

      const byWpStatus = Object.fromEntries(
        (await db.selectFrom('articles').select(['headline', 'status', 'published_at']).execute()).map((a) => [a.headline, a]),
      );
      assert.equal(byWpStatus['ડ્રાફ્ટ સમાચાર']?.status, 'draft');
      assert.equal(byWpStatus['ડ્રાફ્ટ સમાચાર']?.published_at, null);
      assert.equal(byWpStatus['સમીક્ષા માટે']?.status, 'submitted');
      assert.equal(byWpStatus['આવતીકાલે પ્રસિદ્ધ']?.status, 'scheduled');
      assert.equal(byWpStatus['આવતીકાલે પ્રસિદ્ધ']?.published_at, '2099-01-01T00:00:00.000Z');
      assert.equal(byWpStatus['ખાનગી નોંધ']?.status, 'unpublished');
      // A password-protected post stays public behind its password (web/wordpressModel.test.ts shows the form).
      assert.equal(byWpStatus['પાસવર્ડવાળો લેખ']?.status, 'published');
      // A draft without a slug gets one from its Gujarati title.
      assert.ok((await db.selectFrom('articles').select('slug').where('headline', '=', 'ડ્રાફ્ટ સમાચાર').executeTakeFirstOrThrow()).slug.length > 0);

      const threads = snap.comments.filter((c) => c.article === 'અમદાવાદમાં-ભારે-વરસાદ');
      assert.deepEqual(
        threads.map((c) => [c.author_name, c.status, c.reply_to]),
        [['spammer', 'spam', null], ['સુરેશ', 'approved', 'ખૂબ સરસ માહિતી'], ['રમેશ', 'approved', null], ['મહેશ', 'pending', null]].sort((a, b) =>
          String(threads.find((t) => t.author_name === a[0])?.body).localeCompare(String(threads.find((t) => t.author_name === b[0])?.body)),
        ),
      );
      assert.match(report.format(), /post\s+47 created/);
    } finally {
      await database.drop();
    }
  });

  test('every imported story is in the search index as a rebuild would put it, also after a re-run', async () => {
    const database = await openTestDatabase();
    try {
      const { db } = database;
      const indexState = async () => ({
        documents: (await db.selectFrom('search_documents').select('article_id').orderBy('article_id').execute()).map((r) => r.article_id),
        desk: (await db.selectFrom('desk_terms').select(['article_id', 'term']).orderBy('article_id').orderBy('term').execute()).map((r) => `${r.article_id} ${r.term}`),
        vocabulary: Object.fromEntries((await db.selectFrom('search_vocabulary').select(['word', 'frequency']).orderBy('word').execute()).map((r) => [r.word, r.frequency])),
      });
      const found = async (q: string) => {
        const results = await new SearchService(db).search({ q, page: 1, perPage: 50, sections: [], timeZone: 'Asia/Kolkata' });
        return results.items.map((i) => (i.kind === 'story' ? i.article.slug : `page:${i.page.slug}`));
      };
      for (const round of ['first run', 're-run']) {
        await run(database, { file, uploadsDir: uploads });
        const imported = await indexState();
        const published = await db.selectFrom('articles').select('id').where('status', '=', 'published').orderBy('id').execute();
        assert.deepEqual(imported.documents, published.map((r) => r.id), `${round}: every published story is indexed`);
        assert.ok(imported.desk.length > 0 && Object.keys(imported.vocabulary).length > 0, round);
        // Gujarati words of a body (conjuncts, anusvara) find the story; a protected story's body does not.
        assert.ok((await found('ભારતનો વિજય')).includes('ભારતે-શ્રેણી-જીતી'), `${round}: found by its body`);
        assert.ok((await found('અમદાવાદમાં')).includes('અમદાવાદમાં-ભારે-વરસાદ'), `${round}: found by its headline`);
        assert.deepEqual(await found('ગુપ્ત'), [], `${round}: a protected story's body is not searchable`);
        await rebuildSearchIndex(db, { workers: 0 });
        assert.deepEqual(await indexState(), imported, `${round}: the same as a rebuild`);
      }
    } finally {
      await database.drop();
    }
  });

  test('running it twice updates and never duplicates', async () => {
    const database = await openTestDatabase();
    try {
      await run(database, { file, uploadsDir: uploads });
      const first = await snapshot(database.db);
      const again = await run(database, { file, uploadsDir: uploads });
      assert.deepEqual(again.counts.get('post'), { created: 0, updated: 47, skipped: 0 });
      assert.equal(again.counts.get('category')?.created ?? 0, 0);
      assert.deepEqual(await snapshot(database.db), first);
    } finally {
      await database.drop();
    }
  });

  for (const withUploads of [true, false]) test(`stopped after N items and run again, it ends the same as one clean run (${withUploads ? 'two passes, with --uploads' : 'one pass'})`, async () => {
    const clean = await openTestDatabase();
    const resumed = await openTestDatabase();
    const uploadsDir = withUploads ? uploads : undefined;
    try {
      await run(clean, { file, uploadsDir });
      for (const stopAt of [3, 20]) {
        // The stop goes through the same signal Ctrl-C uses in the CLI.
        const controller = new AbortController();
        await assert.rejects(
          run(resumed, {
            file,
            uploadsDir,
            signal: controller.signal,
            onProgress: (p) => {
              if (p.phase === 'posts' && p.done === stopAt) controller.abort();
            },
          }),
          ImportAborted,
        );
        const partial = await resumed.db.selectFrom('articles').select('id').execute();
        assert.ok(partial.length >= stopAt && partial.length < 47, `stopped part-way (${partial.length} stories)`);
      }
      await run(resumed, { file, uploadsDir });
      assert.deepEqual(await snapshot(resumed.db), await snapshot(clean.db));
    } finally {
      await clean.drop();
      await resumed.drop();
    }
  });

  test('a dry run reports what it would do and writes nothing', async () => {
    const database = await openTestDatabase();
    try {
      const report = await run(database, { file, uploadsDir: uploads, dryRun: true });
      assert.equal(report.counts.get('post')?.created, 47);
      assert.match(report.format(), /^Dry run/);
      assert.equal((await database.db.selectFrom('articles').select('id').execute()).length, 0);
      assert.equal((await database.db.selectFrom('sections').select('id').execute()).length, 0);
      assert.ok(!existsSync(join(database.dir, 'media', 'wp')));
    } finally {
      await database.drop();
    }
  });

  test('the WordPress theme unit test export imports completely', async (t) => {
    const wptt = join(fixtures, 'wptt', 'themeunittestdata.wordpress.xml');
    if (!existsSync(wptt)) return t.skip(`fixture not found: ${wptt}`);
    const database = await openTestDatabase();
    try {
      const report = await run(database, { file: wptt });
      assert.equal(report.total('post'), 51);
      assert.equal(report.total('page'), 21);
      // 67 categories of its own; pages no longer make a "પાનાં" section.
      assert.equal(report.total('category'), 67);
      assert.equal(report.counts.get('nav_menu_item')?.skipped, 70);
      assert.ok(report.total('comment') > 0);
      const nested = await database.db.selectFrom('sections').select('id').where('parent_id', 'is not', null).execute();
      assert.ok(nested.length > 0, 'nested categories stay nested');
      assert.ok(report.warnings.some((w) => /no --uploads folder/.test(w.reason)));
      const again = await run(database, { file: wptt });
      assert.equal(again.counts.get('post')?.created ?? 0, 0);
    } finally {
      await database.drop();
    }
  });

  test('every well-formed file from the WordPress importer test suite imports', async (t) => {
    const folder = join(fixtures, 'wordpress-importer');
    if (!existsSync(folder)) return t.skip(`fixtures not found: ${folder}`);
    const broken = new Set(['crazy-cdata.xml', 'malformed.xml', 'malformed-simple.xml']);
    for (const name of readdirSync(folder).filter((f) => f.endsWith('.xml') && !broken.has(f))) {
      const database = await openTestDatabase();
      try {
        const report = await run(database, { file: join(folder, name) });
        assert.ok(!report.warnings.some((w) => /not imported: /.test(w.reason) && !/no --uploads/.test(w.reason)), `${name}: ${report.format()}`);
      } finally {
        await database.drop();
      }
    }
  });

  test('broken XML: a clear error naming the line and the item, and nothing of that item', async (t) => {
    const folder = join(fixtures, 'wordpress-importer');
    if (!existsSync(folder)) return t.skip(`fixtures not found: ${folder}`);
    const cases: [string, RegExp][] = [
      ['malformed-simple.xml', /line 14.*unclosed tag: item.*<item> from line 9, id 1, "Broken"/],
      ['crazy-cdata.xml', /line 18, column \d+: .*\]\]>.*<item> from line 12, "Hello world!"/],
      ['malformed.xml', /malformed XML at line 90/],
    ];
    for (const [name, message] of cases) {
      const database = await openTestDatabase();
      try {
        await assert.rejects(run(database, { file: join(folder, name) }), (err: unknown) => {
          assert.ok(err instanceof WxrSyntaxError, `${name}: ${String(err)}`);
          assert.match(err.message, message);
          return true;
        });
        assert.equal((await database.db.selectFrom('articles').select('id').execute()).length, 0, name);
      } finally {
        await database.drop();
      }
    }
  });

  test('items before a break are imported whole; the broken one not at all', async () => {
    const database = await openTestDatabase();
    try {
      const { gujaratiWxr } = await import('./gujaratiWxr.js');
      const text = gujaratiWxr();
      // Cut the file inside the second story's comments.
      const cut = text.indexOf('<wp:comment_content>', text.indexOf('<wp:post_id>102</wp:post_id>'));
      const broken = join(dir, 'broken.xml');
      const { writeFileSync } = await import('node:fs');
      writeFileSync(broken, `${text.slice(0, cut > 0 ? cut : text.indexOf('<wp:post_id>102'))}<oops></channel>`);
      await assert.rejects(run(database, { file: broken }), /malformed XML at line \d+.*<item> from line \d+, "ભારતે શ્રેણી જીતી"/);
      // The catalog pass read up to the break and stopped before posts: nothing half-written.
      assert.equal((await database.db.selectFrom('articles').select('id').where('headline', '=', 'ભારતે શ્રેણી જીતી').execute()).length, 0);
    } finally {
      await database.drop();
    }
  });
});
