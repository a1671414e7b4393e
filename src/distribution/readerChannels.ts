// What the reader site needs of the channels that send to readers one at a time: the web push
// channel (made on first start with its VAPID keys, which are kept for good: a new key pair would
// orphan every browser's subscription) and the WhatsApp Cloud API channel's opt-in and webhook.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../db/dialect.js';
import type { DB } from '../db/schema.js';
import { takeWriteLock } from '../db/locking.js';
import { channelTypes } from './channels/index.js';
import { generateVapidKeys } from './channels/webpush.js';
import { parseWhatsAppWebhook, verifyWhatsAppSignature, whatsappChallenge, type WhatsAppConfig } from './channels/whatsapp.js';
import { openChannel, sealConfig } from './channelStore.js';
import { addRecipient, removeRecipient } from './recipients.js';
import type { SecretKey } from './secrets.js';
import { distributionMessages } from '../i18n/distribution.js';

/** Any number of Khabar's own: the lock two starting instances take to make one web push channel. */
const webpushLock = 4_711_008;

/**
 * Makes the web push channel with a fresh VAPID key pair when there is none (and the private key
 * can be stored), named in Gujarati, the newsroom's usual language (admins may rename it).
 * Under a lock, so two instances starting together make one.
 * Returns the channel's id, or null without KHABAR_SECRET_KEY.
 */
export async function ensureWebPushChannel(deps: { db: Kysely<DB>; dialect: Dialect }, key: SecretKey | null, publicUrl: string, at = new Date()): Promise<number | null> {
  if (key === null) return null;
  return deps.db.transaction().execute(async (trx) => {
    await takeWriteLock(trx, deps.dialect);
    // PostgreSQL has no write lock to take: an advisory lock held to the commit does the same here.
    if (deps.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${webpushLock})`.execute(trx);
    const existing = await trx.selectFrom('channels').select('id').where('type', '=', 'webpush').orderBy('id').executeTakeFirst();
    if (existing) return existing.id;
    const now = at.toISOString();
    const subject = publicUrl.startsWith('https://') ? publicUrl : 'mailto:newsroom@example.invalid';
    const config = channelTypes.webpush.adapter.configSchema.parse({ vapid: { subject, ...(await generateVapidKeys()) } }) as Record<string, unknown>;
    const row = await trx
      .insertInto('channels')
      .values({ type: 'webpush', name: distributionMessages('gu').channelNames.webpush, config: '{}', kinds: JSON.stringify(channelTypes.webpush.adapter.handles), created_by: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('channels').set({ config: sealConfig('webpush', row.id, config, key) }).where('id', '=', row.id).execute();
    return row.id;
  });
}

export interface PushInfo {
  channelId: number;
  /** The VAPID public key browsers subscribe with (base64url); it is not a secret. */
  publicKey: string;
}

/** The enabled web push channel readers can subscribe to, or null. */
export async function pushInfo(db: Kysely<DB>): Promise<PushInfo | null> {
  const row = await db.selectFrom('channels').select(['id', 'config']).where('type', '=', 'webpush').where('enabled', '=', 1).orderBy('id').executeTakeFirst();
  if (!row) return null;
  const config = JSON.parse(row.config) as { vapid?: { publicKey?: unknown } };
  return typeof config.vapid?.publicKey === 'string' ? { channelId: row.id, publicKey: config.vapid.publicKey } : null;
}

/** The enabled WhatsApp Cloud API channel readers can opt in to, or null. */
export async function whatsappOptInChannel(db: Kysely<DB>): Promise<number | null> {
  const row = await db.selectFrom('channels').select('id').where('type', '=', 'whatsapp').where('enabled', '=', 1).orderBy('id').executeTakeFirst();
  return row?.id ?? null;
}

/** A WhatsApp channel's webhook settings, or null when the channel is not there, not WhatsApp, or has none. */
async function webhookSettings(db: Kysely<DB>, key: SecretKey | null, channelId: number): Promise<NonNullable<WhatsAppConfig['webhook']> | null> {
  const row = await db.selectFrom('channels').selectAll().where('id', '=', channelId).where('type', '=', 'whatsapp').executeTakeFirst();
  if (!row) return null;
  try {
    return (openChannel(row, key).config as WhatsAppConfig).webhook ?? null;
  } catch {
    return null;
  }
}

/** The GET handshake: the challenge to echo, or null (wrong token, no such channel). */
export async function whatsappWebhookChallenge(db: Kysely<DB>, key: SecretKey | null, channelId: number, query: Record<string, unknown>): Promise<string | null> {
  const settings = await webhookSettings(db, key, channelId);
  return settings ? whatsappChallenge(query, settings.verifyToken) : null;
}

/**
 * A signed webhook call: readers who replied STOP (or a Gujarati stop word, see
 * `parseWhatsAppWebhook`) are removed; those who replied START are added back. Null when the
 * signature does not match the app secret (nothing is read from such a body).
 */
export async function whatsappWebhook(
  db: Kysely<DB>,
  key: SecretKey | null,
  channelId: number,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<{ optedOut: number; optedIn: number } | null> {
  const settings = await webhookSettings(db, key, channelId);
  if (!settings || !verifyWhatsAppSignature(rawBody, signature, settings.appSecret)) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { optedOut: 0, optedIn: 0 };
  }
  const { optOuts, optIns } = parseWhatsAppWebhook(payload);
  let optedOut = 0;
  let optedIn = 0;
  for (const o of optOuts) if (await removeRecipient({ db }, { channelId, address: o.waId })) optedOut += 1;
  for (const o of optIns) {
    // A STOP later in the same call wins.
    if (optOuts.some((x) => x.waId === o.waId && x.at >= o.at)) continue;
    await addRecipient({ db }, { channelId, target: { to: o.waId }, at: o.at });
    optedIn += 1;
  }
  return { optedOut, optedIn };
}

/** The hub feeds declare (`<atom:link rel="hub">`): the enabled WebSub channel's, or null. */
export async function websubHub(db: Kysely<DB>): Promise<string | null> {
  const row = await db.selectFrom('channels').select('config').where('type', '=', 'websub').where('enabled', '=', 1).orderBy('id').executeTakeFirst();
  if (!row) return null;
  const hub = (JSON.parse(row.config) as { hubUrl?: unknown }).hubUrl;
  return typeof hub === 'string' ? hub : null;
}
