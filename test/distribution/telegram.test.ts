// Telegram adapter against a local Bot API server: escaping and limits as Telegram parses and
// counts them, photo/text posts, button, templates, edits, delete or mark, and every error class.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkTelegramTemplate,
  composeTelegramHtml,
  escapeTelegramHtml,
  telegramAdapter,
  telegramConfigSchema,
  telegramPostUrl,
  telegramVisibleText,
  type TelegramConfig,
  type TelegramMemory,
} from '../../src/distribution/channels/telegram.js';
import type { DeliveryOutcome, StoryMessage } from '../../src/distribution/channels/types.js';
import { distributionMessages } from '../../src/i18n/distribution.js';
import { FakeTelegram, parseTelegramHtml } from './fakes/telegram.js';
import { cleanCut, closedPort, hardDek, hardHeadline, local, longGujarati, story } from './stories.js';

const token = '123456:AAE-khabar_test_token_0123456789';
let tg: FakeTelegram;
let config: TelegramConfig;

function deliver(message: StoryMessage, previous: TelegramMemory | null = null, over: Partial<TelegramConfig> = {}, network = local) {
  return telegramAdapter.deliver({ message, config: { ...config, ...over }, previous, target: undefined, deliveryId: 'd1', network });
}

function sent(o: DeliveryOutcome<TelegramMemory>): TelegramMemory {
  assert.equal(o.status, 'sent', JSON.stringify(o));
  assert.ok(o.status === 'sent' && o.memory);
  return o.memory;
}

before(async () => {
  tg = await new FakeTelegram().start();
  tg.tokens.add(token);
});
after(() => tg.server.close());
beforeEach(() => {
  tg.addChannel('khabar_gu', -1001234567890);
  tg.addChannel('not_admin', -1009, 'member');
  tg.addChannel('not_member', -1010, 'none');
  tg.server.faults.length = 0;
  tg.server.requests.length = 0;
  tg.rateLimit.remaining = 0;
  config = telegramConfigSchema.parse({ botToken: token, chatId: '@khabar_gu', apiBase: tg.url });
});

describe('Telegram HTML (pure)', () => {
  test('escaping keeps Gujarati intact and neutralizes <, >, & (and " in attributes)', () => {
    assert.equal(escapeTelegramHtml('ક્ષ<b>&"'), 'ક્ષ&lt;b&gt;&amp;"');
    assert.equal(escapeTelegramHtml('a"b', true), 'a&quot;b');
    const html = composeTelegramHtml(story({ imageUrl: null }), '<b>{headline}</b>\n{dek}\n<a href="{url}">વાંચો</a>', 4096)!;
    const parsed = parseTelegramHtml(html);
    assert.equal(parsed.text, `${hardHeadline}\n${hardDek}\nવાંચો`);
    assert.deepEqual(parsed.entities[0], { type: 'bold', offset: 0, length: hardHeadline.length });
    assert.equal(parsed.entities[1]?.url, story().url);
    assert.equal(telegramVisibleText(html), parsed.text);
  });
  test('template text is plain: a literal & or < shows as written; unknown tags are text too', () => {
    const html = composeTelegramHtml(story({ dek: '' }), 'Q&A <x> {section}: {headline}', 4096)!;
    assert.equal(parseTelegramHtml(html).text, `Q&A <x> દેશ-વિદેશ: ${hardHeadline}`);
  });
  test('an empty dek leaves no empty tags or blank-line runs', () => {
    const html = composeTelegramHtml(story({ dek: '' }), '<b>{headline}</b>\n\n<i>{dek}</i>\n\n{url}', 4096)!;
    assert.equal(html.includes('<i>'), false);
    assert.equal(parseTelegramHtml(html).text, `${hardHeadline}\n\n${story().url}`);
  });
  test('template problems are found and explained in Gujarati and English', () => {
    const problems = checkTelegramTemplate('<b>{headline}</i> {lede} <a href="{url}">x');
    assert.deepEqual(problems.map((p) => p.code).sort(), ['unclosedTag', 'unclosedTag', 'unexpectedClose', 'unknownPlaceholder']);
    assert.match(distributionMessages('gu').templateProblem(problems[0]!), /\{lede\}.*ઓળખાતું નથી/);
    assert.match(distributionMessages('en').templateProblem(problems[0]!), /\{lede\}, which is not known/);
    assert.equal(telegramConfigSchema.safeParse({ botToken: token, chatId: '@khabar_gu', template: '{lede}' }).success, false);
    assert.deepEqual(checkTelegramTemplate('{breaking}<b>{headline}</b>\n{dek} <a href="{url}">{section}</a>'), []);
  });
  test('config refuses a malformed token or chat id', () => {
    assert.equal(telegramConfigSchema.safeParse({ botToken: 'nope', chatId: '@khabar_gu' }).success, false);
    assert.equal(telegramConfigSchema.safeParse({ botToken: token, chatId: 'khabar gu' }).success, false);
    assert.equal(telegramConfigSchema.safeParse({ botToken: token, chatId: '-1001234567890' }).success, true);
  });
  test('post links: public username, private -100 channel, none otherwise', () => {
    assert.equal(telegramPostUrl(-1001234567890, 'khabar_gu', 5), 'https://t.me/khabar_gu/5');
    assert.equal(telegramPostUrl(-1001234567890, null, 5), 'https://t.me/c/1234567890/5');
    assert.equal(telegramPostUrl(12345, null, 5), null);
  });
});

describe('Telegram limits, counted as Telegram counts (UTF-16 after entity parsing)', () => {
  test('caption: a long Gujarati dek is cut at a grapheme boundary to fit 1,024; headline and link whole', async () => {
    const dek = longGujarati(3000);
    const o = await deliver(story({ dek }));
    sent(o);
    const [post] = tg.posts('khabar_gu');
    assert.equal(post!.kind, 'photo');
    assert.ok(post!.text.length <= 1024 && post!.text.length > 1000, `caption length ${post!.text.length}`);
    assert.ok(post!.text.startsWith(hardHeadline));
    assert.ok(post!.text.endsWith(story().url));
    const cutDek = post!.text.slice(hardHeadline.length + 2, -(story().url.length + 2));
    assert.ok(cutDek.endsWith('…'));
    assert.ok(cleanCut(cutDek, dek), `not a clean cut: …${cutDek.slice(-12)}`);
  });
  test('text: 4,096 units with astral emoji (2 units each) counted right', async () => {
    const dek = `${'🗳️ મતદાન '.repeat(200)}${longGujarati(4000)}`;
    sent(await deliver(story({ imageUrl: null, dek })));
    const post = tg.posts('khabar_gu').at(-1)!;
    assert.equal(post.kind, 'text');
    assert.ok(post.text.length <= 4096 && post.text.length > 4000, `text length ${post.text.length}`);
  });
  test('HTML escapes do not count: a dek of & and < fits exactly as Telegram counts it', async () => {
    const dek = '&<'.repeat(600);
    sent(await deliver(story({ dek, headline: 'ક' })));
    const post = tg.posts('khabar_gu').at(-1)!;
    assert.ok(post.text.length <= 1024 && post.text.length >= 1010, `caption length ${post.text.length}`);
  });
  test('a headline longer than the caption limit is cut too, the link stays whole', async () => {
    const headline = longGujarati(1500);
    sent(await deliver(story({ headline })));
    const post = tg.posts('khabar_gu').at(-1)!;
    assert.ok(post.text.length <= 1024);
    assert.ok(post.text.endsWith(story().url));
    assert.ok(cleanCut(post.text.split('\n')[0]!, headline));
  });
  test('a template whose own text is too long fails as tooLong without a call', async () => {
    const before = tg.calls().length;
    const o = await deliver(story(), null, { template: `${'લાંબું '.repeat(200)}{headline}` });
    assert.equal(o.status, 'failed');
    assert.equal(o.status === 'failed' && o.reason, 'tooLong');
    assert.equal(tg.calls().length, before);
  });
});

describe('Telegram posting', () => {
  test('with an image: sendPhoto with HTML caption; link to the post; memory for edits', async () => {
    const o = await deliver(story());
    const memory = sent(o);
    const call = tg.calls('sendPhoto').at(-1)!;
    const params = JSON.parse(call.body.toString('utf8')) as Record<string, unknown>;
    assert.equal(params.parse_mode, 'HTML');
    assert.equal(params.photo, story().imageUrl);
    assert.equal(params.chat_id, '@khabar_gu');
    assert.ok(o.status === 'sent' && o.remoteUrl === `https://t.me/khabar_gu/${memory.messageId}`);
    assert.deepEqual({ kind: memory.kind, chatId: memory.chatId, imageUrl: memory.imageUrl }, { kind: 'photo', chatId: -1001234567890, imageUrl: story().imageUrl });
  });
  test('without an image: sendMessage with a link preview of the story', async () => {
    const memory = sent(await deliver(story({ imageUrl: null })));
    const params = JSON.parse(tg.calls('sendMessage').at(-1)!.body.toString('utf8')) as Record<string, unknown>;
    assert.deepEqual(params.link_preview_options, { url: story().url });
    assert.equal(memory.kind, 'text');
  });
  test('read button in the story language; breaking prefix; silent unless breaking', async () => {
    sent(await deliver(story({ breaking: true }), null, { readButton: true, silentUnlessBreaking: true }));
    let post = tg.posts('khabar_gu').at(-1)!;
    assert.deepEqual(post.reply_markup, { inline_keyboard: [[{ text: 'સમાચાર વાંચો', url: story().url }]] });
    assert.ok(post.text.startsWith('🔴 બ્રેકિંગ: '));
    assert.equal(post.disable_notification, false);
    sent(await deliver(story({ language: 'en', headline: 'Rains & <floods>' }), null, { readButton: true, silentUnlessBreaking: true }));
    post = tg.posts('khabar_gu').at(-1)!;
    assert.deepEqual(post.reply_markup, { inline_keyboard: [[{ text: 'Read the story', url: story().url }]] });
    assert.ok(post.text.startsWith('Rains & <floods>'));
    assert.equal(post.disable_notification, true);
  });
  test('a photo Telegram cannot fetch: the story goes out once, as text', async () => {
    tg.brokenPhotos.add('https://khabar.example/media/broken.jpg');
    const memory = sent(await deliver(story({ imageUrl: 'https://khabar.example/media/broken.jpg' })));
    assert.equal(memory.kind, 'text');
    assert.equal(tg.posts('khabar_gu').length, 1);
  });
});

describe('Telegram edits and removal', () => {
  test('headline change edits the caption; same content costs no call; new image replaces the photo', async () => {
    const first = sent(await deliver(story()));
    const calls = tg.calls().length;
    const unchanged = await deliver(story({ kind: 'updated' }), first);
    assert.ok(unchanged.status === 'sent' && unchanged.unchanged === true);
    assert.equal(tg.calls().length, calls);

    const second = sent(await deliver(story({ kind: 'updated', headline: 'સુધારેલું શીર્ષક: ક્ષેત્ર' }), first));
    assert.equal(tg.calls('editMessageCaption').length, 1);
    assert.ok(tg.posts('khabar_gu')[0]!.text.startsWith('સુધારેલું શીર્ષક: ક્ષેત્ર'));

    sent(await deliver(story({ kind: 'corrected', headline: 'સુધારેલું શીર્ષક: ક્ષેત્ર', imageUrl: 'https://khabar.example/media/42/new.jpg' }), second));
    assert.equal(tg.calls('editMessageMedia').length, 1);
    assert.equal(tg.posts('khabar_gu')[0]!.photo, 'https://khabar.example/media/42/new.jpg');
    assert.equal(tg.posts('khabar_gu').length, 1, 'edits never post again');
  });
  test('a text post is edited with editMessageText; a repeated publish edits instead of posting twice', async () => {
    const first = sent(await deliver(story({ imageUrl: null })));
    sent(await deliver(story({ imageUrl: null, kind: 'published', dek: 'નવો સાર' }), first));
    assert.equal(tg.calls('editMessageText').length, 1);
    assert.equal(tg.posts('khabar_gu').length, 1);
  });
  test('"message is not modified" counts as sent, unchanged', async () => {
    const first = sent(await deliver(story({ imageUrl: null })));
    const o = await deliver(story({ imageUrl: null, kind: 'updated' }), { ...first, contentHash: 'stale' });
    assert.ok(o.status === 'sent' && o.unchanged === true, JSON.stringify(o));
  });
  test('editing a post deleted by hand fails as remoteMissing with Telegram’s words', async () => {
    const first = sent(await deliver(story()));
    tg.posts('khabar_gu')[0]!.deleted = true;
    const o = await deliver(story({ kind: 'updated', headline: 'નવું' }), first);
    assert.deepEqual(o.status === 'failed' && [o.reason, o.detail], ['remoteMissing', 'Bad Request: message to edit not found']);
  });
  test('unpublish deletes the post; nothing is remembered after', async () => {
    const first = sent(await deliver(story()));
    const o = await deliver(story({ kind: 'unpublished' }), first);
    assert.deepEqual(o, { status: 'sent', remoteId: null, remoteUrl: null, memory: null });
    assert.equal(tg.posts('khabar_gu')[0]!.deleted, true);
  });
  test('a post too old to delete is marked withdrawn instead: struck headline, note, no link or button', async () => {
    const first = sent(await deliver(story({ imageUrl: null }), null, { readButton: true }));
    tg.posts('khabar_gu')[0]!.old = true;
    const memory = sent(await deliver(story({ kind: 'unpublished' }), first, { readButton: true }));
    const post = tg.posts('khabar_gu')[0]!;
    assert.equal(post.deleted, false);
    assert.equal(post.text, `${hardHeadline}\n\nઆ સમાચાર પાછા ખેંચી લેવાયા છે.`);
    assert.equal(post.entities[0]!.type, 'strikethrough');
    assert.deepEqual(post.reply_markup, { inline_keyboard: [] });
    assert.equal(memory.withdrawn, true);
    // Published again: the same post is restored, not a new one.
    sent(await deliver(story({ kind: 'published', imageUrl: null }), memory, { readButton: true }));
    assert.ok(tg.posts('khabar_gu')[0]!.text.startsWith(hardHeadline));
    assert.equal(tg.posts('khabar_gu').length, 1);
  });
  test('onUnpublish "mark" edits the photo caption', async () => {
    const first = sent(await deliver(story()));
    sent(await deliver(story({ kind: 'unpublished' }), first, { onUnpublish: 'mark' }));
    assert.equal(tg.calls('deleteMessage').length, 0);
    assert.match(tg.posts('khabar_gu')[0]!.text, /પાછા ખેંચી લેવાયા/);
  });
});

describe('Telegram errors', () => {
  test('429 with parameters.retry_after → retry after that many seconds', async () => {
    tg.rateLimit = { remaining: 1, retryAfter: 7 };
    const o = await deliver(story());
    assert.deepEqual(o, { status: 'retry', reason: 'rateLimited', detail: 'Too Many Requests: retry after 7', retryAfterMs: 7000 });
    assert.equal(tg.posts('khabar_gu').length, 0);
  });
  test('revoked token (401), bot not a member (403), not an administrator (400): permanent, in Telegram’s words', async () => {
    let o = await deliver(story(), null, { botToken: '999:revoked_token_abcdefghijklmnopqrstu' });
    assert.deepEqual(o.status === 'failed' && [o.reason, o.detail, o.httpStatus], ['unauthorized', 'Unauthorized', 401]);
    o = await deliver(story(), null, { chatId: '@not_member' });
    assert.deepEqual(o.status === 'failed' && [o.reason, o.detail], ['forbidden', 'Forbidden: bot is not a member of the channel chat']);
    o = await deliver(story(), null, { chatId: '@not_admin' });
    assert.deepEqual(o.status === 'failed' && [o.reason, o.detail], ['rejected', 'Bad Request: need administrator rights in the channel chat']);
    o = await deliver(story(), null, { chatId: '@nowhere' });
    assert.deepEqual(o.status === 'failed' && o.detail, 'Bad Request: chat not found');
  });
  test('reset after the request arrived → unknown (and the service did receive it once)', async () => {
    const before = tg.calls().length;
    tg.server.faults.push('reset');
    const o = await deliver(story());
    assert.deepEqual(o.status === 'unknown' && o.reason, 'connectionLostAfterSend');
    assert.equal(tg.calls().length, before + 1);
  });
  test('no answer in time after sending → unknown', async () => {
    tg.server.faults.push('hang');
    const o = await deliver(story(), null, {}, { ...local, timeoutMs: 300 });
    assert.deepEqual(o.status === 'unknown' && o.reason, 'timeoutAfterSend');
  });
  test('nothing listening → retry (nothing was sent)', async () => {
    const o = await deliver(story(), null, { apiBase: `http://127.0.0.1:${await closedPort()}` });
    assert.deepEqual(o.status === 'retry' && o.reason, 'network');
  });
  test('a 5xx page that is not JSON → retry; a 200 that is not JSON → unknown', async () => {
    const { FakeServer } = await import('./fakes/server.js');
    for (const [status, expected] of [[502, 'retry'], [200, 'unknown']] as const) {
      const broken = await new FakeServer(() => ({ status, body: '<html>Bad Gateway</html>' })).start();
      const o = await deliver(story(), null, { apiBase: broken.url });
      assert.equal(o.status, expected);
      await broken.close();
    }
  });
  test('the guard refuses a local Bot API address unless private addresses are allowed', async () => {
    const before = tg.calls().length;
    const o = await deliver(story(), null, {}, { allowPrivate: false, timeoutMs: 1000 });
    assert.deepEqual(o.status === 'failed' && o.reason, 'addressRefused');
    assert.equal(tg.calls().length, before);
  });
});
