import { changeTransaction } from '../../content/changes.js';
import { logAdminAction } from '../../content/adminLog.js';
import { can, ensure } from '../../content/policies.js';
import type { WriterDeps } from '../articleWriter.js';
import { diff, storiesWithTag, tagById, tagKeys, taxonomyPages, TaxonomyError, type TaxonomyActor } from '../taxonomy.js';

export interface DeleteTagProps extends TaxonomyActor {
  id: number;
}

/** Deletes a tag no story (of any status) carries; else `notEmpty` with the count. */
export async function deleteTag(deps: WriterDeps, p: DeleteTagProps): Promise<void> {
  ensure(can(p.actor, 'taxonomy.manage'), 'taxonomy.manage');
  await changeTransaction(deps.db, deps.feed, async ({ trx, record }) => {
    const tag = await tagById(trx, p.id);
    const stories = await storiesWithTag(trx, p.id);
    if (stories.length > 0) throw new TaxonomyError({ code: 'notEmpty', stories: stories.length, children: 0 });
    await trx.deleteFrom('tags').where('id', '=', p.id).execute();
    record({ type: 'taxonomy.changed', pages: taxonomyPages(`tag:${p.id}`) });
    await logAdminAction(trx, {
      personId: p.origin === 'cli' ? null : p.actor.id,
      origin: p.origin ?? 'newsroom',
      action: 'tag.delete',
      subjectType: 'tag',
      subjectId: p.id,
      subjectName: tag.name,
      changes: diff(tag, null, tagKeys),
    });
  });
}
