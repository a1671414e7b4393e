import { changeTransaction } from '../../content/changes.js';
import { can, ensure, type Actor } from '../../content/policies.js';
import type { WriterDeps } from '../articleWriter.js';
import { PinError, replacePins, type PinChange } from '../homePins.js';

export { PinError, type PinChange };

export interface SetHomePinsProps {
  /** An editor curating the home page. */
  actor: Actor;
  /** The top stories, in order; every one must exist and be public. */
  articleIds: number[];
  /** The story the person moved (its ↑ ↓ buttons or drag handle), to tell a swap of neighbours apart. */
  moved?: number;
}

/** Replaces the pinned list (order as given) and says what that did; an unchanged list announces nothing. */
export async function setHomePins(deps: WriterDeps, { actor, articleIds, moved }: SetHomePinsProps): Promise<PinChange> {
  ensure(can(actor, 'home.curate'), 'home.curate');
  return changeTransaction(deps.db, deps.feed, async ({ trx, record }) => {
    const change = await replacePins(trx, articleIds, moved);
    if (change.kind !== 'unchanged') record({ type: 'home.changed', pages: ['home'] });
    return change;
  });
}
