// The media-use index: the article writer keeps `media_uses` in step with what stories store
// (featured image, body images by any variant's file, a live story's pending change), and
// migration 0021 fills it from stories written before it existed.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { mediaUses as migration } from '../../../src/db/migrations/0021_media_uses.js';
import { mediaRefsIn, refersTo } from '../../../src/content/mediaRefs.js';
import { mediaUses } from '../../../src/media/library.js';
import { saveArticle } from '../../../src/newsroom/commands/saveArticle.js';
import { publishArticle } from '../../../src/newsroom/commands/publishArticle.js';
import { discardChanges } from '../../../src/newsroom/commands/discardChanges.js';
import { publishChanges } from '../../../src/newsroom/commands/publishChanges.js';
import { testDialect } from '../../helpers/database.js';
import { newsroom, type Newsroom } from './fixture.js';

describe(`media-use index (${testDialect})`, () => {
  let n: Newsroom;
  const image = async (path: string, former: string[] = []) =>
    (
      await n.db.db
        .insertInto('media')
        .values({ path, mime: 'image/jpeg', width: 1200, height: 800, alt: 'નર્મદા ડેમ', caption: '', created_at: new Date().toISOString(), former_paths: JSON.stringify(former) })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const indexed = async (articleId: number) =>
    (await n.db.db.selectFrom('media_uses').select(['media_id', 'used_as']).where('article_id', '=', articleId).orderBy('media_id').execute()).map((r) => [r.media_id, r.used_as]);
  const version = async (id: number) => (await n.db.db.selectFrom('articles').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

  before(async () => (n = await newsroom()));
  after(() => n.close());

  test('a body image by its variant or original URL, and the featured image, are indexed as the story is saved', async () => {
    const dam = await image('2026/12/narmada-dam.jpg');
    const river = await image('2026/12/સાબરમતી નદી.png');
    const unused = await image('2026/12/khali.jpg');
    const id = await n.draft(n.people.author, 'નર્મદા ડેમની સપાટી વધી');
    assert.deepEqual(await indexed(id), []);
    const body = `<p>ઉપરવાસમાં વરસાદ.</p><figure><img src="/media/2026/12/narmada-dam-800.jpg" srcset="/media/2026/12/narmada-dam-400.jpg 400w, /media/2026/12/narmada-dam-800.jpg 800w" alt="ડેમ"></figure><p><img src="/media/2026/12/${encodeURIComponent('સાબરમતી નદી')}.png" alt="નદી"></p>`;
    await saveArticle(n.deps, { actor: n.people.author, articleId: id, baseVersion: await version(id), edit: { bodyHtml: body, featuredMediaId: river } });
    assert.deepEqual(await indexed(id), [[dam, 'body'], [river, 'featured']].sort((a, b) => Number(a[0]) - Number(b[0])));
    const uses = await mediaUses(n.db.db, [{ id: dam }, { id: unused }]);
    assert.deepEqual(uses.map((u) => [u.mediaId, u.articleId, u.as, u.headline]), [[dam, id, 'body', 'નર્મદા ડેમની સપાટી વધી']]);
    await saveArticle(n.deps, { actor: n.people.author, articleId: id, baseVersion: await version(id), edit: { bodyHtml: '<p>છબી વિના.</p>', featuredMediaId: null } });
    assert.deepEqual(await indexed(id), [], 'taking the images out takes them out of the index');
  });

  test('a live story: an image only in its pending change is "pending" until Update, and gone after Discard', async () => {
    const flood = await image('2026/12/pur.jpg');
    const id = await n.draft(n.people.editor, 'ભરૂચમાં પૂરનાં પાણી ઓસર્યાં');
    await publishArticle(n.deps, { actor: n.people.editor, articleId: id });
    await saveArticle(n.deps, { actor: n.people.editor, articleId: id, baseVersion: await version(id), edit: { bodyHtml: '<p>નવી છબી:</p><img src="/media/2026/12/pur-1200.webp" alt="પૂર">' } });
    assert.deepEqual(await indexed(id), [[flood, 'pending']]);
    await discardChanges(n.deps, { actor: n.people.editor, articleId: id });
    assert.deepEqual(await indexed(id), []);
    await saveArticle(n.deps, { actor: n.people.editor, articleId: id, baseVersion: await version(id), edit: { bodyHtml: '<p>નવી છબી:</p><img src="/media/2026/12/pur-400.jpg" alt="પૂર">' } });
    await publishChanges(n.deps, { actor: n.people.editor, articleId: id, baseVersion: await version(id) });
    assert.deepEqual(await indexed(id), [[flood, 'body']], 'after Update the image is in the published body');
  });

  test('a body still pointing at the files of an earlier crop uses the image; a look-alike name does not', async () => {
    const cropped = await image('2026/12/metro-c2.jpg', ['2026/12/metro.jpg']);
    await image('2026/12/metro-station.jpg');
    const id = await n.draft(n.people.author, 'અમદાવાદ મેટ્રોનો બીજો તબક્કો');
    await saveArticle(n.deps, { actor: n.people.author, articleId: id, baseVersion: await version(id), edit: { bodyHtml: '<img src="/media/2026/12/metro-800.jpg" alt="મેટ્રો">' } });
    assert.deepEqual(await indexed(id), [[cropped, 'body']]);
  });

  test('mediaRefsIn reads variants, originals and percent-encoded Gujarati names', () => {
    const refs = mediaRefsIn('<img src="/media/a/b-400.webp"><a href="https://khabar.example/media/a/%E0%AA%95.jpg">x</a><img src="/media/a/b-400.webp">');
    assert.deepEqual(refs, [{ path: 'a/b-400.webp', variantOf: 'a/b' }, { path: 'a/ક.jpg' }]);
    assert.equal(refersTo(refs, ['a/b.png']), true);
    assert.equal(refersTo(refs, ['a/b-4.png']), false);
    assert.equal(refersTo(refs, ['a/ક.jpg']), true);
  });

  test('migration 0021 fills the index from stories stored before it', async () => {
    const tree = await image('2026/12/vad.jpg');
    const id = await n.draft(n.people.author, 'વડનું ઝાડ બચાવવા ગ્રામજનો એક થયા');
    await saveArticle(n.deps, { actor: n.people.author, articleId: id, baseVersion: await version(id), edit: { bodyHtml: '<img src="/media/2026/12/vad-800.jpg" alt="વડ">', featuredMediaId: tree } });
    const before = await n.db.db.selectFrom('media_uses').select(['media_id', 'article_id', 'used_as']).orderBy('article_id').orderBy('media_id').execute();
    assert.ok(before.length >= 3);
    // Back to the schema before 0021, the stories kept, then the migration again.
    const db = n.db.db as unknown as Kysely<unknown>;
    await migration({ dialect: testDialect }).down!(db);
    await migration({ dialect: testDialect }).up(db);
    const after = await n.db.db.selectFrom('media_uses').select(['media_id', 'article_id', 'used_as']).orderBy('article_id').orderBy('media_id').execute();
    assert.deepEqual(after, before);
  });
});
