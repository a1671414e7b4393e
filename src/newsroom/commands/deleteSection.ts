import { changeTransaction } from '../../content/changes.js';
import { logAdminAction } from '../../content/adminLog.js';
import { can, ensure } from '../../content/policies.js';
import type { WriterDeps } from '../articleWriter.js';
import { diff, sectionById, sectionKeys, sectionUse, taxonomyPages, TaxonomyError, type TaxonomyActor } from '../taxonomy.js';

export interface DeleteSectionProps extends TaxonomyActor {
  id: number;
}

/** Deletes a section that holds no story (of any status) and no sub-section; else `notEmpty` with the counts. */
export async function deleteSection(deps: WriterDeps, p: DeleteSectionProps): Promise<void> {
  ensure(can(p.actor, 'taxonomy.manage'), 'taxonomy.manage');
  await changeTransaction(deps.db, deps.feed, async ({ trx, record }) => {
    const section = await sectionById(trx, p.id);
    const use = await sectionUse(trx, p.id);
    if (use.stories > 0 || use.children > 0) throw new TaxonomyError({ code: 'notEmpty', ...use });
    await trx.deleteFrom('sections').where('id', '=', p.id).execute();
    record({ type: 'taxonomy.changed', pages: taxonomyPages(`section:${p.id}`) });
    await logAdminAction(trx, {
      personId: p.origin === 'cli' ? null : p.actor.id,
      origin: p.origin ?? 'newsroom',
      action: 'section.delete',
      subjectType: 'section',
      subjectId: p.id,
      subjectName: section.name,
      changes: diff(section, null, sectionKeys),
    });
  });
}
