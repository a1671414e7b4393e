import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { can, ensure, type Actor } from '../../content/policies.js';
import { channelTypes, isChannelType } from '../channels/index.js';
import type { ChangeKind } from '../channels/types.js';
import { ChannelError, maxDelaySeconds, sealConfig, unsealConfig, type ChannelRules } from '../channelStore.js';
import { SecretError, type SecretKey } from '../secrets.js';

export interface SaveChannelProps {
  /** An admin (distribution.manage). */
  actor: Actor;
  /** The channel to change; absent to add one. */
  channelId?: number;
  /** The adapter: telegram, whatsapp, x, webpush, webhook or websub (a channel keeps its type). */
  type: string;
  /** What the newsroom calls it. */
  name: string;
  /** The adapter's settings as entered; a secret left out or empty keeps the one stored. */
  config: Record<string, unknown>;
  /** Which changes reach it; kinds default to everything its adapter handles. */
  rules?: Partial<ChannelRules>;
  /** On by default for a new channel. */
  enabled?: boolean;
  /** Allow deliveries to private, loopback and link-local addresses. */
  allowPrivate?: boolean;
  /** KHABAR_SECRET_KEY; without it a channel with secrets cannot be saved. */
  secretKey: SecretKey | null;
  at?: Date;
}

const isEmptySecret = (v: unknown) => v === undefined || v === '' || (Array.isArray(v) && v.every((x) => x === ''));

/** Keeps stored secrets the form left empty (they are never shown back, so they come back empty). */
function withKeptSecrets(fields: readonly string[], entered: Record<string, unknown>, stored: Record<string, unknown>): Record<string, unknown> {
  const out = structuredClone(entered);
  for (const path of fields) {
    const parts = path.split('.');
    let from: unknown = stored;
    let to: Record<string, unknown> = out;
    for (const part of parts.slice(0, -1)) {
      from = typeof from === 'object' && from !== null ? (from as Record<string, unknown>)[part] : undefined;
      if (typeof to[part] !== 'object' || to[part] === null) to[part] = {};
      to = to[part] as Record<string, unknown>;
    }
    const last = parts.at(-1)!;
    const kept = typeof from === 'object' && from !== null ? (from as Record<string, unknown>)[last] : undefined;
    if (isEmptySecret(to[last]) && kept !== undefined) to[last] = kept;
  }
  return out;
}

/** Adds a channel or changes one: its settings (secrets encrypted), rules and switches. */
export async function saveChannel(deps: { db: Kysely<DB> }, p: SaveChannelProps): Promise<{ id: number }> {
  ensure(can(p.actor, 'distribution.manage'), 'distribution.manage');
  const at = (p.at ?? new Date()).toISOString();
  const name = p.name.trim();
  if (name === '' || Array.from(name).length > 100) throw new ChannelError({ code: 'badName' });
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const existing = p.channelId === undefined ? undefined : await trx.selectFrom('channels').selectAll().where('id', '=', p.channelId).executeTakeFirst();
      if (p.channelId !== undefined && !existing) throw new ChannelError({ code: 'channelNotFound' });
      const type = existing?.type ?? p.type;
      if (!isChannelType(type)) throw new ChannelError({ code: 'unknownType', type });
      const info = channelTypes[type];

      const entered = existing ? withKeptSecrets(info.secretFields, p.config, unsealConfig(type, existing.id, existing.config, p.secretKey)) : p.config;
      const parsed = info.adapter.configSchema.safeParse(entered);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ChannelError({ code: 'invalidConfig', field: issue?.path.join('.') ?? '', message: issue?.message ?? '' });
      }
      const config = parsed.data as Record<string, unknown>;

      const current = existing
        ? { sections: JSON.parse(existing.sections) as number[], breakingOnly: existing.breaking_only === 1, firstPublicationOnly: existing.first_publication_only === 1, delaySeconds: existing.delay_seconds, kinds: JSON.parse(existing.kinds) as ChangeKind[] }
        : { sections: [], breakingOnly: false, firstPublicationOnly: false, delaySeconds: 0, kinds: [...info.adapter.handles] };
      const rules: ChannelRules = { ...current, ...p.rules };
      for (const kind of rules.kinds) if (!info.adapter.handles.includes(kind)) throw new ChannelError({ code: 'kindNotHandled', kind });
      if (!Number.isInteger(rules.delaySeconds) || rules.delaySeconds < 0 || rules.delaySeconds > maxDelaySeconds) throw new ChannelError({ code: 'badDelay' });
      const sections = [...new Set(rules.sections)];
      if (sections.length > 0) {
        const found = await trx.selectFrom('sections').select('id').where('id', 'in', sections).execute();
        const missing = sections.find((id) => !found.some((f) => f.id === id));
        if (missing !== undefined) throw new ChannelError({ code: 'unknownSection', id: missing });
      }
      const columns = {
        name,
        sections: JSON.stringify(sections),
        breaking_only: rules.breakingOnly ? 1 : 0,
        first_publication_only: rules.firstPublicationOnly ? 1 : 0,
        delay_seconds: rules.delaySeconds,
        kinds: JSON.stringify([...new Set(rules.kinds)]),
        ...(p.enabled !== undefined && { enabled: p.enabled ? 1 : 0 }),
        ...(p.allowPrivate !== undefined && { allow_private: p.allowPrivate ? 1 : 0 }),
        updated_at: at,
      };
      let id: number;
      if (existing) {
        id = existing.id;
        await trx.updateTable('channels').set(columns).where('id', '=', id).execute();
      } else {
        // The id goes into each secret's associated data, so the row comes first.
        const row = await trx.insertInto('channels').values({ ...columns, type, config: '{}', created_by: p.actor.id, created_at: at }).returning('id').executeTakeFirstOrThrow();
        id = row.id;
      }
      await trx.updateTable('channels').set({ config: sealConfig(type, id, config, p.secretKey) }).where('id', '=', id).execute();
      return { id };
    });
  } catch (e) {
    if (e instanceof SecretError) throw new ChannelError({ code: 'secret', problem: e.problem });
    throw e;
  }
}
