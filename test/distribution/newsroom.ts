// A newsroom with every channel configured against local test services: a fresh database,
// sections (one a sub-section), an admin and an editor, the real commands to write stories, and
// the real outbox (fan-out) and delivery worker to send them.
import { createECDH, randomBytes, type ECDH } from 'node:crypto';
import { LocalChangeFeed } from '../../src/content/changes.js';
import type { Actor } from '../../src/content/policies.js';
import { dispatchPending } from '../../src/distribution/outbox.js';
import { fanoutHandler } from '../../src/distribution/fanout.js';
import { DeliveryWorker, type DeliveryOptions, type DeliveryRun } from '../../src/distribution/deliveryWorker.js';
import { saveChannel } from '../../src/distribution/commands/saveChannel.js';
import { addRecipient } from '../../src/distribution/recipients.js';
import type { ChannelRules } from '../../src/distribution/channelStore.js';
import { generateVapidKeys, type WebPushTarget } from '../../src/distribution/channels/webpush.js';
import { generateSecretKey, parseSecretKey, type SecretKey } from '../../src/distribution/secrets.js';
import type { ChannelType } from '../../src/distribution/channels/types.js';
import type { WriterDeps } from '../../src/newsroom/articleWriter.js';
import { createDraft } from '../../src/newsroom/commands/createDraft.js';
import { saveArticle } from '../../src/newsroom/commands/saveArticle.js';
import { publishChanges } from '../../src/newsroom/commands/publishChanges.js';
import type { ArticleEdit } from '../../src/newsroom/articleInput.js';
import type { Delivery } from '../../src/db/schema.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeServer, type Answer } from './fakes/server.js';
import { FakeTelegram } from './fakes/telegram.js';
import { FakeX, type XApp } from './fakes/x.js';
import { FakeWhatsApp } from './fakes/whatsapp.js';
import { FakePushService } from './fakes/push.js';

export const publicUrl = 'https://khabar.example';
export const botToken = '123456:AAE-khabar_test_token_0123456789';
export const xApp: XApp = { consumerKey: 'ck-khabar', consumerSecret: 'cs-ગુપ્ત-secret', token: '1850-khabar-token', tokenSecret: 'ts-secret-0123' };
export const waToken = 'EAAG-khabar-test-token';
export const waPhoneId = '106540352242922';
export const webhookSecret = 'whsec_ગુપ્ત_0123456789abcdef';

/** A browser's side of a push subscription. */
export function browser(endpoint: string): { target: WebPushTarget; ecdh: ECDH; auth: Buffer } {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return { target: { endpoint, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } }, ecdh, auth };
}

export interface Services {
  tg: FakeTelegram;
  x: FakeX;
  wa: FakeWhatsApp;
  push: FakePushService;
  hook: FakeServer;
  /** What the webhook receiver answers next (then 204). */
  hookAnswers: Answer[];
  hub: FakeServer;
  close(): Promise<void>;
}

export async function startServices(): Promise<Services> {
  const tg = await new FakeTelegram().start();
  tg.tokens.add(botToken);
  tg.addChannel('khabar_gu', -1001234567890);
  const x = await new FakeX(xApp).start();
  const wa = await new FakeWhatsApp(waPhoneId, waToken).start();
  wa.templates.push({ name: 'breaking_news', language: 'gu', headerImage: false, bodyParams: 2, urlButton: false });
  const push = await new FakePushService().start();
  const hookAnswers: Answer[] = [];
  const hook = await new FakeServer(() => hookAnswers.shift() ?? { status: 204 }).start();
  const hub = await new FakeServer(() => ({ status: 204 })).start();
  return {
    tg, x, wa, push, hook, hookAnswers, hub,
    async close() {
      await Promise.all([tg.server.close(), x.server.close(), wa.server.close(), push.server.close(), hook.close(), hub.close()]);
    },
  };
}

const vapidKeys = await generateVapidKeys();

/** Each channel type's config against the local services. */
export function configFor(type: ChannelType, s: Services): Record<string, unknown> {
  switch (type) {
    case 'telegram':
      return { botToken, chatId: '@khabar_gu', apiBase: s.tg.url, readButton: true };
    case 'x':
      return { consumerKey: xApp.consumerKey, consumerSecret: xApp.consumerSecret, accessToken: xApp.token, accessTokenSecret: xApp.tokenSecret, username: 'khabar_gu', apiBase: s.x.url };
    case 'whatsapp':
      return { phoneNumberId: waPhoneId, accessToken: waToken, apiBase: s.wa.url, template: { name: 'breaking_news', language: 'gu', body: ['headline', 'url'] } };
    case 'webpush':
      return { vapid: { subject: 'mailto:desk@khabar.example', ...vapidKeys } };
    case 'webhook':
      return { url: `${s.hook.url}/hooks/khabar`, secrets: [webhookSecret] };
    case 'websub':
      return { hubUrl: `${s.hub.url}/hub`, feedUrls: [`${publicUrl}/feed.xml`, `${publicUrl}/{section}/feed.xml`] };
  }
}

export interface Newsroom {
  db: TestDatabase;
  deps: WriterDeps;
  key: SecretKey;
  /** The key as KHABAR_SECRET_KEY would hold it (for child processes). */
  keyText: string;
  admin: Actor;
  editor: Actor;
  sections: { desh: number; gujarat: number; surat: number };
  /** Adds a channel through the real command (allowed to reach 127.0.0.1). */
  channel(type: ChannelType, rules?: Partial<ChannelRules>, name?: string, config?: Record<string, unknown>): Promise<number>;
  /** Adds a reader to a per-reader channel. */
  reader(channelId: number, target: unknown, topics?: string[]): Promise<number>;
  /** A draft through the real command. */
  draft(edit?: Partial<ArticleEdit>): Promise<number>;
  /** Saves an edit through the real command (on the current version). */
  save(id: number, edit: ArticleEdit): Promise<void>;
  /** Runs the outbox (fan-out) only: the deliveries are made, none is sent. */
  dispatch(): Promise<void>;
  /** Runs the outbox (fan-out) and then delivers everything due. */
  pump(options?: Partial<DeliveryOptions>): Promise<DeliveryRun>;
  deliveries(): Promise<Delivery[]>;
  close(): Promise<void>;
}

export async function newsroom(services: Services): Promise<Newsroom> {
  const db = await openTestDatabase();
  const now = new Date().toISOString();
  const section = async (slug: string, name: string, parent: number | null) =>
    (await db.db.insertInto('sections').values({ slug, name, description: '', parent_id: parent, position: 0, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  const desh = await section('desh-videsh', 'દેશ-વિદેશ', null);
  const gujarat = await section('gujarat', 'ગુજરાત', null);
  const surat = await section('surat', 'સુરત', gujarat);
  const person = async (role: 'admin' | 'editor') =>
    (await db.db
      .insertInto('people')
      .values({ slug: `p-${role}`, name: `${role} સંપાદક`, bio: '', title: '', email: `${role}@example.com`, created_at: now, role, password_hash: null, locked_until: null })
      .returning('id')
      .executeTakeFirstOrThrow()).id;
  const admin: Actor = { id: await person('admin'), role: 'admin' };
  const editor: Actor = { id: await person('editor'), role: 'editor' };
  const keyText = generateSecretKey();
  const key = parseSecretKey(keyText);
  const deps: WriterDeps = { db: db.db, feed: new LocalChangeFeed() };
  let n = 0;
  return {
    db,
    deps,
    key,
    keyText,
    admin,
    editor,
    sections: { desh, gujarat, surat },
    async channel(type, rules = {}, name = `${type} ચૅનલ`, config = configFor(type, services)) {
      return (await saveChannel({ db: db.db }, { actor: admin, type, name, config, rules, allowPrivate: true, secretKey: key })).id;
    },
    async reader(channelId, target, topics) {
      return (await addRecipient({ db: db.db }, { channelId, target, ...(topics && { topics }) })).id;
    },
    async draft(edit = {}) {
      n += 1;
      const r = await createDraft(deps, {
        actor: editor,
        edit: { headline: `સુરતમાં હીરાના કારખાનાં ફરી ધમધમ્યાં — ક્ષેત્ર ${n}`, dek: 'દિવાળી પછી ૨૦૨૬માં કામ શરૂ, "GST" & <રાહત>.', sectionId: desh, bodyHtml: '<p>કારીગરો પાછા ફર્યા.</p>', ...edit },
      });
      return r.id;
    },
    async save(id, edit) {
      const { version } = await db.db.selectFrom('articles').select('version').where('id', '=', id).executeTakeFirstOrThrow();
      const saved = await saveArticle(deps, { actor: editor, articleId: id, baseVersion: version, edit });
      // A live story's edit waits for "Update", as in the editor.
      if (saved.pending) await publishChanges(deps, { actor: editor, articleId: id, baseVersion: saved.version });
    },
    async dispatch() {
      await dispatchPending({ db: db.db, dialect: db.dialect }, [fanoutHandler]);
    },
    async pump(options = {}) {
      await dispatchPending({ db: db.db, dialect: db.dialect }, [fanoutHandler]);
      const worker = new DeliveryWorker({ db: db.db, dialect: db.dialect, publicUrl, secretKey: key, options: { timeoutMs: 3000, ...options }, log: () => undefined });
      return worker.deliverDue();
    },
    deliveries: () => db.db.selectFrom('deliveries').selectAll().orderBy('id').execute(),
    close: () => db.drop(),
  };
}
