// A site restored from a Khabar archive keeps its channels (secrets still sealed under the same
// KHABAR_SECRET_KEY), readers and delivery history: the tables restore in an order their
// references allow, later edits change the posts made before the move, and new events — whose
// ids start again, change_events not being archived — are not taken for old deliveries.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { LocalChangeFeed } from '../../src/content/changes.js';
import { exportSite } from '../../src/importers/export.js';
import { importKhabarArchive } from '../../src/importers/khabar/import.js';
import { DiskMediaStore } from '../../src/media/diskStore.js';
import { publishArticle } from '../../src/newsroom/commands/publishArticle.js';
import { createDraft } from '../../src/newsroom/commands/createDraft.js';
import { saveArticle } from '../../src/newsroom/commands/saveArticle.js';
import { publishChanges } from '../../src/newsroom/commands/publishChanges.js';
import { dispatchPending } from '../../src/distribution/outbox.js';
import { fanoutHandler } from '../../src/distribution/fanout.js';
import { DeliveryWorker } from '../../src/distribution/deliveryWorker.js';
import { openTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';
import { browser, newsroom, publicUrl, startServices, type Newsroom, type Services } from './newsroom.js';

describe(`distribution across an archive and restore (${testDialect})`, () => {
  let s: Services;
  let n: Newsroom;
  let target: TestDatabase;
  before(async () => {
    s = await startServices();
    n = await newsroom(s);
    target = await openTestDatabase();
  });
  after(async () => {
    await target.drop();
    await n.close();
    await s.close();
  });

  test('restored channels deliver new stories and edit the posts made before the move', async () => {
    await n.channel('telegram');
    await n.reader(await n.channel('webpush'), browser(s.push.endpoint('reader')).target);
    const old = await n.draft({ headline: 'સ્થળાંતર પહેલાંના સમાચાર' });
    await publishArticle(n.deps, { actor: n.editor, articleId: old });
    await n.pump();
    assert.equal(s.tg.posts('khabar_gu').length, 1);

    const file = join(n.db.dir, 'site.jsonl');
    const media = (d: TestDatabase) => new DiskMediaStore(join(d.dir, 'media'));
    const counts = await exportSite({ db: n.db.db, media: media(n.db), publicUrl }, file);
    assert.deepEqual([counts.channels, counts.deliveries, counts.recipients], [2, 2, 1]);
    const feed = new LocalChangeFeed();
    await importKhabarArchive({ db: target.db, feed, media: media(target) }, file);

    const deps = { db: target.db, feed };
    const pump = async () => {
      await dispatchPending({ db: target.db, dialect: target.dialect }, [fanoutHandler]);
      return new DeliveryWorker({ db: target.db, dialect: target.dialect, publicUrl, secretKey: n.key, log: () => undefined }).deliverDue();
    };
    const fresh = await createDraft(deps, { actor: n.editor, edit: { headline: 'સ્થળાંતર પછીના સમાચાર', sectionId: n.sections.desh, bodyHtml: '<p>નવી સાઇટ.</p>' } });
    await publishArticle(deps, { actor: n.editor, articleId: fresh.id });
    const event = await target.db.selectFrom('change_events').select('id').executeTakeFirstOrThrow();
    const oldEvents = await target.db.selectFrom('deliveries').select('change_event_id').where('article_id', '=', old).execute();
    assert.ok(oldEvents.some((d) => d.change_event_id === event.id), 'the new event has the id an old delivery came from');
    const run = await pump();
    assert.equal(run.sent, 2, 'the new story goes to both channels all the same');
    assert.equal(s.tg.posts('khabar_gu').length, 2);
    assert.equal(s.push.received.length, 2);

    const { version } = await target.db.selectFrom('articles').select('version').where('id', '=', old).executeTakeFirstOrThrow();
    const saved = await saveArticle(deps, { actor: n.editor, articleId: old, baseVersion: version, edit: { headline: 'સ્થળાંતર પહેલાંના સમાચાર, સુધારેલા' } });
    // A live story's edit waits for "Update", as in the editor.
    await publishChanges(deps, { actor: n.editor, articleId: old, baseVersion: saved.version });
    await pump();
    const [first] = s.tg.posts('khabar_gu');
    assert.equal(first!.edits, 1, 'the post made before the move is edited, not posted again');
    assert.ok(first!.text.startsWith('સ્થળાંતર પહેલાંના સમાચાર, સુધારેલા'));
    assert.equal(s.tg.posts('khabar_gu').length, 2);
  });
});
