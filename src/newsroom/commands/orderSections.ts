import { changeTransaction } from '../../content/changes.js';
import { logAdminAction } from '../../content/adminLog.js';
import { can, ensure } from '../../content/policies.js';
import type { WriterDeps } from '../articleWriter.js';
import { taxonomyPages, TaxonomyError, type TaxonomyActor } from '../taxonomy.js';

export interface OrderSectionsProps extends TaxonomyActor {
  /** Sections of one level (the top level, or one parent's sub-sections) in the order the menu, the home page and the section fronts show them. */
  sectionIds: number[];
}

/** Orders the sections of one level as given (the drag list and the home page's field). */
export async function orderSections(deps: WriterDeps, { actor, sectionIds, origin = 'newsroom' }: OrderSectionsProps): Promise<void> {
  ensure(can(actor, 'taxonomy.manage'), 'taxonomy.manage');
  await changeTransaction(deps.db, deps.feed, async ({ trx, record }) => {
    const ids = [...new Set(sectionIds)];
    if (ids.length === 0) return;
    const rows = await trx.selectFrom('sections').select(['id', 'name', 'parent_id', 'position']).where('id', 'in', ids).execute();
    const missing = ids.find((id) => !rows.some((r) => r.id === id));
    if (missing !== undefined) throw new TaxonomyError({ code: 'notFound', id: missing });
    // One level at a time: a list that mixes levels would put a sub-section among the menu's.
    if (new Set(rows.map((r) => r.parent_id)).size > 1) throw new TaxonomyError({ code: 'parentInvalid' });
    const before = ids.map((id) => rows.find((r) => r.id === id)!).sort((a, b) => a.position - b.position || a.id - b.id);
    for (const [position, id] of ids.entries()) {
      await trx.updateTable('sections').set({ position }).where('id', '=', id).execute();
    }
    const beforeNames = before.map((r) => r.name);
    const afterNames = ids.map((id) => rows.find((r) => r.id === id)!.name);
    if (JSON.stringify(beforeNames) === JSON.stringify(afterNames)) return;
    record({ type: 'taxonomy.changed', pages: taxonomyPages() });
    await logAdminAction(trx, {
      personId: origin === 'cli' ? null : actor.id,
      origin,
      action: 'section.order',
      subjectType: 'section',
      subjectId: null,
      subjectName: '',
      changes: [{ key: 'order', before: beforeNames, after: afterNames }],
    });
  });
}
