// Channels at rest: the adapter's config as JSON with every secret field encrypted in place
// (AES-256-GCM, bound to the channel and the field), and the rules that pick which story
// changes reach the channel.
import { z } from 'zod';
import type { Channel } from '../db/schema.js';
import type { ChannelProblem } from '../i18n/distribution.js';
import { channelTypes, isChannelType, type ChannelTypeInfo } from './channels/index.js';
import { changeKinds, type ChangeKind, type ChannelType } from './channels/types.js';
import { decryptSecret, encryptSecret, maskSecret, SecretError, type SecretKey } from './secrets.js';

export type { ChannelProblem };

/** A channel could not be saved, opened or used; `problem` is shown through `distributionMessages().channelProblem`. */
export class ChannelError extends Error {
  constructor(readonly problem: ChannelProblem) {
    super(`channel: ${JSON.stringify(problem)}`);
    this.name = 'ChannelError';
  }
}

/** Which story changes reach a channel. */
export interface ChannelRules {
  /** Section ids; empty for all. A story in a sub-section counts for its parent section. */
  sections: number[];
  /** Only stories flagged breaking. */
  breakingOnly: boolean;
  /** A story published again after an unpublish is not posted again. */
  firstPublicationOnly: boolean;
  /** Seconds a post waits after the story goes public. */
  delaySeconds: number;
  /** The change kinds the channel acts on (within what its adapter handles). */
  kinds: ChangeKind[];
}

export const maxDelaySeconds = 86_400;

const kindsSchema = z.array(z.enum(changeKinds));
const sectionsSchema = z.array(z.number().int().positive());

/** The rules stored on a channel row. */
export function rulesOf(row: Pick<Channel, 'sections' | 'breaking_only' | 'first_publication_only' | 'delay_seconds' | 'kinds'>): ChannelRules {
  return {
    sections: sectionsSchema.parse(JSON.parse(row.sections)),
    breakingOnly: row.breaking_only === 1,
    firstPublicationOnly: row.first_publication_only === 1,
    delaySeconds: row.delay_seconds,
    kinds: kindsSchema.parse(JSON.parse(row.kinds)),
  };
}

type Json = Record<string, unknown>;

function getPath(obj: Json, path: string): unknown {
  let at: unknown = obj;
  for (const part of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Json)[part];
  }
  return at;
}

function setPath(obj: Json, path: string, value: unknown): void {
  const parts = path.split('.');
  let at = obj;
  for (const part of parts.slice(0, -1)) {
    const next = at[part];
    if (typeof next !== 'object' || next === null) return;
    at = next as Json;
  }
  at[parts.at(-1)!] = value;
}

/** Applies `f` to each secret string of a config (a path may name one string or an array of them). */
function mapSecrets(info: ChannelTypeInfo, config: Json, f: (value: string, context: string) => string): Json {
  const out = structuredClone(config);
  for (const path of info.secretFields) {
    const value = getPath(out, path);
    if (typeof value === 'string') setPath(out, path, f(value, path));
    else if (Array.isArray(value)) setPath(out, path, value.map((v, i) => (typeof v === 'string' ? f(v, `${path}.${i}`) : v)));
  }
  return out;
}

const contextOf = (channelId: number, field: string) => `channel:${channelId}:${field}`;

/** Whether a config of this type holds anything that must be encrypted. */
export function hasSecrets(type: ChannelType, config: Json): boolean {
  return channelTypes[type].secretFields.some((path) => {
    const v = getPath(config, path);
    return typeof v === 'string' || (Array.isArray(v) && v.length > 0);
  });
}

/** The config as stored: secrets encrypted for this channel and field. Throws SecretError without a usable key. */
export function sealConfig(type: ChannelType, channelId: number, config: Json, key: SecretKey | null): string {
  if (hasSecrets(type, config) && key === null) throw new SecretError('keyMissing', 'KHABAR_SECRET_KEY is not set');
  return JSON.stringify(mapSecrets(channelTypes[type], config, (v, field) => encryptSecret(v, key!, contextOf(channelId, field))));
}

/** The stored config with its secrets in clear (not yet validated). Throws SecretError. */
export function unsealConfig(type: ChannelType, channelId: number, stored: string, key: SecretKey | null): Json {
  const config = JSON.parse(stored) as Json;
  if (hasSecrets(type, config) && key === null) throw new SecretError('keyMissing', 'KHABAR_SECRET_KEY is not set');
  return mapSecrets(channelTypes[type], config, (v, field) => decryptSecret(v, key!, contextOf(channelId, field)));
}

/** The config as it may be shown back: each secret masked (nothing of it at all when it cannot be opened). */
export function maskedConfig(type: ChannelType, channelId: number, stored: string, key: SecretKey | null): Json {
  const info = channelTypes[type];
  const config = JSON.parse(stored) as Json;
  return mapSecrets(info, config, (v, field) => {
    if (key === null) return '••••••••';
    try {
      return maskSecret(decryptSecret(v, key, contextOf(channelId, field)));
    } catch {
      return '••••••••';
    }
  });
}

/** A channel ready to deliver: config decrypted and validated by its adapter. */
export interface OpenChannel {
  id: number;
  type: ChannelType;
  name: string;
  info: ChannelTypeInfo;
  config: unknown;
  rules: ChannelRules;
  allowPrivate: boolean;
}

/** Opens a stored channel; throws SecretError (key missing or wrong) or ChannelError (config no longer valid). */
export function openChannel(row: Channel, key: SecretKey | null): OpenChannel {
  if (!isChannelType(row.type)) throw new ChannelError({ code: 'unknownType', type: row.type });
  const info = channelTypes[row.type];
  const parsed = info.adapter.configSchema.safeParse(unsealConfig(row.type, row.id, row.config, key));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ChannelError({ code: 'invalidConfig', field: issue?.path.join('.') ?? '', message: issue?.message ?? '' });
  }
  return { id: row.id, type: row.type, name: row.name, info, config: parsed.data, rules: rulesOf(row), allowPrivate: row.allow_private === 1 };
}
