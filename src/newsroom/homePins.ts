import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { isVisible } from '../content/visibility.js';
import { WorkflowError } from './publishing.js';

/** A pin that cannot be shown: the story is unknown or not public. */
export class PinError extends WorkflowError {
  constructor(readonly articleId: number, readonly reason: 'unknown' | 'notPublic') {
    super({ code: 'pinRefused', articleId, reason });
  }
}

/** What a new list of pins did to the old one, so the page can say it in words (positions are 1-based). */
export type PinChange =
  | { kind: 'unchanged' }
  | { kind: 'added'; articleId: number; position: number }
  | { kind: 'removed'; articleId: number }
  | { kind: 'moved'; articleId: number; from: number; to: number }
  | { kind: 'replaced' };

const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const without = (xs: readonly number[], i: number) => [...xs.slice(0, i), ...xs.slice(i + 1)];

/**
 * The one step from `before` to `after`, when there is one: a story added, removed, or moved
 * to another place. Swapping two neighbours moves either of them; `moved` says which one the
 * person moved (the row whose button or handle they used).
 */
export function pinChange(before: readonly number[], after: readonly number[], moved?: number): PinChange {
  if (same(before, after)) return { kind: 'unchanged' };
  if (after.length === before.length + 1) {
    const i = after.findIndex((id) => !before.includes(id));
    if (i >= 0 && same(without(after, i), before)) return { kind: 'added', articleId: after[i]!, position: i + 1 };
  }
  if (after.length === before.length - 1) {
    const i = before.findIndex((id) => !after.includes(id));
    if (i >= 0 && same(without(before, i), after)) return { kind: 'removed', articleId: before[i]! };
  }
  if (after.length === before.length) {
    const candidates = before.flatMap((id, from) => {
      const to = after.indexOf(id);
      return to >= 0 && to !== from && same(without(before, from), without(after, to)) ? [{ kind: 'moved' as const, articleId: id, from: from + 1, to: to + 1 }] : [];
    });
    const chosen = candidates.find((c) => c.articleId === moved) ?? candidates[0];
    if (chosen) return chosen;
  }
  return { kind: 'replaced' };
}

/** Replaces the pinned list (order as given, repeats dropped) after checking every story is public; says what changed. */
export async function replacePins(trx: Transaction<DB>, articleIds: readonly number[], moved?: number): Promise<PinChange> {
  const unique = [...new Set(articleIds)];
  if (unique.length > 0) {
    const rows = await trx.selectFrom('articles').select(['id', 'status', 'published_at']).where('id', 'in', unique).execute();
    for (const id of unique) {
      const row = rows.find((r) => r.id === id);
      if (!row) throw new PinError(id, 'unknown');
      if (!isVisible(row)) throw new PinError(id, 'notPublic');
    }
  }
  const before = (await trx.selectFrom('home_pins').select('article_id').orderBy('position').execute()).map((r) => r.article_id);
  const change = pinChange(before, unique, moved);
  if (change.kind === 'unchanged') return change;
  await trx.deleteFrom('home_pins').execute();
  if (unique.length > 0) await trx.insertInto('home_pins').values(unique.map((article_id, position) => ({ article_id, position }))).execute();
  return change;
}
