// A worker killed (SIGKILL) before, during and after its request to each local service, then
// started again: every service receives each delivery at most once, and the delivery the
// killed worker was in the middle of is `unknown` (for a person to check and resend), never
// retried on its own.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { publishArticle } from '../../src/newsroom/commands/publishArticle.js';
import type { ChannelType } from '../../src/distribution/channels/types.js';
import { testDialect } from '../helpers/database.js';
import type { FakeServer } from './fakes/server.js';
import { browser, configFor, newsroom, publicUrl, startServices, type Newsroom, type Services } from './newsroom.js';
import { spawnWorker, until } from './processes.js';
import type { WorkerProcessConfig } from './workerProcess.js';

const types: ChannelType[] = ['telegram', 'x', 'webhook', 'webpush', 'whatsapp', 'websub'];

let s: Services;
const serverOf = (type: ChannelType): FakeServer =>
  ({ telegram: s.tg.server, x: s.x.server, webhook: s.hook, webpush: s.push.server, whatsapp: s.wa.server, websub: s.hub })[type];
const received = () => Object.fromEntries(types.map((t) => [t, serverOf(t).requests.length]));

function resetServices(): void {
  for (const t of types) {
    serverOf(t).requests.length = 0;
    serverOf(t).faults.length = 0;
  }
}

/** A newsroom with one channel of each type (one reader each where needed) and one published story. */
async function oneStoryEverywhere(): Promise<Newsroom> {
  resetServices();
  const n = await newsroom(s);
  for (const type of types) {
    const config = type === 'websub' ? { ...configFor('websub', s), feedUrls: [`${publicUrl}/feed.xml`] } : configFor(type, s);
    const id = await n.channel(type, {}, `${type} ચૅનલ`, config);
    if (type === 'webpush') await n.reader(id, browser(s.push.endpoint('reader')).target);
    if (type === 'whatsapp') await n.reader(id, { to: '+919812345678' });
  }
  const story = await n.draft({ headline: 'અધવચ્ચે અટકેલો કામદાર: ક્ષ\u200Dત્ર ૨૦૨૬' });
  await publishArticle(n.deps, { actor: n.editor, articleId: story });
  return n;
}

const run = (over: Partial<WorkerProcessConfig> = {}): WorkerProcessConfig => ({ mode: 'run', concurrency: 1, staleAfterMs: 200, publicUrl, maxMs: 30_000, ...over });

async function statuses(n: Newsroom): Promise<Record<string, [string, string | null]>> {
  const rows = await n.db.db.selectFrom('deliveries').innerJoin('channels', 'channels.id', 'deliveries.channel_id').select(['channels.type', 'deliveries.status', 'deliveries.reason']).execute();
  return Object.fromEntries(rows.map((r) => [r.type, [r.status, r.reason]]));
}

const allUnknown = Object.fromEntries(types.map((t) => [t, ['unknown', 'workerStopped']]));

before(async () => {
  s = await startServices();
});
after(() => s.close());

describe(`a worker killed mid-delivery, then restarted (${testDialect})`, () => {
  test('killed after claiming, before any request: nothing was received, all six are unknown; new stories still go', async () => {
    const n = await oneStoryEverywhere();
    try {
      const killed = await spawnWorker(n.db, n.keyText, run({ mode: 'die-before', concurrency: 8 })).done;
      assert.equal(killed.signal, 'SIGKILL', killed.err);
      assert.deepEqual(Object.values(await statuses(n)).map(([st]) => st), types.map(() => 'sending'), 'claimed and committed before sending');
      const restarted = await spawnWorker(n.db, n.keyText, run()).done;
      assert.ok(restarted.report, restarted.err);
      assert.equal(restarted.report.inDoubt, 6);
      assert.deepEqual(await statuses(n), allUnknown);
      assert.deepEqual(received(), Object.fromEntries(types.map((t) => [t, 0])));

      const next = await n.draft({ headline: 'પુનઃપ્રારંભ પછીના સમાચાર' });
      await publishArticle(n.deps, { actor: n.editor, articleId: next });
      const again = await spawnWorker(n.db, n.keyText, run()).done;
      assert.equal(again.report?.sent, 6);
      assert.deepEqual(received(), Object.fromEntries(types.map((t) => [t, 1])), 'the new story once each; the in-doubt ones not at all');
    } finally {
      await n.close();
    }
  });

  test('killed while each service holds the request open: received once, unknown, not sent again', async () => {
    const n = await oneStoryEverywhere();
    try {
      for (const type of types) {
        serverOf(type).faults.push('hang');
        const w = spawnWorker(n.db, n.keyText, run());
        await until(() => serverOf(type).requests.length === 1, 30_000, `${type} to receive the request`);
        w.child.kill('SIGKILL');
        const killed = await w.done;
        assert.equal(killed.signal, 'SIGKILL');
      }
      const restarted = await spawnWorker(n.db, n.keyText, run()).done;
      assert.ok(restarted.report, restarted.err);
      assert.equal(restarted.report.sent, 0);
      assert.deepEqual(await statuses(n), allUnknown);
      assert.deepEqual(received(), Object.fromEntries(types.map((t) => [t, 1])));
    } finally {
      await n.close();
    }
  });

  test('killed after each service answered, before the outcome was recorded: received once, unknown, not sent again', async () => {
    const n = await oneStoryEverywhere();
    try {
      for (const type of types) {
        const killed = await spawnWorker(n.db, n.keyText, run({ mode: 'die-after', killType: type })).done;
        assert.equal(killed.signal, 'SIGKILL', killed.err);
        assert.match(killed.out, new RegExp(`answered ${type} sent`));
      }
      const restarted = await spawnWorker(n.db, n.keyText, run()).done;
      assert.ok(restarted.report, restarted.err);
      assert.equal(restarted.report.sent, 0);
      assert.deepEqual(await statuses(n), allUnknown);
      assert.deepEqual(received(), Object.fromEntries(types.map((t) => [t, 1])));
      assert.equal(s.tg.posts('khabar_gu').filter((p) => p.text.startsWith('અધવચ્ચે')).length, 1, 'Telegram did post it: checking is the newsroom’s part');
    } finally {
      await n.close();
    }
  });
});
