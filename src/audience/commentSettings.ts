import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * Moderation settings, stored in the `settings` table under their own keys (the site settings
 * schema ignores keys it does not know, so they live side by side).
 */
export interface CommentSettings {
  /** Publish comments that pass every check at once, instead of holding them for an editor. */
  autoApprove: boolean;
  /** Words and phrases a comment may not contain (matched case-insensitively, anywhere). */
  blocklist: string[];
  /** Most links one comment may hold. */
  maxLinks: number;
}

export const defaultCommentSettings: CommentSettings = { autoApprove: false, blocklist: [], maxLinks: 2 };

const keys = { autoApprove: 'comments.autoApprove', blocklist: 'comments.blocklist', maxLinks: 'comments.maxLinks' } as const;

export async function getCommentSettings(db: Kysely<DB>): Promise<CommentSettings> {
  const rows = await db.selectFrom('settings').selectAll().where('key', 'in', Object.values(keys)).execute();
  const stored = new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const auto = stored.get(keys.autoApprove);
  const list = stored.get(keys.blocklist);
  const max = stored.get(keys.maxLinks);
  return {
    autoApprove: typeof auto === 'boolean' ? auto : defaultCommentSettings.autoApprove,
    blocklist: Array.isArray(list) ? list.filter((w): w is string => typeof w === 'string') : defaultCommentSettings.blocklist,
    maxLinks: typeof max === 'number' && Number.isInteger(max) && max >= 0 ? max : defaultCommentSettings.maxLinks,
  };
}

/** One entry per line of the editors' textarea: trimmed, NFC, lower case, no duplicates, no blanks. */
export function parseBlocklist(text: string): string[] {
  return [...new Set(text.split(/\r?\n/).map((w) => w.normalize('NFC').trim().toLowerCase()).filter((w) => w.length > 0 && w.length <= 200))].slice(0, 2000);
}

export async function updateCommentSettings(db: Kysely<DB>, patch: Partial<CommentSettings>): Promise<CommentSettings> {
  await db.transaction().execute(async (trx) => {
    for (const [name, value] of Object.entries(patch) as [keyof CommentSettings, unknown][]) {
      const json = JSON.stringify(value);
      await trx
        .insertInto('settings')
        .values({ key: keys[name], value: json })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
        .execute();
    }
  });
  return getCommentSettings(db);
}
