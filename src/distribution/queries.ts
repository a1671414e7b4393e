// What the newsroom shows of distribution: the channels (secrets masked), each story's
// deliveries per channel, and the failures and in-doubt deliveries that need a person.
import { sql, type Kysely } from 'kysely';
import type { DB, DeliveryStatus } from '../db/schema.js';
import { isChannelType } from './channels/index.js';
import type { ChangeKind, ChannelType, OutcomeReason } from './channels/types.js';
import { maskedConfig, rulesOf, type ChannelRules } from './channelStore.js';
import { secretStorageProblem, type SecretKey, type SecretProblem } from './secrets.js';

export interface ChannelView {
  id: number;
  type: ChannelType;
  name: string;
  enabled: boolean;
  allowPrivate: boolean;
  rules: ChannelRules;
  /** The settings with every secret masked (`••••••••x9Qz`), never in full. */
  config: Record<string, unknown>;
  /** Deliveries by status (pending, retry, failed, unknown…). */
  counts: Partial<Record<DeliveryStatus, number>>;
  /** Readers, for channels that send to one at a time. */
  readers: number;
}

export interface ChannelsPage {
  channels: ChannelView[];
  /** Why secrets cannot be stored now (no or a malformed KHABAR_SECRET_KEY), or null. */
  secretProblem: SecretProblem | null;
}

export async function listChannels(db: Kysely<DB>, key: SecretKey | null, env: NodeJS.ProcessEnv = process.env): Promise<ChannelsPage> {
  const rows = await db.selectFrom('channels').selectAll().orderBy('name').orderBy('id').execute();
  const counts = await db.selectFrom('deliveries').select(['channel_id', 'status', sql<number>`count(*)`.as('n')]).groupBy(['channel_id', 'status']).execute();
  const readers = await db.selectFrom('recipients').select(['channel_id', sql<number>`count(*)`.as('n')]).groupBy('channel_id').execute();
  const channels = rows.flatMap((row): ChannelView[] => {
    if (!isChannelType(row.type)) return [];
    return [
      {
        id: row.id,
        type: row.type,
        name: row.name,
        enabled: row.enabled === 1,
        allowPrivate: row.allow_private === 1,
        rules: rulesOf(row),
        config: maskedConfig(row.type, row.id, row.config, key),
        counts: Object.fromEntries(counts.filter((c) => c.channel_id === row.id).map((c) => [c.status, Number(c.n)])),
        readers: Number(readers.find((r) => r.channel_id === row.id)?.n ?? 0),
      },
    ];
  });
  return { channels, secretProblem: secretStorageProblem(env) };
}

export interface DeliveryView {
  id: number;
  channelId: number;
  channelName: string;
  channelType: string;
  articleId: number;
  kind: ChangeKind;
  status: DeliveryStatus;
  attempts: number;
  /** When it goes (again), for pending and retry. */
  nextAttemptAt: Date | null;
  reason: OutcomeReason | null;
  /** The service's own words. */
  detail: string | null;
  httpStatus: number | null;
  /** A link to the post. */
  remoteUrl: string | null;
  unchanged: boolean;
  createdAt: Date;
  completedAt: Date | null;
  /** Failed and unknown deliveries can be resent (resendDelivery). */
  resendable: boolean;
}

/** Deliveries to readers one at a time (push, WhatsApp) are counted, not listed. */
export interface ReaderDeliveries {
  channelId: number;
  channelName: string;
  channelType: string;
  kind: ChangeKind;
  counts: Partial<Record<DeliveryStatus, number>>;
}

function deliveryQuery(db: Kysely<DB>) {
  return db
    .selectFrom('deliveries')
    .innerJoin('channels', 'channels.id', 'deliveries.channel_id')
    .select([
      'deliveries.id',
      'deliveries.channel_id',
      'channels.name as channel_name',
      'channels.type as channel_type',
      'deliveries.article_id',
      'deliveries.kind',
      'deliveries.status',
      'deliveries.attempts',
      'deliveries.next_attempt_at',
      'deliveries.reason',
      'deliveries.detail',
      'deliveries.http_status',
      'deliveries.remote_url',
      'deliveries.unchanged',
      'deliveries.created_at',
      'deliveries.completed_at',
    ]);
}

type DeliveryRow = Awaited<ReturnType<ReturnType<typeof deliveryQuery>['execute']>>[number];

function toView(r: DeliveryRow): DeliveryView {
  const waiting = r.status === 'pending' || r.status === 'retry';
  return {
    id: r.id,
    channelId: r.channel_id,
    channelName: r.channel_name,
    channelType: r.channel_type,
    articleId: r.article_id,
    kind: r.kind as ChangeKind,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: waiting ? new Date(r.next_attempt_at) : null,
    reason: r.reason as OutcomeReason | null,
    detail: r.detail,
    httpStatus: r.http_status,
    remoteUrl: r.remote_url,
    unchanged: r.unchanged === 1,
    createdAt: new Date(r.created_at),
    completedAt: r.completed_at === null ? null : new Date(r.completed_at),
    resendable: r.status === 'failed' || r.status === 'unknown',
  };
}

/** A story's deliveries, oldest first: each channel post, and per-reader channels counted. */
export async function storyDeliveries(db: Kysely<DB>, articleId: number): Promise<{ posts: DeliveryView[]; readers: ReaderDeliveries[] }> {
  const posts = await deliveryQuery(db).where('deliveries.article_id', '=', articleId).where('deliveries.recipient_id', '=', 0).orderBy('deliveries.id').execute();
  const readers = await db
    .selectFrom('deliveries')
    .innerJoin('channels', 'channels.id', 'deliveries.channel_id')
    .select(['deliveries.channel_id', 'channels.name', 'channels.type', 'deliveries.kind', 'deliveries.status', sql<number>`count(*)`.as('n')])
    .where('deliveries.article_id', '=', articleId)
    .where('deliveries.recipient_id', '!=', 0)
    .groupBy(['deliveries.channel_id', 'channels.name', 'channels.type', 'deliveries.kind', 'deliveries.status'])
    .orderBy('deliveries.channel_id')
    .execute();
  const grouped = new Map<string, ReaderDeliveries>();
  for (const r of readers) {
    const key = `${r.channel_id}:${r.kind}`;
    const entry = grouped.get(key) ?? { channelId: r.channel_id, channelName: r.name, channelType: r.type, kind: r.kind as ChangeKind, counts: {} };
    entry.counts[r.status] = Number(r.n);
    grouped.set(key, entry);
  }
  return { posts: posts.map(toView), readers: [...grouped.values()] };
}

/**
 * For the dashboard: channel deliveries that failed or whose arrival is unknown, newest first,
 * with the story's headline. Readers who are gone (push unsubscribed) are routine, not listed.
 */
export async function deliveryProblems(db: Kysely<DB>, limit = 20): Promise<Array<DeliveryView & { headline: string }>> {
  const rows = await deliveryQuery(db)
    .innerJoin('articles', 'articles.id', 'deliveries.article_id')
    .select('articles.headline')
    .where('deliveries.status', 'in', ['failed', 'unknown'])
    .where('deliveries.recipient_id', '=', 0)
    .orderBy('deliveries.completed_at', 'desc')
    .orderBy('deliveries.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...toView(r), headline: r.headline }));
}
