import { changeTransaction } from '../../content/changes.js';
import { isVisible } from '../../content/visibility.js';
import { can, ensure, type Actor } from '../../content/policies.js';
import type { WriterDeps } from '../articleWriter.js';
import { WorkflowError } from '../publishing.js';

export interface SetHomePinsProps {
  /** An editor curating the home page. */
  actor: Actor;
  /** The top stories, in order; every one must exist and be public. */
  articleIds: number[];
}

/** A pin that cannot be shown: the story is unknown or not public. */
export class PinError extends WorkflowError {
  constructor(readonly articleId: number, readonly reason: 'unknown' | 'notPublic') {
    super({ code: 'pinRefused', articleId, reason });
  }
}

/** Replaces the pinned list (order as given). */
export async function setHomePins(deps: WriterDeps, { actor, articleIds }: SetHomePinsProps): Promise<void> {
  ensure(can(actor, 'home.curate'), 'home.curate');
  const unique = [...new Set(articleIds)];
  await changeTransaction(deps.db, deps.feed, async ({ trx, record }) => {
    if (unique.length > 0) {
      const rows = await trx.selectFrom('articles').select(['id', 'status', 'published_at']).where('id', 'in', unique).execute();
      for (const id of unique) {
        const row = rows.find((r) => r.id === id);
        if (!row) throw new PinError(id, 'unknown');
        if (!isVisible(row)) throw new PinError(id, 'notPublic');
      }
    }
    await trx.deleteFrom('home_pins').execute();
    if (unique.length > 0) await trx.insertInto('home_pins').values(unique.map((article_id, position) => ({ article_id, position }))).execute();
    record({ type: 'home.changed', pages: ['home'] });
  });
}
