import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { LocalChangeFeed, type ChangeEvent } from '../../src/content/changes.js';
import { dispatchPending } from '../../src/distribution/outbox.js';
import { createDraft } from '../../src/newsroom/commands/createDraft.js';
import { openTestDatabase, testDialect, type TestDatabase } from '../helpers/database.js';

function crashingPublisher(db: TestDatabase, articleId: number): Promise<{ signal: NodeJS.Signals | null; out: string }> {
  const args = db.target.kind === 'postgres' ? ['postgres', db.target.url, db.target.schema] : ['sqlite', db.target.file, ''];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/crashAfterCommit.ts', ...args, String(articleId)]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (_code, signal) => resolve({ signal, out }));
  });
}

describe(`change events and the outbox (${testDialect})`, () => {
  let db: TestDatabase;
  let storyId: number;
  before(async () => {
    db = await openTestDatabase();
    const section = await db.db
      .insertInto('sections')
      .values({ slug: 'gujarat', name: 'ગુજરાત', description: '', parent_id: null, position: 0, created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const editor = await db.db
      .insertInto('people')
      .values({ slug: 'sampadak', name: 'સંપાદક', bio: '', title: '', email: 'editor@example.com', created_at: new Date().toISOString(), role: 'editor', password_hash: null, locked_until: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const heard: ChangeEvent[] = [];
    const feed = new LocalChangeFeed();
    feed.subscribe((e) => heard.push(e));
    const draft = await createDraft({ db: db.db, feed }, {
      actor: { id: editor.id, role: 'editor' },
      edit: { headline: 'સુરતમાં હીરાના કારખાનાં ફરી ધમધમ્યાં', sectionId: section.id, bodyHtml: '<p>૨૦૨૬ની દિવાળી પછી કામ શરૂ થયું.</p>', authorIds: [] },
    });
    storyId = draft.id;
    assert.deepEqual(heard, [], 'a draft is not public: no event');
  });
  after(() => db.drop());

  test('a process killed between commit and in-memory delivery leaves the event for the outbox worker', async () => {
    const { signal, out } = await crashingPublisher(db, storyId);
    assert.equal(signal, 'SIGKILL', out);
    assert.match(out, /committed article\.published/);
    const status = await db.db.selectFrom('articles').select('status').where('id', '=', storyId).executeTakeFirstOrThrow();
    assert.equal(status.status, 'published', 'the change itself was committed');
    const pending = await db.db.selectFrom('change_events').selectAll().where('dispatched_at', 'is', null).execute();
    assert.equal(pending.length, 1);
    const event = JSON.parse(pending[0]!.payload) as ChangeEvent;
    assert.equal(event.type, 'article.published');
    assert.ok(event.type === 'article.published' && event.articleId === storyId && event.firstTime && event.origin === 'newsroom');
    assert.ok(event.pages.includes(`article:${storyId}`) && event.pages.includes('home'));

    // After the restart, the worker takes it exactly once.
    const seen: ChangeEvent[] = [];
    const first = await dispatchPending({ db: db.db, dialect: db.dialect }, [async (_trx, e) => void seen.push(e)]);
    assert.deepEqual(first.dispatched, [pending[0]!.id]);
    assert.deepEqual(seen.map((e) => e.type), ['article.published']);
    const second = await dispatchPending({ db: db.db, dialect: db.dialect }, [async (_trx, e) => void seen.push(e)]);
    assert.deepEqual(second.dispatched, [], 'a second run finds nothing');
    assert.equal(seen.length, 1);
  });

  test('a consumer that fails leaves the events pending for the next run', async () => {
    await db.db.insertInto('change_events').values({ type: 'home.changed', article_id: null, payload: JSON.stringify({ type: 'home.changed', pages: ['home'] }), created_at: new Date().toISOString(), dispatched_at: null }).execute();
    await assert.rejects(dispatchPending({ db: db.db, dialect: db.dialect }, [async () => { throw new Error('channel down'); }]), /channel down/);
    const again = await dispatchPending({ db: db.db, dialect: db.dialect }, []);
    assert.equal(again.dispatched.length, 1);
  });
});
