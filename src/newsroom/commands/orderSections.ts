import { changeTransaction } from '../../content/changes.js';
import { can, ensure, type Actor } from '../../content/policies.js';
import type { WriterDeps } from '../articleWriter.js';

export interface OrderSectionsProps {
  /** An editor curating the home page. */
  actor: Actor;
  /** Top-level sections in the order the menu and the home page show them. */
  sectionIds: number[];
}

/** Orders the top-level sections (menu and home blocks) as given. */
export async function orderSections(deps: WriterDeps, { actor, sectionIds }: OrderSectionsProps): Promise<void> {
  ensure(can(actor, 'home.curate'), 'home.curate');
  await changeTransaction(deps.db, deps.feed, async ({ trx, record }) => {
    for (const [position, id] of sectionIds.entries()) {
      await trx.updateTable('sections').set({ position }).where('id', '=', id).execute();
    }
    record({ type: 'taxonomy.changed', pages: ['home', 'taxonomy'] });
  });
}
