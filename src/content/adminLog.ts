import type { Kysely, Transaction } from 'kysely';
import type { AdminOrigin, DB } from '../db/schema.js';

/** One value that changed, as JSON values: null for "nothing" (created, deleted). */
export interface AdminChange {
  key: string;
  before: unknown;
  after: unknown;
}

/** An admin action as the log keeps it. */
export interface AdminLogEntry {
  /** Who did it; null from the command line. */
  personId: number | null;
  origin: AdminOrigin;
  /** `settings.update`, `section.create`, `section.update`, `section.merge`, `tag.delete`… */
  action: string;
  subjectType: 'settings' | 'section' | 'tag';
  subjectId: number | null;
  /** The subject's name when it happened (a deleted section keeps a readable line). */
  subjectName: string;
  changes: AdminChange[];
}

/** What stands in for a secret in the log. */
export const maskedValue = '••••••';

/** Names of values that are secrets wherever they appear (tokens, passwords, keys of other admin screens). */
const secretName = /(secret|password|passwd|token|api[-_]?key|private)/i;

/**
 * A value as the log may keep it: a secret's value is masked whole, and a password inside a URL
 * (`smtp://user:pass@host`) is masked, so that the log never becomes a place to read secrets from.
 */
export function maskSecrets(key: string, value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (secretName.test(key)) return maskedValue;
  if (typeof value === 'string') return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@\s]*):[^@/\s]*@/i, `$1:${maskedValue}@`);
  if (Array.isArray(value)) return value.map((v) => maskSecrets(key, v));
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(k, v)]));
  return value;
}

/** Writes one entry inside the caller's transaction (the change and its record commit together). */
export async function logAdminAction(trx: Transaction<DB>, entry: AdminLogEntry, at = new Date()): Promise<void> {
  await trx
    .insertInto('admin_log')
    .values({
      created_at: at.toISOString(),
      // Id 0 is the stand-in admin of the command line and of scripts: no person to point at.
      person_id: entry.personId !== null && entry.personId > 0 ? entry.personId : null,
      origin: entry.origin,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      subject_name: entry.subjectName,
      changes: JSON.stringify(entry.changes.map((c) => ({ key: c.key, before: maskSecrets(c.key, c.before), after: maskSecrets(c.key, c.after) }))),
    })
    .execute();
}

/** A logged action as the history page shows it. */
export interface AdminLogItem {
  id: number;
  at: string;
  personId: number | null;
  personName: string | null;
  origin: AdminOrigin;
  action: string;
  subjectType: string;
  subjectId: number | null;
  subjectName: string;
  changes: AdminChange[];
}

/** Newest first; `subjectTypes` narrows it (e.g. only settings). */
export async function listAdminLog(db: Kysely<DB>, o: { limit: number; offset?: number; subjectTypes?: readonly string[] }): Promise<AdminLogItem[]> {
  let q = db
    .selectFrom('admin_log')
    .leftJoin('people', 'people.id', 'admin_log.person_id')
    .select([
      'admin_log.id',
      'admin_log.created_at',
      'admin_log.person_id',
      'people.name as person_name',
      'admin_log.origin',
      'admin_log.action',
      'admin_log.subject_type',
      'admin_log.subject_id',
      'admin_log.subject_name',
      'admin_log.changes',
    ]);
  if (o.subjectTypes && o.subjectTypes.length > 0) q = q.where('admin_log.subject_type', 'in', o.subjectTypes);
  const rows = await q.orderBy('admin_log.id', 'desc').limit(o.limit).offset(o.offset ?? 0).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.created_at,
    personId: r.person_id,
    personName: r.person_name,
    origin: r.origin,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    subjectName: r.subject_name,
    changes: JSON.parse(r.changes) as AdminChange[],
  }));
}
