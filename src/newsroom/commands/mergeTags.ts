import { logAdminAction } from '../../content/adminLog.js';
import { can, ensure } from '../../content/policies.js';
import { urls } from '../../content/urls.js';
import { updateArticle, writeArticles, type WriterDeps } from '../articleWriter.js';
import { movePaths, retargetPending, storiesWithTag, tagById, taxonomyPages, TaxonomyError, type TaxonomyActor } from '../taxonomy.js';

export interface MergeTagsProps extends TaxonomyActor {
  /** The tag that goes away. */
  sourceId: number;
  /** The tag its stories get instead. */
  targetId: number;
}

/**
 * Merges one tag into another: every story (and waiting edit) with the source carries the target
 * instead, the source's page 301s to the target's, and the source is deleted. Returns how many
 * stories were retagged.
 */
export async function mergeTags(deps: WriterDeps, p: MergeTagsProps): Promise<{ moved: number }> {
  ensure(can(p.actor, 'taxonomy.manage'), 'taxonomy.manage');
  if (p.sourceId === p.targetId) throw new TaxonomyError({ code: 'mergeSame' });
  return writeArticles(deps, 'newsroom', async (scope) => {
    const { trx } = scope;
    const source = await tagById(trx, p.sourceId);
    const target = await tagById(trx, p.targetId);
    const stories = await storiesWithTag(trx, source.id);
    for (const id of stories) {
      const tags = await trx.selectFrom('article_tags').select('tag_id').where('article_id', '=', id).orderBy('tag_id').execute();
      await updateArticle(scope, id, { tagIds: [...new Set(tags.map((t) => (t.tag_id === source.id ? target.id : t.tag_id)))] });
    }
    await retargetPending(trx, { tag: { from: source.id, to: target.id } });
    await trx.deleteFrom('tags').where('id', '=', source.id).execute();
    await movePaths(trx, [{ from: urls.tag(source.slug), to: urls.tag(target.slug) }]);
    scope.record({ type: 'taxonomy.changed', pages: taxonomyPages(`tag:${source.id}`, `tag:${target.id}`) });
    await logAdminAction(trx, {
      personId: p.origin === 'cli' ? null : p.actor.id,
      origin: p.origin ?? 'newsroom',
      action: 'tag.merge',
      subjectType: 'tag',
      subjectId: source.id,
      subjectName: source.name,
      changes: [
        { key: 'mergedInto', before: source.name, after: target.name },
        { key: 'stories', before: stories.length, after: 0 },
      ],
    });
    return { moved: stories.length };
  });
}
