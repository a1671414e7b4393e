import { logAdminAction } from '../../content/adminLog.js';
import { can, ensure } from '../../content/policies.js';
import { updateArticle, writeArticles, type WriterDeps } from '../articleWriter.js';
import { movePaths, retargetPending, sectionById, sectionMoves, sectionUse, taxonomyPages, TaxonomyError, type TaxonomyActor } from '../taxonomy.js';

export interface MergeSectionsProps extends TaxonomyActor {
  /** The section that goes away. */
  sourceId: number;
  /** The section its stories (and sub-sections) move to. */
  targetId: number;
}

/**
 * Merges one section into another: its stories (every status) and waiting edits move to the
 * target, its sub-sections move under the target when the target is top-level, its front and
 * feeds 301 to the target's, and it is deleted. Returns how many stories moved.
 */
export async function mergeSections(deps: WriterDeps, p: MergeSectionsProps): Promise<{ moved: number }> {
  ensure(can(p.actor, 'taxonomy.manage'), 'taxonomy.manage');
  if (p.sourceId === p.targetId) throw new TaxonomyError({ code: 'mergeSame' });
  return writeArticles(deps, 'newsroom', async (scope) => {
    const { trx } = scope;
    const source = await sectionById(trx, p.sourceId);
    const target = await sectionById(trx, p.targetId);
    const { children } = await sectionUse(trx, source.id);
    if (children > 0) {
      // One level of nesting: sub-sections can only move under a top-level target.
      if (target.parent_id !== null) throw new TaxonomyError({ code: 'hasChildren', count: children });
      await trx.updateTable('sections').set({ parent_id: target.id }).where('parent_id', '=', source.id).execute();
    }
    if (target.parent_id === source.id) await trx.updateTable('sections').set({ parent_id: source.parent_id }).where('id', '=', target.id).execute();
    const stories = await trx.selectFrom('articles').select('id').where('section_id', '=', source.id).orderBy('id').execute();
    for (const { id } of stories) await updateArticle(scope, id, { sectionId: target.id });
    // Stories listed in the source beside their own section are listed in the target instead.
    const listed = await trx.selectFrom('article_sections').select('article_id').where('section_id', '=', source.id).orderBy('article_id').execute();
    for (const { article_id } of listed) {
      const others = (await trx.selectFrom('article_sections').select('section_id').where('article_id', '=', article_id).orderBy('position').execute()).map((r) => (r.section_id === source.id ? target.id : r.section_id));
      await updateArticle(scope, article_id, { secondarySectionIds: others });
    }
    await retargetPending(trx, { section: { from: source.id, to: target.id } });
    await trx.deleteFrom('sections').where('id', '=', source.id).execute();
    await movePaths(trx, sectionMoves(source.slug, target.slug));
    scope.record({ type: 'taxonomy.changed', pages: taxonomyPages(`section:${source.id}`, `section:${target.id}`) });
    await logAdminAction(trx, {
      personId: p.origin === 'cli' ? null : p.actor.id,
      origin: p.origin ?? 'newsroom',
      action: 'section.merge',
      subjectType: 'section',
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
