// Channel secrets (bot tokens, API keys, webhook secrets) at rest: AES-256-GCM under a key from
// KHABAR_SECRET_KEY. A stored value is `v1.<key id>.<iv>.<ciphertext>.<tag>` (base64url parts);
// the key id (first bytes of the key's SHA-256) tells "stored with another key" apart from damage.
// The context (e.g. "channel:12:botToken") is bound as associated data, so a value copied to
// another channel or field does not open.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { SecretProblem } from '../i18n/distribution.js';

export type { SecretProblem };


/** A secret could not be stored or read; `problem` is shown through `distributionMessages().secretProblem`. */
export class SecretError extends Error {
  constructor(readonly problem: SecretProblem, message: string) {
    super(message);
    this.name = 'SecretError';
  }
}

export interface SecretKey {
  readonly key: Buffer;
  /** Short fingerprint written beside each value. */
  readonly id: string;
}

/** Reads the key: 32 bytes as base64/base64url (43–44 characters) or hex (64 characters). */
export function parseSecretKey(raw: string | undefined): SecretKey {
  const text = raw?.trim() ?? '';
  if (text === '') throw new SecretError('keyMissing', 'KHABAR_SECRET_KEY is not set');
  let key: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(text)) key = Buffer.from(text, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key === null || key.length !== 32) throw new SecretError('keyMalformed', 'KHABAR_SECRET_KEY must be 32 bytes, as base64 or hex');
  return { key, id: createHash('sha256').update(key).digest('base64url').slice(0, 8) };
}

/** The key from the environment; throws a SecretError saying what is wrong. */
export function secretKeyFromEnv(env: NodeJS.ProcessEnv = process.env): SecretKey {
  return parseSecretKey(env.KHABAR_SECRET_KEY);
}

/** Null when secrets can be stored, else why not (for the channels page). */
export function secretStorageProblem(env: NodeJS.ProcessEnv = process.env): SecretProblem | null {
  try {
    secretKeyFromEnv(env);
    return null;
  } catch (e) {
    if (e instanceof SecretError) return e.problem;
    throw e;
  }
}

/** A fresh key, base64, for `KHABAR_SECRET_KEY`. */
export function generateSecretKey(): string {
  return randomBytes(32).toString('base64');
}

export function encryptSecret(plain: string, key: SecretKey, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', key.id, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

export function decryptSecret(stored: string, key: SecretKey, context: string): string {
  const parts = stored.split('.');
  if (parts.length !== 5 || parts[0] !== 'v1') throw new SecretError('undecryptable', 'not a stored secret');
  const [, keyId, iv, body, tag] = parts as [string, string, string, string, string];
  if (keyId !== key.id) throw new SecretError('undecryptable', `stored with another key (${keyId}, current ${key.id})`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretError('undecryptable', 'the stored secret is damaged or belongs to another field');
  }
}

/**
 * A secret as it may be shown back: its last 4 characters after bullets (`••••••••x9Qz`), and
 * nothing at all of short secrets (fewer than 12 characters), whose last 4 would give too much away.
 */
export function maskSecret(secret: string): string {
  const chars = Array.from(secret);
  if (chars.length < 12) return '••••••••';
  return `••••••••${chars.slice(-4).join('')}`;
}
