// The delivery worker's outcomes against local services: 429 with retry_after / Retry-After
// honoured, backoff with full jitter and a cap on attempts, permanent errors stop with the
// service's own words, in-doubt exchanges become `unknown` and are never retried on their own,
// resend by an admin, and channels whose secrets cannot be opened wait.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { publishArticle } from '../../src/newsroom/commands/publishArticle.js';
import { backoffMs, DeliveryWorker } from '../../src/distribution/deliveryWorker.js';
import { resendDelivery } from '../../src/distribution/commands/resendDelivery.js';
import { ChannelError } from '../../src/distribution/channelStore.js';
import { deliveryProblems } from '../../src/distribution/queries.js';
import { parseSecretKey, generateSecretKey } from '../../src/distribution/secrets.js';
import { NotAllowedError } from '../../src/content/policies.js';
import { distributionMessages } from '../../src/i18n/distribution.js';
import { testDialect } from '../helpers/database.js';
import { newsroom, publicUrl, startServices, type Newsroom, type Services } from './newsroom.js';

let s: Services;
let n: Newsroom;

before(async () => {
  s = await startServices();
});
after(() => s.close());
beforeEach(async () => {
  for (const server of [s.tg.server, s.x.server, s.hook, s.hub]) {
    server.requests.length = 0;
    server.faults.length = 0;
  }
  s.tg.chats.clear();
  s.tg.addChannel('khabar_gu', -1001234567890);
  s.tg.addChannel('not_admin', -1009, 'member');
  s.tg.addChannel('not_member', -1010, 'none');
  s.tg.rateLimit.remaining = 0;
  s.x.posts.clear();
  s.x.rateLimit.remaining = 0;
  s.hookAnswers.length = 0;
  n = await newsroom(s);
});

/** Makes every waiting delivery due now, as if its wait had passed. */
const elapse = () => n.db.db.updateTable('deliveries').set({ next_attempt_at: new Date(Date.now() - 1).toISOString() }).where('status', '=', 'retry').execute();

async function published(): Promise<number> {
  const id = await n.draft();
  await publishArticle(n.deps, { actor: n.editor, articleId: id });
  return id;
}

describe(`retries (${testDialect})`, () => {
  test('Telegram 429: retry_after is honoured, nothing is posted until then, then exactly once', async () => {
    try {
      await n.channel('telegram');
      s.tg.rateLimit = { remaining: 1, retryAfter: 7 };
      await published();
      const t0 = Date.now();
      await n.pump();
      let [row] = await n.deliveries();
      assert.deepEqual([row!.status, row!.reason, row!.attempts], ['retry', 'rateLimited', 0], 'a named wait is not an attempt');
      assert.equal(row!.detail, 'Too Many Requests: retry after 7');
      const wait = Date.parse(row!.next_attempt_at) - t0;
      assert.ok(wait >= 6_900 && wait <= 8_000, `retries after ${wait} ms`);
      const calls = s.tg.server.requests.length;
      await n.pump();
      assert.equal(s.tg.server.requests.length, calls, 'not before the service said');
      await elapse();
      await n.pump();
      [row] = await n.deliveries();
      assert.deepEqual([row!.status, row!.attempts], ['sent', 1]);
      assert.equal(s.tg.posts('khabar_gu').length, 1);
    } finally {
      await n.close();
    }
  });

  test('429s whose wait the service named do not count against the attempt cap', async () => {
    try {
      await n.channel('telegram');
      const options = { maxAttempts: 3 };
      s.tg.rateLimit = { remaining: 5, retryAfter: 2 };
      await published();
      for (let i = 0; i < 5; i++) {
        await n.pump(options);
        const [row] = await n.deliveries();
        assert.deepEqual([row!.status, row!.reason], ['retry', 'rateLimited'], `429 number ${i + 1} of 5 (cap 3)`);
        await elapse();
      }
      await n.pump(options);
      const [row] = await n.deliveries();
      assert.deepEqual([row!.status, row!.attempts], ['sent', 1]);
      assert.equal(s.tg.posts('khabar_gu').length, 1, 'exactly once');
      assert.equal(s.tg.server.requests.filter((r) => r.url.pathname.includes('/send')).length, 6);
    } finally {
      await n.close();
    }
  });

  test('a webhook 429 with Retry-After and X’s rate-limit reset are honoured', async () => {
    try {
      await n.channel('webhook');
      await n.channel('x');
      s.hookAnswers.push({ status: 429, headers: { 'retry-after': '30' }, body: 'slow down' });
      s.x.rateLimit = { remaining: 1, resetIn: 90 };
      await published();
      const t0 = Date.now();
      await n.pump();
      const rows = await n.deliveries();
      const waits = rows.map((r) => [r.status, Math.round((Date.parse(r.next_attempt_at) - t0) / 1000)]);
      assert.equal(waits[0]![0], 'retry');
      assert.ok(Math.abs((waits[0]![1] as number) - 30) <= 1, `webhook waits ${waits[0]![1]} s`);
      assert.equal(waits[1]![0], 'retry');
      assert.ok(Math.abs((waits[1]![1] as number) - 90) <= 2, `X waits ${waits[1]![1]} s`);
      await elapse();
      await n.pump();
      assert.deepEqual((await n.deliveries()).map((r) => r.status), ['sent', 'sent']);
      assert.equal(s.x.posts.size, 1);
      assert.equal(s.hook.requests.length, 2);
      assert.equal(s.hook.requests[0]!.headers['khabar-delivery'], s.hook.requests[1]!.headers['khabar-delivery'], 'the retry carries the same delivery id');
    } finally {
      await n.close();
    }
  });

  test('backoff: full jitter under a doubling ceiling, capped', () => {
    const o = { backoffBaseMs: 1000, backoffCapMs: 60_000 };
    assert.equal(backoffMs(1, { ...o, random: () => 0.999 }), 999);
    assert.equal(backoffMs(3, { ...o, random: () => 0.5 }), 2000);
    assert.equal(backoffMs(10, { ...o, random: () => 0.5 }), 30_000, 'capped at 60 s before the jitter');
    assert.equal(backoffMs(4, { ...o, random: () => 0 }), 0);
  });

  test('a 503 without Retry-After waits the jittered backoff; after the last attempt it fails with the service’s words', async () => {
    try {
      await n.channel('webhook');
      for (let i = 0; i < 3; i++) s.hookAnswers.push({ status: 503, body: 'ગેટવે વ્યસ્ત છે' });
      await published();
      const options = { maxAttempts: 3, backoffBaseMs: 10_000, random: () => 0.5 };
      const t0 = Date.now();
      await n.pump(options);
      let [row] = await n.deliveries();
      const wait = Date.parse(row!.next_attempt_at) - t0;
      assert.ok(wait >= 4_900 && wait <= 5_500, `first retry after ${wait} ms (half of 10 s)`);
      await elapse();
      await n.pump(options);
      [row] = await n.deliveries();
      assert.equal(row!.status, 'retry');
      const second = Date.parse(row!.next_attempt_at) - Date.now();
      assert.ok(second >= 9_000 && second <= 10_100, `second retry after ${second} ms (half of 20 s)`);
      await elapse();
      await n.pump(options);
      [row] = await n.deliveries();
      assert.deepEqual([row!.status, row!.reason, row!.attempts], ['failed', 'serviceUnavailable', 3]);
      assert.equal(row!.detail, 'HTTP 503: ગેટવે વ્યસ્ત છે (gave up after 3 attempts)');
      await elapse();
      await n.pump(options);
      assert.equal(s.hook.requests.length, 3, 'nothing after giving up');
    } finally {
      await n.close();
    }
  });

  test('a refused connection is a retry (nothing was sent)', async () => {
    try {
      await n.channel('webhook', {}, 'closed', { url: 'http://127.0.0.1:1/hook', secrets: ['whsec_0123456789abcdef'] });
      await published();
      await n.pump();
      const [row] = await n.deliveries();
      assert.deepEqual([row!.status, row!.reason], ['retry', 'network']);
    } finally {
      await n.close();
    }
  });
});

describe(`permanent errors stop (${testDialect})`, () => {
  test('bot not an administrator (400), not a member (403), revoked token (401): failed with Telegram’s own message, no retry', async () => {
    try {
      const cfg = (chatId: string, botToken = '123456:AAE-khabar_test_token_0123456789') => ({ botToken, chatId, apiBase: s.tg.url });
      const member = await n.channel('telegram', {}, 'member', cfg('@not_admin'));
      const none = await n.channel('telegram', {}, 'none', cfg('@not_member'));
      const revoked = await n.channel('telegram', {}, 'revoked', cfg('@khabar_gu', '999999:AAE-revoked_token_0123456789abc'));
      await published();
      await n.pump();
      const rows = await n.deliveries();
      assert.deepEqual(
        rows.map((r) => [r.channel_id, r.status, r.reason, r.detail, r.http_status]),
        [
          [member, 'failed', 'rejected', 'Bad Request: need administrator rights in the channel chat', 400],
          [none, 'failed', 'forbidden', 'Forbidden: bot is not a member of the channel chat', 403],
          [revoked, 'failed', 'unauthorized', 'Unauthorized', 401],
        ],
      );
      const calls = s.tg.server.requests.length;
      await n.db.db.updateTable('deliveries').set({ next_attempt_at: new Date(0).toISOString() }).execute();
      await n.pump();
      assert.equal(s.tg.server.requests.length, calls, 'no retry of a permanent error');
      const problems = await deliveryProblems(n.db.db);
      // Newest first; the three finish within the same moment, so their order among themselves is not fixed.
      assert.deepEqual(problems.map((p) => p.reason).sort(), ['forbidden', 'rejected', 'unauthorized']);
      const forbidden = problems.find((p) => p.reason === 'forbidden')!;
      assert.match(distributionMessages('gu').reason(forbidden.reason!), /પરવાનગી નથી/);
      assert.ok(problems.every((p) => p.resendable && p.headline.startsWith('સુરતમાં')));
    } finally {
      await n.close();
    }
  });
});

describe(`in doubt: never sent twice on its own (${testDialect})`, () => {
  test('no answer after the request was sent (timeout) or the connection lost: unknown, not retried', async () => {
    try {
      await n.channel('telegram');
      await n.channel('webhook');
      s.tg.server.faults.push('hang');
      s.hook.faults.push('reset');
      await published();
      await n.pump({ timeoutMs: 300 });
      const rows = await n.deliveries();
      assert.deepEqual(rows.map((r) => [r.status, r.reason]), [
        ['unknown', 'timeoutAfterSend'],
        ['unknown', 'connectionLostAfterSend'],
      ]);
      await n.pump();
      assert.equal(s.tg.server.requests.length, 1);
      assert.equal(s.hook.requests.length, 1);
      assert.deepEqual((await deliveryProblems(n.db.db)).map((p) => p.status), ['unknown', 'unknown']);
    } finally {
      await n.close();
    }
  });

  test('a row left in sending by a worker that died becomes unknown after the stale time, and is not sent', async () => {
    try {
      await n.channel('webhook');
      await published();
      await n.dispatch();
      const [row] = await n.deliveries();
      assert.equal(row!.status, 'pending');
      const claimedAt = new Date(Date.now() - 11 * 60_000).toISOString();
      await n.db.db.updateTable('deliveries').set({ status: 'sending', claimed_by: 'dead-host:123:abc', claimed_at: claimedAt, attempts: 1 }).execute();
      const fresh = new DeliveryWorker({ db: n.db.db, dialect: n.db.dialect, publicUrl, secretKey: n.key, log: () => undefined });
      const run = await fresh.deliverDue();
      assert.equal(run.inDoubt, 1);
      const [after] = await n.deliveries();
      assert.deepEqual([after!.status, after!.reason], ['unknown', 'workerStopped']);
      assert.equal(after!.detail, `claimed by dead-host:123:abc at ${claimedAt}; no answer was recorded`);
      assert.equal(s.hook.requests.length, 0);
    } finally {
      await n.close();
    }
  });

  test('a row claimed a moment ago is left to its (live) worker', async () => {
    try {
      await n.channel('webhook');
      await published();
      await n.dispatch();
      await n.db.db.updateTable('deliveries').set({ status: 'sending', claimed_by: 'other:1:x', claimed_at: new Date().toISOString() }).execute();
      const run = await n.pump();
      assert.equal(run.inDoubt, 0);
      assert.equal((await n.deliveries())[0]!.status, 'sending');
    } finally {
      await n.close();
    }
  });

  test('resend: an admin resends an unknown post once, as a new post; an editor may not; a sent one cannot be', async () => {
    try {
      await n.channel('telegram');
      s.tg.server.faults.push('reset');
      await published();
      await n.pump();
      const [row] = await n.deliveries();
      assert.equal(row!.status, 'unknown');
      assert.equal(s.tg.server.requests.length, 1, 'the request reached the service: whether it posted, only a person can check');
      assert.equal(s.tg.posts('khabar_gu').length, 0, 'here it had not (the connection was cut before it acted)');
      await assert.rejects(resendDelivery({ db: n.db.db }, { actor: n.editor, deliveryId: row!.id }), NotAllowedError);
      await resendDelivery({ db: n.db.db }, { actor: n.admin, deliveryId: row!.id });
      await assert.rejects(resendDelivery({ db: n.db.db }, { actor: n.admin, deliveryId: row!.id }), (e: unknown) => e instanceof ChannelError && e.problem.code === 'notResendable', 'queued already');
      await n.pump();
      const [again] = await n.deliveries();
      assert.deepEqual([again!.status, again!.resent_by, again!.fresh_post], ['sent', n.admin.id, 0]);
      assert.equal(s.tg.posts('khabar_gu').length, 1);
      await assert.rejects(resendDelivery({ db: n.db.db }, { actor: n.admin, deliveryId: row!.id }), (e: unknown) => e instanceof ChannelError && e.problem.code === 'notResendable');
      await assert.rejects(resendDelivery({ db: n.db.db }, { actor: n.admin, deliveryId: 999_999 }), (e: unknown) => e instanceof ChannelError && e.problem.code === 'deliveryNotFound');
      // The edit after it acts on the resent post.
      const id = (await n.db.db.selectFrom('articles').select('id').executeTakeFirstOrThrow()).id;
      await n.save(id, { headline: 'ફરી મોકલ્યા પછી બદલાયેલું શીર્ષક' });
      await n.pump();
      const [post] = s.tg.posts('khabar_gu');
      assert.equal(post!.edits, 1);
      assert.ok(post!.text.startsWith('ફરી મોકલ્યા પછી બદલાયેલું શીર્ષક'));
    } finally {
      await n.close();
    }
  });

  test('an update whose post is in doubt changes nothing (it would otherwise post a second time)', async () => {
    try {
      await n.channel('telegram');
      s.tg.server.faults.push('reset');
      const id = await published();
      await n.pump();
      await n.save(id, { headline: 'બદલાયેલું' });
      await n.pump();
      assert.deepEqual((await n.deliveries()).map((r) => [r.kind, r.status, r.reason]), [
        ['published', 'unknown', 'connectionLostAfterSend'],
        ['updated', 'skipped', 'noPost'],
      ]);
      assert.equal(s.tg.calls('sendMessage').length + s.tg.calls('sendPhoto').length, 1);
    } finally {
      await n.close();
    }
  });
});

describe(`channel secrets at delivery time (${testDialect})`, () => {
  test('without the key (or with another one) a channel with secrets waits; one without secrets goes', async () => {
    try {
      await n.channel('webhook');
      await n.channel('websub');
      await published();
      const logged: string[] = [];
      await n.dispatch();
      for (const key of [null, parseSecretKey(generateSecretKey())]) {
        const w = new DeliveryWorker({ db: n.db.db, dialect: n.db.dialect, publicUrl, secretKey: key, log: (m) => logged.push(m) });
        await w.deliverDue();
        await w.deliverDue();
      }
      assert.deepEqual((await n.deliveries()).map((r) => r.status), ['pending', 'sent']);
      assert.equal(logged.length, 2, `said once per worker and problem: ${logged.join(' | ')}`);
      assert.match(logged[0]!, /cannot be used; its deliveries wait/);
      await n.pump();
      assert.deepEqual((await n.deliveries()).map((r) => r.status), ['sent', 'sent']);
    } finally {
      await n.close();
    }
  });
});
