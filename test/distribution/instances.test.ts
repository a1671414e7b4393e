// Two distribution workers, each a real process, on one database (one SQLite file, or one
// PostgreSQL schema): both dispatch the outbox and deliver, claiming rows (FOR UPDATE SKIP
// LOCKED / the SQLite write lock). Every service must receive every story exactly once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { publishArticle } from '../../src/newsroom/commands/publishArticle.js';
import { testDialect } from '../helpers/database.js';
import { browser, newsroom, publicUrl, startServices, type Newsroom, type Services } from './newsroom.js';
import { spawnWorker, startTogether } from './processes.js';

const stories = 60;

describe(`two worker processes on one ${testDialect} database`, () => {
  let s: Services;
  let n: Newsroom;
  before(async () => {
    s = await startServices();
    n = await newsroom(s);
    for (const type of ['telegram', 'x', 'webhook'] as const) await n.channel(type);
    await n.reader(await n.channel('webpush'), browser(s.push.endpoint('reader')).target);
    await n.reader(await n.channel('whatsapp'), { to: '+919812345678' });
    for (let i = 0; i < stories; i++) {
      const id = await n.draft({ headline: `બે પ્રક્રિયાઓ, એક જ વાર: સમાચાર ${i}` });
      await publishArticle(n.deps, { actor: n.editor, articleId: id });
    }
  });
  after(async () => {
    await n.close();
    await s.close();
  });

  test('every story reaches every service exactly once', async (t) => {
    const cfg = { mode: 'run' as const, concurrency: 4, staleAfterMs: 60_000, publicUrl, maxMs: 60_000, waitForGo: true };
    const workers = [spawnWorker(n.db, n.keyText, cfg), spawnWorker(n.db, n.keyText, cfg)];
    await startTogether(workers);
    const [a, b] = (await Promise.all(workers.map((w) => w.done))) as [Awaited<(typeof workers)[0]['done']>, Awaited<(typeof workers)[0]['done']>];
    assert.ok(a.report && b.report, `a: ${a.code} ${a.err}\nb: ${b.code} ${b.err}`);
    assert.equal(a.report.dispatched + b.report.dispatched, stories, 'each event dispatched by one of them');
    assert.equal(a.report.sent + b.report.sent, stories * 5);

    const rows = await n.deliveries();
    assert.equal(rows.length, stories * 5);
    assert.ok(rows.every((r) => r.status === 'sent' && r.attempts === 1), 'each row taken once');
    const by = new Map<string, number>();
    for (const r of rows) by.set(r.claimed_by!, (by.get(r.claimed_by!) ?? 0) + 1);
    t.diagnostic(`deliveries per worker: ${[...by.values()].join(' + ')}`);
    assert.deepEqual([...by.keys()].sort(), [a.report.workerId, b.report.workerId].sort(), `both took part: ${JSON.stringify([...by])}`);

    const headlines = s.tg.posts('khabar_gu').map((p) => p.text.split('\n')[0]);
    assert.equal(headlines.length, stories);
    assert.equal(new Set(headlines).size, stories, 'no story posted twice on Telegram');
    assert.equal(s.x.posts.size, stories);
    assert.equal(s.hook.requests.length, stories);
    assert.equal(new Set(s.hook.requests.map((r) => r.headers['khabar-delivery'])).size, stories);
    assert.equal(s.push.received.length, stories);
    assert.equal(new Set(s.push.received.map((r) => r.topic)).size, stories);
    assert.equal(s.wa.delivered.length, stories);
    assert.equal(new Set(s.wa.delivered.map((d) => d.params[0])).size, stories);
  });
});
