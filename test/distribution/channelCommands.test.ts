// The channel commands behind the newsroom's channels page: secrets encrypted at rest and never
// shown back in full, kept when the form leaves them empty, refused without KHABAR_SECRET_KEY
// (in the admin's language); rules and configs checked; "send test message" answers with what
// the service said; admins only.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { publishArticle } from '../../src/newsroom/commands/publishArticle.js';
import { saveChannel } from '../../src/distribution/commands/saveChannel.js';
import { testChannel } from '../../src/distribution/commands/testChannel.js';
import { setChannelEnabled } from '../../src/distribution/commands/setChannelEnabled.js';
import { ChannelError } from '../../src/distribution/channelStore.js';
import { listChannels } from '../../src/distribution/queries.js';
import { addRecipient, removeRecipient } from '../../src/distribution/recipients.js';
import { NotAllowedError } from '../../src/content/policies.js';
import { distributionMessages } from '../../src/i18n/distribution.js';
import { testDialect } from '../helpers/database.js';
import { botToken, browser, configFor, newsroom, publicUrl, startServices, type Newsroom, type Services } from './newsroom.js';

let s: Services;
let n: Newsroom;
before(async () => {
  s = await startServices();
  s.tg.addChannel('not_admin', -1009, 'member');
  n = await newsroom(s);
});
after(async () => {
  await n.close();
  await s.close();
});

const problem = (code: string) => (e: unknown) => e instanceof ChannelError && e.problem.code === code;

describe(`channel commands (${testDialect})`, () => {
  test('a bot token is stored encrypted, shown masked, kept when the form leaves it empty', async () => {
    const id = await n.channel('telegram', {}, 'ખબર ટેલિગ્રામ');
    const raw = await n.db.db.selectFrom('channels').select('config').where('id', '=', id).executeTakeFirstOrThrow();
    assert.ok(!raw.config.includes(botToken) && !raw.config.includes('AAE-khabar'), 'no part of the token is stored in clear');
    assert.match(JSON.parse(raw.config).botToken, /^v1\./);
    const page = await listChannels(n.db.db, n.key, { KHABAR_SECRET_KEY: n.keyText });
    const view = page.channels.find((c) => c.id === id)!;
    assert.equal(view.config.botToken, `••••••••${botToken.slice(-4)}`);
    assert.equal(view.name, 'ખબર ટેલિગ્રામ');
    assert.equal(page.secretProblem, null);

    // The form comes back with the token empty and another chat.
    await saveChannel({ db: n.db.db }, { actor: n.admin, channelId: id, type: 'telegram', name: 'ખબર ટેલિગ્રામ', config: { botToken: '', chatId: '@khabar_gu', apiBase: s.tg.url, readButton: false }, secretKey: n.key });
    const articleId = await n.draft();
    await publishArticle(n.deps, { actor: n.editor, articleId });
    await n.pump();
    const [row] = await n.deliveries();
    assert.equal(row!.status, 'sent', 'the kept token still works');
    assert.equal(s.tg.posts('khabar_gu').at(-1)!.reply_markup, undefined, 'the changed setting took');
  });

  test('without KHABAR_SECRET_KEY a channel with secrets cannot be saved, and the error says so in Gujarati and English', async () => {
    const err = await saveChannel({ db: n.db.db }, { actor: n.admin, type: 'webhook', name: 'હૂક', config: configFor('webhook', s), secretKey: null }).catch((e: unknown) => e);
    assert.ok(err instanceof ChannelError && err.problem.code === 'secret' && err.problem.problem === 'keyMissing', String(err));
    assert.match(distributionMessages('gu').channelProblem(err.problem), /KHABAR_SECRET_KEY ગોઠવાયેલી નથી/);
    assert.match(distributionMessages('en').channelProblem(err.problem), /KHABAR_SECRET_KEY is not set, so tokens and keys cannot be stored/);
    const page = await listChannels(n.db.db, null, {});
    assert.equal(page.secretProblem, 'keyMissing', 'the channels page can say why');
    assert.ok(page.channels.every((c) => c.type !== 'telegram' || c.config.botToken === '••••••••'), 'without the key nothing of a secret is shown');
    // A hub ping has no secret: it can be saved.
    const hub = await saveChannel({ db: n.db.db }, { actor: n.admin, type: 'websub', name: 'WebSub', config: configFor('websub', s), secretKey: null });
    assert.ok(hub.id > 0);
  });

  test('bad settings are refused with the field and the reason; rules are checked', async () => {
    const save = (over: Partial<Parameters<typeof saveChannel>[1]>) =>
      saveChannel({ db: n.db.db }, { actor: n.admin, type: 'telegram', name: 'ટેલિગ્રામ', config: configFor('telegram', s), secretKey: n.key, ...over });
    const bad = await save({ config: { ...configFor('telegram', s), chatId: 'khabar gu' } }).catch((e: unknown) => e);
    assert.ok(bad instanceof ChannelError && bad.problem.code === 'invalidConfig' && bad.problem.field === 'chatId');
    assert.match(distributionMessages('en').channelProblem(bad.problem), /chatId: a channel @username or a numeric chat id/);
    await assert.rejects(save({ type: 'myspace' }), problem('unknownType'));
    await assert.rejects(save({ name: '  ' }), problem('badName'));
    await assert.rejects(save({ rules: { delaySeconds: -5 } }), problem('badDelay'));
    await assert.rejects(save({ rules: { sections: [987_654] } }), problem('unknownSection'));
    await assert.rejects(save({ type: 'x', config: configFor('x', s), rules: { kinds: ['published', 'updated'] } }), problem('kindNotHandled'), 'X cannot edit a post');
    await assert.rejects(save({ actor: n.editor }), NotAllowedError);
    await assert.rejects(save({ channelId: 987_654 }), problem('channelNotFound'));
    await assert.rejects(setChannelEnabled({ db: n.db.db }, { actor: n.editor, channelId: 1, enabled: false }), NotAllowedError);
  });

  test('send test message: the newest story goes out and the service’s real answer comes back; nothing is recorded', async () => {
    const good = await n.channel('telegram', {}, 'ટેસ્ટ');
    const refused = await n.channel('telegram', {}, 'not admin', { ...configFor('telegram', s), chatId: '@not_admin' });
    const before = (await n.deliveries()).length;
    const ok = await testChannel({ db: n.db.db }, { actor: n.admin, channelId: good, secretKey: n.key, publicUrl });
    assert.equal(ok.status, 'sent');
    assert.ok(ok.status === 'sent' && ok.remoteUrl?.startsWith('https://t.me/khabar_gu/'));
    const no = await testChannel({ db: n.db.db }, { actor: n.admin, channelId: refused, secretKey: n.key, publicUrl });
    assert.deepEqual(no, { status: 'failed', reason: 'rejected', detail: 'Bad Request: need administrator rights in the channel chat', httpStatus: 400 });
    assert.equal((await n.deliveries()).length, before);
    await assert.rejects(testChannel({ db: n.db.db }, { actor: n.editor, channelId: good, secretKey: n.key, publicUrl }), NotAllowedError);
    await assert.rejects(testChannel({ db: n.db.db }, { actor: n.admin, channelId: good, secretKey: null, publicUrl }), problem('secret'));
    const push = await n.channel('webpush');
    await assert.rejects(testChannel({ db: n.db.db }, { actor: n.admin, channelId: push, secretKey: n.key, publicUrl }), problem('needsTarget'));
    const toMe = await testChannel({ db: n.db.db }, { actor: n.admin, channelId: push, target: browser(s.push.endpoint('admin')).target, secretKey: n.key, publicUrl });
    assert.equal(toMe.status, 'sent');
  });

  test('readers: a browser subscribing again updates its row; a bad subscription is refused; unsubscribe removes it', async () => {
    const push = await n.channel('webpush', {}, 'પુશ');
    const b = browser(s.push.endpoint('twice'));
    const first = await addRecipient({ db: n.db.db }, { channelId: push, target: b.target });
    const again = await addRecipient({ db: n.db.db }, { channelId: push, target: b.target, topics: ['breaking'] });
    assert.equal(first.id, again.id);
    const rows = await n.db.db.selectFrom('recipients').selectAll().where('channel_id', '=', push).execute();
    assert.deepEqual(rows.map((r) => r.topics), ['["breaking"]']);
    await assert.rejects(addRecipient({ db: n.db.db }, { channelId: push, target: { endpoint: 'not a url', keys: b.target.keys } }), problem('invalidConfig'));
    const tg = await n.channel('telegram');
    await assert.rejects(addRecipient({ db: n.db.db }, { channelId: tg, target: b.target }), problem('unknownType'));
    assert.equal(await removeRecipient({ db: n.db.db }, { channelId: push, address: b.target.endpoint }), true);
    assert.equal(await removeRecipient({ db: n.db.db }, { channelId: push, address: b.target.endpoint }), false);
    const wa = await n.channel('whatsapp');
    await addRecipient({ db: n.db.db }, { channelId: wa, target: { to: '+91 98123' } }).then(
      () => assert.fail('a malformed number is refused'),
      (e: unknown) => assert.ok(problem('invalidConfig')(e)),
    );
    await addRecipient({ db: n.db.db }, { channelId: wa, target: { to: '+919812345678' } });
    assert.equal(await removeRecipient({ db: n.db.db }, { channelId: wa, address: '919812345678' }), true, 'STOP comes with the number without +');
  });
});
