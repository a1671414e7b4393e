// Stories written through the real newsroom commands reach every channel through the outbox:
// the fan-out makes one delivery per matching channel in the dispatching transaction, and the
// delivery worker sends them to local services that answer as the real ones do. Rules
// (sections, breaking only, first publication only, delay) and origins decide what goes.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decrypt } from 'http_ece';
import { publishArticle } from '../../src/newsroom/commands/publishArticle.js';
import { createPage } from '../../src/newsroom/commands/createPage.js';
import { unpublishArticle } from '../../src/newsroom/commands/unpublishArticle.js';
import { correctArticle } from '../../src/newsroom/commands/correctArticle.js';
import { scheduleArticle } from '../../src/newsroom/commands/scheduleArticle.js';
import { publishDueArticles } from '../../src/newsroom/scheduler.js';
import { insertArticle, writeArticles } from '../../src/newsroom/articleWriter.js';
import { verifyWebhookSignature, type WebhookBody } from '../../src/distribution/channels/webhook.js';
import { topicForStory, type PushPayload } from '../../src/distribution/channels/webpush.js';
import { setChannelEnabled } from '../../src/distribution/commands/setChannelEnabled.js';
import { storyDeliveries } from '../../src/distribution/queries.js';
import { testDialect } from '../helpers/database.js';
import { browser, newsroom, publicUrl, startServices, webhookSecret, type Newsroom, type Services } from './newsroom.js';

let s: Services;
let n: Newsroom;

function reset(): void {
  for (const server of [s.tg.server, s.x.server, s.wa.server, s.push.server, s.hook, s.hub]) {
    server.requests.length = 0;
    server.faults.length = 0;
  }
  s.tg.chats.clear();
  s.tg.addChannel('khabar_gu', -1001234567890);
  s.x.posts.clear();
  s.wa.delivered.length = 0;
  s.push.received.length = 0;
}

const urlOf = async (id: number) => {
  const a = await n.db.db.selectFrom('articles').innerJoin('sections', 'sections.id', 'articles.section_id').select(['articles.slug', 'sections.slug as section']).where('articles.id', '=', id).executeTakeFirstOrThrow();
  return `${publicUrl}/${encodeURIComponent(a.section)}/${encodeURIComponent(a.slug)}`;
};

before(async () => {
  s = await startServices();
});
after(() => s.close());

describe(`a story's life on every channel (${testDialect})`, () => {
  let reader: ReturnType<typeof browser>;
  const ids: Record<string, number> = {};
  before(async () => {
    reset();
    n = await newsroom(s);
    ids.telegram = await n.channel('telegram');
    ids.x = await n.channel('x');
    ids.webhook = await n.channel('webhook');
    ids.websub = await n.channel('websub');
    ids.webpush = await n.channel('webpush');
    ids.whatsapp = await n.channel('whatsapp', { breakingOnly: true });
    reader = browser(s.push.endpoint('reader-1'));
    await n.reader(ids.webpush!, reader.target);
    await n.reader(ids.whatsapp!, { to: '+919812345678' });
  });
  after(() => n.close());

  test('publish: one delivery per matching channel, each service receives the story once', async () => {
    const id = await n.draft({ headline: 'મુખ્યમંત્રીએ કહ્યું: "વિકાસ & <પ્રગતિ>" — ક્ષ\u200Dત્ર અને ફ઼ કેસ' });
    await publishArticle(n.deps, { actor: n.editor, articleId: id });
    assert.deepEqual(await n.deliveries(), [], 'nothing is queued before the outbox dispatches');
    const run = await n.pump();
    const rows = await n.deliveries();
    assert.deepEqual(
      rows.map((r) => [r.channel_id, r.kind, r.status]),
      [
        [ids.telegram, 'published', 'sent'],
        [ids.x, 'published', 'sent'],
        [ids.webhook, 'published', 'sent'],
        [ids.websub, 'published', 'sent'],
        [ids.webpush, 'published', 'sent'],
      ],
      'WhatsApp is limited to breaking stories',
    );
    assert.equal(run.sent, 5);
    const url = await urlOf(id);

    const [post] = s.tg.posts('khabar_gu');
    assert.equal(s.tg.posts('khabar_gu').length, 1);
    assert.ok(post!.text.startsWith('મુખ્યમંત્રીએ કહ્યું: "વિકાસ & <પ્રગતિ>" — ક્ષ\u200Dત્ર અને ફ઼ કેસ'), post!.text);
    assert.ok(post!.text.endsWith(url));
    const tgRow = rows.find((r) => r.channel_id === ids.telegram)!;
    assert.equal(tgRow.remote_url, `https://t.me/khabar_gu/${post!.message_id}`);

    assert.equal(s.x.posts.size, 1);
    assert.ok([...s.x.posts.values()][0]!.text.includes(url));

    assert.equal(s.hook.requests.length, 1);
    const hook = s.hook.requests[0]!;
    const hookRow = rows.find((r) => r.channel_id === ids.webhook)!;
    assert.equal(hook.headers['khabar-delivery'], `dlv_${hookRow.id}`);
    assert.equal(verifyWebhookSignature({ rawBody: hook.body, header: hook.headers['khabar-signature'] as string, secrets: [webhookSecret] }).ok, true);
    const body = JSON.parse(hook.body.toString('utf8')) as WebhookBody;
    assert.equal(body.type, 'story.published');
    assert.equal(body.story.url, url);
    assert.equal(body.story.section.name, 'દેશ-વિદેશ');

    assert.deepEqual(
      s.hub.requests.map((r) => new URLSearchParams(r.body.toString('utf8')).get('hub.url')),
      [`${publicUrl}/feed.xml`, `${publicUrl}/desh-videsh/feed.xml`],
    );

    assert.equal(s.push.received.length, 1);
    const got = s.push.received[0]!;
    assert.equal(got.topic, topicForStory(String(id)), 'one Topic per story: a repeat replaces');
    const payload = JSON.parse(decrypt(got.body, { version: 'aes128gcm', privateKey: reader.ecdh, authSecret: reader.auth }).toString('utf8')) as PushPayload;
    assert.equal(payload.url, url);
    assert.equal(payload.title, 'મુખ્યમંત્રીએ કહ્યું: "વિકાસ & <પ્રગતિ>" — ક્ષ\u200Dત્ર અને ફ઼ કેસ');

    const again = await n.pump();
    assert.equal(again.sent, 0, 'a second run sends nothing');
    assert.equal(s.hook.requests.length, 1);
    ids.story = id;
  });

  test('update: the Telegram post is edited in place, webhooks and the hub hear it, push and X stay as they were', async () => {
    await n.save(ids.story!, { headline: 'સુધારેલું શીર્ષક: રાજ્યમાં ૧૨ જિલ્લામાં વરસાદ' });
    await n.pump();
    const [post] = s.tg.posts('khabar_gu');
    assert.equal(s.tg.posts('khabar_gu').length, 1, 'edited, not posted again');
    assert.equal(post!.edits, 1);
    assert.ok(post!.text.startsWith('સુધારેલું શીર્ષક: રાજ્યમાં ૧૨ જિલ્લામાં વરસાદ'));
    assert.equal(s.x.posts.size, 1);
    assert.equal(s.push.received.length, 1);
    const updates = (await n.deliveries()).filter((r) => r.kind === 'updated');
    assert.deepEqual(updates.map((r) => r.channel_id).sort(), [ids.telegram, ids.webhook, ids.websub].sort(), 'X and push do not act on updates');
    assert.ok(updates.every((r) => r.status === 'sent'));
    assert.equal(JSON.parse(s.hook.requests.at(-1)!.body.toString('utf8')).type, 'story.updated');
  });

  test('a correction reaches the webhook; Telegram has nothing visible to change and makes no call', async () => {
    const calls = s.tg.server.requests.length;
    await correctArticle(n.deps, { actor: n.editor, articleId: ids.story!, note: 'જિલ્લાની સંખ્યા ૧૧ નહીં, ૧૨ છે.' });
    await n.pump();
    const corrected = (await n.deliveries()).filter((r) => r.kind === 'corrected');
    assert.deepEqual(corrected.map((r) => [r.channel_id, r.status, r.unchanged]), [
      [ids.telegram, 'sent', 1],
      [ids.webhook, 'sent', 0],
      [ids.websub, 'sent', 0],
    ]);
    assert.equal(s.tg.server.requests.length, calls);
    assert.equal(JSON.parse(s.hook.requests.at(-1)!.body.toString('utf8')).type, 'story.corrected');
  });

  test('flagging the story breaking reaches the breaking-only WhatsApp readers and edits the Telegram post', async () => {
    await n.save(ids.story!, { isBreaking: true });
    await n.pump();
    const breaking = (await n.deliveries()).filter((r) => r.kind === 'breaking');
    assert.deepEqual(breaking.map((r) => [r.channel_id, r.status, r.unchanged]).sort(), [
      [ids.telegram, 'sent', 0],
      [ids.x, 'sent', 1],
      [ids.webhook, 'sent', 0],
      [ids.websub, 'sent', 0],
      [ids.whatsapp, 'sent', 0],
    ].sort(), 'the push reader already has the story: no row for it');
    assert.equal(s.wa.delivered.length, 1);
    assert.equal(s.wa.delivered[0]!.to, '919812345678');
    assert.equal(s.push.received.length, 1, 'the reader already had this story: no second notification');
    assert.ok(s.tg.posts('khabar_gu')[0]!.text.startsWith('🔴 બ્રેકિંગ: '));
  });

  test('unpublish: the Telegram post and the X post are deleted, the webhook hears it', async () => {
    await unpublishArticle(n.deps, { actor: n.editor, articleId: ids.story! });
    await n.pump();
    assert.equal(s.tg.posts('khabar_gu')[0]!.deleted, true);
    assert.equal([...s.x.posts.values()][0]!.deleted, true);
    assert.equal(JSON.parse(s.hook.requests.at(-1)!.body.toString('utf8')).type, 'story.unpublished');
    const rows = (await n.deliveries()).filter((r) => r.kind === 'unpublished');
    assert.deepEqual(rows.map((r) => r.channel_id).sort(), [ids.telegram, ids.x, ids.webhook, ids.websub].sort());
    assert.ok(rows.every((r) => r.status === 'sent'));
    assert.equal(rows.find((r) => r.channel_id === ids.telegram)!.memory, null, 'nothing remains at Telegram');
  });

  test('republish posts again (the old post is gone); the newsroom sees every delivery of the story', async () => {
    await publishArticle(n.deps, { actor: n.editor, articleId: ids.story! });
    await n.pump();
    const live = s.tg.posts('khabar_gu').filter((p) => !p.deleted);
    assert.equal(live.length, 1);
    const view = await storyDeliveries(n.db.db, ids.story!);
    assert.ok(view.posts.length >= 15);
    assert.ok(view.posts.every((p) => p.status === 'sent'));
    assert.deepEqual(view.readers.find((r) => r.channelId === ids.webpush && r.kind === 'published')?.counts, { sent: 2 }, 'pushed at first publication and again after the republish');
  });

  test('every delivery of every event is unique per channel and reader', async () => {
    const rows = await n.deliveries();
    const keys = rows.map((r) => `${r.channel_id}/${r.change_event_id}/${r.recipient_id}`);
    assert.equal(new Set(keys).size, keys.length);
  });
});

describe(`channel rules (${testDialect})`, () => {
  beforeEach(async () => {
    reset();
    n = await newsroom(s);
  });
  const after_ = () => n.close();

  test('sections: a channel for Gujarat takes Surat (a sub-section) and leaves out the rest', async () => {
    try {
      const hook = await n.channel('webhook', { sections: [n.sections.gujarat] });
      const surat = await n.draft({ sectionId: n.sections.surat });
      const desh = await n.draft({ sectionId: n.sections.desh });
      await publishArticle(n.deps, { actor: n.editor, articleId: surat });
      await publishArticle(n.deps, { actor: n.editor, articleId: desh });
      await n.pump();
      const rows = await n.deliveries();
      assert.deepEqual(rows.map((r) => [r.channel_id, r.article_id]), [[hook, surat]]);
      assert.equal(s.hook.requests.length, 1);
    } finally {
      await after_();
    }
  });

  test('breaking only: a plain story is not posted; flagged breaking later, it is', async () => {
    try {
      const tg = await n.channel('telegram', { breakingOnly: true });
      const id = await n.draft();
      await publishArticle(n.deps, { actor: n.editor, articleId: id });
      await n.pump();
      assert.deepEqual(await n.deliveries(), []);
      await n.save(id, { headline: 'હજી સામાન્ય સમાચાર' });
      await n.pump();
      assert.deepEqual(await n.deliveries(), [], 'an update of a story the channel never posted is not a post');
      await n.save(id, { isBreaking: true });
      await n.pump();
      const rows = await n.deliveries();
      assert.deepEqual(rows.map((r) => [r.channel_id, r.kind, r.status]), [[tg, 'breaking', 'sent']]);
      assert.equal(s.tg.posts('khabar_gu').length, 1);
      assert.ok(s.tg.posts('khabar_gu')[0]!.text.startsWith('🔴 બ્રેકિંગ: હજી સામાન્ય સમાચાર'));
      // Edits follow the post whatever the rule says now: the flag off edits the prefix away.
      await n.save(id, { isBreaking: false });
      await n.pump();
      assert.ok(s.tg.posts('khabar_gu')[0]!.text.startsWith('હજી સામાન્ય સમાચાર'));
      assert.equal(s.tg.posts('khabar_gu').length, 1);
    } finally {
      await after_();
    }
  });

  test('first publication only: a republish is not posted again, but the unpublish still removes the post', async () => {
    try {
      const tg = await n.channel('telegram', { firstPublicationOnly: true });
      const id = await n.draft();
      await publishArticle(n.deps, { actor: n.editor, articleId: id });
      await n.pump();
      await unpublishArticle(n.deps, { actor: n.editor, articleId: id });
      await n.pump();
      await publishArticle(n.deps, { actor: n.editor, articleId: id });
      await n.pump();
      await n.save(id, { headline: 'ફરી પ્રકાશિત પછીનો ફેરફાર' });
      await n.pump();
      const rows = await n.deliveries();
      assert.deepEqual(rows.map((r) => [r.channel_id, r.kind, r.status, r.reason]), [
        [tg, 'published', 'sent', null],
        [tg, 'unpublished', 'sent', null],
        [tg, 'updated', 'skipped', 'noPost'],
      ]);
      assert.equal(s.tg.posts('khabar_gu').length, 1, 'posted once, ever');
      assert.equal(s.tg.posts('khabar_gu')[0]!.deleted, true);
    } finally {
      await after_();
    }
  });

  test('delay: the post waits, an edit made meanwhile goes out with it, the update behind it changes nothing', async () => {
    try {
      const tg = await n.channel('telegram', { delaySeconds: 120 });
      const id = await n.draft({ headline: 'ટાઇપો વાળું શીર્ષક' });
      const before = Date.now();
      await publishArticle(n.deps, { actor: n.editor, articleId: id });
      await n.pump();
      let [post] = await n.deliveries();
      assert.equal(post!.status, 'pending');
      const wait = Date.parse(post!.next_attempt_at) - before;
      assert.ok(wait >= 119_000 && wait <= 125_000, `due in ${wait} ms`);
      assert.equal(s.tg.server.requests.length, 0);
      await n.save(id, { headline: 'સાચું શીર્ષક' });
      await n.pump();
      const rows = await n.deliveries();
      assert.deepEqual(rows.map((r) => [r.kind, r.status]), [['published', 'pending'], ['updated', 'pending']], 'the update waits behind the post');
      // The delay passes.
      await n.db.db.updateTable('deliveries').set({ next_attempt_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', post!.id).execute();
      await n.pump();
      [post] = await n.deliveries();
      assert.equal(post!.status, 'sent');
      assert.equal(s.tg.posts('khabar_gu').length, 1);
      assert.ok(s.tg.posts('khabar_gu')[0]!.text.startsWith('સાચું શીર્ષક'));
      const update = (await n.deliveries())[1]!;
      assert.deepEqual([update.status, update.unchanged], ['sent', 1]);
      assert.equal(s.tg.calls('editMessageText').length, 0);
      assert.equal(tg, post!.channel_id);
    } finally {
      await after_();
    }
  });

  test('a story unpublished during the delay is not posted', async () => {
    try {
      await n.channel('telegram', { delaySeconds: 60 });
      const id = await n.draft();
      await publishArticle(n.deps, { actor: n.editor, articleId: id });
      await unpublishArticle(n.deps, { actor: n.editor, articleId: id });
      await n.pump();
      await n.db.db.updateTable('deliveries').set({ next_attempt_at: new Date(Date.now() - 1000).toISOString() }).execute();
      await n.pump();
      assert.deepEqual((await n.deliveries()).map((r) => [r.kind, r.status, r.reason]), [
        ['published', 'skipped', 'notPublic'],
        ['unpublished', 'sent', null],
      ]);
      assert.equal(s.tg.server.requests.length, 0, 'nothing reached Telegram');
    } finally {
      await after_();
    }
  });

  test('kinds: a channel can leave out updates', async () => {
    try {
      await n.channel('webhook', { kinds: ['published', 'unpublished'] });
      const id = await n.draft();
      await publishArticle(n.deps, { actor: n.editor, articleId: id });
      await n.save(id, { dek: 'નવો સાર' });
      await unpublishArticle(n.deps, { actor: n.editor, articleId: id });
      await n.pump();
      assert.deepEqual((await n.deliveries()).map((r) => r.kind), ['published', 'unpublished']);
    } finally {
      await after_();
    }
  });

  test('push readers get the topics they chose: breaking news, or a section (with its sub-sections)', async () => {
    try {
      const push = await n.channel('webpush');
      const everything = await n.reader(push, browser(s.push.endpoint('all')).target);
      const breaking = await n.reader(push, browser(s.push.endpoint('breaking')).target, ['breaking']);
      const gujarat = await n.reader(push, browser(s.push.endpoint('gujarat')).target, [`section:${n.sections.gujarat}`]);
      const plain = await n.draft({ sectionId: n.sections.surat });
      const urgent = await n.draft({ sectionId: n.sections.desh, isBreaking: true });
      await publishArticle(n.deps, { actor: n.editor, articleId: plain });
      await publishArticle(n.deps, { actor: n.editor, articleId: urgent });
      await n.pump();
      const rows = await n.deliveries();
      assert.deepEqual(rows.map((r) => [r.article_id, r.recipient_id]), [
        [plain, everything],
        [plain, gujarat],
        [urgent, everything],
        [urgent, breaking],
      ]);
      assert.equal(s.push.received.length, 4);
    } finally {
      await after_();
    }
  });

  test('saving a breaking story again makes no new row for readers who already have it', async () => {
    try {
      const push = await n.channel('webpush', { breakingOnly: true });
      const early = await n.reader(push, browser(s.push.endpoint('early')).target);
      const id = await n.draft({ isBreaking: true });
      await publishArticle(n.deps, { actor: n.editor, articleId: id });
      await n.pump();
      // The editor's form always carries the flag: each save of this story names `breaking`.
      await n.save(id, { headline: 'બ્રેકિંગ: પહેલો સુધારો', isBreaking: true });
      await n.pump();
      const late = await n.reader(push, browser(s.push.endpoint('late')).target);
      await n.save(id, { headline: 'બ્રેકિંગ: બીજો સુધારો', isBreaking: true });
      await n.pump();
      assert.deepEqual((await n.deliveries()).map((r) => [r.kind, r.recipient_id, r.status]), [
        ['published', early, 'sent'],
        ['breaking', late, 'sent'],
      ]);
      assert.deepEqual(s.push.received.map((r) => r.subscription), ['early', 'late']);
    } finally {
      await after_();
    }
  });

  test('a push subscription the service says is gone (410) is removed', async () => {
    try {
      const push = await n.channel('webpush');
      await n.reader(push, browser(s.push.endpoint('left')).target);
      s.push.gone.add('left');
      const id = await n.draft();
      await publishArticle(n.deps, { actor: n.editor, articleId: id });
      await n.pump();
      const [row] = await n.deliveries();
      assert.deepEqual([row!.status, row!.reason, row!.http_status], ['failed', 'gone', 410]);
      assert.equal((await n.db.db.selectFrom('recipients').selectAll().execute()).length, 0);
    } finally {
      s.push.gone.clear();
      await after_();
    }
  });

  test('the scheduler’s publications go out; imports and the demo are never posted', async () => {
    try {
      await n.channel('webhook');
      const scheduled = await n.draft();
      await scheduleArticle(n.deps, { actor: n.editor, articleId: scheduled, when: new Date(Date.now() - 1000), now: new Date(Date.now() - 60_000) });
      await publishDueArticles({ ...n.deps, dialect: n.db.dialect });
      for (const origin of ['import', 'demo'] as const) {
        await writeArticles(n.deps, origin, (scope) =>
          insertArticle(scope, { headline: `આયાત કરેલા સમાચાર ${origin}`, slug: `imported-${origin}`, sectionId: n.sections.desh, status: 'published', publishedAt: new Date(Date.now() - 3600_000) }, null),
        );
      }
      const events = await n.db.db.selectFrom('change_events').select('payload').execute();
      assert.equal(events.length, 3, 'all three publications are events');
      await n.pump();
      assert.deepEqual((await n.deliveries()).map((r) => r.article_id), [scheduled]);
      assert.equal(s.hook.requests.length, 1);
    } finally {
      await after_();
    }
  });

  test('a static page published from the newsroom is never posted anywhere', async () => {
    try {
      await n.channel('webhook');
      await n.channel('telegram');
      const page = await createPage(n.deps, { actor: n.editor, edit: { headline: 'અમારા વિશે', slug: 'about', bodyHtml: '<p>ક્ષેત્રીય સમાચાર.</p>' } });
      await publishArticle(n.deps, { actor: n.editor, articleId: page.id });
      assert.ok((await n.db.db.selectFrom('change_events').select('type').execute()).some((e) => e.type === 'article.published'));
      await n.pump();
      assert.deepEqual(await n.deliveries(), []);
      assert.equal(s.hook.requests.length, 0);
    } finally {
      await after_();
    }
  });

  test('a disabled channel gets nothing; disabling drops what was waiting', async () => {
    try {
      const tg = await n.channel('telegram', { delaySeconds: 600 });
      const hook = await n.channel('webhook');
      const first = await n.draft();
      await publishArticle(n.deps, { actor: n.editor, articleId: first });
      await n.pump();
      const r = await setChannelEnabled({ db: n.db.db }, { actor: n.admin, channelId: tg, enabled: false });
      assert.equal(r.skipped, 1);
      const second = await n.draft();
      await publishArticle(n.deps, { actor: n.editor, articleId: second });
      await n.pump();
      assert.deepEqual((await n.deliveries()).map((d) => [d.channel_id, d.article_id, d.status, d.reason]), [
        [tg, first, 'skipped', 'channelDisabled'],
        [hook, first, 'sent', null],
        [hook, second, 'sent', null],
      ]);
      assert.equal(s.tg.server.requests.length, 0);
    } finally {
      await after_();
    }
  });
});
