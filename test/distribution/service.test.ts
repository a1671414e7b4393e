// Distribution as serve and `khabar worker` run it: the outbox and delivery workers woken at once
// by this process's own change feed (the poll interval here is far too long to be what delivers).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { publishArticle } from '../../src/newsroom/commands/publishArticle.js';
import { secretKeyForWorkers, startDistribution } from '../../src/distribution/service.js';
import { SecretError } from '../../src/distribution/secrets.js';
import { testDialect } from '../helpers/database.js';
import { newsroom, publicUrl, startServices, type Newsroom, type Services } from './newsroom.js';
import { until } from './processes.js';

describe(`distribution in a running process (${testDialect})`, () => {
  let s: Services;
  let n: Newsroom;
  before(async () => {
    s = await startServices();
    n = await newsroom(s);
  });
  after(async () => {
    await n.close();
    await s.close();
  });

  test('a story published in this process reaches the service within moments of the commit', async () => {
    await n.channel('webhook');
    const distribution = startDistribution({ db: n.db.db, dialect: n.db.dialect, feed: n.deps.feed, publicUrl, secretKey: n.key, intervalMs: 600_000, log: () => undefined });
    try {
      // The first runs at start find nothing; from here on only a kick can deliver.
      await new Promise((r) => setTimeout(r, 200));
      const id = await n.draft();
      await publishArticle(n.deps, { actor: n.editor, articleId: id });
      const committed = Date.now();
      await until(() => s.hook.requests.length === 1, 5_000, 'the webhook');
      assert.ok(s.hook.requests[0]!.at - committed < 2_000, `received ${s.hook.requests[0]!.at - committed} ms after the commit`);
      await until(async () => (await n.deliveries())[0]?.status === 'sent', 5_000, 'the outcome');
    } finally {
      await distribution.stop();
    }
  });

  test('KHABAR_SECRET_KEY: unset is allowed (channels with secrets wait), malformed stops the start', () => {
    assert.equal(secretKeyForWorkers({}), null);
    assert.ok(secretKeyForWorkers({ KHABAR_SECRET_KEY: n.keyText }));
    assert.throws(() => secretKeyForWorkers({ KHABAR_SECRET_KEY: 'ખૂબ-ટૂંકી' }), (e: unknown) => e instanceof SecretError && e.problem === 'keyMalformed');
  });
});
