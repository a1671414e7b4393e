// The media library's commands on a real database: who may change and delete an image, and
// that a delete is refused while a story uses the image (featured, in a body, or pending).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotAllowedError } from '../../src/content/policies.js';
import { DiskMediaStore } from '../../src/media/diskStore.js';
import { ImagePipeline } from '../../src/media/images.js';
import { deleteMedia, MediaInUseError } from '../../src/media/commands/deleteMedia.js';
import { MediaNotFoundError, updateMedia, type MediaDeps } from '../../src/media/commands/updateMedia.js';
import { storeUpload } from '../../src/media/upload.js';
import { createDraft } from '../../src/newsroom/commands/createDraft.js';
import { saveArticle } from '../../src/newsroom/commands/saveArticle.js';
import { newsroom, type Newsroom } from '../newsroom/commands/fixture.js';
import { picture } from './images.js';

let n: Newsroom;
let deps: MediaDeps;
let dir: string;

before(async () => {
  n = await newsroom();
  dir = mkdtempSync(join(tmpdir(), 'khabar-media-commands-'));
  deps = { db: n.deps.db, feed: n.deps.feed, media: new DiskMediaStore(dir), images: new ImagePipeline() };
});
after(async () => {
  await n.close();
  rmSync(dir, { recursive: true, force: true });
});

const upload = async (by: number, alt: string) =>
  storeUpload(deps, { bytes: await picture('jpeg', 600, 400), filename: 'ફોટો.jpg', alt, uploadedBy: by });

test('the uploader and editors may change an image; another contributor may not', async () => {
  const m = await upload(n.people.contributor.id, 'દ્રાક્ષની વાડી');
  const r = await updateMedia(deps, { actor: n.people.contributor, mediaId: m.id, alt: 'દ્રાક્ષની લીલી વાડી' });
  assert.equal(r.alt, 'દ્રાક્ષની લીલી વાડી');
  await updateMedia(deps, { actor: n.people.editor, mediaId: m.id, caption: 'નાસિક' });
  await assert.rejects(updateMedia(deps, { actor: { id: 9999, role: 'contributor' }, mediaId: m.id, alt: 'x' }), NotAllowedError);
  await assert.rejects(updateMedia(deps, { actor: n.people.editor, mediaId: 987654, alt: 'x' }), MediaNotFoundError);
});

test('a featured image cannot be deleted; once the story lets go, it can', async () => {
  const m = await upload(n.people.author.id, 'નર્મદા ડેમ');
  const story = await createDraft(n.deps, { actor: n.people.author, edit: { headline: 'નર્મદા ડેમ છલકાયો', sectionId: n.sectionId, featuredMediaId: m.id } });
  await assert.rejects(deleteMedia(deps, { actor: n.people.author, mediaId: m.id }), (err: unknown) => {
    assert.ok(err instanceof MediaInUseError);
    assert.deepEqual(err.uses.map((u) => [u.articleId, u.as]), [[story.id, 'featured']]);
    return true;
  });
  await saveArticle(n.deps, { actor: n.people.author, articleId: story.id, baseVersion: story.version, edit: { featuredMediaId: null } });
  await deleteMedia(deps, { actor: n.people.author, mediaId: m.id });
  assert.equal(await n.deps.db.selectFrom('media').select('id').where('id', '=', m.id).executeTakeFirst(), undefined);
});

test('an image in a body is in use; contributors may not delete others’ images, editors may', async () => {
  const m = await upload(n.people.author.id, 'સાબરમતી');
  const src = `/media/${m.path.replace(/\.jpg$/, '-800.jpg')}`;
  await createDraft(n.deps, { actor: n.people.author, edit: { headline: 'રિવરફ્રન્ટ', sectionId: n.sectionId, bodyHtml: `<figure class="image"><img src="${src}" alt="નદી"></figure>` } });
  await assert.rejects(deleteMedia(deps, { actor: n.people.editor, mediaId: m.id }), MediaInUseError);
  const spare = await upload(n.people.author.id, 'ખાલી');
  await assert.rejects(deleteMedia(deps, { actor: n.people.contributor, mediaId: spare.id }), NotAllowedError);
  await deleteMedia(deps, { actor: n.people.editor, mediaId: spare.id });
});

test('a new focal point on the whole image keeps its files; a square crop makes new ones', async () => {
  const m = await upload(n.people.editor.id, 'કચ્છનું રણ');
  const moved = await updateMedia(deps, { actor: n.people.editor, mediaId: m.id, crop: { aspect: 'original', focusX: 0.2, focusY: 0.7 } });
  assert.equal(moved.path, m.path);
  assert.equal(moved.focus_x, 0.2);
  assert.equal(moved.former_paths, '[]');
  const square = await updateMedia(deps, { actor: n.people.editor, mediaId: m.id, crop: { aspect: '1:1', focusX: 0.2, focusY: 0.7 } });
  assert.notEqual(square.path, m.path);
  assert.deepEqual([square.width, square.height], [400, 400]);
  assert.deepEqual(JSON.parse(square.former_paths), [m.path]);
});
